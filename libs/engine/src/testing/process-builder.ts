import {
  type ActivityElement,
  type BoundaryEventElement,
  type CallActivityElement,
  type EndEventElement,
  type FlowElement,
  type GatewayElement,
  type IntermediateCatchEventElement,
  type IntermediateThrowEventElement,
  type IoMapping,
  isActivity,
  type JobTaskElement,
  type MessageDefinition,
  type MultiInstance,
  type PlainTaskElement,
  type ProcessModel,
  type ReceiveTaskElement,
  type ScriptTaskElement,
  type SequenceFlow,
  type StartEventElement,
  type SubProcessElement,
  type TimerDefinition,
  type TriggerOf,
  type UserTaskElement,
} from '../../../bpmn/src/workflow';
import { addDuration, parseDuration, toUtcInstant } from '../../../expressions/src';
import type { EngineContext } from '../types';

/**
 * Builds ProcessModels for engine tests without XML, the way the compiler would:
 *
 *   processModel('p')
 *     .startEvent('start')
 *     .userTask('review')
 *     .boundaryEvent('deadline', { attachedTo: 'review', trigger: timer.duration('P3D') })
 *     .subProcess('care', (care) => care.startEvent('care-start').userTask('talk').endEvent('care-end')
 *       .sequence('care-start', 'talk', 'care-end'))
 *     .endEvent('end')
 *     .sequence('start', 'review', 'care', 'end')
 *     .build();
 *
 * Elements added inside a sub-process body get its id as `parentId`; a boundary event gets the
 * scope of its activity and is listed in the activity's `boundaryEventIds`. `build()` fills in
 * `startEventIds`, `triggeredStartEventIds` and `eventSubProcessIds` of the process and of every
 * sub-process. Flow ids default to '<from>-<to>'; `sequence(a, b, c)` adds a→b and b→c.
 */

/** Event triggers, as the compiler emits them. */
export const trigger = {
  none: { kind: 'none' } as const,
  terminate: { kind: 'terminate' } as const,
  message: (messageName: string, correlationKey?: string): TriggerOf<'message'> => ({
    kind: 'message',
    messageName,
    ...(correlationKey === undefined ? {} : { correlationKey }),
  }),
  error: (errorCode?: string): TriggerOf<'error'> => ({
    kind: 'error',
    ...(errorCode === undefined ? {} : { errorCode }),
  }),
  escalation: (escalationCode?: string): TriggerOf<'escalation'> => ({
    kind: 'escalation',
    ...(escalationCode === undefined ? {} : { escalationCode }),
  }),
  signal: (signalName: string): TriggerOf<'signal'> => ({ kind: 'signal', signalName }),
  link: (linkName: string): TriggerOf<'link'> => ({ kind: 'link', linkName }),
  /** A message throw or end event: a job of `jobType` (3 retries, no headers unless given). */
  messageThrow: (jobType: string, headers: Record<string, string> = {}): TriggerOf<'messageThrow'> => ({
    kind: 'messageThrow',
    job: { jobType, retries: 3, headers },
  }),
};

/** Timer triggers: a duration ('PT1H'), a date-time, or a cycle ('R3/PT1H'); each may be FEEL. */
export const timer = {
  duration: (expression: string): TriggerOf<'timer'> => timerOf('duration', expression),
  date: (expression: string): TriggerOf<'timer'> => timerOf('date', expression),
  cycle: (expression: string): TriggerOf<'timer'> => timerOf('cycle', expression),
};

function timerOf(kind: TimerDefinition['kind'], expression: string): TriggerOf<'timer'> {
  return { kind: 'timer', timer: { kind, expression } };
}

/** zeebe:ioMapping written as `{ target: source }` (in order), the way the modeler lists them. */
export interface Mappings {
  inputs?: Record<string, string>;
  outputs?: Record<string, string>;
}

interface ActivityOptions extends Mappings {
  name?: string;
  multiInstance?: MultiInstance;
}

type UserTaskOptions = ActivityOptions &
  Partial<Pick<UserTaskElement, 'assignment' | 'formId' | 'dueDate' | 'followUpDate' | 'priority'>>;

