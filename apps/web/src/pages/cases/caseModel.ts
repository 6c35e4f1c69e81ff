// What the case page reads out of a diagram's XML and a case's audit history: element names,
// the path taken (diagram markers), and the timeline in words. Pure functions; the page renders.
import type { HistoryEntry, Task } from '../../api/types';
import type { Translate } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/zh-CN';

export interface DiagramFacts {
  /** The process's name in the diagram, when it has one. */
  processName: string | null;
  processIds: Set<string>;
  /** Flow node id → its name (trimmed, may be empty) and BPMN tag (`userTask`, …). */
  nodes: Map<string, { name: string; tag: string }>;
  flows: { id: string; source: string; target: string }[];
}

const NON_NODES = new Set([
  'sequenceFlow',
  'process',
  'extensionElements',
  'incoming',
  'outgoing',
  'conditionExpression',
  'documentation',
  'laneSet',
  'lane',
  'flowNodeRef',
  'textAnnotation',
  'association',
  'dataObject',
  'dataObjectReference',
  'dataStoreReference',
  'multiInstanceLoopCharacteristics',
  'timerEventDefinition',
  'messageEventDefinition',
  'signalEventDefinition',
  'errorEventDefinition',
  'escalationEventDefinition',
  'terminateEventDefinition',
  'conditionalEventDefinition',
  'compensateEventDefinition',
  'linkEventDefinition',
]);

const BPMN_NS = 'http://www.omg.org/spec/BPMN/20100524/MODEL';

/** Names and flows of every process in the XML (DOMParser: nothing runs, nothing renders). */
export function readDiagram(xml: string | undefined): DiagramFacts {
  const facts: DiagramFacts = { processName: null, processIds: new Set(), nodes: new Map(), flows: [] };
  if (!xml) return facts;
  const doc = new DOMParser().parseFromString(xml, 'application/xml');
  if (doc.getElementsByTagName('parsererror').length > 0) return facts;
  for (const process of Array.from(doc.getElementsByTagNameNS(BPMN_NS, 'process'))) {
    facts.processIds.add(process.getAttribute('id') ?? '');
    facts.processName ??= process.getAttribute('name')?.trim() || null;
    for (const element of Array.from(process.getElementsByTagNameNS(BPMN_NS, '*'))) {
      const id = element.getAttribute('id');
      const tag = element.localName;
      if (tag === 'sequenceFlow') {
        const source = element.getAttribute('sourceRef');
        const target = element.getAttribute('targetRef');
        if (id && source && target) facts.flows.push({ id, source, target });
        continue;
      }
      if (!id || NON_NODES.has(tag) || tag.endsWith('EventDefinition')) continue;
      facts.nodes.set(id, { name: element.getAttribute('name')?.trim() ?? '', tag });
    }
  }
  return facts;
}

/** A generic word for an unnamed element, by its BPMN tag: never its id. */
function kindKey(tag: string | undefined): MessageKey {
  if (!tag) return 'element.other';
  if (tag === 'startEvent') return 'element.startEvent';
  if (tag === 'endEvent') return 'element.endEvent';
  if (tag.endsWith('Gateway')) return 'element.gateway';
  if (tag.endsWith('Event')) return 'element.event';
  if (tag === 'subProcess' || tag === 'callActivity' || tag === 'transaction') return 'element.subProcess';
  if (tag.endsWith('Task') || tag === 'task') return 'element.task';
  return 'element.other';
}

/** The element's name from the diagram, else what kind of element it is, else the process's name. */
export function elementLabel(
  facts: DiagramFacts,
  elementId: string | null | undefined,
  t: Translate,
): string {
  if (!elementId) return t('element.other');
  const node = facts.nodes.get(elementId);
  if (node?.name) return node.name;
  if (!node && facts.processIds.has(elementId)) return facts.processName ?? t('element.other');
  return t(kindKey(node?.tag));
}

export function isNamed(facts: DiagramFacts, elementId: string | null | undefined): boolean {
  return !!elementId && !!facts.nodes.get(elementId)?.name;
}

/**
 * Marker classes for the diagram: where the case is now (cp-active), what it went through
 * (cp-done, nodes and the sequence flows between two entered nodes, the target entered after the
 * source) and where it is stuck (cp-incident).
 */
export function pathMarkers(
  facts: DiagramFacts,
  history: readonly HistoryEntry[],
  activeIds: readonly string[],
  incidentIds: readonly string[],
): Record<string, string> {
  const firstEntered = new Map<string, number>();
  const lastEntered = new Map<string, number>();
  for (const entry of history) {
    if (!entry.elementId || !facts.nodes.has(entry.elementId)) continue;
    if (!firstEntered.has(entry.elementId)) firstEntered.set(entry.elementId, entry.seq);
    lastEntered.set(entry.elementId, entry.seq);
  }
  const markers: Record<string, string[]> = {};
  const add = (id: string, marker: string) => (markers[id] ??= []).push(marker);
  const active = new Set(activeIds);
  for (const id of firstEntered.keys()) if (!active.has(id)) add(id, 'cp-done');
  for (const flow of facts.flows) {
    const from = firstEntered.get(flow.source);
    const to = lastEntered.get(flow.target);
    if (from !== undefined && to !== undefined && to > from) add(flow.id, 'cp-done');
  }
  for (const id of active) add(id, 'cp-active');
  for (const id of incidentIds) add(id, 'cp-incident');
  return Object.fromEntries(Object.entries(markers).map(([id, list]) => [id, [...new Set(list)].join(' ')]));
}

