import { conditionOf, type FlowScope } from './flow-scopes';
import { elementProp, type ModdleElement } from './moddle';
import { checkExpression, describe, type Report } from './report';
import { triggerKindOf } from './element-properties';

export function checkFlowEnds(flow: ModdleElement, report: Report): void {
  const source = elementProp(flow, 'sourceRef');
  const target = elementProp(flow, 'targetRef');
  if (!source) report(flow, `Expected sequence flow '${flow.id ?? ''}' to have a source (sourceRef)`);
  if (!target) report(flow, `Expected sequence flow '${flow.id ?? ''}' to have a target (targetRef)`);
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
  const where = scope.kind === 'process' ? 'the process' : `sub-process ${describe(scope.container)}`;
  report(
    flow,
    `Expected sequence flow '${flow.id ?? ''}' to stay inside ${where}: ${describe(outside)} is in another (sub-)process, and flows may not cross sub-process boundaries`,
  );
}

const CONDITIONAL_GATEWAYS: ReadonlySet<string> = new Set(['bpmn:ExclusiveGateway', 'bpmn:InclusiveGateway']);

/** A condition is only read on a flow leaving an exclusive or inclusive gateway, and not on its default. */
export function checkFlowCondition(flow: ModdleElement, report: Report): void {
  const source = elementProp(flow, 'sourceRef');
  const condition = conditionOf(flow);
  if (condition === undefined || !source) return;
  if (!CONDITIONAL_GATEWAYS.has(source.$type)) {
    report(
      flow,
      `Expected no condition on flow '${flow.id ?? ''}': only flows leaving an exclusive or inclusive gateway are conditional`,
    );
    return;
  }
  if (elementProp(source, 'default') === flow) {
    report(flow, `Expected no condition on flow '${flow.id ?? ''}', the gateway's default flow`);
    return;
  }
  checkExpression(flow, condition, `the condition of flow '${flow.id ?? ''}'`, report, { feelOnly: true });
}

/** Default flows, conditions on the flows a gateway chooses among, event-based gateway targets. */
export function checkOutgoingFlows(node: ModdleElement, outgoing: ModdleElement[], report: Report): void {
  const defaultFlow = elementProp(node, 'default');
  if (CONDITIONAL_GATEWAYS.has(node.$type)) {
    if (defaultFlow && elementProp(defaultFlow, 'sourceRef') !== node) {
      report(node, `Expected the default flow '${defaultFlow.id ?? ''}' to leave gateway '${node.id ?? ''}'`);
    }
    if (outgoing.length > 1) {
      for (const flow of outgoing) {
        if (flow !== defaultFlow && conditionOf(flow) === undefined) {
          report(
            flow,
            `Expected a condition on flow '${flow.id ?? ''}', or mark it as the gateway's default flow`,
          );
        }
      }
    }
  } else if (defaultFlow) {
    report(
      node,
      `Expected no default flow on ${describe(node)}: default flows are supported on exclusive and inclusive gateways`,
    );
  }
  if (node.$type === 'bpmn:EventBasedGateway') checkEventBasedGateway(node, outgoing, report);
}

function checkEventBasedGateway(gateway: ModdleElement, outgoing: ModdleElement[], report: Report): void {
  if (outgoing.length < 2) {
    report(
      gateway,
      `Expected at least two outgoing sequence flows from event-based gateway ${describe(gateway)}, one per event it waits for`,
    );
  }
  for (const flow of outgoing) {
    const target = elementProp(flow, 'targetRef');
    if (!target || waitsForEvent(target)) continue;
    report(
      gateway,
      `Expected event-based gateway ${describe(gateway)} to lead only to timer, message or signal intermediate catch events or receive tasks, but flow '${flow.id ?? ''}' leads to ${target.$type} ${describe(target)}`,
    );
  }
}

function waitsForEvent(node: ModdleElement): boolean {
  if (node.$type === 'bpmn:ReceiveTask') return true;
  const kind = node.$type === 'bpmn:IntermediateCatchEvent' ? triggerKindOf(node) : undefined;
  return kind === 'timer' || kind === 'message' || kind === 'signal';
}