interface JobTaskOptions extends ActivityOptions {
  jobType?: string;
  retries?: number;
  headers?: Record<string, string>;
}

interface CallActivityOptions extends ActivityOptions {
  propagateAllParentVariables?: boolean;
  propagateAllChildVariables?: boolean;
}

interface EventOptions extends Mappings {
  name?: string;
}

type StartTrigger = StartEventElement['trigger'];

export class ProcessBuilder {
  private readonly elements: Record<string, FlowElement> = {};
  private readonly flows: Record<string, SequenceFlow> = {};
  /** The sub-process whose body is being built; undefined at process level. */
  private scope: string | undefined;

  constructor(private readonly id: string) {}

  // ---------------------------------------------------------------- events

  /** A none start event, or (with a trigger) a message or timer start event; inside an event sub-process also error or escalation. */
  startEvent(
    id: string,
    options: EventOptions & { trigger?: StartTrigger; interrupting?: boolean } = {},
  ): this {
    const element: StartEventElement = {
      ...this.base(id, 'startEvent', options),
      trigger: options.trigger ?? trigger.none,
      interrupting: options.interrupting ?? true,
    };
    return this.add(element);
  }

  endEvent(id: string, options: EventOptions & { trigger?: EndEventElement['trigger'] } = {}): this {
    return this.add({ ...this.base(id, 'endEvent', options), trigger: options.trigger ?? trigger.none });
  }

  intermediateCatchEvent(
    id: string,
    options: EventOptions & { trigger: IntermediateCatchEventElement['trigger'] },
  ): this {
    return this.add({ ...this.base(id, 'intermediateCatchEvent', options), trigger: options.trigger });
  }

  intermediateThrowEvent(
    id: string,
    options: EventOptions & { trigger?: IntermediateThrowEventElement['trigger'] } = {},
  ): this {
    return this.add({
      ...this.base(id, 'intermediateThrowEvent', options),
      trigger: options.trigger ?? trigger.none,
    });
  }

  /** Attaches a boundary event to an activity added before it (interrupting unless cancelActivity is false). */
  boundaryEvent(
    id: string,
    options: EventOptions & {
      attachedTo: string;
      trigger: BoundaryEventElement['trigger'];
      cancelActivity?: boolean;
    },
  ): this {
    const activity = this.element(options.attachedTo);
    if (!isActivity(activity))
      throw new Error(`Attach boundary event '${id}' to an activity, not '${activity.id}'`);
    const element: BoundaryEventElement = {
      id,
      type: 'boundaryEvent',
      ...(options.name === undefined ? {} : { name: options.name }),
      incoming: [],
      outgoing: [],
      ...(activity.parentId === undefined ? {} : { parentId: activity.parentId }),
      ...ioMappingOf(options),
      attachedToId: activity.id,
      cancelActivity: options.cancelActivity ?? true,
      trigger: options.trigger,
    };
    activity.boundaryEventIds.push(id);
    return this.add(element);
  }

  // ---------------------------------------------------------------- tasks

  userTask(id: string, options: UserTaskOptions = {}): this {
    const element: UserTaskElement = {
      ...this.activity(id, 'userTask', options),
      assignment: options.assignment ?? {},
      ...(options.formId === undefined ? {} : { formId: options.formId }),
      ...(options.dueDate === undefined ? {} : { dueDate: options.dueDate }),
      ...(options.followUpDate === undefined ? {} : { followUpDate: options.followUpDate }),
      ...(options.priority === undefined ? {} : { priority: options.priority }),
    };
    return this.add(element);
  }

  /** A service task; its job type defaults to its id. */
  serviceTask(id: string, options: JobTaskOptions = {}): this {
    return this.jobTask(id, 'serviceTask', options);
  }

  /** A send task: a job like a service task. */
  sendTask(id: string, options: JobTaskOptions = {}): this {
    return this.jobTask(id, 'sendTask', options);
  }

  receiveTask(id: string, options: ActivityOptions & { message: MessageDefinition }): this {
    const element: ReceiveTaskElement = {
      ...this.activity(id, 'receiveTask', options),
      message: options.message,
    };
    return this.add(element);
  }

