import type { ProcessModel } from '../../../../libs/bpmn/src/workflow';
import type { DeadlineTaskRow, EvidenceRow } from './compliance.repository';

export type ComplianceStatus = 'onTime' | 'late' | 'open' | 'overdue' | 'cancelled';

export interface ComplianceEvidence {
  auditEventId: string;
  seq: number;
  type: string;
  at: string;
  /** The entry's hash: the PDF prints its first characters next to the seq. */
  hash: string;
}

export interface ComplianceLine {
  elementId: string;
  name: string;
  taskId: string;
  dueAt: string;
  completedAt: string | null;
  actor: { id: string; displayName: string } | null;
  lateByMs: number;
  status: ComplianceStatus;
  escalations: { elementId: string; name: string; firedAt: string }[];
  evidence: ComplianceEvidence[];
}

/** What builds a case's lines besides its rows: the diagram, the clock, and who completers are. */
export interface LineContext {
  model: ProcessModel | null;
  now: Date;
  /** Completers by username, for a completed task whose row names nobody (older rows). */
  people: ReadonlyMap<string, { id: string; displayName: string }>;
}

/**
 * One line per deadline of the case (docs/compliance.md): each user task that had a due date,
 * with when and by whom it was done, how late, the escalation timers that fired on it while it
 * was open, and the audit entries that prove all of it. The chain is preferred to the task row
 * where both say something (the due date of `task.opened` since it carries one, the time of
 * `task.completed`): the chain is what verification covers.
 */
export function complianceLines(
  tasks: readonly DeadlineTaskRow[],
  entries: readonly EvidenceRow[],
  context: LineContext,
): ComplianceLine[] {
  const elements = context.model?.elements ?? {};
  const nameOf = (elementId: string, fallback?: string | null) =>
    elements[elementId]?.name ?? fallback ?? elementId;
  return tasks.map((task) => {
    const opened = entries.find((e) => e.type === 'task.opened' && e.taskId === task.id);
    const completed = entries.find((e) => e.type === 'task.completed' && e.taskId === task.id);
    const from = opened?.seq ?? 0;
    // A withdrawn task's termination: the first one of its element after it opened.
    const terminated =
      task.state === 'cancelled'
        ? entries.find(
            (e) =>
              e.type === 'element.terminated' &&
              e.elementId === task.elementId &&
              e.seq > from &&
              (task.endedAt === null || e.at.getTime() <= task.endedAt.getTime() + 1),
          )
        : undefined;
    const until = completed?.seq ?? terminated?.seq ?? Number.POSITIVE_INFINITY;
    const fired = entries.filter(
      (e) =>
        e.type === 'timer.fired' &&
        e.seq > from &&
        e.seq < until &&
        e.elementId !== null &&
        isBoundaryOf(context.model, e.elementId, task.elementId),
    );
    const dueAt = new Date(opened?.dueAt ?? task.dueAt.toISOString());
    const completedAt = task.state === 'completed' ? (completed?.at ?? task.endedAt) : null;
    const endedAt = completedAt ?? task.endedAt;
    let status: ComplianceStatus;
    let lateByMs: number;
    if (task.state === 'completed') {
      lateByMs = Math.max(0, (completedAt?.getTime() ?? 0) - dueAt.getTime());
      status = lateByMs > 0 ? 'late' : 'onTime';
    } else if (task.state === 'cancelled') {
      // Withdrawn (its stage ended): how long it had stood overdue by then, if at all.
      lateByMs = Math.max(0, (endedAt?.getTime() ?? dueAt.getTime()) - dueAt.getTime());
      status = 'cancelled';
    } else {
      lateByMs = Math.max(0, context.now.getTime() - dueAt.getTime());
      status = lateByMs > 0 ? 'overdue' : 'open';
    }
    const actor =
      task.state !== 'completed'
        ? null
        : task.actorId && task.actorName
          ? { id: task.actorId, displayName: task.actorName }
          : ((completed?.actor ? context.people.get(completed.actor) : undefined) ?? null);
    const cited = [opened, ...fired, completed, terminated].filter((e): e is EvidenceRow => !!e);
    return {
      elementId: task.elementId,
      name: nameOf(task.elementId, task.name),
      taskId: task.id,
      dueAt: dueAt.toISOString(),
      completedAt: completedAt?.toISOString() ?? null,
      actor,
      lateByMs,
      status,
      escalations: fired.map((e) => ({
        elementId: e.elementId!,
        name: nameOf(e.elementId!),
        firedAt: e.at.toISOString(),
      })),
      evidence: cited
        .sort((a, b) => a.seq - b.seq)
        .map((e) => ({ auditEventId: e.id, seq: e.seq, type: e.type, at: e.at.toISOString(), hash: e.hash })),
    };
  });
}

/** The element is a boundary event of the diagram attached to `activityId`. */
function isBoundaryOf(model: ProcessModel | null, elementId: string, activityId: string): boolean {
  const element = model?.elements[elementId];
  return element?.type === 'boundaryEvent' && element.attachedToId === activityId;
}

/** The usernames of completions whose task row names no completer. */
export function unnamedCompleters(
  tasks: readonly DeadlineTaskRow[],
  entries: readonly EvidenceRow[],
): string[] {
  const unnamed = new Set(tasks.filter((t) => t.state === 'completed' && !t.actorId).map((t) => t.id));
  return [
    ...new Set(
      entries
        .filter((e) => e.type === 'task.completed' && e.taskId !== null && unnamed.has(e.taskId) && e.actor)
        .map((e) => e.actor!),
    ),
  ];
}
