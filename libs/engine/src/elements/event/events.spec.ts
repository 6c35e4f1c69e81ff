import { correlateMessage, fireTimer, startInstance } from '../../engine';
import { processModel, testContext, timer, trigger } from '../../testing/process-builder';
import { Scenario } from '../../testing/scenario';

const NOW = '2024-03-01T08:00:00.000Z';

describe('start events', () => {
  const model = processModel('p')
    .startEvent('start')
    .startEvent('referral', { trigger: trigger.message('referral-received') })
    .startEvent('weekly', { trigger: timer.cycle('R/P7D') })
    .userTask('triage')
    .eventSubProcess('on-hold', (sub) =>
      sub
        .startEvent('on-hold-start', { trigger: trigger.message('hold', '=caseId') })
        .endEvent('on-hold-end')
        .sequence('on-hold-start', 'on-hold-end'),
    )
    .sequence('start', 'triage')
    .flow('referral', 'triage')
    .flow('weekly', 'triage')
    .build();

  it('lists none, triggered and event sub-process start events apart', () => {
    // given the model above / when built / then
    expect(model.startEventIds).toEqual(['start']);
    expect(model.triggeredStartEventIds).toEqual(['referral', 'weekly']);
    expect(model.eventSubProcessIds).toEqual(['on-hold']);
  });

  it('starts at the none start event by default', () => {
    // given
    const s = new Scenario(model);
    // when
    const step = s.start({ caseId: 'c-1' });
    // then
    expect(step.events).toEqual([
      s.ev('instance.started'),
      s.ev('element.entered', 'start'),
      s.ev('element.left', 'start'),
      s.ev('element.entered', 'triage'),
      s.ev('task.opened', 'triage', { data: { taskId: 'id-4' } }),
    ]);
    expect(step.commands).toEqual([
      {
        type: 'openSubscription',
        subscription: {
          subscriptionId: 'id-2',
          elementId: 'on-hold-start',
          messageName: 'hold',
          correlationKey: 'c-1',
        },
      },
      {
        type: 'openUserTask',
        task: { taskId: 'id-4', elementId: 'triage', candidateGroups: [], candidateUsers: [], priority: 50 },
      },
    ]);
  });

  it.each([
    ['a message start event', 'referral'],
    ['a timer start event', 'weekly'],
  ])('starts at %s when told to, with its payload as variables', (_kind, startEventId) => {
    // given
    const s = new Scenario(model);
    // when
    const step = s.start({ caseId: 'c-1', source: 'hotline' }, { startEventId });
    // then
    expect(step.events).toEqual([
      s.ev('instance.started'),
      s.ev('element.entered', startEventId),
      s.ev('element.left', startEventId),
      s.ev('element.entered', 'triage'),
      s.ev('task.opened', 'triage', { data: { taskId: 'id-4' } }),
    ]);
    expect(step.state.instances['id-4']).toEqual({
      id: 'id-4',
      elementId: 'triage',
      parentId: 'id-1',
      state: 'waiting',
      flowId: `${startEventId}-triage`,
    });
    expect(step.state.instances['id-1']?.variables).toEqual({ caseId: 'c-1', source: 'hotline' });
  });

  it.each([
    ['an unknown element', 'nope'],
    ['an element that is no start event', 'triage'],
    ['the start event of an event sub-process', 'on-hold-start'],
  ])('refuses to start at %s', (_what, startEventId) => {
    // given
    const ctx = testContext();
    // when
    const result = startInstance(model, {}, ctx, { startEventId });
    // then
    expect(result).toEqual({
      kind: 'failure',
      elementId: 'p',
      message: `Expected a start event to start the instance at, found '${startEventId}'`,
    });
  });

  it('refuses to start a process without a none start event unless told where', () => {
    // given
    const onlyTriggered = processModel('p')
      .startEvent('referral', { trigger: trigger.message('referral-received') })
      .endEvent('e')
      .sequence('referral', 'e')
      .build();
    // when
    const result = startInstance(onlyTriggered, {}, testContext());
    // then
    expect(result).toEqual({
      kind: 'failure',
      elementId: 'p',
      message: "Expected a start event to start the instance at, found ''",
    });
  });
});