/** "3 小时" / "3 h": whole days and hours, or minutes below an hour. */
export function formatDuration(ms: number, t: Translate): string {
  const minutes = Math.floor(Math.abs(ms) / 60_000);
  if (minutes < 1) return t('duration.lessThanMinute');
  if (minutes < 60) return t('duration.minutes', { n: minutes });
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return t('duration.hours', { n: hours });
  const days = Math.floor(hours / 24);
  const rest = hours % 24;
  return rest === 0 ? t('duration.days', { n: days }) : t('duration.daysHours', { n: days, h: rest });
}

/** Late by less than this is on time: the clock of a completion is not the clock of a deadline. */
const GRACE_MS = 60_000;

export type TimelineTone = 'start' | 'done' | 'late' | 'incident' | 'info' | 'minor' | 'end';

export interface TimelineItem {
  key: string;
  seq: number;
  at: string;
  /** The history type of the entry the line stands for (a data attribute, never shown). */
  type: string;
  tone: TimelineTone;
  text: string;
  /** A second line: an incident's message, a cancellation's reason. */
  detail?: string;
  /** Pass-through steps (unnamed gateways, an element left): shown with "every step". */
  minor: boolean;
  elementId: string | null;
}

export interface TimelineContext {
  facts: DiagramFacts;
  t: Translate;
  /** A username → the person's display name where known. */
  person(username: string | null | undefined): string;
  /** The case's tasks by id (their due dates), as far as the caller may see them. */
  tasks: ReadonlyMap<string, Pick<Task, 'dueAt'>>;
  formatDateTime(iso: string): string;
}

const str = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);

/**
 * The history as sentences, oldest first. Noise is grouped: an element entered and its task
 * opened read as one line, an element entered and left at once reads "passed", and the `left`
 * after a completion, a timer or a message is not repeated.
 */
