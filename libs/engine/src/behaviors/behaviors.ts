import type { FlowElement, ProcessModel } from '../../../bpmn/src/workflow';
import type { ElementInstance, EngineContext, EngineState } from '../types';
import { EventPublication } from './event-publication';
import { EventSubscriptions } from './event-subscriptions';
import { Incidents } from './incidents';
import { StateTransitions } from './state-transitions';
import { StepLog } from './step-log';
import { Tokens } from './tokens';
import { VariableMapping } from './variable-mapping';

/**
 * Everything one engine step can do, over a private copy of the state (Zeebe's BpmnBehaviors).
 * Element handlers get this in their lifecycle hooks; each behaviour is one concern, in its own
 * file (docs/adr/0008-engine-element-lifecycle.md).
 */
export class Behaviors {
  readonly log: StepLog;
  readonly tokens: Tokens;
  readonly transitions: StateTransitions;
  readonly subscriptions: EventSubscriptions;
  readonly incidents: Incidents;
  readonly publication: EventPublication;
  readonly variables: VariableMapping;

  constructor(
    readonly model: ProcessModel,
    readonly state: EngineState,
    readonly ctx: EngineContext,
  ) {
    this.log = new StepLog(ctx);
    this.tokens = new Tokens(this);
    this.transitions = new StateTransitions(this);
    this.subscriptions = new EventSubscriptions(this);
    this.incidents = new Incidents(this);
    this.publication = new EventPublication(this);
    this.variables = new VariableMapping(this);
  }

  newId(): string {
    return this.ctx.newId();
  }

  element(elementId: string): FlowElement {
    const element = this.model.elements[elementId];
    if (!element) throw new Error(`The model has no element '${elementId}'`);
    return element;
  }

  instance(instanceId: string): ElementInstance | undefined {
    return Object.hasOwn(this.state.instances, instanceId) ? this.state.instances[instanceId] : undefined;
  }
}
