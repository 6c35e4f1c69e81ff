import fc from 'fast-check';
import { processModel, timer, trigger } from '../../testing/process-builder';
import { Scenario } from '../../testing/scenario';

describe('exclusive gateway', () => {
  const model = processModel('triage')
    .startEvent('start')
    .exclusiveGateway('risk')
    .userTask('escalate')
    .manualTask('monitor')
    .endEvent('end')
    .flow('start', 'risk')
    .flow('risk', 'escalate', { id: 'high', condition: '=risk = "high"' })
    .flow('risk', 'monitor', { id: 'low', isDefault: true })
    .flow('escalate', 'end')
    .flow('monitor', 'end')
    .build();

  it('takes the flow whose condition is true', () => {
    // given
    const s = new Scenario(model);
    // when
    const step = s.start({ risk: 'high' });
    // then
    expect(step.events).toEqual([
      s.ev('instance.started'),
      s.ev('element.entered', 'start'),
      s.ev('element.left', 'start'),
      s.ev('element.entered', 'risk'),
      s.ev('element.left', 'risk'),
      s.ev('element.entered', 'escalate'),
      s.ev('task.opened', 'escalate', { data: { taskId: 'id-4' } }),
    ]);
    expect(step.state.instances['id-4']).toMatchObject({ elementId: 'escalate', flowId: 'high' });
  });

  it('takes the default flow when no condition is true', () => {
    // given
    const s = new Scenario(model);
    // when
    const step = s.start({ risk: 'low' });
    // then
    expect(step.events).toEqual([
      s.ev('instance.started'),
      s.ev('element.entered', 'start'),
      s.ev('element.left', 'start'),
      s.ev('element.entered', 'risk'),
      s.ev('element.left', 'risk'),
      s.ev('element.entered', 'monitor'),
      s.ev('element.left', 'monitor'),
      s.ev('element.entered', 'end'),
      s.ev('element.left', 'end'),
      s.ev('instance.completed'),
    ]);
    expect(step.commands).toEqual([{ type: 'completeInstance' }]);
  });

  it('raises an incident when no condition is true and there is no default flow', () => {
    // given
    const noDefault = processModel('triage')
      .startEvent('start')
      .exclusiveGateway('risk')
      .endEvent('high-end')
      .endEvent('low-end')
      .flow('start', 'risk')
      .flow('risk', 'high-end', { condition: '=risk = "high"' })
      .flow('risk', 'low-end', { condition: '=risk = "low"' })
      .build();
    const s = new Scenario(noDefault);
    // when
    const step = s.start({ risk: 'medium' });
    // then
    const message = 'Expected at least one condition to evaluate to true, or a default flow';
    expect(step.events).toEqual([
      s.ev('instance.started'),
      s.ev('element.entered', 'start'),
      s.ev('element.left', 'start'),
      s.ev('incident.raised', 'risk', { data: { incidentId: 'id-4', message } }),
    ]);
    expect(step.commands).toEqual([
      { type: 'raiseIncident', incident: { incidentId: 'id-4', elementId: 'risk', message } },
    ]);
    expect(step.state.incidents).toEqual({
      'id-4': { incidentId: 'id-4', instanceId: 'id-3', elementId: 'risk', message, retry: 'activate' },
    });
  });

  it('raises an incident when a condition cannot be evaluated, and retries it with the fixed variables', () => {
    // given a comparison with a missing variable: null, not a boolean
    const scored = processModel('p')
      .startEvent('s')
      .exclusiveGateway('g')
      .userTask('escalate')
      .endEvent('e')
      .flow('s', 'g')
      .flow('g', 'escalate', { condition: '=score > 5' })
      .flow('g', 'e', { isDefault: true })
      .build();
    const s = new Scenario(scored);
    // when
    const failed = s.start({});
    // then
    expect(failed.commands).toEqual([
      {
        type: 'raiseIncident',
        incident: {
          incidentId: 'id-4',
          elementId: 'g',
          message: expect.stringContaining("Variable 'score' not found"),
        },
      },
    ]);
    expect(failed.state.instances['id-3']).toEqual({
      id: 'id-3',
      elementId: 'g',
      parentId: 'id-1',
      state: 'incident',
      flowId: 's-g',
    });

    // when
    const retried = s.resolveIncident('id-4', { score: 8 }, 'principal');
    // then
    expect(retried.events).toEqual([
      s.ev('incident.resolved', 'g', {
        actor: 'principal',
        data: { incidentId: 'id-4', variables: ['score'], changes: [{ name: 'score', after: 8 }] },
      }),
      s.ev('element.entered', 'g'),
      s.ev('element.left', 'g'),
      s.ev('element.entered', 'escalate'),
      s.ev('task.opened', 'escalate', { data: { taskId: 'id-5' } }),
    ]);
    expect(retried.commands).toEqual([
      { type: 'resolveIncident', incidentId: 'id-4' },
      expect.objectContaining({ type: 'openUserTask' }),
    ]);
    expect(retried.state.incidents).toEqual({});
    expect(retried.state.instances['id-1']?.variables).toEqual({ score: 8 });
  });

  it('evaluates against variables merged from the completed task', () => {
    // given
    const afterTask = processModel('p')
      .startEvent('s')
      .userTask('assess')
      .exclusiveGateway('g')
      .userTask('escalate')
      .endEvent('e')
      .sequence('s', 'assess', 'g')
      .flow('g', 'escalate', { condition: '=score >= 7' })
      .flow('g', 'e', { isDefault: true })
      .flow('escalate', 'e')
      .build();
    const s = new Scenario(afterTask);
    s.start();
    // when
    s.completeTask('assess', { score: 8 });
    // then
    expect(s.live()).toEqual(['escalate']);
  });
});

