import * as wf from '@temporalio/workflow';
import {
  ASSIGN_TASK_UPDATE,
  CALENDAR_CHANGED_SIGNAL,
  CANCEL_INSTANCE_UPDATE,
  type CancelInstanceArgs,
  CLAIM_TASK_UPDATE,
  COMPLETE_TASK_UPDATE,
  CONTINUING_AS_NEW,
  CORRELATE_MESSAGE_UPDATE,
  RETRY_INCIDENT_UPDATE,
  type RunProcessInput,
  type RunProcessResult,
  SYNC_UPDATE,
  TRIGGER_SIGNAL_UPDATE,
  UNCLAIM_TASK_UPDATE,
} from '../../libs/contracts/src';
import {
  assignTask,
  cancelInstance,
  completeChild,
  completeJob,
  completeTask,
  correlateMessage,
  type EngineContext,
  type EngineFailure,
  type EngineState,
  failChild,
  failJob,
  fireTimer,
  refuseTask,
  resolveIncident,
  startInstance,
  type Step,
  throwChildError,
  throwJobError,
  triggerSignal,
} from '../../libs/engine/src';
import { upgradeModel } from '../../libs/bpmn/src/workflow';
import { CaseProjection, type ProjectionResume } from './case-projection';
import { isEngineFailure, StepRunner } from './step-runner';

/**
 * Continue as new well before Temporal's suggestion (4,096 events on the default server
 * config), leaving room for the events in flight while handlers finish.
 */
const CONTINUE_AS_NEW_AFTER_EVENTS = 3_000;

/** Patch id (Temporal versioning): an assignment to the current assignee takes no step. */
const SAME_ASSIGNEE_IS_NO_STEP = 'same-assignee-is-no-step';

interface Resume {
  state: EngineState;
  projection: ProjectionResume;
}

/**
 * The thin shell around libs/engine: feeds it what happens (a task completed, a timer due, a
 * message, a job's result, a child case's end) and carries out its commands (timers, service
 * activities, child cases), writing every step's projection in step order.
 */
