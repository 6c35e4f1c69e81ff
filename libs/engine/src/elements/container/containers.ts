import { evaluateFeel, isFeel } from '../../../../expressions/src';
import { failure, type ElementHandler, type ElementOfType } from '../handler';

/** An embedded sub-process (or an event sub-process once triggered): a scope entered at its start event. */
export const subProcessHandler: ElementHandler<ElementOfType<'subProcess'>> = {
  activate: ({ element }) => {
    const [startEventId] = element.startEventIds;
    return startEventId === undefined
      ? failure(element.id, 'Expected a start event inside the sub-process')
      : { kind: 'enterScope', startEventId };
  },
};

/**
 * Starts the called process as a child case and waits for it. The child gets every variable
 * the call activity sees, unless propagateAllParentVariables is false (then only its input
 * mappings, which are the activity's local variables).
 */
export const callActivityHandler: ElementHandler<ElementOfType<'callActivity'>> = {
  activate: ({ element, variables, ctx, localVariables }) => {
    let processId = element.calledProcessId;
    if (isFeel(processId)) {
      const result = evaluateFeel(processId, variables, { now: ctx.now });
      if (!result.ok)
        return failure(element.id, `Expected the called process id to evaluate: ${result.message}`);
      if (typeof result.value !== 'string' || result.value === '') {
        return failure(
          element.id,
          `Expected the called process id '${element.calledProcessId}' to be a process id, but was ${JSON.stringify(result.value)}`,
        );
      }
      processId = result.value;
    }
    const passed = element.propagateAllParentVariables ? { ...variables } : { ...localVariables };
    return {
      kind: 'wait',
      waits: [{ kind: 'child', child: { elementId: element.id, processId, variables: passed } }],
    };
  },
};
