import { triggerEventSubProcess } from '../container/event-sub-process';
import { completeAtOnce, failure, type ElementHandler, type ElementOfType } from '../handler';
import { openTriggerWait } from '../../waits';

/**
 * Start events complete at once; a triggered one (message, timer) was triggered before it is
 * entered. The timer or message start of an event sub-process, fired in its scope, starts it.
 */
export const startEventHandler: ElementHandler<ElementOfType<'startEvent'>> = {
  ...completeAtOnce,
  trigger: triggerEventSubProcess,
};

/** None: the token ends. Terminate: the whole scope ends. Error, escalation: thrown, then the token ends. */
export const endEventHandler: ElementHandler<ElementOfType<'endEvent'>> = {
  activate: ({ element }) => {
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
    }
  },
};

/** None: passes through. Escalation: thrown; the token goes on unless an interrupting catcher ends it. */
export const intermediateThrowEventHandler: ElementHandler<ElementOfType<'intermediateThrowEvent'>> = {
  activate: ({ element }) => {
    const { trigger } = element;
    if (trigger.kind === 'none') return { kind: 'complete' };
    return trigger.escalationCode === undefined
      ? failure(element.id, 'Expected an escalation code on the escalation throw event')
      : { kind: 'throw', signal: 'escalation', code: trigger.escalationCode, end: false };
  },
};

/** Waits for its timer or message. */
export const intermediateCatchEventHandler: ElementHandler<ElementOfType<'intermediateCatchEvent'>> = {
  activate: ({ element, variables, ctx }) => {
    const { trigger } = element;
    const wait = openTriggerWait(element.id, trigger, variables, ctx);
    return wait.kind === 'failure' ? wait : { kind: 'wait', waits: [wait] };
  },
};
