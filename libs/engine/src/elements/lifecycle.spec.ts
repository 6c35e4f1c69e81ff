import type { FlowElement } from '../../../bpmn/src/workflow';
import { multiInstanceBody } from './container/multi-instance-body';
import { processLifecycle } from './container/process';
import type { Lifecycle } from './handler';
import { HANDLERS, handlerFor } from './index';

/** The lifecycle hooks a handler defines itself; every other step takes the shared default. */
function ownHooks(lifecycle: Lifecycle): string[] {
  return (['complete', 'terminate', 'trigger', 'childCompleted'] as const).filter(
    (hook) => typeof lifecycle[hook] === 'function',
  );
}

describe('element lifecycle table', () => {
  it('gives each element type an activate decision and only the hooks its semantics need', () => {
    // given every handler in the table
    const table = Object.fromEntries(
      Object.entries(HANDLERS).map(([type, handler]) => [type, ownHooks(handler)]),
    );

    // then each activates, and the overrides are exactly the element-specific ones
    for (const handler of Object.values(HANDLERS)) expect(typeof handler.activate).toBe('function');
    expect(table).toEqual({
      startEvent: ['trigger'], // an event sub-process start fired in its scope
      endEvent: [],
      intermediateCatchEvent: [],
      intermediateThrowEvent: [],
      boundaryEvent: ['trigger'], // interrupts or not, then leaves its activity
      userTask: [],
      manualTask: [],
      task: [],
      serviceTask: [],
      sendTask: [],
      businessRuleTask: [], // a called decision is a job (docs/bpmn-elements.md)
      receiveTask: [],
      scriptTask: [],
      exclusiveGateway: [],
      parallelGateway: ['terminate'], // a joining token was never entered
      inclusiveGateway: ['terminate'],
      eventBasedGateway: ['trigger'], // the first event wins
      subProcess: ['terminate', 'childCompleted'], // a container
      callActivity: ['complete'], // propagateAllChildVariables
    });
  });

  it('gives the containers that are not element types (process, multi-instance body) their own lifecycles', () => {
    expect(ownHooks(processLifecycle)).toEqual(['childCompleted']);
    expect(ownHooks(multiInstanceBody)).toEqual(['terminate', 'childCompleted']);
    expect(typeof multiInstanceBody.activate).toBe('function');
  });

  it('refuses an element type it has no handler for, naming the type and the element', () => {
    const unknown = { id: 'x', type: 'fromANewerCompiler' } as unknown as FlowElement;
    expect(() => handlerFor(unknown)).toThrow(
      "No engine handler for element type 'fromANewerCompiler' (element 'x')",
    );
  });
});