  scriptTask(id: string, options: ActivityOptions & { expression: string; resultVariable: string }): this {
    const element: ScriptTaskElement = {
      ...this.activity(id, 'scriptTask', options),
      expression: options.expression,
      resultVariable: options.resultVariable,
    };
    return this.add(element);
  }

  manualTask(id: string, options: ActivityOptions = {}): this {
    return this.add<PlainTaskElement>(this.activity(id, 'manualTask', options));
  }

  /** An undefined task (bpmn:Task). */
  task(id: string, options: ActivityOptions = {}): this {
    return this.add<PlainTaskElement>(this.activity(id, 'task', options));
  }

  // ---------------------------------------------------------------- gateways

  exclusiveGateway(id: string, options: { name?: string } = {}): this {
    return this.gateway(id, 'exclusiveGateway', options);
  }

  parallelGateway(id: string, options: { name?: string } = {}): this {
    return this.gateway(id, 'parallelGateway', options);
  }

  inclusiveGateway(id: string, options: { name?: string } = {}): this {
    return this.gateway(id, 'inclusiveGateway', options);
  }

  eventBasedGateway(id: string, options: { name?: string } = {}): this {
    return this.gateway(id, 'eventBasedGateway', options);
  }

  // ---------------------------------------------------------------- containers

  /** An embedded sub-process; `body` adds its contents (they get `parentId`). */
  subProcess(id: string, body: (scope: this) => void, options: ActivityOptions = {}): this {
    return this.container(id, false, body, options);
  }

  /** An event sub-process; `body` adds its contents, starting with its one triggered start event. */
  eventSubProcess(id: string, body: (scope: this) => void, options: Mappings & { name?: string } = {}): this {
    return this.container(id, true, body, options);
  }

  /** A call activity; the called process id defaults to the activity's id. */
  callActivity(id: string, options: CallActivityOptions & { calledProcessId?: string } = {}): this {
    const element: CallActivityElement = {
      ...this.activity(id, 'callActivity', options),
      calledProcessId: options.calledProcessId ?? id,
      propagateAllParentVariables: options.propagateAllParentVariables ?? true,
      propagateAllChildVariables: options.propagateAllChildVariables ?? true,
    };
    return this.add(element);
  }

  // ---------------------------------------------------------------- flows

  /** A sequence flow; `isDefault` makes it its (exclusive or inclusive) gateway's default flow. */
  flow(
    from: string,
    to: string,
    options: { id?: string; condition?: string; isDefault?: boolean } = {},
  ): this {
    const id = options.id ?? `${from}-${to}`;
    if (Object.hasOwn(this.flows, id)) throw new Error(`Flow '${id}' exists already: give it an id`);
    const source = this.element(from);
    const target = this.element(to);
    this.flows[id] = {
      id,
      sourceId: from,
      targetId: to,
      ...(options.condition === undefined ? {} : { condition: options.condition }),
    };
    source.outgoing.push(id);
    target.incoming.push(id);
    if (options.isDefault) {
      if (source.type !== 'exclusiveGateway' && source.type !== 'inclusiveGateway') {
        throw new Error(`Only an exclusive or inclusive gateway has a default flow, not '${from}'`);
      }
      source.defaultFlowId = id;
    }
    return this;
  }

  sequence(...ids: string[]): this {
    ids.slice(1).forEach((to, index) => this.flow(ids[index] ?? '', to));
    return this;
  }

  build(): ProcessModel {
    const all = Object.values(this.elements);
    const inScope = (parentId: string | undefined): FlowElement[] =>
      all.filter((element) => element.parentId === parentId);
    const isEventSubProcess = (element: FlowElement): boolean =>
      element.type === 'subProcess' && element.triggeredByEvent;
    const isNoneStart = (element: FlowElement): boolean =>
      element.type === 'startEvent' && element.trigger.kind === 'none';
    for (const element of all) {
      if (element.type !== 'subProcess') continue;
      const contents = inScope(element.id);
      element.startEventIds = contents
        .filter((inner) => inner.type === 'startEvent' && (element.triggeredByEvent || isNoneStart(inner)))
        .map((inner) => inner.id);
      element.eventSubProcessIds = contents.filter(isEventSubProcess).map((inner) => inner.id);
    }
    const top = inScope(undefined);
    return structuredClone({
      id: this.id,
      elements: this.elements,
      flows: this.flows,
      startEventIds: top.filter(isNoneStart).map((element) => element.id),
      triggeredStartEventIds: top
        .filter((element) => element.type === 'startEvent' && !isNoneStart(element))
        .map((element) => element.id),
      eventSubProcessIds: top.filter(isEventSubProcess).map((element) => element.id),
    });
  }