describe('end events', () => {
  it('a none end event ends its token; the instance completes when no token is left', () => {
    // given start → fork → (end-a) and (task → end-b)
    const model = processModel('p')
      .startEvent('s')
      .parallelGateway('fork')
      .endEvent('end-a')
      .userTask('t')
      .endEvent('end-b')
      .sequence('s', 'fork', 'end-a')
      .sequence('fork', 't', 'end-b')
      .build();
    const s = new Scenario(model);
    // when
    const started = s.start();
    // then
    expect(started.events).toEqual([
      s.ev('instance.started'),
      s.ev('element.entered', 's'),
      s.ev('element.left', 's'),
      s.ev('element.entered', 'fork'),
      s.ev('element.left', 'fork'),
      s.ev('element.entered', 'end-a'),
      s.ev('element.left', 'end-a'),
      s.ev('element.entered', 't'),
      s.ev('task.opened', 't', { data: { taskId: 'id-5' } }),
    ]);
    expect(started.state.status).toBe('active');
    // when
    const done = s.completeTask('t');
    // then
    expect(done.commands).toEqual([
      { type: 'closeUserTask', taskId: 'id-5', state: 'completed', actor: 'tester' },
      { type: 'completeInstance' },
    ]);
    expect(done.events.at(-1)).toEqual(s.ev('instance.completed'));
  });

  it('a none end event applies its output mappings (Zeebe); one that fails is an incident to resolve', () => {
    // given
    const model = processModel('p')
      .startEvent('s')
      .endEvent('done', { inputs: { by: '=closedBy' }, outputs: { outcome: '="closed by " + by' } })
      .sequence('s', 'done')
      .build();
    const s = new Scenario(model);
    // when
    const failed = s.start({});
    // then
    expect(failed.commands).toEqual([
      {
        type: 'raiseIncident',
        incident: {
          incidentId: 'id-4',
          elementId: 'done',
          message: expect.stringMatching(/^Expected the mapping to 'by' to evaluate: .*'closedBy'/),
        },
      },
    ]);
    // when
    const resolved = s.resolveIncident('done', { closedBy: 'principal' });
    // then
    expect(resolved.events).toEqual([
      s.ev('incident.resolved', 'done', {
        actor: 'supervisor',
        data: {
          incidentId: 'id-4',
          variables: ['closedBy'],
          changes: [{ name: 'closedBy', after: 'principal' }],
        },
      }),
      s.ev('element.entered', 'done'),
      s.ev('element.left', 'done'),
      s.ev('instance.completed'),
    ]);
    expect(resolved.state.instances['id-1']?.variables).toEqual({
      closedBy: 'principal',
      outcome: 'closed by principal',
    });
  });

  it('a terminate end event ends every token of the process and completes it', () => {
    // given start → fork → (task) and (manual → terminate)
    const model = processModel('p')
      .startEvent('s')
      .parallelGateway('fork')
      .userTask('t')
      .serviceTask('job')
      .manualTask('m')
      .endEvent('stop', { trigger: trigger.terminate })
      .sequence('s', 'fork', 't')
      .sequence('fork', 'job')
      .sequence('fork', 'm', 'stop')
      .build();
    const s = new Scenario(model);
    // when
    const step = s.start();
    // then
    expect(step.events).toEqual([
      s.ev('instance.started'),
      s.ev('element.entered', 's'),
      s.ev('element.left', 's'),
      s.ev('element.entered', 'fork'),
      s.ev('element.left', 'fork'),
      s.ev('element.entered', 't'),
      s.ev('task.opened', 't', { data: { taskId: 'id-4' } }),
      s.ev('element.entered', 'job'),
      s.ev('element.entered', 'm'),
      s.ev('element.left', 'm'),
      s.ev('element.entered', 'stop'),
      s.ev('element.left', 'stop'),
      s.ev('element.terminated', 't'),
      s.ev('element.terminated', 'job'),
      s.ev('instance.completed'),
    ]);
    expect(step.commands).toEqual([
      expect.objectContaining({ type: 'openUserTask' }),
      expect.objectContaining({ type: 'startJob' }),
      { type: 'closeUserTask', taskId: 'id-4', state: 'cancelled' },
      { type: 'cancelJob', jobId: 'id-5' },
      { type: 'completeInstance' },
    ]);
    expect(step.state).toMatchObject({ status: 'completed', tasks: {}, jobs: {} });
  });

  it('a terminate end event inside a sub-process ends only the sub-process, which completes', () => {
    // given
    const model = processModel('p')
      .startEvent('s')
      .subProcess('sub', (sub) =>
        sub
          .startEvent('sub-s')
          .parallelGateway('sub-fork')
          .userTask('inner')
          .endEvent('sub-stop', { trigger: trigger.terminate })
          .sequence('sub-s', 'sub-fork', 'inner')
          .sequence('sub-fork', 'sub-stop'),
      )
      .userTask('after')
      .sequence('s', 'sub', 'after')
      .build();
    const s = new Scenario(model);
    // when
    const step = s.start();
    // then
    expect(step.events).toEqual([
      s.ev('instance.started'),
      s.ev('element.entered', 's'),
      s.ev('element.left', 's'),
      s.ev('element.entered', 'sub'),
      s.ev('element.entered', 'sub-s'),
      s.ev('element.left', 'sub-s'),
      s.ev('element.entered', 'sub-fork'),
      s.ev('element.left', 'sub-fork'),
      s.ev('element.entered', 'inner'),
      s.ev('task.opened', 'inner', { data: { taskId: 'id-6' } }),
      s.ev('element.entered', 'sub-stop'),
      s.ev('element.left', 'sub-stop'),
      s.ev('element.terminated', 'inner'),
      s.ev('element.left', 'sub'),
      s.ev('element.entered', 'after'),
      s.ev('task.opened', 'after', { data: { taskId: 'id-8' } }),
    ]);
    expect(s.live()).toEqual(['after']);
  });

  it('an error end event with no catcher raises an incident at the end event', () => {
    // given
    const model = processModel('p')
      .startEvent('s')
      .endEvent('fail', { trigger: trigger.error('NO_CONSENT') })
      .sequence('s', 'fail')
      .build();
    const s = new Scenario(model);
    // when
    const step = s.start();
    // then
    expect(step.events).toEqual([
      s.ev('instance.started'),
      s.ev('element.entered', 's'),
      s.ev('element.left', 's'),
      s.ev('element.entered', 'fail'),
      s.ev('error.thrown', 'fail', { data: { code: 'NO_CONSENT' } }),
      s.ev('incident.raised', 'fail', {
        data: {
          incidentId: 'id-4',
          message: "Expected a catch event for error 'NO_CONSENT', but none catches it",
        },
      }),
    ]);
    expect(step.commands).toEqual([
      {
        type: 'raiseIncident',
        incident: {
          incidentId: 'id-4',
          elementId: 'fail',
          message: "Expected a catch event for error 'NO_CONSENT', but none catches it",
        },
      },
    ]);
    expect(step.state.status).toBe('active');
  });

  it('an escalation end event with no catcher just ends its token (Zeebe: an uncaught escalation is no incident)', () => {
    // given
    const model = processModel('p')
      .startEvent('s')
      .endEvent('escalate', { trigger: trigger.escalation('LATE') })
      .sequence('s', 'escalate')
      .build();
    const s = new Scenario(model);
    // when
    const step = s.start();
    // then
    expect(step.events).toEqual([
      s.ev('instance.started'),
      s.ev('element.entered', 's'),
      s.ev('element.left', 's'),
      s.ev('element.entered', 'escalate'),
      s.ev('escalation.thrown', 'escalate', { data: { code: 'LATE' } }),
      s.ev('element.left', 'escalate'),
      s.ev('instance.completed'),
    ]);
    expect(step.commands).toEqual([{ type: 'completeInstance' }]);
  });
});

