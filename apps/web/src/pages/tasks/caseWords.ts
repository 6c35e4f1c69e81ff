// A case's history in words for the task page's "最近进展": who did what to which step, by the
// step's name in the diagram, never by its id or the event's type.
import type { HistoryEntry } from '../../api/types';
import type { Translate } from '../../i18n/i18n';

/** Every named element of a BPMN diagram: id → name. */
export function elementNames(xml: string | undefined): Map<string, string> {
  const names = new Map<string, string>();
  if (!xml) return names;
  const doc = new DOMParser().parseFromString(xml, 'application/xml');
  for (const element of Array.from(doc.querySelectorAll('[id][name]'))) {
    const name = element.getAttribute('name')?.trim();
    if (name) names.set(element.getAttribute('id') ?? '', name);
  }
  return names;
}

export interface Step {
  seq: number;
  at: string;
  text: string;
}

/**
 * The entries a teacher cares about, newest first, at most `limit`: a case opened, a task
 * claimed, handed over or completed, a timer or message, an incident, the end. Element entries
 * and job completions are the engine's bookkeeping and are left out.
 */
export function stepsInWords(
  entries: readonly HistoryEntry[],
  names: Map<string, string>,
  people: Map<string, string>,
  t: Translate,
  limit = 6,
): Step[] {
  const element = (id: string | null) =>
    id ? (names.get(id) ?? t('taskPage.step.aStep')) : t('taskPage.step.aStep');
  const person = (username: string | null | undefined) =>
    username ? (people.get(username) ?? username) : t('taskPage.step.someone');
  const words = (entry: HistoryEntry): string | null => {
    const data = entry.data ?? {};
    switch (entry.type) {
      case 'instance.started':
        return entry.actor
          ? t('taskPage.step.started', { actor: person(entry.actor) })
          : t('taskPage.step.startedBy');
      case 'task.completed':
        return t(data.claimedOnCompletion ? 'taskPage.step.completedClaimed' : 'taskPage.step.completed', {
          actor: person(entry.actor),
          element: element(entry.elementId),
        });
      case 'task.assigned': {
        const assignee = typeof data.assignee === 'string' ? data.assignee : null;
        if (!assignee)
          return t('taskPage.step.unassigned', {
            actor: person(entry.actor),
            element: element(entry.elementId),
          });
        if (assignee === entry.actor)
          return t('taskPage.step.claimed', {
            actor: person(entry.actor),
            element: element(entry.elementId),
          });
        return t('taskPage.step.assigned', {
          actor: person(entry.actor),
          element: element(entry.elementId),
          assignee: person(assignee),
        });
      }
      case 'task.opened':
        return t('taskPage.step.opened', { element: element(entry.elementId) });
      case 'timer.fired':
        return t('taskPage.step.timer', { element: element(entry.elementId) });
      case 'message.correlated':
        return t('taskPage.step.message', { element: element(entry.elementId) });
      case 'incident.raised':
        return t('taskPage.step.incident', { element: element(entry.elementId) });
      case 'incident.resolved':
        return t('taskPage.step.resolved', { element: element(entry.elementId) });
      case 'instance.completed':
        return t('taskPage.step.caseCompleted');
      case 'instance.cancelled':
      case 'instance.terminated':
        return t('taskPage.step.caseCancelled');
      case 'case.sealed':
        return t('taskPage.step.sealed');
      default:
        return null;
    }
  };
  const steps: Step[] = [];
  for (const entry of [...entries].sort((a, b) => b.seq - a.seq)) {
    const text = words(entry);
    if (text) steps.push({ seq: entry.seq, at: entry.at, text });
    if (steps.length >= limit) break;
  }
  return steps;
}

/** The steps the case has passed (for `cp-done` on the diagram): elements it has left. */
export function passedElements(entries: readonly HistoryEntry[]): Set<string> {
  const passed = new Set<string>();
  for (const entry of entries) {
    if ((entry.type === 'element.left' || entry.type === 'task.completed') && entry.elementId)
      passed.add(entry.elementId);
  }
  return passed;
}
