import { evaluateFeel, isFeel } from '../../../../expressions/src';
import { failure, terminateScope, type ElementHandler, type ElementOfType } from '../handler';
import { feelOptions } from '../../feel-options';

/**
 * An embedded sub-process (or an event sub-process once triggered, event-sub-process.ts): a
 * scope entered at its start event. It completes once no token is left in it; terminated, it
 * ends what runs in it first.
 */
export const subProcessHandler: ElementHandler<ElementOfType<'subProcess'>> = {
  activate: ({ element }) => {
    const [startEventId] = element.startEventIds;
    return startEventId === undefined
      ? failure(element.id, 'Expected a start event inside the sub-process')
      : { kind: 'enterScope', startEventId };
  },
  childCompleted: (b, scope) => {
    if (b.transitions.isEmpty(scope)) b.transitions.complete(scope);
  },
  terminate: terminateScope,
};

/**
 * Starts the called process as a child case and waits for it. The child gets every variable
 * the call activity sees, unless propagateAllParentVariables is false (then only its input
 * mappings, which are the activity's local variables). Its variables come back the same way:
 * all of them propagate, unless propagateAllChildVariables is false (then they are the
 * activity's own, and only its output mappings carry them out).
 */
export const callActivityHandler: ElementHandler<ElementOfType<'callActivity'>> = {
  activate: ({ element, variables, ctx, localVariables }) => {
    let processId = element.calledProcessId;
    if (isFeel(processId)) {
      const result = evaluateFeel(processId, variables, feelOptions(ctx));
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
  complete: (b, instance, result) => {
    const element = b.element(instance.elementId);
    const propagateAll = element.type !== 'callActivity' || element.propagateAllChildVariables;
    if (!propagateAll) instance.variables = { ...instance.variables, ...result };
    b.transitions.complete(instance, propagateAll ? result : {});
  },
};