describe('intermediate timer catch event', () => {
  const withTimer = (definition: ReturnType<typeof timer.duration>) =>
    processModel('p')
      .startEvent('s')
      .intermediateCatchEvent('wait', { trigger: definition })
      .endEvent('e')
      .sequence('s', 'wait', 'e')
      .build();

  it.each([
    ['a duration', timer.duration('PT24H'), {}, '2024-03-02T08:00:00.000Z'],
    ['a FEEL duration', timer.duration('=pause'), { pause: 'PT30M' }, '2024-03-01T08:30:00.000Z'],
    ['a date', timer.date('2024-03-05T09:00:00+08:00'), {}, '2024-03-05T01:00:00.000Z'],
    [
      'a FEEL date',
      timer.date('=deadline'),
      { deadline: '2024-03-04T00:00:00Z' },
      '2024-03-04T00:00:00.000Z',
    ],
    ['a cycle (its first firing)', timer.cycle('R3/PT1H'), {}, '2024-03-01T09:00:00.000Z'],
  ])('waits for %s, then goes on', (_kind, definition, variables, dueAt) => {
    // given
    const s = new Scenario(withTimer(definition), NOW);
    // when
    const started = s.start(variables);
    // then
    expect(started.events).toEqual([
      s.ev('instance.started'),
      s.ev('element.entered', 's'),
      s.ev('element.left', 's'),
      s.ev('element.entered', 'wait'),
    ]);
    expect(started.commands).toEqual([
      { type: 'startTimer', timer: { timerId: 'id-4', elementId: 'wait', dueAt } },
    ]);
    expect(started.state.timers).toEqual({
      'id-4': expect.objectContaining({ timerId: 'id-4', elementId: 'wait', ownerId: 'id-3', dueAt }),
    });

    // when
    const fired = s.fireTimer('wait');
    // then
    expect(s.ctx.now).toBe(dueAt);
    expect(fired.events).toEqual([
      s.ev('timer.fired', 'wait', { data: { timerId: 'id-4', dueAt } }),
      s.ev('element.left', 'wait'),
      s.ev('element.entered', 'e'),
      s.ev('element.left', 'e'),
      s.ev('instance.completed'),
    ]);
    expect(fired.commands).toEqual([{ type: 'completeInstance' }]);
  });

  it('raises an incident for a timer that is not one, and opens it once the variable is fixed', () => {
    // given
    const s = new Scenario(withTimer(timer.duration('=pause')), NOW);
    // when
    const failed = s.start({ pause: 'soon' });
    // then
    const message = "Expected an ISO 8601 duration such as 'PT24H', but was 'soon'";
    expect(failed.commands).toEqual([
      { type: 'raiseIncident', incident: { incidentId: 'id-4', elementId: 'wait', message } },
    ]);
    expect(failed.state.timers).toEqual({});

    // when
    const resolved = s.resolveIncident('wait', { pause: 'PT1H' });
    // then
    expect(resolved.commands).toEqual([
      { type: 'resolveIncident', incidentId: 'id-4' },
      {
        type: 'startTimer',
        timer: { timerId: 'id-5', elementId: 'wait', dueAt: '2024-03-01T09:00:00.000Z' },
      },
    ]);
    expect(resolved.events).toEqual([
      s.ev('incident.resolved', 'wait', {
        actor: 'supervisor',
        data: {
          incidentId: 'id-4',
          variables: ['pause'],
          changes: [{ name: 'pause', before: 'soon', after: 'PT1H' }],
        },
      }),
      s.ev('element.entered', 'wait'),
    ]);
  });

  it('refuses a timer that is not open', () => {
    // given
    const s = new Scenario(withTimer(timer.duration('PT1H')));
    s.start();
    // when / then
    expect(s.refused((m, state, ctx) => fireTimer(m, state, { timerId: 'x' }, ctx))).toEqual({
      kind: 'failure',
      elementId: '',
      message: "Expected an open timer with id 'x'",
    });
  });
});

