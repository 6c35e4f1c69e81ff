import { setTimeout as sleep } from 'node:timers/promises';
import type { ProcessActivities, ProjectStepResult } from '../../libs/contracts/src';

/**
 * Where the stub projection drops the ids of the tasks each step opens, so the bench can
 * complete them: the bench's stand-in for reading the user_task table.
 */
export class TaskInbox {
  private readonly opened = new Map<string, string[]>();
  private readonly waiting = new Map<string, (taskId: string) => void>();
  /** When false, opened tasks are not kept (a bench that never completes them keeps its heap clean). */
  keeping = true;

  record(instanceId: string, taskIds: string[]): void {
    if (!this.keeping) return;
    for (const taskId of taskIds) {
      const waiter = this.waiting.get(instanceId);
      if (waiter) {
        this.waiting.delete(instanceId);
        waiter(taskId);
      } else {
        const queue = this.opened.get(instanceId) ?? [];
        queue.push(taskId);
        this.opened.set(instanceId, queue);
      }
    }
  }

  /** The oldest opened task of the case not yet taken, once there is one. */
  next(instanceId: string, timeoutMs = 60_000): Promise<string> {
    const queue = this.opened.get(instanceId);
    const first = queue?.shift();
    if (first !== undefined) {
      if (queue?.length === 0) this.opened.delete(instanceId);
      return Promise.resolve(first);
    }
    if (this.waiting.has(instanceId)) {
      return Promise.reject(new Error(`Already waiting for a task of case ${instanceId}`));
    }
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(instanceId);
        reject(new Error(`No task opened in case ${instanceId} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiting.set(instanceId, (taskId) => {
        clearTimeout(timer);
        resolve(taskId);
      });
    });
  }
}

const NOTHING_BUFFERED: ProjectStepResult = { bufferedMessages: [] };

/**
 * Activities that do no I/O, so the benches measure the workflows and Temporal rather than
 * PostgreSQL. Both the interpreter and the hand-written workflow use these same functions. Only
 * the projection is stubbed: the bench diagrams call no other activity, and one that did would
 * fail loudly as not registered.
 */
export function stubActivities(
  inbox?: TaskInbox,
  options: { delayMs?: number } = {},
): Pick<ProcessActivities, 'projectStep'> {
  return {
    async projectStep(step) {
      if (options.delayMs) await sleep(options.delayMs);
      if (inbox && step.openedTasks.length > 0) {
        inbox.record(
          step.instance.instanceId,
          step.openedTasks.map((task) => task.taskId),
        );
      }
      return NOTHING_BUFFERED;
    },
  };
}