export async function runProcess(original: RunProcessInput): Promise<RunProcessResult> {
  // A case started months ago carries the model its compiler wrote; bring it to today's shape.
  const input = { ...original, model: upgradeModel(original.model) };
  const resume = input.resume as Resume | undefined;
  const projection = new CaseProjection(input.instance, resume?.projection);
  const runner = new StepRunner(input, projection);
  const refuse = (result: EngineFailure): never => {
    throw wf.ApplicationFailure.nonRetryable(result.message, 'EngineFailure', result.elementId);
  };

  // Deadlines computed from now on use the new calendar; those already set keep theirs. First of
  // all handlers: a signal that arrives with the start or with an Update (one activation) is
  // buffered until its handler is set, and must not be applied after a step it came before.
  wf.setHandler(CALENDAR_CHANGED_SIGNAL, (calendar) => runner.changeCalendar(calendar));

  if (resume) {
    runner.resume(resume.state);
  } else {
    const ctx = runner.context();
    const started = startInstance(input.model, input.variables, ctx, {
      ...(input.startEventId === undefined ? {} : { startEventId: input.startEventId }),
      ...(input.parentCatches ? { parentCatches: input.parentCatches } : {}),
    });
    if (isEngineFailure(started)) refuse(started);
    else runner.accept(started, ctx.now);
  }

  // While the run drains before continuing as new, new Updates are refused with a failure type
  // the api recognises and sends again: the next run takes them.
  let draining = false;
  const notDraining = (): void => {
    if (draining) {
      throw wf.ApplicationFailure.create({
        type: CONTINUING_AS_NEW,
        message: 'The case is moving to a new run; send the update again',
      });
    }
  };

  /** Takes one engine step for an Update; returns once that step is written. A refusal fails the Update. */
  const stepFor = async <T extends Step>(
    run: (ctx: EngineContext) => T | EngineFailure,
    actorId?: string,
  ): Promise<{ result: T; step: number }> => {
    const result = runner.apply(run, actorId);
    if (isEngineFailure(result)) return refuse(result);
    const step = projection.step;
    await projection.flushed(step);
    return { result, step };
  };

  // Handlers are registered before the first await, so no update is ever dropped.
  const openTask = (taskId: string): void => {
    notDraining();
    if (!Object.hasOwn(runner.state.tasks, taskId)) throw new Error(`Task ${taskId} is not open`);
  };
  wf.setHandler(
    COMPLETE_TASK_UPDATE,
    async (args) => {
      const { step } = await stepFor(
        (ctx) =>
          completeTask(
            input.model,
            runner.state,
            { taskId: args.taskId, variables: args.variables, actor: args.actor.username },
            ctx,
          ),
        args.actor.id,
      );
      return { taskId: args.taskId, step };
    },
    { validator: (args) => openTask(args.taskId) },
  );

  const setAssignee = async (
    taskId: string,
    assignee: string | null,
    actor: { id: string; username: string },
  ) => {
    // Racing claims by one user (a double click, a retried request) change nothing after the
    // first: no second step, no second audit entry. Histories from before record every one.
    const current = runner.state.tasks[taskId]?.assignee ?? null;
    if (current === assignee && wf.patched(SAME_ASSIGNEE_IS_NO_STEP)) {
      await projection.flushed();
      return { taskId, assignee, step: projection.step };
    }
    const { step } = await stepFor(
      (ctx) => assignTask(input.model, runner.state, { taskId, assignee, actor: actor.username }, ctx),
      actor.id,
    );
    return { taskId, assignee, step };
  };
  wf.setHandler(CLAIM_TASK_UPDATE, (args) => setAssignee(args.taskId, args.actor.username, args.actor), {
    validator: (args) => {
      openTask(args.taskId);
      const assignee = runner.state.tasks[args.taskId]?.assignee;
      if (assignee !== undefined && assignee !== args.actor.username) {
        throw new Error(`Task ${args.taskId} is claimed by someone else`);
      }
    },
  });
  wf.setHandler(UNCLAIM_TASK_UPDATE, (args) => setAssignee(args.taskId, null, args.actor), {
    validator: (args) => openTask(args.taskId),
  });
  wf.setHandler(ASSIGN_TASK_UPDATE, (args) => setAssignee(args.taskId, args.assignee, args.actor), {
    validator: (args) => openTask(args.taskId),
  });

  wf.setHandler(
    CORRELATE_MESSAGE_UPDATE,
    async (args) => {
      const { result, step } = await stepFor(
        (ctx) =>
          correlateMessage(
            input.model,
            runner.state,
            {
              messageName: args.messageName,
              correlationKey: args.correlationKey,
              variables: args.variables,
              ...(args.actor ? { actor: args.actor.username } : {}),
            },
            ctx,
          ),
        args.actor?.id,
      );
      return { subscriptionId: result.subscriptionId, step };
    },
    {
      validator: (args) => {
        notDraining();
        const waiting = Object.values(runner.state.subscriptions).some(
          (open) => open.messageName === args.messageName && open.correlationKey === args.correlationKey,
        );
        if (!waiting)
          throw new Error(`No subscription waits for message '${args.messageName}' with that key`);
      },
    },
  );

  wf.setHandler(
    TRIGGER_SIGNAL_UPDATE,
    async (args) => {
      const { result, step } = await stepFor(
        (ctx) =>
          triggerSignal(
            input.model,
            runner.state,
            {
              signalName: args.signalName,
              variables: args.variables,
              ...(args.actor ? { actor: args.actor.username } : {}),
              ...(args.thrownBy === undefined ? {} : { thrownBy: args.thrownBy }),
            },
            ctx,
          ),
        args.actor?.id,
      );
      return { subscriptionIds: result.subscriptionIds, step };
    },
    {
      validator: (args) => {
        notDraining();
        const waiting = Object.values(runner.state.subscriptions).some(
          (open) => open.kind === 'signal' && open.signalName === args.signalName,
        );
        if (!waiting) throw new Error(`No subscription waits for signal '${args.signalName}'`);
      },
    },
  );

  wf.setHandler(
    RETRY_INCIDENT_UPDATE,
    async (args) => {
      if (projection.retryIncident(args.incidentId)) {
        const own = projection.step;
        await projection.flushed(own);
        return { step: own };
      }
      const { step } = await stepFor(
        (ctx) =>
          resolveIncident(
            input.model,
            runner.state,
            { incidentId: args.incidentId, variables: args.variables, actor: args.actor.username },
            ctx,
          ),
        args.actor.id,
      );
      return { step };
    },
    {
      validator: (args) => {
        if (
          !Object.hasOwn(runner.state.incidents, args.incidentId) &&
          !projection.hasIncident(args.incidentId)
        ) {
          throw new Error(`Incident ${args.incidentId} is not open`);
        }
      },
    },
  );

  wf.setHandler(
    CANCEL_INSTANCE_UPDATE,
    async ({ reason, actor }: CancelInstanceArgs): Promise<void> => {
      await stepFor(
        (ctx) => cancelInstance(input.model, runner.state, { reason, actor: actor.username }, ctx),
        actor.id,
      );
    },
    {
      validator: (_args: CancelInstanceArgs) => {
        notDraining();
        if (runner.state.status !== 'active') throw new Error(`The case is already ${runner.state.status}`);
      },
    },
  );

  wf.setHandler(
    SYNC_UPDATE,
    async () => {
      // Every step taken so far, not those taken while it waits (a timer may keep adding some).
      const upTo = projection.step;
      await projection.flushed(upTo);
      return { step: upTo };
    },
    { validator: notDraining },
  );

  runner.onJobDone = (jobId, outcome) => {
    runner.apply((ctx) => {
      switch (outcome.kind) {
        case 'completed':
          return completeJob(input.model, runner.state, { jobId, variables: outcome.variables }, ctx);
        case 'bpmnError':
          return throwJobError(
            input.model,
            runner.state,
            { jobId, errorCode: outcome.errorCode, message: outcome.message },
            ctx,
          );
        case 'failed':
          return failJob(input.model, runner.state, { jobId, message: outcome.message }, ctx);
      }
    });
  };
  runner.onChildDone = (childId, outcome) => {
    runner.apply((ctx) => {
      switch (outcome.kind) {
        case 'completed':
          return completeChild(input.model, runner.state, { childId, variables: outcome.variables }, ctx);
        case 'error':
          return throwChildError(
            input.model,
            runner.state,
            { childId, errorCode: outcome.errorCode, message: outcome.message },
            ctx,
          );
        case 'failed':
          return failChild(input.model, runner.state, { childId, message: outcome.message }, ctx);
      }
    });
  };
  projection.onRefusedTask = (refusal) => {
    runner.apply((ctx) => refuseTask(input.model, runner.state, refusal, ctx));
  };
  projection.onBufferedMessage = (message) => {
    runner.apply((ctx) =>
      correlateMessage(
        input.model,
        runner.state,
        {
          messageName: message.messageName,
          correlationKey: message.correlationKey,
          variables: message.variables,
        },
        ctx,
      ),
    );
  };

  const continueAfter = input.continueAsNewAfterEvents ?? CONTINUE_AS_NEW_AFTER_EVENTS;
  try {
    const historyIsLong = () => wf.workflowInfo().historyLength >= continueAfter;
    for (;;) {
      if (runner.state.status !== 'active') break;
      const nextDue = runner.nextTimerDue();
      const wake = runner.wakeCount;
      const until = () =>
        runner.state.status !== 'active' ||
        runner.wakeCount !== wake ||
        (historyIsLong() && runner.mayContinueAsNew());
      if (nextDue === null) await wf.condition(until);
      else {
        const wait = Date.parse(nextDue) - Date.now();
        if (wait > 0) await wf.condition(until, wait);
      }
      runner.fireDueTimers((timerId, ctx) => fireTimer(input.model, runner.state, { timerId }, ctx));
      if (runner.state.status !== 'active' || !historyIsLong() || !runner.mayContinueAsNew()) continue;
      // Drain: refuse new Updates so that a busy client cannot keep a handler running forever,
      // let those running and the projection finish, then continue as new. Give up draining
      // if long work starts meanwhile (a job, a child case) or the projection is stuck.
      draining = true;
      const drained = () => wf.allHandlersFinished() && projection.idle;
      await wf.condition(
        () =>
          runner.state.status !== 'active' || !runner.mayContinueAsNew() || projection.blocked || drained(),
      );
      if (runner.state.status === 'active' && runner.mayContinueAsNew() && drained()) {
        const next: Resume = { state: runner.state, projection: projection.resumeData() };
        await wf.continueAsNew<typeof runProcess>({
          ...original,
          variables: {},
          resume: next,
          ...(runner.calendar === undefined ? {} : { calendar: runner.calendar }),
        });
      }
      draining = false;
    }
  } catch (error) {
    if (!wf.isCancellation(error)) throw error;
    // The calling case ended this one (its call activity was interrupted or cancelled).
    await wf.CancellationScope.nonCancellable(async () => {
      runner.apply((ctx) =>
        cancelInstance(
          input.model,
          runner.state,
          { reason: 'The calling case no longer waits', actor: 'system' },
          ctx,
        ),
      );
      await projection.flushed();
    });
    return runner.outcome(projection.step);
  }
  await wf.condition(() => wf.allHandlersFinished());
  await projection.flushed();
  return runner.outcome(projection.step);
}