describe('intermediate message catch event', () => {
  const model = processModel('p')
    .startEvent('s')
    .intermediateCatchEvent('reply', {
      trigger: trigger.message('=replyName', '=caseId'),
      outputs: { parentReply: '=answer' },
    })
    .endEvent('e')
    .sequence('s', 'reply', 'e')
    .build();

  it('subscribes with name and key evaluated, and applies its output mappings to the payload', () => {
    // given
    const s = new Scenario(model);
    // when
    const started = s.start({ replyName: 'parent-reply', caseId: 'c-7' });
    // then
    expect(started.commands).toEqual([
      {
        type: 'openSubscription',
        subscription: {
          subscriptionId: 'id-4',
          elementId: 'reply',
          messageName: 'parent-reply',
          correlationKey: 'c-7',
        },
      },
    ]);
    expect(started.state.subscriptions).toEqual({
      'id-4': {
        subscriptionId: 'id-4',
        elementId: 'reply',
        ownerId: 'id-3',
        messageName: 'parent-reply',
        correlationKey: 'c-7',
      },
    });

    // when
    const step = s.correlate('parent-reply', 'c-7', { answer: 'agreed', noise: 1 });
    // then
    expect(step.events).toEqual([
      s.ev('message.correlated', 'reply', { data: { messageName: 'parent-reply', subscriptionId: 'id-4' } }),
      s.ev('element.left', 'reply'),
      s.ev('element.entered', 'e'),
      s.ev('element.left', 'e'),
      s.ev('instance.completed'),
    ]);
    expect(step.commands).toEqual([
      { type: 'closeSubscription', subscriptionId: 'id-4', state: 'correlated' },
      { type: 'completeInstance' },
    ]);
    expect(step.state.instances['id-1']?.variables).toEqual({
      replyName: 'parent-reply',
      caseId: 'c-7',
      parentReply: 'agreed',
    });
  });

  it('refuses a message nobody waits for (wrong name or wrong key)', () => {
    // given
    const s = new Scenario(model);
    s.start({ replyName: 'parent-reply', caseId: 'c-7' });
    // when / then
    for (const [name, key] of [
      ['parent-reply', 'c-8'],
      ['other', 'c-7'],
    ] as const) {
      expect(
        s.refused((m, state, ctx) =>
          correlateMessage(m, state, { messageName: name, correlationKey: key, variables: {} }, ctx),
        ),
      ).toEqual({
        kind: 'failure',
        elementId: '',
        message: `Expected an open subscription for message '${name}' with that correlation key`,
      });
    }
  });

  it('delivers to the oldest subscription first when two wait for the same message', () => {
    // given two branches wait for the same message and key
    const twice = processModel('p')
      .startEvent('s')
      .parallelGateway('fork')
      .intermediateCatchEvent('first', { trigger: trigger.message('ping', '=key') })
      .intermediateCatchEvent('second', { trigger: trigger.message('ping', '=key') })
      .userTask('after-first')
      .userTask('after-second')
      .sequence('s', 'fork', 'first', 'after-first')
      .sequence('fork', 'second', 'after-second')
      .build();
    const s = new Scenario(twice);
    s.start({ key: 'k' });
    // when
    const step = s.correlate('ping', 'k');
    // then
    expect(step.events[0]).toEqual(
      s.ev('message.correlated', 'first', { data: { messageName: 'ping', subscriptionId: 'id-5' } }),
    );
    expect(s.live().sort()).toEqual(['after-first', 'second']);
  });
});