  // ---------------------------------------------------------------- helpers

  private container(
    id: string,
    triggeredByEvent: boolean,
    body: (scope: this) => void,
    options: ActivityOptions,
  ): this {
    const element: SubProcessElement = {
      ...this.activity(id, 'subProcess', options),
      triggeredByEvent,
      startEventIds: [],
      eventSubProcessIds: [],
    };
    this.add(element);
    const outer = this.scope;
    this.scope = id;
    try {
      body(this);
    } finally {
      this.scope = outer;
    }
    return this;
  }

  private jobTask(id: string, type: JobTaskElement['type'], options: JobTaskOptions): this {
    const element: JobTaskElement = {
      ...this.activity(id, type, options),
      jobType: options.jobType ?? id,
      retries: options.retries ?? 3,
      headers: options.headers ?? {},
    };
    return this.add(element);
  }

  private gateway(id: string, type: GatewayElement['type'], options: { name?: string }): this {
    return this.add<GatewayElement>({ ...this.base(id, type, options) });
  }

  private base<T extends FlowElement['type']>(
    id: string,
    type: T,
    options: EventOptions,
  ): { id: string; type: T; name?: string; incoming: string[]; outgoing: string[]; parentId?: string } & {
    ioMapping?: IoMapping;
  } {
    return {
      id,
      type,
      ...(options.name === undefined ? {} : { name: options.name }),
      incoming: [],
      outgoing: [],
      ...(this.scope === undefined ? {} : { parentId: this.scope }),
      ...ioMappingOf(options),
    };
  }

  private activity<T extends ActivityElement['type']>(id: string, type: T, options: ActivityOptions) {
    return {
      ...this.base(id, type, options),
      boundaryEventIds: [] as string[],
      ...(options.multiInstance === undefined ? {} : { multiInstance: options.multiInstance }),
    };
  }

  private add<E extends FlowElement>(element: E): this {
    if (Object.hasOwn(this.elements, element.id)) throw new Error(`Element '${element.id}' exists already`);
    this.elements[element.id] = element;
    return this;
  }

  private element(id: string): FlowElement {
    const element = this.elements[id];
    if (!element) throw new Error(`Add element '${id}' before connecting it`);
    return element;
  }
}

function ioMappingOf(options: Mappings): { ioMapping?: IoMapping } {
  if (options.inputs === undefined && options.outputs === undefined) return {};
  const list = (mappings: Record<string, string> = {}) =>
    Object.entries(mappings).map(([target, source]) => ({ source, target }));
  return { ioMapping: { inputs: list(options.inputs), outputs: list(options.outputs) } };
}

export const processModel = (id: string): ProcessBuilder => new ProcessBuilder(id);

/** The engine context of a test: ids id-1, id-2, … in order of use, and a clock that moves only when told. */
export interface TestContext extends EngineContext {
  /** Moves the virtual clock forward by an ISO 8601 duration ('PT1H'); returns the new time. */
  advance(duration: string): string;
  /** Sets the virtual clock to an instant (ISO 8601 with offset), e.g. a timer's dueAt. */
  setNow(instant: string): void;
}

export function testContext(now = '2024-03-01T08:00:00.000Z'): TestContext {
  let next = 0;
  let current = now;
  return {
    get now() {
      return current;
    },
    newId: () => {
      next += 1;
      return `id-${next}`;
    },
    advance: (duration) => {
      const parsed = parseDuration(duration);
      if (!parsed) throw new Error(`Expected an ISO 8601 duration, got '${duration}'`);
      current = addDuration(current, parsed);
      return current;
    },
    setNow: (instant) => {
      const utc = toUtcInstant(instant);
      if (utc === null) throw new Error(`Expected an ISO 8601 date-time with offset, got '${instant}'`);
      current = utc;
    },
  };
}
