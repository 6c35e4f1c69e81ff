import type { JobDefinition } from '../../../../bpmn/src/workflow';
import { BROADCAST_SIGNAL_JOB_TYPE } from '../../../../bpmn/src/workflow';
import type { EngineContext, Variables } from '../../types';
import { triggerEventSubProcess } from '../container/event-sub-process';
import { evaluateSignalName, isWaitTrigger, openTriggerWait } from '../../waits';
import {
  completeAtOnce,
  failure,
  type Activation,
  type ElementHandler,
  type ElementOfType,
} from '../handler';

/**
 * Start events complete at once; a triggered one (message, timer, signal) was triggered before it
 * is entered. The timer, message or signal start of an event sub-process, fired in its scope,
 * starts it.
 */
export const startEventHandler: ElementHandler<ElementOfType<'startEvent'>> = {
  ...completeAtOnce,
  trigger: triggerEventSubProcess,
};

/**
 * None: the token ends. Terminate: the whole scope ends. Error, escalation: thrown, then the
 * token ends. Message, signal: a job sends it, then the token ends (the runtime completes an end
 * event whose job is done; it has no outgoing flow).
 */
export const endEventHandler: ElementHandler<ElementOfType<'endEvent'>> = {
  activate: ({ element, variables, localVariables, ctx }) => {
    const { trigger } = element;
    switch (trigger.kind) {
      case 'none':
        return { kind: 'end' };
      case 'terminate':
        return { kind: 'terminate' };
      case 'error':
        return trigger.errorCode === undefined
          ? failure(element.id, 'Expected an error code on the error end event')
          : { kind: 'throw', signal: 'error', code: trigger.errorCode, end: true };
      case 'escalation':
        return trigger.escalationCode === undefined
          ? failure(element.id, 'Expected an escalation code on the escalation end event')
          : { kind: 'throw', signal: 'escalation', code: trigger.escalationCode, end: true };
      case 'messageThrow':
        return jobWait(element.id, trigger.job, variables);
      case 'signal':
        return broadcastWait(element.id, trigger.signalName, { variables, localVariables }, ctx);
    }
  },
};

/**
 * None and link: pass through (a link throw's one outgoing flow is the compiler's, to its catch).
 * Escalation: thrown; the token goes on unless an interrupting catcher ends it. Message, signal:
 * a job sends it, then the token goes on.
 */
export const intermediateThrowEventHandler: ElementHandler<ElementOfType<'intermediateThrowEvent'>> = {
  activate: ({ element, variables, localVariables, ctx }) => {
    const { trigger } = element;
    switch (trigger.kind) {
      case 'none':
      case 'link':
        return { kind: 'complete' };
      case 'escalation':
        return trigger.escalationCode === undefined
          ? failure(element.id, 'Expected an escalation code on the escalation throw event')
          : { kind: 'throw', signal: 'escalation', code: trigger.escalationCode, end: false };
      case 'messageThrow':
        return jobWait(element.id, trigger.job, variables);
      case 'signal':
        return broadcastWait(element.id, trigger.signalName, { variables, localVariables }, ctx);
    }
  },
};

/** Waits for its timer, message or signal. A link catch passes through: its throw led here. */
export const intermediateCatchEventHandler: ElementHandler<ElementOfType<'intermediateCatchEvent'>> = {
  activate: ({ element, variables, ctx }) => {
    const { trigger } = element;
    if (!isWaitTrigger(trigger)) return { kind: 'complete' };
    const wait = openTriggerWait(element.id, trigger, variables, ctx);
    return wait.kind === 'failure' ? wait : { kind: 'wait', waits: [wait] };
  },
};

/**
 * A message throw or end event is a job of its type, as a send task is (Zeebe). Like a send
 * task's, the job sees the variables the element sees.
 */
function jobWait(elementId: string, job: JobDefinition, variables: Readonly<Variables>): Activation {
  return {
    kind: 'wait',
    waits: [
      {
        kind: 'job',
        job: {
          elementId,
          jobType: job.jobType,
          retries: job.retries,
          headers: job.headers,
          variables: { ...variables },
        },
      },
    ],
  };
}

/**
 * A thrown signal is broadcast by a job the worker runs (BROADCAST_SIGNAL_JOB_TYPE), so that
 * reaching other cases is an activity with retries rather than work inside the workflow. The
 * signal's variables are the event's input mappings (its local variables), as in Zeebe.
 */
function broadcastWait(
  elementId: string,
  signalName: string,
  { variables, localVariables }: { variables: Readonly<Variables>; localVariables: Readonly<Variables> },
  ctx: EngineContext,
): Activation {
  const name = evaluateSignalName(elementId, signalName, variables, ctx);
  if (typeof name !== 'string') return name;
  return jobWait(
    elementId,
    { jobType: BROADCAST_SIGNAL_JOB_TYPE, retries: DEFAULT_BROADCAST_RETRIES, headers: { signalName: name } },
    localVariables,
  );
}

/** Attempts of a signal broadcast before the throw event gets an incident (Zeebe's job default). */
const DEFAULT_BROADCAST_RETRIES = 3;
