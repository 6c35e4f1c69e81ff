import type {
  FlowElement,
  GatewayElement,
  PlainElement,
  ProcessModel,
  SequenceFlow,
  UserTaskElement,
} from '../../../bpmn/src/model';
import type { EngineContext } from '../types';

type UserTaskOptions = Partial<Omit<UserTaskElement, 'id' | 'type' | 'incoming' | 'outgoing'>>;

/**
 * Builds ProcessModels for engine tests without XML:
 *
 *   processModel('p').startEvent('start').userTask('task').endEvent('end').flow('start', 'task').flow('task', 'end')
 *
 * Flow ids default to '<from>-<to>'; `sequence(a, b, c)` adds a→b and b→c.
 */
export class ProcessBuilder {
  private readonly elements: Record<string, FlowElement> = {};
  private readonly flows: Record<string, SequenceFlow> = {};

  constructor(private readonly id: string) {}

  startEvent(id: string): this {
    return this.plain(id, 'startEvent');
  }

  endEvent(id: string): this {
    return this.plain(id, 'endEvent');
  }

  task(id: string): this {
    return this.plain(id, 'task');
  }

  manualTask(id: string): this {
    return this.plain(id, 'manualTask');
  }

  userTask(id: string, options: UserTaskOptions = {}): this {
    const element: UserTaskElement = {
      id,
      type: 'userTask',
      assignment: {},
      incoming: [],
      outgoing: [],
      ...options,
    };
    this.elements[id] = element;
    return this;
  }

  exclusiveGateway(id: string): this {
    return this.gateway(id, 'exclusiveGateway');
  }

  parallelGateway(id: string): this {
    return this.gateway(id, 'parallelGateway');
  }

  flow(
    from: string,
    to: string,
    options: { id?: string; condition?: string; isDefault?: boolean } = {},
  ): this {
    const id = options.id ?? `${from}-${to}`;
    const source = this.element(from);
    const target = this.element(to);
    this.flows[id] = {
      id,
      sourceId: from,
      targetId: to,
      ...(options.condition ? { condition: options.condition } : {}),
    };
    source.outgoing.push(id);
    target.incoming.push(id);
    if (options.isDefault) (source as GatewayElement).defaultFlowId = id;
    return this;
  }

  sequence(...ids: string[]): this {
    ids.slice(1).forEach((to, index) => this.flow(ids[index] ?? '', to));
    return this;
  }

  build(): ProcessModel {
    const startEventIds = Object.values(this.elements)
      .filter((element) => element.type === 'startEvent')
      .map((element) => element.id);
    return structuredClone({ id: this.id, elements: this.elements, flows: this.flows, startEventIds });
  }

  private plain(id: string, type: PlainElement['type']): this {
    this.elements[id] = { id, type, incoming: [], outgoing: [] };
    return this;
  }

  private gateway(id: string, type: GatewayElement['type']): this {
    this.elements[id] = { id, type, incoming: [], outgoing: [] };
    return this;
  }

  private element(id: string): FlowElement {
    const element = this.elements[id];
    if (!element) throw new Error(`Add element '${id}' before connecting it`);
    return element;
  }
}

export const processModel = (id: string): ProcessBuilder => new ProcessBuilder(id);

/** A fixed clock and ids id-1, id-2, … in order of use. */
export function testContext(now = '2024-03-01T08:00:00.000Z'): EngineContext {
  let next = 0;
  return {
    now,
    newId: () => {
      next += 1;
      return `id-${next}`;
    },
  };
}