describe('intermediate throw events', () => {
  it('a none throw event passes straight through', () => {
    // given
    const model = processModel('p')
      .startEvent('s')
      .intermediateThrowEvent('milestone', { name: 'Reported' })
      .endEvent('e')
      .sequence('s', 'milestone', 'e')
      .build();
    const s = new Scenario(model);
    // when
    const step = s.start();
    // then
    expect(step.events).toEqual([
      s.ev('instance.started'),
      s.ev('element.entered', 's'),
      s.ev('element.left', 's'),
      s.ev('element.entered', 'milestone'),
      s.ev('element.left', 'milestone'),
      s.ev('element.entered', 'e'),
      s.ev('element.left', 'e'),
      s.ev('instance.completed'),
    ]);
  });

  it('an escalation nobody catches is recorded and the token goes on (Zeebe: no incident)', () => {
    // given
    const model = processModel('p')
      .startEvent('s')
      .intermediateThrowEvent('raise', { trigger: trigger.escalation('LATE') })
      .userTask('after')
      .sequence('s', 'raise', 'after')
      .build();
    const s = new Scenario(model);
    // when
    const step = s.start();
    // then
    expect(step.events).toEqual([
      s.ev('instance.started'),
      s.ev('element.entered', 's'),
      s.ev('element.left', 's'),
      s.ev('element.entered', 'raise'),
      s.ev('escalation.thrown', 'raise', { data: { code: 'LATE' } }),
      s.ev('element.left', 'raise'),
      s.ev('element.entered', 'after'),
      s.ev('task.opened', 'after', { data: { taskId: 'id-4' } }),
    ]);
    expect(step.state.incidents).toEqual({});
  });
});

