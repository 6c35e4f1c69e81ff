import type { EntityManager } from 'typeorm';
import type { InstanceDescriptor } from '../../contracts/src';
import { recordNotifications } from './notifications';
import { elementName } from './process-definitions';

/** What changed hands: the task, its holder before and after (user ids), and who did it. */
export interface Reassignment {
  taskId: string;
  elementId: string;
  step: number;
  fromId: string | null;
  toId: string | null;
  actorId: string | null;
}

/**
 * Tells the new and the previous holder of a task that it changed hands, in-app, in the
 * projection's transaction: written with the assignment or not at all. Content-free like every
 * notice (notify's rule): the task's name from the diagram and the unit the case is at, never
 * what the case is about. Nobody is told of their own act (a claim, giving a task back, a
 * supervisor taking it themselves), and nobody else is told at all. Keyed by the task and the
 * step, so one assignment notifies once however often it is written.
 */
export async function noticeReassignment(
  db: EntityManager,
  instance: InstanceDescriptor,
  change: Reassignment,
): Promise<void> {
  if (change.fromId === change.toId) return;
  const toNew = change.toId !== null && change.toId !== change.actorId;
  const toPrevious = change.fromId !== null && change.fromId !== change.actorId;
  if (!toNew && !toPrevious) return;
  const name = (await elementName(db, instance.definitionId, change.elementId))?.trim() || '一项个案任务';
  const units: { name: string }[] = await db.query(`SELECT name FROM org_unit WHERE id = $1`, [
    instance.orgUnitId,
  ]);
  const where = units[0]?.name ?? instance.orgPath;
  const common = {
    instanceId: instance.instanceId,
    taskId: change.taskId,
    orgPath: instance.orgPath,
    idempotencyKey: `task-reassigned:${change.taskId}:${change.step}`,
  };
  if (toNew && change.toId) {
    await recordNotifications(db, {
      ...common,
      recipientIds: [change.toId],
      kind: 'task.assignedToYou',
      title: `任务已转交给你：${name}（${where}）`.slice(0, 200),
    });
  }
  if (toPrevious && change.fromId) {
    await recordNotifications(db, {
      ...common,
      recipientIds: [change.fromId],
      kind: 'task.assignedAway',
      title: `你的任务已转交他人：${name}（${where}）`.slice(0, 200),
    });
  }
}
