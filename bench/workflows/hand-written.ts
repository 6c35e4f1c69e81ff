import * as wf from '@temporalio/workflow';
import type {
  CompleteTaskArgs,
  CompleteTaskResult,
  InstanceDescriptor,
  ProcessActivities,
  ProjectionStep,
  RunProcessResult,
  StepResult,
} from '../../libs/contracts/src';
import type { EngineEvent, UserTaskSpec, Variables } from '../../libs/engine/src';

/**
 * The bench's yardstick: the sequential pathway (start → user tasks one after another → end)
 * written by hand as a plain Temporal workflow, the way one would without a BPMN interpreter.
 * It keeps the interpreter's contract so the comparison is like for like: the same update names
 * and arguments, one validated update per task completion that returns once its projection is
 * written, and one `projectStep` activity call per step carrying the same kind of projection
 * (events, opened and closed tasks).
 */

const { projectStep } = wf.proxyActivities<ProcessActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute', backoffCoefficient: 2 },
});

export const handWrittenCompleteTask = wf.defineUpdate<CompleteTaskResult, [CompleteTaskArgs]>(
  'completeTask',
);
export const handWrittenSync = wf.defineUpdate<StepResult>('sync');

export interface HandWrittenInput {
  instance: InstanceDescriptor;
  /** The user tasks' element ids, in order. */
  taskElementIds: string[];
  variables: Variables;
}

export async function handWrittenPathway(input: HandWrittenInput): Promise<RunProcessResult> {
  const variables: Variables = { ...input.variables };
  let step = 0;
  let projected = 0;
  let chain = Promise.resolve();
  let next = 0;
  let open: UserTaskSpec | null = null;

  const record = (at: string, events: EngineEvent[], extra: Partial<ProjectionStep>): void => {
    step += 1;
    const projection: ProjectionStep = {
      instance: input.instance,
      step,
      state: open ? 'active' : 'completed',
      variables,
      activeElements: open ? [{ elementId: open.elementId, since: at }] : [],
      events,
      openedTasks: [],
      assignedTasks: [],
      closedTasks: [],
      openedSubscriptions: [],
      closedSubscriptions: [],
      raisedIncidents: [],
      resolvedIncidents: [],
      ...extra,
    };
    chain = chain.then(async () => {
      await projectStep(projection);
      projected = projection.step;
    });
  };

  /** Opens the next task, or ends the case after the last one; returns what to project. */
  const advance = (at: string): { events: EngineEvent[]; openedTasks: ProjectionStep['openedTasks'] } => {
    const elementId = input.taskElementIds[next];
    next += 1;
    if (elementId === undefined) {
      open = null;
      return {
        events: [
          { type: 'element.entered', elementId: 'end', at },
          { type: 'element.left', elementId: 'end', at },
          { type: 'instance.completed', at },
        ],
        openedTasks: [],
      };
    }
    const task: UserTaskSpec = {
      taskId: wf.uuid4(),
      elementId,
      name: elementId,
      candidateGroups: [],
      candidateUsers: [],
      priority: 50,
    };
    open = task;
    return {
      events: [
        { type: 'element.entered', elementId, at },
        { type: 'task.opened', elementId, data: { taskId: task.taskId }, at },
      ],
      openedTasks: [{ ...task, openedAt: at }],
    };
  };

  const flushed = (upTo = step) => wf.condition(() => projected >= upTo);

  // The first step is taken before the handlers are registered, as runProcess does: an update
  // that comes with the start (the bench's sync) runs once they are, and must find that step
  // recorded, or it would return before anything is projected.
  const startedAt = new Date().toISOString();
  const first = advance(startedAt);
  record(
    startedAt,
    [
      { type: 'instance.started', at: startedAt },
      { type: 'element.entered', elementId: 'start', at: startedAt },
      { type: 'element.left', elementId: 'start', at: startedAt },
      ...first.events,
    ],
    { openedTasks: first.openedTasks },
  );

  wf.setHandler(
    handWrittenCompleteTask,
    async (args) => {
      const at = new Date().toISOString();
      const done = open as UserTaskSpec;
      Object.assign(variables, args.variables);
      const opened = advance(at);
      record(
        at,
        [
          {
            type: 'task.completed',
            elementId: done.elementId,
            actor: args.actor.username,
            data: { taskId: done.taskId },
            at,
          },
          { type: 'element.left', elementId: done.elementId, at },
          ...opened.events,
        ],
        {
          openedTasks: opened.openedTasks,
          closedTasks: [{ taskId: done.taskId, state: 'completed', at, actorId: args.actor.id }],
          ...(open ? {} : { endedAt: at }),
        },
      );
      await flushed();
      return { taskId: args.taskId, step };
    },
    {
      validator: (args) => {
        if (open?.taskId !== args.taskId) throw new Error(`Task ${args.taskId} is not open`);
      },
    },
  );
  wf.setHandler(handWrittenSync, async () => {
    // Every step taken so far, as runProcess's sync.
    const upTo = step;
    await flushed(upTo);
    return { step: upTo };
  });

  await wf.condition(() => open === null && wf.allHandlersFinished());
  await flushed();
  return { state: 'completed', steps: step, variables };
}
