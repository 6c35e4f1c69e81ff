import { compileJobDefinition } from './compile-job';
import {
  codeOf,
  eventDefinitionOf,
  linkNameOf,
  messageOf,
  signalOf,
  timersOf,
  triggerKindOf,
} from './element-properties';
import { compileIoMapping } from './compile-io-mapping';
import type { FlowScope } from './flow-scopes';
import type { BaseElement, EventTrigger, FlowElement, TriggerOf } from './model';
import { elementProp, type ModdleElement } from './moddle';
import { optional } from './optional';

/** What every compiled element has before its type decides the rest. */
export type ElementBase = Omit<BaseElement, 'type'>;

/** Compiles a start, end, intermediate or boundary event of a validated process. */
export function compileEvent(event: ModdleElement, base: ElementBase, scope: FlowScope): FlowElement {
  const trigger = triggerOf(event, scope);
  const io = optional('ioMapping', compileIoMapping(event));
  switch (event.$type) {
    case 'bpmn:StartEvent':
      return {
        ...base,
        type: 'startEvent',
        trigger: narrowed(event, trigger, ['none', 'timer', 'message', 'signal', 'error', 'escalation']),
        // BPMN's default: an event sub-process interrupts its scope unless it says otherwise.
        interrupting: event.isInterrupting !== false,
        ...io,
      };
    case 'bpmn:EndEvent':
      return {
        ...base,
        type: 'endEvent',
        trigger: narrowed(event, trigger, [
          'none',
          'terminate',
          'error',
          'escalation',
          'messageThrow',
          'signal',
        ]),
        ...io,
      };
    case 'bpmn:IntermediateCatchEvent':
      return {
        ...base,
        type: 'intermediateCatchEvent',
        trigger: narrowed(event, trigger, ['timer', 'message', 'signal', 'link']),
        ...io,
      };
    case 'bpmn:IntermediateThrowEvent':
      return {
        ...base,
        type: 'intermediateThrowEvent',
        trigger: narrowed(event, trigger, ['none', 'escalation', 'messageThrow', 'signal', 'link']),
        ...io,
      };
    case 'bpmn:BoundaryEvent':
      return {
        ...base,
        type: 'boundaryEvent',
        attachedToId: elementProp(event, 'attachedToRef')?.id ?? '',
        // BPMN's default: a boundary event interrupts the activity unless it says otherwise.
        cancelActivity: event.cancelActivity !== false,
        trigger: narrowed(event, trigger, ['timer', 'message', 'signal', 'error', 'escalation']),
        ...io,
      };
    default:
      throw new Error(`compileEvent called with ${event.$type} '${event.id ?? ''}', which is not an event`);
  }
}

function triggerOf(event: ModdleElement, scope: FlowScope): EventTrigger {
  const definition = eventDefinitionOf(event);
  const kind = triggerKindOf(event);
  if (!definition || kind === 'none') return { kind: 'none' };
  switch (kind) {
    case 'timer': {
      const [timer] = timersOf(definition);
      if (!timer) break;
      return { kind: 'timer', timer };
    }
    case 'message': {
      const { messageName, correlationKey } = messageOf(definition);
      // A process-level message start event opens a new case: there is nothing to correlate with.
      const opensCase = event.$type === 'bpmn:StartEvent' && scope.kind === 'process';
      return {
        kind: 'message',
        messageName: messageName ?? '',
        ...optional('correlationKey', opensCase ? undefined : correlationKey),
      };
    }
    case 'messageThrow':
      // The message is the job's to send: its handler reads what it needs from the job.
      return { kind: 'messageThrow', job: compileJobDefinition(event) };
    case 'signal':
      return { kind: 'signal', signalName: signalOf(definition).signalName ?? '' };
    case 'link':
      return { kind: 'link', linkName: linkNameOf(definition) ?? '' };
    case 'error':
      return { kind: 'error', ...optional('errorCode', codeOf(definition).code) };
    case 'escalation':
      return { kind: 'escalation', ...optional('escalationCode', codeOf(definition).code) };
    case 'terminate':
      return { kind: 'terminate' };
  }
  throw new Error(`Event '${event.id ?? ''}' reached the compiler with a trigger it cannot run`);
}

function hasKind<K extends EventTrigger['kind']>(
  trigger: EventTrigger,
  kinds: readonly K[],
): trigger is TriggerOf<K> {
  return (kinds as readonly EventTrigger['kind'][]).includes(trigger.kind);
}

/** The trigger, typed for its event; the validator has ruled out every other kind. */
function narrowed<K extends EventTrigger['kind']>(
  event: ModdleElement,
  trigger: EventTrigger,
  kinds: readonly K[],
): TriggerOf<K> {
  if (hasKind(trigger, kinds)) return trigger;
  throw new Error(`${event.$type} '${event.id ?? ''}' reached the compiler with a ${trigger.kind} trigger`);
}