export function buildTimeline(entries: readonly HistoryEntry[], ctx: TimelineContext): TimelineItem[] {
  const { facts, t, person } = ctx;
  const sorted = [...entries].sort((a, b) => a.seq - b.seq);
  const items: TimelineItem[] = [];
  const element = (id: string | null | undefined) => elementLabel(facts, id, t);
  const actorOf = (entry: HistoryEntry) => (entry.actor ? person(entry.actor) : t('event.system'));

  for (let index = 0; index < sorted.length; index++) {
    const entry = sorted[index]!;
    const next = sorted[index + 1];
    const data = entry.data ?? {};
    const base = {
      key: String(entry.seq),
      seq: entry.seq,
      at: entry.at,
      type: entry.type,
      elementId: entry.elementId,
    };
    const push = (tone: TimelineTone, text: string, extra: Partial<TimelineItem> = {}) =>
      items.push({ ...base, tone, text, minor: false, ...extra });
    const sameElementNext = (type: string) =>
      next !== undefined && next.type === type && next.elementId === entry.elementId;

    switch (entry.type) {
      case 'instance.started':
        push(
          'start',
          entry.actor
            ? t('event.instance.started', { actor: actorOf(entry) })
            : t('event.instance.startedSystem'),
        );
        break;
      case 'instance.completed':
        push('end', t('event.instance.completed'));
        break;
      case 'instance.terminated':
        push('incident', t('event.instance.terminated', { element: element(entry.elementId) }));
        break;
      case 'instance.cancelled': {
        const reason = str(data.reason);
        push(
          'end',
          reason
            ? t('event.instance.cancelledReason', { actor: actorOf(entry), reason })
            : t('event.instance.cancelled', { actor: actorOf(entry) }),
        );
        break;
      }
      case 'element.entered': {
        if (sameElementNext('task.opened')) {
          const taskId = str(next!.data?.taskId);
          const due = taskId ? ctx.tasks.get(taskId)?.dueAt : null;
          items.push({
            ...base,
            key: `${entry.seq}+${next!.seq}`,
            type: 'task.opened',
            tone: 'info',
            text: due
              ? t('event.task.openedDue', { element: element(entry.elementId), due: ctx.formatDateTime(due) })
              : t('event.task.opened', { element: element(entry.elementId) }),
            minor: false,
          });
          index++;
          continue;
        }
        if (sameElementNext('element.left')) {
          items.push({
            ...base,
            key: `${entry.seq}+${next!.seq}`,
            tone: 'minor',
            text: t('event.element.passed', { element: element(entry.elementId) }),
            minor:
              !isNamed(facts, entry.elementId) ||
              facts.nodes.get(entry.elementId ?? '')?.tag === 'startEvent',
          });
          index++;
          continue;
        }
        push('minor', t('event.element.entered', { element: element(entry.elementId) }), {
          minor: !isNamed(facts, entry.elementId),
        });
        break;
      }
      case 'element.left':
        // After a completion, a timer or a message it says nothing new: shown with every step only.
        push('minor', t('event.element.left', { element: element(entry.elementId) }), { minor: true });
        break;
      case 'element.terminated':
        push('minor', t('event.element.terminated', { element: element(entry.elementId) }), { minor: true });
        break;
      case 'task.opened': {
        const taskId = str(data.taskId);
        const due = taskId ? ctx.tasks.get(taskId)?.dueAt : null;
        push(
          'info',
          due
            ? t('event.task.openedDue', { element: element(entry.elementId), due: ctx.formatDateTime(due) })
            : t('event.task.opened', { element: element(entry.elementId) }),
        );
        break;
      }
      case 'task.assigned': {
        const assignee = str(data.assignee);
        const previousAssignee = str(data.previousAssignee);
        const params = { actor: actorOf(entry), element: element(entry.elementId) };
        if (assignee === null) push('info', t('event.task.unclaimed', params));
        else if (assignee === entry.actor && previousAssignee === null)
          push('info', t('event.task.claimed', params));
        else if (previousAssignee !== null)
          push(
            'info',
            t('event.task.reassignedFrom', {
              ...params,
              assignee: person(assignee),
              previous: person(previousAssignee),
            }),
          );
        else push('info', t('event.task.reassigned', { ...params, assignee: person(assignee) }));
        break;
      }
      case 'task.completed': {
        const taskId = str(data.taskId);
        const dueAt = taskId ? ctx.tasks.get(taskId)?.dueAt : null;
        const params = { actor: actorOf(entry), element: element(entry.elementId) };
        const lateBy = dueAt ? new Date(entry.at).getTime() - new Date(dueAt).getTime() : null;
        const claimed = data.claimedOnCompletion === true ? ` ${t('event.task.claimedOnCompletion')}` : '';
        if (lateBy !== null && lateBy > GRACE_MS)
          push(
            'late',
            t('event.task.completedLate', { ...params, duration: formatDuration(lateBy, t) }) + claimed,
          );
        else if (lateBy !== null) push('done', t('event.task.completedOnTime', params) + claimed);
        else push('done', t('event.task.completed', params) + claimed);
        break;
      }
      case 'job.completed':
        push('done', t('event.job.completed', { element: element(entry.elementId) }));
        break;
      case 'timer.fired':
        push('info', t('event.timer.fired', { element: element(entry.elementId) }));
        break;
      case 'message.correlated':
        push(
          'info',
          entry.actor
            ? t('event.message.correlatedBy', { actor: actorOf(entry), element: element(entry.elementId) })
            : t('event.message.correlated', { element: element(entry.elementId) }),
        );
        break;
      case 'signal.received':
        push('info', t('event.signal.received', { element: element(entry.elementId) }));
        break;
      case 'error.thrown':
        push('incident', t('event.error.thrown', { element: element(entry.elementId) }), {
          detail: str(data.message) ?? undefined,
        });
        break;
      case 'escalation.thrown':
        push('late', t('event.escalation.thrown', { element: element(entry.elementId) }));
        break;
      case 'incident.raised':
        push('incident', t('event.incident.raised', { element: element(entry.elementId) }), {
          detail: str(data.message) ?? undefined,
        });
        break;
      case 'incident.resolved': {
        const variables = Array.isArray(data.variables)
          ? data.variables.filter((v) => typeof v === 'string')
          : [];
        const params = { actor: actorOf(entry), element: element(entry.elementId) };
        if (variables.length > 0)
          push('done', t('event.incident.retriedWith', { ...params, variables: variables.join(', ') }));
        else if (entry.actor && data.reason === undefined) push('done', t('event.incident.retried', params));
        else push('minor', t('event.incident.closed', params));
        break;
      }
      case 'case.sealed':
        push('end', t('event.case.sealed'));
        break;
      case 'case.purged':
        push('end', t('event.case.purged'));
        break;
      case 'case.purge.blocked':
        push('info', t('event.case.purgeBlocked'));
        break;
      case 'case.legalHold.placed':
      case 'case.legalHold.released':
      case 'case.breakGlass.granted': {
        const key =
          entry.type === 'case.legalHold.placed'
            ? 'event.case.holdPlaced'
            : entry.type === 'case.legalHold.released'
              ? 'event.case.holdReleased'
              : 'event.case.breakGlass';
        push('info', t(key, { actor: actorOf(entry) }), { detail: str(data.reason) ?? undefined });
        break;
      }
      default:
        push('minor', t('event.other'));
    }
  }
  return items;
}