describe('parallel gateway', () => {
  const model = processModel('support')
    .startEvent('start')
    .parallelGateway('fork')
    .userTask('parents')
    .userTask('teacher')
    .parallelGateway('join')
    .endEvent('end')
    .sequence('start', 'fork', 'parents', 'join', 'end')
    .sequence('fork', 'teacher', 'join')
    .build();

  it('forks into one task per branch', () => {
    // given
    const s = new Scenario(model);
    // when
    const step = s.start();
    // then
    expect(step.events).toEqual([
      s.ev('instance.started'),
      s.ev('element.entered', 'start'),
      s.ev('element.left', 'start'),
      s.ev('element.entered', 'fork'),
      s.ev('element.left', 'fork'),
      s.ev('element.entered', 'parents'),
      s.ev('task.opened', 'parents', { data: { taskId: 'id-4' } }),
      s.ev('element.entered', 'teacher'),
      s.ev('task.opened', 'teacher', { data: { taskId: 'id-5' } }),
    ]);
  });

  it.each([
    ['parents first', 'parents', 'teacher'],
    ['teacher first', 'teacher', 'parents'],
  ])('joins when both branches are done (%s)', (_order, firstElement, secondElement) => {
    // given
    const s = new Scenario(model);
    s.start();
    const firstTask = s.taskId(firstElement);
    const secondTask = s.taskId(secondElement);
    // when the first branch finishes, the join waits
    const first = s.completeTask(firstElement, {}, 'a');
    // then
    expect(first.events).toEqual([
      s.ev('task.completed', firstElement, {
        actor: 'a',
        data: { taskId: firstTask, submitted: {}, claimedOnCompletion: true },
      }),
      s.ev('element.left', firstElement),
    ]);
    expect(first.commands).toEqual([
      { type: 'closeUserTask', taskId: firstTask, state: 'completed', actor: 'a' },
    ]);
    expect(first.state.instances['id-6']).toEqual({
      id: 'id-6',
      elementId: 'join',
      parentId: 'id-1',
      state: 'joining',
      flowId: `${firstElement}-join`,
    });

    // when the second branch finishes, the join fires and the instance completes
    const second = s.completeTask(secondElement, {}, 'b');
    // then
    expect(second.events).toEqual([
      s.ev('task.completed', secondElement, {
        actor: 'b',
        data: { taskId: secondTask, submitted: {}, claimedOnCompletion: true },
      }),
      s.ev('element.left', secondElement),
      s.ev('element.entered', 'join'),
      s.ev('element.left', 'join'),
      s.ev('element.entered', 'end'),
      s.ev('element.left', 'end'),
      s.ev('instance.completed'),
    ]);
    expect(second.commands).toEqual([
      { type: 'closeUserTask', taskId: secondTask, state: 'completed', actor: 'b' },
      { type: 'completeInstance' },
    ]);
  });

  it('joins one token per incoming flow; an extra token on a flow waits for the next round (as in Zeebe)', () => {
    // given two tokens reach the join by the same flow (a1 and a2 merge before it) before b does
    const twice = processModel('p')
      .startEvent('s')
      .parallelGateway('fork')
      .userTask('a1')
      .userTask('a2')
      .exclusiveGateway('merge')
      .userTask('b')
      .parallelGateway('join')
      .userTask('after')
      .sequence('s', 'fork', 'a1', 'merge', 'join', 'after')
      .sequence('fork', 'a2', 'merge')
      .sequence('fork', 'b', 'join')
      .build();
    const s = new Scenario(twice);
    s.start();
    s.completeTask('a1');
    s.completeTask('a2');
    expect(Object.values(s.state.instances).filter((i) => i.state === 'joining')).toEqual([
      expect.objectContaining({ elementId: 'join', flowId: 'merge-join' }),
      expect.objectContaining({ elementId: 'join', flowId: 'merge-join' }),
    ]);
    // when
    const step = s.completeTask('b');
    // then the join fires once; the second token on merge-join keeps waiting
    expect(step.events.filter((event) => event.elementId === 'join')).toEqual([
      s.ev('element.entered', 'join'),
      s.ev('element.left', 'join'),
    ]);
    expect(s.live().sort()).toEqual(['after', 'join']);
    expect(Object.values(s.state.instances).filter((i) => i.state === 'joining')).toEqual([
      expect.objectContaining({ elementId: 'join', flowId: 'merge-join' }),
    ]);
  });

  it('neither loses nor duplicates tokens: the join fires once per round, whatever the completion order', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 6 }).chain((width) =>
          fc.record({
            width: fc.constant(width),
            kinds: fc.array(fc.constantFrom('user', 'user-then-manual', 'job', 'script-then-user'), {
              minLength: width,
              maxLength: width,
            }),
            rounds: fc.array(
              fc.shuffledSubarray([...Array(width).keys()], { minLength: width, maxLength: width }),
              {
                minLength: 1,
                maxLength: 3,
              },
            ),
          }),
        ),
        ({ width, kinds, rounds }) => {
          // given start → merge → fork → N branches → join → (another round?) → merge | end
          const builder = processModel('p')
            .startEvent('s')
            .exclusiveGateway('merge')
            .parallelGateway('fork')
            .parallelGateway('join')
            .exclusiveGateway('again')
            .scriptTask('next-round', { expression: '=round + 1', resultVariable: 'round' })
            .endEvent('e')
            .sequence('s', 'merge', 'fork')
            .sequence('join', 'again')
            .flow('again', 'next-round', { condition: `=round < ${rounds.length}` })
            .flow('again', 'e', { isDefault: true })
            .flow('next-round', 'merge');
          const waitOf = (branch: number): string => `b${branch}`;
          kinds.forEach((kind, branch) => {
            const id = waitOf(branch);
            if (kind === 'job') builder.serviceTask(id).sequence('fork', id, 'join');
            else if (kind === 'user') builder.userTask(id).sequence('fork', id, 'join');
            else if (kind === 'user-then-manual') {
              builder.userTask(id).manualTask(`${id}-m`).sequence('fork', id, `${id}-m`, 'join');
            } else {
              builder
                .scriptTask(`${id}-s`, { expression: `=${branch}`, resultVariable: `v${branch}` })
                .userTask(id)
                .sequence('fork', `${id}-s`, id, 'join');
            }
          });
          const s = new Scenario(builder.build());

          // when every round's waits complete in the generated order
          s.start({ round: 1 });
          const joinsPerStep: number[][] = [];
          for (const order of rounds) {
            const joins: number[] = [];
            order.forEach((branch, index) => {
              const id = waitOf(branch);
              const step = kinds[branch] === 'job' ? s.completeJob(id) : s.completeTask(id);
              joins.push(
                step.events.filter((e) => e.type === 'element.entered' && e.elementId === 'join').length,
              );
              // then every arrival so far waits at the join, one token each
              const waiting = Object.values(s.state.instances).filter((i) => i.state === 'joining');
              expect(waiting).toHaveLength(index + 1 < width ? index + 1 : 0);
            });
            joinsPerStep.push(joins);
          }

          // then the join fired exactly once per round, on its last arrival, and the instance completed once
          for (const joins of joinsPerStep) expect(joins).toEqual([...Array(width - 1).fill(0), 1]);
          const completions = s.steps.flatMap((step) =>
            step.commands.filter((c) => c.type === 'completeInstance'),
          );
          expect(completions).toHaveLength(1);
          expect(s.state.status).toBe('completed');
          expect(s.live()).toEqual([]);
          expect(s.state.instances[s.state.rootId]?.variables?.['round']).toBe(rounds.length);
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('inclusive gateway', () => {
  const model = processModel('notify')
    .startEvent('s')
    .inclusiveGateway('fork')
    .userTask('parents')
    .userTask('teacher')
    .manualTask('nobody')
    .inclusiveGateway('join')
    .endEvent('e')
    .flow('s', 'fork')
    .flow('fork', 'parents', { condition: '=informParents' })
    .flow('fork', 'teacher', { condition: '=informTeacher' })
    .flow('fork', 'nobody', { isDefault: true })
    .sequence('parents', 'join')
    .sequence('teacher', 'join')
    .sequence('nobody', 'join')
    .sequence('join', 'e')
    .build();

  it('forks along every flow whose condition is true and joins exactly those', () => {
    // given
    const s = new Scenario(model);
    // when
    const started = s.start({ informParents: true, informTeacher: true });
    // then
    expect(started.events).toEqual([
      s.ev('instance.started'),
      s.ev('element.entered', 's'),
      s.ev('element.left', 's'),
      s.ev('element.entered', 'fork'),
      s.ev('element.left', 'fork'),
      s.ev('element.entered', 'parents'),
      s.ev('task.opened', 'parents', { data: { taskId: 'id-4' } }),
      s.ev('element.entered', 'teacher'),
      s.ev('task.opened', 'teacher', { data: { taskId: 'id-5' } }),
    ]);
    // when
    const first = s.completeTask('teacher');
    // then the join waits for the other taken branch
    expect(first.events).toEqual([
      s.ev('task.completed', 'teacher', {
        actor: 'tester',
        data: { taskId: 'id-5', submitted: {}, claimedOnCompletion: true },
      }),
      s.ev('element.left', 'teacher'),
    ]);
    // when
    const second = s.completeTask('parents');
    // then
    expect(second.events).toEqual([
      s.ev('task.completed', 'parents', {
        actor: 'tester',
        data: { taskId: 'id-4', submitted: {}, claimedOnCompletion: true },
      }),
      s.ev('element.left', 'parents'),
      s.ev('element.entered', 'join'),
      s.ev('element.left', 'join'),
      s.ev('element.entered', 'e'),
      s.ev('element.left', 'e'),
      s.ev('instance.completed'),
    ]);
  });

  it('takes the default flow when no condition is true, and its join fires on that one token', () => {
    // given
    const s = new Scenario(model);
    // when
    const step = s.start({ informParents: false, informTeacher: false });
    // then
    expect(step.events.slice(3)).toEqual([
      s.ev('element.entered', 'fork'),
      s.ev('element.left', 'fork'),
      s.ev('element.entered', 'nobody'),
      s.ev('element.left', 'nobody'),
      s.ev('element.entered', 'join'),
      s.ev('element.left', 'join'),
      s.ev('element.entered', 'e'),
      s.ev('element.left', 'e'),
      s.ev('instance.completed'),
    ]);
  });

  it('raises an incident when no condition is true and there is no default', () => {
    // given
    const noDefault = processModel('p')
      .startEvent('s')
      .inclusiveGateway('fork')
      .endEvent('e')
      .flow('s', 'fork')
      .flow('fork', 'e', { condition: '=false' })
      .build();
    const s = new Scenario(noDefault);
    // when
    const step = s.start();
    // then
    expect(step.commands).toEqual([
      {
        type: 'raiseIncident',
        incident: {
          incidentId: 'id-4',
          elementId: 'fork',
          message: 'Expected at least one condition to evaluate to true, or a default flow',
        },
      },
    ]);
  });

  it('fires when a taken branch ends elsewhere and so can no longer arrive', () => {
    // given fork → a → join, and fork → b → (back to the join, or an end event)
    const elsewhere = processModel('p')
      .startEvent('s')
      .inclusiveGateway('fork')
      .userTask('a')
      .userTask('b')
      .exclusiveGateway('decide')
      .endEvent('dropped')
      .inclusiveGateway('join')
      .userTask('after')
      .sequence('s', 'fork', 'a', 'join', 'after')
      .sequence('fork', 'b', 'decide')
      .flow('decide', 'join', { condition: '=rejoin' })
      .flow('decide', 'dropped', { isDefault: true })
      .build();
    const s = new Scenario(elsewhere);
    s.start();
    const first = s.completeTask('a');
    expect(first.events).toEqual([
      s.ev('task.completed', 'a', {
        actor: 'tester',
        data: { taskId: 'id-4', submitted: {}, claimedOnCompletion: true },
      }),
      s.ev('element.left', 'a'),
    ]);
    // when the other branch ends at an end event
    const step = s.completeTask('b', { rejoin: false });
    // then the join no longer waits for it
    expect(step.events).toEqual([
      s.ev('task.completed', 'b', {
        actor: 'tester',
        data: { taskId: 'id-5', submitted: { rejoin: false }, claimedOnCompletion: true },
      }),
      s.ev('element.left', 'b'),
      s.ev('element.entered', 'decide'),
      s.ev('element.left', 'decide'),
      s.ev('element.entered', 'dropped'),
      s.ev('element.left', 'dropped'),
      s.ev('element.entered', 'join'),
      s.ev('element.left', 'join'),
      s.ev('element.entered', 'after'),
      s.ev('task.opened', 'after', { data: { taskId: 'id-9' } }),
    ]);
    expect(s.live()).toEqual(['after']);
  });

  it('a join whose outgoing condition fails waits in one incident and, resolved, fires once with every token', () => {
    // given both branches taken, and a condition after the join that cannot be evaluated yet
    const failing = processModel('p')
      .startEvent('s')
      .inclusiveGateway('fork')
      .userTask('a')
      .userTask('b')
      .inclusiveGateway('join')
      .userTask('after')
      .sequence('s', 'fork')
      .flow('fork', 'a', { condition: '=true' })
      .flow('fork', 'b', { condition: '=true' })
      .sequence('a', 'join')
      .sequence('b', 'join')
      .flow('join', 'after', { condition: '=score > 5' })
      .build();
    const s = new Scenario(failing);
    s.start();
    s.completeTask('a');
    // when
    const failed = s.completeTask('b');
    // then
    expect(failed.commands.filter((c) => c.type === 'raiseIncident')).toHaveLength(1);
    expect(Object.keys(failed.state.incidents)).toHaveLength(1);
    // when
    const resolved = s.resolveIncident('join', { score: 9 });
    // then
    expect(resolved.events.filter((e) => e.elementId === 'join').map((e) => e.type)).toEqual([
      'incident.resolved',
      'element.entered',
      'element.left',
    ]);
    expect(s.live()).toEqual(['after']);
  });

  it('waits for a branch that can still come back to it', () => {
    // given the same diagram, but the branch rejoins
    const rejoining = processModel('p')
      .startEvent('s')
      .inclusiveGateway('fork')
      .userTask('a')
      .userTask('b')
      .exclusiveGateway('decide')
      .endEvent('dropped')
      .inclusiveGateway('join')
      .userTask('after')
      .sequence('s', 'fork', 'a', 'join', 'after')
      .sequence('fork', 'b', 'decide')
      .flow('decide', 'join', { condition: '=rejoin' })
      .flow('decide', 'dropped', { isDefault: true })
      .build();
    const s = new Scenario(rejoining);
    s.start();
    s.completeTask('a');
    // when
    s.completeTask('b', { rejoin: true });
    // then
    expect(s.live()).toEqual(['after']);
    const joins = s.steps.flatMap((step) => step.events.filter((e) => e.elementId === 'join'));
    expect(joins.map((e) => e.type)).toEqual(['element.entered', 'element.left']);
  });
});

describe('inclusive join (property)', () => {
  it('fires exactly once, when the last taken branch has arrived or ended elsewhere', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }).chain((width) =>
          fc.record({
            taken: fc.array(fc.boolean(), { minLength: width, maxLength: width }),
            rejoins: fc.array(fc.boolean(), { minLength: width, maxLength: width }),
            order: fc.shuffledSubarray([...Array(width).keys()], { minLength: width, maxLength: width }),
          }),
        ),
        ({ taken, rejoins, order }) => {
          // given fork → [take_i] task_i → decide_i → (join | dropped_i), default → join
          const builder = processModel('p')
            .startEvent('s')
            .inclusiveGateway('fork')
            .inclusiveGateway('join')
            .userTask('after')
            .sequence('s', 'fork')
            .flow('fork', 'join', { id: 'none-taken', isDefault: true })
            .sequence('join', 'after');
          taken.forEach((_, i) => {
            builder
              .userTask(`t${i}`)
              .exclusiveGateway(`decide${i}`)
              .endEvent(`dropped${i}`)
              .flow('fork', `t${i}`, { condition: `=take${i}` })
              .sequence(`t${i}`, `decide${i}`)
              .flow(`decide${i}`, 'join', { condition: `=rejoin${i}` })
              .flow(`decide${i}`, `dropped${i}`, { isDefault: true });
          });
          const s = new Scenario(builder.build());
          const variables = Object.fromEntries(taken.map((take, i) => [`take${i}`, take]));
          // when the taken branches complete in the generated order
          s.start(variables);
          const takenOrder = order.filter((i) => taken[i]);
          const joinsPerStep: number[] = [s.steps[0]?.events.filter((e) => isJoinEntered(e)).length ?? 0];
          for (const i of takenOrder) {
            const step = s.completeTask(`t${i}`, { [`rejoin${i}`]: rejoins[i] });
            joinsPerStep.push(step.events.filter((e) => isJoinEntered(e)).length);
          }
          // then the join fired once, in the step that settled the last taken branch (or at once
          // on the default flow), unless every taken branch ended elsewhere
          const arrives = takenOrder.some((i) => rejoins[i]) || takenOrder.length === 0;
          const expected = joinsPerStep.map((_, step) =>
            arrives && step === joinsPerStep.length - 1 ? 1 : 0,
          );
          expect(joinsPerStep).toEqual(expected);
          if (arrives) expect(s.live()).toEqual(['after']);
          else expect(s.state.status).toBe('completed');
        },
      ),
      { numRuns: 200 },
    );
  });
});

