import { startInstance } from '../engine';
import { multiInstanceBody } from '../elements/container/multi-instance-body';
import { processLifecycle } from '../elements/container/process';
import { HANDLERS } from '../elements';
import { processModel, testContext, timer } from '../testing/process-builder';
import type { ElementInstance, EngineState, Step } from '../types';
import { Behaviors } from './behaviors';

/** Starts the model and returns behaviours over the state it waits in, to drive one seam directly. */
function behaviorsAt(model: ReturnType<ReturnType<typeof processModel>['build']>): Behaviors {
  const ctx = testContext();
  const started = startInstance(model, {}, ctx) as Step;
  return new Behaviors(model, JSON.parse(JSON.stringify(started.state)) as EngineState, ctx);
}

function instanceAt(state: EngineState, elementId: string): ElementInstance {
  const found = Object.values(state.instances).find((instance) => instance.elementId === elementId);
  if (!found) throw new Error(`No instance at '${elementId}'`);
  return found;
}

describe('behaviours', () => {
  const fork = processModel('p')
    .startEvent('s')
    .parallelGateway('fork')
    .userTask('a')
    .task('b')
    .parallelGateway('join')
    .endEvent('e')
    .flow('s', 'fork')
    .flow('fork', 'a')
    .flow('fork', 'b')
    .flow('a', 'join')
    .flow('b', 'join')
    .flow('join', 'e')
    .build();

  it('picks the lifecycle of the process for the root, of the body for a multi-instance body, else of the element', () => {
    // given a case waiting in a multi-instance task beside a plain one
    const model = processModel('p')
      .startEvent('s')
      .parallelGateway('fork')
      .userTask('each', { multiInstance: { sequential: false, inputCollection: '=[1, 2]' } })
      .userTask('once')
      .flow('s', 'fork')
      .flow('fork', 'each')
      .flow('fork', 'once')
      .build();
    const b = behaviorsAt(model);
    const root = b.instance(b.state.rootId);
    const body = Object.values(b.state.instances).find((instance) => instance.body);
    const inner = Object.values(b.state.instances).find((instance) => instance.loopIndex === 0);

    // then
    expect(root && b.transitions.lifecycleOf(root)).toBe(processLifecycle);
    expect(body && b.transitions.lifecycleOf(body)).toBe(multiInstanceBody);
    expect(inner && b.transitions.lifecycleOf(inner)).toBe(HANDLERS.userTask);
    expect(b.transitions.lifecycleOf(instanceAt(b.state, 'once'))).toBe(HANDLERS.userTask);
  });

  it("terminates through the handler's hook: a joining token leaves no trace, a waiting task is cancelled", () => {
    // given one token joining and one waiting at its task
    const b = behaviorsAt(fork);
    const joining = instanceAt(b.state, 'join');
    const task = instanceAt(b.state, 'a');
    expect(joining.state).toBe('joining');

    // when both are terminated
    b.transitions.terminate(joining);
    b.transitions.terminate(task);

    // then only the task records its end, and its task closes
    expect(b.log.events.map((event) => [event.type, event.elementId])).toEqual([['element.terminated', 'a']]);
    expect(b.log.commands).toEqual([{ type: 'closeUserTask', taskId: task.id, state: 'cancelled' }]);
    expect(b.instance(joining.id)).toBeUndefined();
    expect(b.instance(task.id)).toBeUndefined();
  });

  it('hands a trigger to an owner that waits on several events, else to the event, and refuses a mismatch', () => {
    // given a case waiting at an event-based gateway
    const model = processModel('p')
      .startEvent('s')
      .eventBasedGateway('wait')
      .intermediateCatchEvent('late', { trigger: timer.duration('P1D') })
      .userTask('call')
      .sequence('s', 'wait', 'late', 'call')
      .build();

    // when a pairing nothing catches fires, it is refused naming both
    const refused = behaviorsAt(model);
    const root = refused.instance(refused.state.rootId);
    expect(() => root && refused.subscriptions.trigger(root.id, 'late', { variables: {} })).toThrow(
      "Element 'late' cannot be triggered for 'p'",
    );

    // and the gateway's own event takes its way
    const taken = behaviorsAt(model);
    taken.subscriptions.trigger(instanceAt(taken.state, 'wait').id, 'late', {
      variables: { why: 'timeout' },
    });
    expect(taken.log.events.map((event) => [event.type, event.elementId])).toEqual([
      ['element.left', 'wait'],
      ['element.entered', 'late'],
      ['element.left', 'late'],
    ]);
    expect(taken.log.commands).toEqual([{ type: 'cancelTimer', timerId: expect.any(String) }]);
    expect(taken.state.instances[taken.state.rootId]?.variables).toEqual({ why: 'timeout' });
  });

  it('keeps tokens first in first out, and drops those bound for a terminated scope', () => {
    const b = behaviorsAt(fork);
    b.tokens.enqueue({ elementId: 'a', scopeId: 'one' });
    b.tokens.enqueue({ elementId: 'b', scopeId: 'two' });
    b.tokens.enqueue({ elementId: 'e', scopeId: 'one' });

    b.tokens.dropScope('one');

    expect(b.tokens.anyInto('one')).toBe(false);
    expect(b.tokens.anyInto('two')).toBe(true);
    expect(b.tokens.next()).toEqual({ elementId: 'b', scopeId: 'two' });
    expect(b.tokens.next()).toBeUndefined();
  });
});