describe('timer boundary events', () => {
  const withBoundary = (cancelActivity: boolean, definition = timer.duration('P3D')) =>
    processModel('p')
      .startEvent('s')
      .userTask('review')
      .boundaryEvent('deadline', { attachedTo: 'review', trigger: definition, cancelActivity })
      .userTask('remind')
      .endEvent('e')
      .sequence('s', 'review', 'e')
      .sequence('deadline', 'remind')
      .build();

  it('opens with its activity', () => {
    // given
    const s = new Scenario(withBoundary(true), NOW);
    // when
    const step = s.start();
    // then
    expect(step.events).toEqual([
      s.ev('instance.started'),
      s.ev('element.entered', 's'),
      s.ev('element.left', 's'),
      s.ev('element.entered', 'review'),
      s.ev('task.opened', 'review', { data: { taskId: 'id-3' } }),
    ]);
    expect(step.commands).toEqual([
      {
        type: 'startTimer',
        timer: { timerId: 'id-4', elementId: 'deadline', dueAt: '2024-03-04T08:00:00.000Z' },
      },
      expect.objectContaining({ type: 'openUserTask' }),
    ]);
    expect(step.state.timers['id-4']).toEqual({
      timerId: 'id-4',
      elementId: 'deadline',
      ownerId: 'id-3',
      dueAt: '2024-03-04T08:00:00.000Z',
    });
  });

  it('interrupting: cancels the task and takes the boundary path', () => {
    // given
    const s = new Scenario(withBoundary(true), NOW);
    s.start();
    // when
    const step = s.fireTimer('deadline');
    // then
    expect(step.events).toEqual([
      s.ev('timer.fired', 'deadline', { data: { timerId: 'id-4', dueAt: '2024-03-04T08:00:00.000Z' } }),
      s.ev('element.terminated', 'review'),
      s.ev('element.entered', 'deadline'),
      s.ev('element.left', 'deadline'),
      s.ev('element.entered', 'remind'),
      s.ev('task.opened', 'remind', { data: { taskId: 'id-6' } }),
    ]);
    expect(step.commands).toEqual([
      { type: 'closeUserTask', taskId: 'id-3', state: 'cancelled' },
      expect.objectContaining({ type: 'openUserTask', task: expect.objectContaining({ taskId: 'id-6' }) }),
    ]);
    expect(s.live()).toEqual(['remind']);
  });

  it('closes when its activity completes first', () => {
    // given
    const s = new Scenario(withBoundary(true), NOW);
    s.start();
    // when
    const step = s.completeTask('review');
    // then
    expect(step.commands).toEqual([
      { type: 'closeUserTask', taskId: 'id-3', state: 'completed', actor: 'tester' },
      { type: 'cancelTimer', timerId: 'id-4' },
      { type: 'completeInstance' },
    ]);
  });

  it('non-interrupting: the task stays open and a reminder starts beside it', () => {
    // given
    const s = new Scenario(withBoundary(false), NOW);
    s.start();
    // when
    const step = s.fireTimer('deadline');
    // then
    expect(step.events).toEqual([
      s.ev('timer.fired', 'deadline', { data: { timerId: 'id-4', dueAt: '2024-03-04T08:00:00.000Z' } }),
      s.ev('element.entered', 'deadline'),
      s.ev('element.left', 'deadline'),
      s.ev('element.entered', 'remind'),
      s.ev('task.opened', 'remind', { data: { taskId: 'id-6' } }),
    ]);
    expect(step.commands).toEqual([expect.objectContaining({ type: 'openUserTask' })]);
    expect(s.live().sort()).toEqual(['remind', 'review']);
    expect(step.state.timers).toEqual({});
  });

  it("a non-interrupting cycle 'R3/PT1H' reminds exactly three times, then stops", () => {
    // given
    const s = new Scenario(withBoundary(false, timer.cycle('R3/PT1H')), NOW);
    const started = s.start();
    expect(started.commands[0]).toEqual({
      type: 'startTimer',
      timer: { timerId: 'id-4', elementId: 'deadline', dueAt: '2024-03-01T09:00:00.000Z' },
    });
    // when it fires three times
    // then it is rescheduled after the first and second firing only
    const first = s.fireTimer('deadline');
    expect(first.events).toEqual([
      s.ev('timer.fired', 'deadline', { data: { timerId: 'id-4', dueAt: '2024-03-01T09:00:00.000Z' } }),
      s.ev('element.entered', 'deadline'),
      s.ev('element.left', 'deadline'),
      s.ev('element.entered', 'remind'),
      s.ev('task.opened', 'remind', { data: { taskId: 'id-6' } }),
    ]);
    expect(first.commands).toEqual([
      {
        type: 'startTimer',
        timer: { timerId: 'id-4', elementId: 'deadline', dueAt: '2024-03-01T10:00:00.000Z' },
      },
      expect.objectContaining({ type: 'openUserTask' }),
    ]);
    const second = s.fireTimer('deadline');
    expect(second.events[0]).toEqual(
      s.ev('timer.fired', 'deadline', { data: { timerId: 'id-4', dueAt: '2024-03-01T10:00:00.000Z' } }),
    );
    expect(second.commands).toEqual([
      {
        type: 'startTimer',
        timer: { timerId: 'id-4', elementId: 'deadline', dueAt: '2024-03-01T11:00:00.000Z' },
      },
      expect.objectContaining({ type: 'openUserTask' }),
    ]);
    const third = s.fireTimer('deadline');
    expect(third.events[0]).toEqual(
      s.ev('timer.fired', 'deadline', { data: { timerId: 'id-4', dueAt: '2024-03-01T11:00:00.000Z' } }),
    );
    expect(third.commands).toEqual([expect.objectContaining({ type: 'openUserTask' })]);
    expect(third.state.timers).toEqual({});
    expect(s.live().filter((id) => id === 'remind')).toHaveLength(3);
    expect(s.ctx.now).toBe('2024-03-01T11:00:00.000Z');
    // when the task completes, nothing is left to cancel
    const done = s.completeTask('review');
    expect(done.commands).toEqual([
      { type: 'closeUserTask', taskId: 'id-3', state: 'completed', actor: 'tester' },
    ]);
  });

  it('a repeating reminder is cancelled when its task completes between firings', () => {
    // given
    const s = new Scenario(withBoundary(false, timer.cycle('R3/PT1H')), NOW);
    s.start();
    s.fireTimer('deadline');
    // when
    s.ctx.advance('PT10M');
    const done = s.completeTask('review');
    // then
    expect(done.commands).toEqual([
      { type: 'closeUserTask', taskId: 'id-3', state: 'completed', actor: 'tester' },
      { type: 'cancelTimer', timerId: 'id-4' },
    ]);
    expect(done.events).toEqual([
      s.ev('task.completed', 'review', {
        actor: 'tester',
        data: { taskId: 'id-3', submitted: {}, claimedOnCompletion: true },
      }),
      s.ev('element.left', 'review'),
      s.ev('element.entered', 'e'),
      s.ev('element.left', 'e'),
    ]);
    expect(done.state.timers).toEqual({});
    expect(s.live()).toEqual(['remind']);
  });
});

