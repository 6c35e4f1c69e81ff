import type { ProcessModel } from '../../bpmn/src/model';
import { handlerFor } from './elements';
import type { Activation } from './elements/handler';
import type {
  Command,
  EngineContext,
  EngineEvent,
  EngineFailure,
  EngineState,
  Step,
  TaskCompletion,
  Token,
  Variables,
} from './types';

/**
 * Element activations one step may perform before the engine concludes the diagram loops
 * without ever waiting (e.g. a gateway cycling through undefined tasks). Far above any real
 * step of a care pathway; keeps a workflow from spinning forever.
 */
export const MAX_ACTIVATIONS_PER_STEP = 10_000;

/** Starts an instance at the process's none start event. */
export function startInstance(
  model: ProcessModel,
  variables: Variables,
  ctx: EngineContext,
): Step | EngineFailure {
  const [startEventId] = model.startEventIds;
  if (startEventId === undefined) {
    return {
      kind: 'failure',
      elementId: model.id,
      message: 'Expected a none start event to start the instance at',
    };
  }
  const step = new StepBuilder(
    { processId: model.id, status: 'active', variables: { ...variables }, tokens: [], tasks: {} },
    ctx,
  );
  step.event({ type: 'instance.started' });
  return step.run(model, [{ id: ctx.newId(), elementId: startEventId }]);
}

/**
 * Completes an open user task: its variables are merged into the process variables (Zeebe:
 * top-level variables, last write wins), the task closes and its token moves on.
 */
export function completeTask(
  model: ProcessModel,
  state: EngineState,
  completion: TaskCompletion,
  ctx: EngineContext,
): Step | EngineFailure {
  if (state.status !== 'active') {
    return {
      kind: 'failure',
      elementId: '',
      message: `Expected an active instance, but it is ${state.status}`,
    };
  }
  const task = Object.hasOwn(state.tasks, completion.taskId) ? state.tasks[completion.taskId] : undefined;
  if (!task) {
    return {
      kind: 'failure',
      elementId: '',
      message: `Expected an open task with id '${completion.taskId}'`,
    };
  }
  const element = model.elements[task.elementId];
  if (!element) throw new Error(`Task '${task.taskId}' waits at '${task.elementId}', which the model lacks`);

  // Spread, not Object.assign: a '__proto__' key from JSON input stays a plain key.
  const variables = { ...state.variables, ...completion.variables };
  const openTasks = Object.fromEntries(
    Object.entries(state.tasks).filter(([taskId]) => taskId !== task.taskId),
  );
  const step = new StepBuilder(
    {
      ...state,
      variables,
      tokens: state.tokens.filter((token) => token.id !== task.tokenId),
      tasks: openTasks,
    },
    ctx,
  );
  step.command({ type: 'closeUserTask', taskId: task.taskId, state: 'completed', actor: completion.actor });
  step.event({
    type: 'task.completed',
    elementId: element.id,
    actor: completion.actor,
    data: { taskId: task.taskId },
  });

  const decision = handlerFor(element).complete({ element, model, variables, ctx });
  if (decision.kind === 'failure') return decision;
  step.event({ type: 'element.left', elementId: element.id });
  return step.run(model, step.follow(model, { id: task.tokenId, elementId: element.id }, decision.flowIds));
}

/**
 * Accumulates one step. `run` is the one transition function: every token movement goes
 * through it, so the rules (enter, leave, wait, finish) live in one place.
 */
class StepBuilder {
  private readonly commands: Command[] = [];
  private readonly events: EngineEvent[] = [];

  constructor(
    private state: EngineState,
    private readonly ctx: EngineContext,
  ) {}

  command(command: Command): void {
    this.commands.push(command);
  }

  event(event: Omit<EngineEvent, 'at'>): void {
    this.events.push({ ...event, at: this.ctx.now });
  }

  /** Moves the arriving tokens until each waits or ends; then completes the instance if none is left. */
  run(model: ProcessModel, arriving: Token[]): Step | EngineFailure {
    const queue = [...arriving];
    let activations = 0;
    for (let token = queue.shift(); token; token = queue.shift()) {
      activations += 1;
      if (activations > MAX_ACTIVATIONS_PER_STEP) {
        return {
          kind: 'failure',
          elementId: token.elementId,
          message: `Expected the instance to reach a wait state within ${MAX_ACTIVATIONS_PER_STEP} element activations; the diagram loops without a user task`,
        };
      }
      const element = model.elements[token.elementId];
      if (!element) throw new Error(`Token '${token.id}' is at '${token.elementId}', which the model lacks`);
      const waiting = this.state.tokens.filter((other) => other.elementId === element.id);
      const activation: Activation = handlerFor(element).activate({
        element,
        model,
        variables: this.state.variables,
        token,
        waiting,
        ctx: this.ctx,
      });

      switch (activation.kind) {
        case 'failure':
          return activation;
        case 'wait':
          this.state = { ...this.state, tokens: [...this.state.tokens, token] };
          break;
        case 'openTask': {
          const { task } = activation;
          this.event({ type: 'element.entered', elementId: element.id });
          this.state = {
            ...this.state,
            tokens: [...this.state.tokens, { id: token.id, elementId: element.id }],
            tasks: {
              ...this.state.tasks,
              [task.taskId]: { taskId: task.taskId, tokenId: token.id, elementId: element.id },
            },
          };
          this.command({ type: 'openUserTask', task });
          this.event({ type: 'task.opened', elementId: element.id, data: { taskId: task.taskId } });
          break;
        }
        case 'leave': {
          const joined = new Set(activation.joined ?? []);
          if (joined.size > 0) {
            this.state = {
              ...this.state,
              tokens: this.state.tokens.filter((other) => !joined.has(other.id)),
            };
          }
          this.event({ type: 'element.entered', elementId: element.id });
          this.event({ type: 'element.left', elementId: element.id });
          queue.push(...this.follow(model, token, activation.flowIds));
          break;
        }
      }
    }

    if (this.state.status === 'active' && this.state.tokens.length === 0) {
      this.state = { ...this.state, status: 'completed' };
      this.command({ type: 'completeInstance' });
      this.event({ type: 'instance.completed' });
    }
    return { state: this.state, commands: this.commands, events: this.events };
  }

  /** One token per flow; the first keeps the token's id, the others are new. */
  follow(model: ProcessModel, token: Token, flowIds: readonly string[]): Token[] {
    return flowIds.map((flowId, index) => {
      const flow = model.flows[flowId];
      if (!flow)
        throw new Error(`Element '${token.elementId}' leaves by flow '${flowId}', which the model lacks`);
      return { id: index === 0 ? token.id : this.ctx.newId(), elementId: flow.targetId, flowId };
    });
  }
}
