import * as wf from '@temporalio/workflow';
import type {
  CancelInstanceArgs,
  CompleteTaskArgs,
  CompleteTaskResult,
  ProcessActivities,
  ProjectionStep,
  RunProcessInput,
  RunProcessResult,
} from '../../libs/contracts/src/process-workflow';
import { completeTask, startInstance } from '../../libs/engine/src';
import type { Command, EngineContext, EngineFailure, EngineState, Step } from '../../libs/engine/src/types';

export const completeTaskUpdate = wf.defineUpdate<CompleteTaskResult, [CompleteTaskArgs]>('completeTask');
/** Returns once every step taken so far is written to PostgreSQL: lets the api read its own writes. */
export const cancelInstanceUpdate = wf.defineUpdate<void, [CancelInstanceArgs]>('cancelInstance');
export const syncUpdate = wf.defineUpdate<{ step: number }>('sync');

/**
 * Projection retries forever with backoff: PostgreSQL being down must delay a case, never lose a
 * step. 30 s covers one transaction with generous margin.
 */
const { projectStep } = wf.proxyActivities<ProcessActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute', backoffCoefficient: 2 },
});

/**
 * The thin shell around libs/engine: feeds it events (start, task completed) and carries out its
 * commands by writing each step's projection, in step order.
 */
export async function runProcess(input: RunProcessInput): Promise<RunProcessResult> {
  const { instance, model } = input;
  let state: EngineState;
  let step = 0;
  let projected = 0;
  let projection: Promise<void> = Promise.resolve();
  const tokenSince = new Map<string, string>();

  const context = (): EngineContext => ({ now: new Date().toISOString(), newId: () => wf.uuid4() });

  /** Accepts an engine step: state changes now, its projection is queued behind earlier ones. */
  const accept = (result: Step, at: string, actorId?: string): Promise<void> => {
    state = result.state;
    step += 1;
    const live = new Set(state.tokens.map((token) => token.id));
    for (const id of tokenSince.keys()) if (!live.has(id)) tokenSince.delete(id);
    for (const token of state.tokens) if (!tokenSince.has(token.id)) tokenSince.set(token.id, at);
    const projectionStep: ProjectionStep = {
      instance,
      step,
      state: state.status,
      variables: state.variables,
      activeElements: state.tokens.map((token) => ({
        elementId: token.elementId,
        since: tokenSince.get(token.id) ?? at,
      })),
      events: result.events,
      openedTasks: result.commands.flatMap((command) =>
        command.type === 'openUserTask' ? [{ ...command.task, openedAt: at }] : [],
      ),
      closedTasks: result.commands.flatMap((command) =>
        command.type === 'closeUserTask'
          ? [{ taskId: command.taskId, state: command.state, at, ...(actorId ? { actorId } : {}) }]
          : [],
      ),
      ...(state.status !== 'active' ? { endedAt: at } : {}),
    };
    const stepNumber = step;
    projection = projection.then(async () => {
      await projectStep(projectionStep);
      projected = stepNumber;
    });
    return projection;
  };

  const failed = (result: Step | EngineFailure): result is EngineFailure => 'kind' in result;

  const startContext = context();
  const started = startInstance(model, input.variables, startContext);
  if (failed(started)) {
    throw wf.ApplicationFailure.nonRetryable(`${started.elementId}: ${started.message}`, 'EngineFailure');
  }
  // Handlers are registered before the first await, so no update is ever dropped.
  state = started.state;
  wf.setHandler(
    completeTaskUpdate,
    async (args) => {
      const ctx = context();
      const result = completeTask(
        model,
        state,
        { taskId: args.taskId, variables: args.variables, actor: args.actor.username },
        ctx,
      );
      if (failed(result)) {
        throw wf.ApplicationFailure.nonRetryable(`${result.elementId}: ${result.message}`, 'EngineFailure');
      }
      await accept(result, ctx.now, args.actor.id);
      return { taskId: args.taskId, step };
    },
    {
      validator: (args) => {
        if (!state.tasks[args.taskId]) throw new Error(`Task ${args.taskId} is not open`);
      },
    },
  );
  wf.setHandler(
    cancelInstanceUpdate,
    async ({ reason, actor }: CancelInstanceArgs): Promise<void> => {
      // Cancelling closes every open task and ends the case; the reason goes into the audit chain.
      const now = new Date().toISOString();
      const taskIds = Object.keys(state.tasks);
      const cancelled: Step = {
        state: { ...state, status: 'cancelled', tokens: [], tasks: {} },
        commands: taskIds.map((taskId): Command => ({
          type: 'closeUserTask',
          taskId,
          state: 'cancelled',
          actor: actor.username,
        })),
        events: [{ type: 'instance.cancelled', at: now, actor: actor.username, data: { reason } }],
      };
      await accept(cancelled, now, actor.id);
    },
    {
      validator: (_args: CancelInstanceArgs) => {
        if (state.status !== 'active') throw new Error(`The case is already ${state.status}`);
      },
    },
  );
  wf.setHandler(syncUpdate, async () => {
    await wf.condition(() => projected >= step);
    return { step: projected };
  });

  await accept(started, startContext.now);
  await wf.condition(() => state.status !== 'active' && wf.allHandlersFinished());
  await projection;
  return { state: state.status === 'cancelled' ? 'cancelled' : 'completed', steps: step };
}