describe('message boundary events', () => {
  const withBoundary = (cancelActivity: boolean) =>
    processModel('p')
      .startEvent('s')
      .serviceTask('assess')
      .boundaryEvent('withdrawn', {
        attachedTo: 'assess',
        trigger: trigger.message('withdrawn', '=caseId'),
        cancelActivity,
      })
      .userTask('follow-up')
      .endEvent('e')
      .sequence('s', 'assess', 'e')
      .sequence('withdrawn', 'follow-up')
      .build();

  it('interrupting: the message cancels the job and takes the boundary path with its payload', () => {
    // given
    const s = new Scenario(withBoundary(true));
    const started = s.start({ caseId: 'c-1' });
    expect(started.commands).toEqual([
      {
        type: 'openSubscription',
        subscription: {
          subscriptionId: 'id-4',
          elementId: 'withdrawn',
          messageName: 'withdrawn',
          correlationKey: 'c-1',
        },
      },
      expect.objectContaining({ type: 'startJob' }),
    ]);
    // when
    const step = s.correlate('withdrawn', 'c-1', { reason: 'moved away' });
    // then
    expect(step.events).toEqual([
      s.ev('message.correlated', 'withdrawn', { data: { messageName: 'withdrawn', subscriptionId: 'id-4' } }),
      s.ev('element.terminated', 'assess'),
      s.ev('element.entered', 'withdrawn'),
      s.ev('element.left', 'withdrawn'),
      s.ev('element.entered', 'follow-up'),
      s.ev('task.opened', 'follow-up', { data: { taskId: 'id-6' } }),
    ]);
    expect(step.commands).toEqual([
      { type: 'closeSubscription', subscriptionId: 'id-4', state: 'correlated' },
      { type: 'cancelJob', jobId: 'id-3' },
      expect.objectContaining({ type: 'openUserTask' }),
    ]);
    expect(step.state.instances['id-1']?.variables).toEqual({ caseId: 'c-1', reason: 'moved away' });
  });

  it('non-interrupting: the subscription stays open for the next message until the task completes', () => {
    // given
    const s = new Scenario(withBoundary(false));
    s.start({ caseId: 'c-1' });
    // when
    const first = s.correlate('withdrawn', 'c-1');
    const second = s.correlate('withdrawn', 'c-1');
    // then
    expect(first.commands).toEqual([expect.objectContaining({ type: 'openUserTask' })]);
    expect(first.events.slice(0, 3)).toEqual([
      s.ev('message.correlated', 'withdrawn', { data: { messageName: 'withdrawn', subscriptionId: 'id-4' } }),
      s.ev('element.entered', 'withdrawn'),
      s.ev('element.left', 'withdrawn'),
    ]);
    expect(second.state.subscriptions).toEqual({
      'id-4': expect.objectContaining({ elementId: 'withdrawn' }),
    });
    expect(s.live().sort()).toEqual(['assess', 'follow-up', 'follow-up']);
    // when
    const done = s.completeJob('assess');
    // then
    expect(done.commands).toEqual([
      { type: 'closeSubscription', subscriptionId: 'id-4', state: 'cancelled' },
    ]);
  });
});

describe('error boundary events', () => {
  const model = processModel('p')
    .startEvent('s')
    .serviceTask('refer', { jobType: 'create-referral' })
    .boundaryEvent('any-error', { attachedTo: 'refer', trigger: trigger.error() })
    .boundaryEvent('no-capacity', { attachedTo: 'refer', trigger: trigger.error('NO_CAPACITY') })
    .userTask('by-hand')
    .userTask('wait-list')
    .endEvent('e')
    .sequence('s', 'refer', 'e')
    .sequence('any-error', 'by-hand')
    .sequence('no-capacity', 'wait-list')
    .build();

  it('a job error goes to the boundary with its code before a catch-all one', () => {
    // given
    const s = new Scenario(model);
    s.start();
    // when
    const step = s.throwJobError('refer', 'NO_CAPACITY', 'The centre is full');
    // then
    expect(step.events).toEqual([
      s.ev('error.thrown', 'refer', { data: { code: 'NO_CAPACITY', message: 'The centre is full' } }),
      s.ev('element.terminated', 'refer'),
      s.ev('element.entered', 'no-capacity'),
      s.ev('element.left', 'no-capacity'),
      s.ev('element.entered', 'wait-list'),
      s.ev('task.opened', 'wait-list', { data: { taskId: 'id-5' } }),
    ]);
    expect(step.commands).toEqual([expect.objectContaining({ type: 'openUserTask' })]);
    expect(s.live()).toEqual(['wait-list']);
  });

  it('a catch-all boundary takes any other code', () => {
    // given
    const s = new Scenario(model);
    s.start();
    // when
    s.throwJobError('refer', 'SOMETHING_ELSE');
    // then
    expect(s.live()).toEqual(['by-hand']);
  });

  it('an uncaught job error is an incident at the task; resolving it starts the job again', () => {
    // given
    const bare = processModel('p')
      .startEvent('s')
      .serviceTask('refer')
      .endEvent('e')
      .sequence('s', 'refer', 'e')
      .build();
    const s = new Scenario(bare);
    s.start({ n: 1 });
    // when
    const failed = s.throwJobError('refer', 'NO_CAPACITY', 'The centre is full');
    // then
    const message =
      "Expected a catch event for error 'NO_CAPACITY' (The centre is full), but none catches it";
    expect(failed.events).toEqual([
      s.ev('error.thrown', 'refer', { data: { code: 'NO_CAPACITY', message: 'The centre is full' } }),
      s.ev('incident.raised', 'refer', { data: { incidentId: 'id-4', message } }),
    ]);
    expect(failed.commands).toEqual([
      { type: 'raiseIncident', incident: { incidentId: 'id-4', elementId: 'refer', message } },
    ]);
    // when
    const retried = s.resolveIncident('refer', { n: 2 });
    // then
    expect(retried.commands).toEqual([
      { type: 'resolveIncident', incidentId: 'id-4' },
      {
        type: 'startJob',
        job: {
          jobId: 'id-3',
          elementId: 'refer',
          jobType: 'refer',
          retries: 3,
          headers: {},
          variables: { n: 2 },
        },
      },
    ]);
  });

  it('an error end event inside a sub-process is caught by the error boundary on the sub-process', () => {
    // given
    const nested = processModel('p')
      .startEvent('s')
      .subProcess('care', (care) =>
        care
          .startEvent('care-s')
          .parallelGateway('care-fork')
          .userTask('talk')
          .endEvent('give-up', { trigger: trigger.error('REFUSED') })
          .sequence('care-s', 'care-fork', 'talk')
          .sequence('care-fork', 'give-up'),
      )
      .boundaryEvent('refused', { attachedTo: 'care', trigger: trigger.error('REFUSED') })
      .userTask('refer-out')
      .endEvent('e')
      .sequence('s', 'care', 'e')
      .sequence('refused', 'refer-out')
      .build();
    expect(nested.elements['talk']?.parentId).toBe('care');
    expect(nested.elements['refused']?.parentId).toBeUndefined();
    const s = new Scenario(nested);
    // when
    const step = s.start();
    // then
    expect(step.events.slice(10)).toEqual([
      s.ev('element.entered', 'give-up'),
      s.ev('error.thrown', 'give-up', { data: { code: 'REFUSED' } }),
      s.ev('element.terminated', 'talk'),
      s.ev('element.terminated', 'give-up'),
      s.ev('element.terminated', 'care'),
      s.ev('element.entered', 'refused'),
      s.ev('element.left', 'refused'),
      s.ev('element.entered', 'refer-out'),
      s.ev('task.opened', 'refer-out', { data: { taskId: 'id-9' } }),
    ]);
    expect(step.commands).toEqual([
      expect.objectContaining({ type: 'openUserTask', task: expect.objectContaining({ elementId: 'talk' }) }),
      { type: 'closeUserTask', taskId: 'id-6', state: 'cancelled' },
      expect.objectContaining({
        type: 'openUserTask',
        task: expect.objectContaining({ elementId: 'refer-out' }),
      }),
    ]);
    expect(s.live()).toEqual(['refer-out']);
  });
});

