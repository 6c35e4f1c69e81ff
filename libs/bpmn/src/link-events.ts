import { eventDefinitionOf, linkNameOf } from './element-properties';
import type { FlowScope } from './flow-scopes';
import type { ModdleElement } from './moddle';
import { named } from './diagram-problem';
import { problem } from './problem-messages';
import type { Report } from './report';
import { clip } from './text';

/**
 * Link events, resolved once at compile time (as Zeebe does): a link throw event leads to the
 * link catch event of the same name in the same flow scope. Each resolved pair becomes a
 * sequence flow of the compiler's own, `<throw id>#link` ('#' cannot occur in an XML id), so the
 * engine, the reachability check and inclusive joins see an ordinary path and nothing at run
 * time needs to know about links (docs/bpmn-elements.md#link-events).
 */
export const LINK_FLOW_SUFFIX = '#link';

/**
 * The link flows of every scope, as moddle-shaped sequence flows (graph code reads them like the
 * diagram's own). With `report`, says what is wrong: a link without a name, a throw that no catch
 * in its scope answers, two catches of one name in a scope, a throw with a flow of its own.
 */
export function linkFlowsOf(scopes: readonly FlowScope[], report?: Report): ModdleElement[] {
  const say: Report = report ?? (() => undefined);
  const flows: ModdleElement[] = [];
  for (const scope of scopes) {
    const links = scope.nodes.filter(isLinkEvent);
    const catches = new Map<string, ModdleElement[]>();
    for (const event of links) {
      const name = linkNameOf(eventDefinitionOf(event) ?? event);
      if (name === undefined) {
        say(event, problem('link.noName', { element: named(event) }));
        continue;
      }
      if (event.$type === 'bpmn:IntermediateCatchEvent')
        catches.set(name, [...(catches.get(name) ?? []), event]);
    }
    for (const [name, sameName] of catches) {
      if (sameName.length < 2) continue;
      const ids = sameName.map((event) => event.id ?? '').join(', ');
      for (const event of sameName.slice(1)) {
        say(
          event,
          problem('link.severalCatches', {
            name: clip(name),
            container: named(scope.container),
            count: sameName.length,
            ids,
          }),
        );
      }
    }
    for (const event of links) {
      if (event.$type !== 'bpmn:IntermediateThrowEvent') continue;
      const name = linkNameOf(eventDefinitionOf(event) ?? event);
      if (name === undefined) continue;
      const own = scope.flows.filter((flow) => (flow.sourceRef as ModdleElement | undefined) === event);
      if (own.length > 0) {
        say(event, problem('link.throwWithOutgoing', { element: named(event), name: clip(name) }));
      }
      const [target] = catches.get(name) ?? [];
      if (!target) {
        say(
          event,
          problem('link.noCatch', {
            name: clip(name),
            container: named(scope.container),
            element: named(event),
          }),
        );
        continue;
      }
      flows.push({
        $type: 'bpmn:SequenceFlow',
        id: `${event.id ?? ''}${LINK_FLOW_SUFFIX}`,
        sourceRef: event,
        targetRef: target,
      });
    }
  }
  return flows;
}

function isLinkEvent(node: ModdleElement): boolean {
  return (
    (node.$type === 'bpmn:IntermediateThrowEvent' || node.$type === 'bpmn:IntermediateCatchEvent') &&
    eventDefinitionOf(node)?.$type === 'bpmn:LinkEventDefinition'
  );
}
