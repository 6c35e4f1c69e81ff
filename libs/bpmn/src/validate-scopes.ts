import { isNoneStartEvent, triggerKindOf } from './element-properties';
import {
  attachedActivityOf,
  boundaryEventsByActivity,
  isEventSubProcess,
  type FlowScope,
  type Graph,
} from './flow-scopes';
import { elementProp, type ModdleElement } from './moddle';
import { named } from './diagram-problem';
import { problem } from './problem-messages';
import type { Report } from './report';

/**
 * Where each scope begins: an embedded sub-process at its one none start event, an event
 * sub-process at its one start event, whose trigger starts it. A process begins at its one none
 * start event or, when it has none, at its message, timer and signal start events (Camunda 8
 * deploys such a process; only a message, its timer or a signal starts a case of it). The starts of its event
 * sub-processes are not in this scope, so they do not count.
 */
export function checkStartEvents(scope: FlowScope, report: Report): void {
  const starts = scope.nodes.filter((node) => node.$type === 'bpmn:StartEvent');
  const container = scope.container;
  if (scope.kind === 'eventSubProcess') {
    for (const extra of starts.slice(1)) {
      report(
        extra,
        problem('scope.eventSubProcessStarts', { count: starts.length, container: named(container) }),
      );
    }
    if (starts.length === 0) {
      report(container, problem('scope.eventSubProcessNoStart', { container: named(container) }));
    }
    return;
  }
  const noneStarts = starts.filter(isNoneStartEvent);
  if (scope.kind === 'process') {
    for (const extra of noneStarts.slice(1)) {
      report(extra, problem('scope.processNoneStarts', { count: noneStarts.length }));
    }
    const triggeredStarts = starts.filter((node) => {
      const kind = triggerKindOf(node);
      return kind === 'message' || kind === 'timer' || kind === 'signal';
    });
    if (noneStarts.length === 0 && triggeredStarts.length === 0) {
      report(container, problem('scope.processNoStart', { process: container.id ?? '' }));
    }
    return;
  }
  for (const extra of noneStarts.slice(1)) {
    report(
      extra,
      problem('scope.subProcessStarts', { count: noneStarts.length, container: named(container) }),
    );
  }
  if (noneStarts.length === 0) {
    report(container, problem('scope.subProcessNoStart', { container: named(container) }));
  }
}

/**
 * The nodes no token can reach. A case enters the process at its start events (and its event
 * sub-processes, whose triggers can fire while it runs); entering a sub-process enters at its
 * start events and event sub-processes too; reaching an activity makes its boundary events
 * reachable. Only the first unreachable node of each scope or attachment is returned: the
 * contents of an unreachable sub-process and the boundary events of an unreachable activity are
 * unreachable because of it, not in their own right.
 */
export function unreachableNodes(scopes: FlowScope[], graph: Graph): ModdleElement[] {
  const [processScope] = scopes;
  if (!processScope) return [];
  const scopeOfContainer = new Map(scopes.map((scope) => [scope.container, scope]));
  const boundaryEvents = boundaryEventsByActivity(scopes.flatMap((scope) => scope.nodes));

  const reached = new Set<ModdleElement>([processScope.container]);
  const queue: ModdleElement[] = [];
  const enter = (scope: FlowScope | undefined): void => {
    for (const node of scope?.nodes ?? []) {
      if (node.$type === 'bpmn:StartEvent' || isEventSubProcess(node)) queue.push(node);
    }
  };
  enter(processScope);
  for (let node = queue.shift(); node; node = queue.shift()) {
    if (reached.has(node)) continue;
    reached.add(node);
    for (const flow of graph.outgoing.get(node.id ?? '') ?? []) {
      const target = elementProp(flow, 'targetRef');
      if (target) queue.push(target);
    }
    queue.push(...(boundaryEvents.get(node) ?? []));
    if (node.$type === 'bpmn:SubProcess') enter(scopeOfContainer.get(node));
  }

  return scopes.flatMap((scope) =>
    reached.has(scope.container)
      ? scope.nodes.filter((node) => {
          if (reached.has(node) || node.isForCompensation === true) return false;
          const activity = attachedActivityOf(node);
          return !activity || reached.has(activity);
        })
      : [],
  );
}