describe('escalation boundary events', () => {
  const withBoundary = (cancelActivity: boolean) =>
    processModel('p')
      .startEvent('s')
      .subProcess('care', (care) =>
        care
          .startEvent('care-s')
          .intermediateThrowEvent('raise', { trigger: trigger.escalation('LATE') })
          .userTask('talk')
          .endEvent('care-e')
          .sequence('care-s', 'raise', 'talk', 'care-e'),
      )
      .boundaryEvent('late', { attachedTo: 'care', trigger: trigger.escalation('LATE'), cancelActivity })
      .userTask('inform-principal')
      .endEvent('e')
      .sequence('s', 'care', 'e')
      .sequence('late', 'inform-principal')
      .build();

  it('interrupting: ends the sub-process, thrower included', () => {
    // given
    const s = new Scenario(withBoundary(true));
    // when
    const step = s.start();
    // then
    expect(step.events.slice(3)).toEqual([
      s.ev('element.entered', 'care'),
      s.ev('element.entered', 'care-s'),
      s.ev('element.left', 'care-s'),
      s.ev('element.entered', 'raise'),
      s.ev('escalation.thrown', 'raise', { data: { code: 'LATE' } }),
      s.ev('element.terminated', 'raise'),
      s.ev('element.terminated', 'care'),
      s.ev('element.entered', 'late'),
      s.ev('element.left', 'late'),
      s.ev('element.entered', 'inform-principal'),
      s.ev('task.opened', 'inform-principal', { data: { taskId: 'id-7' } }),
    ]);
    expect(s.live()).toEqual(['inform-principal']);
  });

  it('non-interrupting: the boundary path starts and the thrower goes on', () => {
    // given
    const s = new Scenario(withBoundary(false));
    // when
    const step = s.start();
    // then
    expect(step.events.slice(3)).toEqual([
      s.ev('element.entered', 'care'),
      s.ev('element.entered', 'care-s'),
      s.ev('element.left', 'care-s'),
      s.ev('element.entered', 'raise'),
      s.ev('escalation.thrown', 'raise', { data: { code: 'LATE' } }),
      s.ev('element.entered', 'late'),
      s.ev('element.left', 'late'),
      s.ev('element.left', 'raise'),
      s.ev('element.entered', 'inform-principal'),
      s.ev('task.opened', 'inform-principal', { data: { taskId: 'id-7' } }),
      s.ev('element.entered', 'talk'),
      s.ev('task.opened', 'talk', { data: { taskId: 'id-8' } }),
    ]);
    expect(s.live().sort()).toEqual(['care', 'inform-principal', 'talk']);
  });
});
