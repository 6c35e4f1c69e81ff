import { evaluateFeel } from '../../../../expressions/src';
import { openMessageWait } from '../../waits';
import { completeAtOnce, failure, type ElementHandler, type ElementOfType } from '../handler';
import { feelOptions } from '../../feel-options';

/**
 * Manual and undefined tasks have no work the engine can wait for, so (as in Zeebe) they
 * complete as soon as they are entered.
 */
export const manualTaskHandler: ElementHandler<ElementOfType<'manualTask'>> = completeAtOnce;
export const undefinedTaskHandler: ElementHandler<ElementOfType<'task'>> = completeAtOnce;

/**
 * Service, send and business rule tasks create a job for the handler registered under their
 * type; the workflow runs it as an activity. The job carries the variables the element sees. (A
 * business rule task calling a decision is a job of an internal type: docs/adr/0009.)
 */
export const jobTaskHandler: ElementHandler<ElementOfType<'serviceTask' | 'sendTask' | 'businessRuleTask'>> =
  {
    activate: ({ element, variables }) => ({
      kind: 'wait',
      waits: [
        {
          kind: 'job',
          job: {
            elementId: element.id,
            jobType: element.jobType,
            retries: element.retries,
            headers: element.headers,
            variables: { ...variables },
          },
        },
      ],
    }),
  };

/** Waits for its message, like a message catch event. */
export const receiveTaskHandler: ElementHandler<ElementOfType<'receiveTask'>> = {
  activate: ({ element, variables, ctx }) => {
    const wait = openMessageWait(element.id, element.message, variables, ctx);
    return wait.kind === 'failure' ? wait : { kind: 'wait', waits: [wait] };
  },
};

/** zeebe:script: evaluates FEEL and completes with the value in its result variable. */
export const scriptTaskHandler: ElementHandler<ElementOfType<'scriptTask'>> = {
  activate: ({ element, variables, ctx }) => {
    const result = evaluateFeel(element.expression, variables, feelOptions(ctx));
    if (!result.ok) return failure(element.id, `Expected the script to evaluate: ${result.message}`);
    return { kind: 'complete', variables: { [element.resultVariable]: result.value } };
  },
};