function isJoinEntered(event: { type: string; elementId?: string }): boolean {
  return event.type === 'element.entered' && event.elementId === 'join';
}

describe('event-based gateway', () => {
  const model = processModel('p')
    .startEvent('s')
    .eventBasedGateway('wait-reply')
    .intermediateCatchEvent('no-reply', { trigger: timer.duration('P2D') })
    .intermediateCatchEvent('reply', { trigger: trigger.message('parent-reply', '=caseId') })
    .userTask('call-parents')
    .userTask('read-reply')
    .sequence('s', 'wait-reply', 'no-reply', 'call-parents')
    .sequence('wait-reply', 'reply', 'read-reply')
    .build();

  it('waits for the first of its events', () => {
    // given
    const s = new Scenario(model);
    // when
    const step = s.start({ caseId: 'c-1' });
    // then
    expect(step.events).toEqual([
      s.ev('instance.started'),
      s.ev('element.entered', 's'),
      s.ev('element.left', 's'),
      s.ev('element.entered', 'wait-reply'),
    ]);
    expect(step.commands).toEqual([
      {
        type: 'startTimer',
        timer: { timerId: 'id-4', elementId: 'no-reply', dueAt: '2024-03-03T08:00:00.000Z' },
      },
      {
        type: 'openSubscription',
        subscription: {
          subscriptionId: 'id-5',
          elementId: 'reply',
          messageName: 'parent-reply',
          correlationKey: 'c-1',
        },
      },
    ]);
  });

  it('the timer wins: the message subscription closes', () => {
    // given
    const s = new Scenario(model);
    s.start({ caseId: 'c-1' });
    // when
    const step = s.fireTimer('no-reply');
    // then
    expect(step.events).toEqual([
      s.ev('timer.fired', 'no-reply', { data: { timerId: 'id-4', dueAt: '2024-03-03T08:00:00.000Z' } }),
      s.ev('element.left', 'wait-reply'),
      s.ev('element.entered', 'no-reply'),
      s.ev('element.left', 'no-reply'),
      s.ev('element.entered', 'call-parents'),
      s.ev('task.opened', 'call-parents', { data: { taskId: 'id-7' } }),
    ]);
    expect(step.commands).toEqual([
      { type: 'closeSubscription', subscriptionId: 'id-5', state: 'cancelled' },
      expect.objectContaining({ type: 'openUserTask' }),
    ]);
    expect(step.state.instances['id-6']).toBeUndefined();
    expect(s.live()).toEqual(['call-parents']);
  });

  it('the message wins: the timer is cancelled, the payload kept', () => {
    // given
    const s = new Scenario(model);
    s.start({ caseId: 'c-1' });
    // when
    const step = s.correlate('parent-reply', 'c-1', { reply: 'we will come' });
    // then
    expect(step.events).toEqual([
      s.ev('message.correlated', 'reply', { data: { messageName: 'parent-reply', subscriptionId: 'id-5' } }),
      s.ev('element.left', 'wait-reply'),
      s.ev('element.entered', 'reply'),
      s.ev('element.left', 'reply'),
      s.ev('element.entered', 'read-reply'),
      s.ev('task.opened', 'read-reply', { data: { taskId: 'id-7' } }),
    ]);
    expect(step.commands).toEqual([
      { type: 'closeSubscription', subscriptionId: 'id-5', state: 'correlated' },
      { type: 'cancelTimer', timerId: 'id-4' },
      expect.objectContaining({ type: 'openUserTask' }),
    ]);
    expect(step.state.instances['id-1']?.variables).toEqual({ caseId: 'c-1', reply: 'we will come' });
  });
});
