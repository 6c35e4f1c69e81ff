import { conditionOf, type FlowScope } from './flow-scopes';
import { elementProp, type ModdleElement } from './moddle';
import { named } from './diagram-problem';
import { problem } from './problem-messages';
import { checkExpression, type Report } from './report';
import { triggerKindOf } from './element-properties';

export function checkFlowEnds(flow: ModdleElement, report: Report): void {
  const source = elementProp(flow, 'sourceRef');
  const target = elementProp(flow, 'targetRef');
  if (!source) report(flow, problem('flow.noSource', { flow: flow.id ?? '' }));
  if (!target) report(flow, problem('flow.noTarget', { flow: flow.id ?? '' }));
}

/**
 * A sequence flow connects two nodes of the same (sub-)process: a token cannot jump into or out
 * of a scope, which enters through its start event and leaves when its paths end.
 */
export function checkFlowScope(
  flow: ModdleElement,
  scope: FlowScope,
  scopeOf: ReadonlyMap<ModdleElement, FlowScope>,
  report: Report,
): void {
  const outside = [elementProp(flow, 'sourceRef'), elementProp(flow, 'targetRef')].find(
    (end) => end !== undefined && scopeOf.get(end) !== scope,
  );
  if (!outside) return;
  const where =
    scope.kind === 'process'
      ? problem('flow.theProcess')
      : problem('flow.subProcess', { element: named(scope.container) });
  report(flow, problem('flow.crossesScope', { flow: flow.id ?? '', where, outside: named(outside) }));
}

const CONDITIONAL_GATEWAYS: ReadonlySet<string> = new Set(['bpmn:ExclusiveGateway', 'bpmn:InclusiveGateway']);

/** A condition is only read on a flow leaving an exclusive or inclusive gateway, and not on its default. */
export function checkFlowCondition(flow: ModdleElement, report: Report): void {
  const source = elementProp(flow, 'sourceRef');
  const condition = conditionOf(flow);
  if (condition === undefined || !source) return;
  if (!CONDITIONAL_GATEWAYS.has(source.$type)) {
    report(flow, problem('flow.conditionNotFromGateway', { flow: flow.id ?? '' }));
    return;
  }
  if (elementProp(source, 'default') === flow) {
    report(flow, problem('flow.conditionOnDefault', { flow: flow.id ?? '' }));
    return;
  }
  checkExpression(flow, condition, problem('where.flowCondition', { flow: flow.id ?? '' }), report, {
    feelOnly: true,
  });
}

/** Default flows, conditions on the flows a gateway chooses among, event-based gateway targets. */
export function checkOutgoingFlows(node: ModdleElement, outgoing: ModdleElement[], report: Report): void {
  const defaultFlow = elementProp(node, 'default');
  if (CONDITIONAL_GATEWAYS.has(node.$type)) {
    if (defaultFlow && elementProp(defaultFlow, 'sourceRef') !== node) {
      report(
        node,
        problem('gateway.defaultElsewhere', { flow: defaultFlow.id ?? '', gateway: node.id ?? '' }),
      );
    }
    if (outgoing.length > 1) {
      for (const flow of outgoing) {
        if (flow !== defaultFlow && conditionOf(flow) === undefined) {
          report(flow, problem('flow.missingCondition', { flow: flow.id ?? '' }));
        }
      }
    }
  } else if (defaultFlow) {
    report(node, problem('gateway.defaultOnOther', { element: named(node) }));
  }
  if (node.$type === 'bpmn:EventBasedGateway') checkEventBasedGateway(node, outgoing, report);
}

function checkEventBasedGateway(gateway: ModdleElement, outgoing: ModdleElement[], report: Report): void {
  if (outgoing.length < 2) {
    report(gateway, problem('gateway.eventBasedTooFew', { gateway: named(gateway) }));
  }
  for (const flow of outgoing) {
    const target = elementProp(flow, 'targetRef');
    if (!target || waitsForEvent(target)) continue;
    report(
      gateway,
      problem('gateway.eventBasedTarget', {
        gateway: named(gateway),
        flow: flow.id ?? '',
        type: target.$type,
        target: named(target),
      }),
    );
  }
}

function waitsForEvent(node: ModdleElement): boolean {
  if (node.$type === 'bpmn:ReceiveTask') return true;
  const kind = node.$type === 'bpmn:IntermediateCatchEvent' ? triggerKindOf(node) : undefined;
  return kind === 'timer' || kind === 'message' || kind === 'signal';
}
