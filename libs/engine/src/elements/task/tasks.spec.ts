import { assignTask, completeJob, completeTask, refuseTask, startInstance } from '../../engine';
import { processModel, testContext, trigger } from '../../testing/process-builder';
import { Scenario } from '../../testing/scenario';
import type { Command, UserTaskSpec } from '../../types';

const NOW = '2024-03-01T08:00:00.000Z';

describe('user task', () => {
  const model = processModel('intake')
    .startEvent('start')
    .userTask('review', {
      name: 'Review concern',
      assignment: { assignee: '=reporter', candidateGroups: 'psychTeacher, classTeacher' },
      dueDate: '=now() + duration("P1D")',
      followUpDate: '2024-03-05T09:00:00+08:00',
      formId: 'concern-review',
    })
    .endEvent('end')
    .sequence('start', 'review', 'end')
    .build();

  it('opens the task on start, with assignment and schedule resolved', () => {
    // given
    const s = new Scenario(model, NOW);
    // when
    const step = s.start({ reporter: 'li.na' });
    // then
    expect(step.events).toEqual([
      s.ev('instance.started'),
      s.ev('element.entered', 'start'),
      s.ev('element.left', 'start'),
      s.ev('element.entered', 'review'),
      s.ev('task.opened', 'review', { data: { taskId: 'id-3' } }),
    ]);
    expect(step.commands).toEqual([
      {
        type: 'openUserTask',
        task: {
          taskId: 'id-3',
          elementId: 'review',
          name: 'Review concern',
          assignee: 'li.na',
          candidateGroups: ['psychTeacher', 'classTeacher'],
          candidateUsers: [],
          dueAt: '2024-03-02T08:00:00.000Z',
          followUpAt: '2024-03-05T01:00:00.000Z',
          priority: 50,
          formId: 'concern-review',
        },
      },
    ]);
    expect(step.state).toEqual({
      processId: 'intake',
      status: 'active',
      rootId: 'id-1',
      instances: {
        'id-1': {
          id: 'id-1',
          elementId: 'intake',
          parentId: null,
          state: 'scope',
          variables: { reporter: 'li.na' },
        },
        'id-3': {
          id: 'id-3',
          elementId: 'review',
          parentId: 'id-1',
          state: 'waiting',
          flowId: 'start-review',
        },
      },
      tasks: { 'id-3': { taskId: 'id-3', instanceId: 'id-3', elementId: 'review', assignee: 'li.na' } },
      jobs: {},
      timers: {},
      subscriptions: {},
      children: {},
      incidents: {},
    });
  });

  it('completes the instance when the task is completed, merging its variables', () => {
    // given
    const s = new Scenario(model, NOW);
    s.start({ reporter: 'li.na', risk: 'unknown' });
    // when
    const step = s.completeTask('review', { risk: 'low', notes: 'ok' }, 'li.na');
    // then
    expect(step.commands).toEqual([
      { type: 'closeUserTask', taskId: 'id-3', state: 'completed', actor: 'li.na' },
      { type: 'completeInstance' },
    ]);
    expect(step.events).toEqual([
      // the values go to the projection, which keeps only their keys and a hash
      s.ev('task.completed', 'review', {
        actor: 'li.na',
        data: { taskId: 'id-3', submitted: { risk: 'low', notes: 'ok' } },
      }),
      s.ev('element.left', 'review'),
      s.ev('element.entered', 'end'),
      s.ev('element.left', 'end'),
      s.ev('instance.completed'),
    ]);
    expect(step.state.status).toBe('completed');
    expect(step.state.instances).toEqual({
      'id-1': {
        id: 'id-1',
        elementId: 'intake',
        parentId: null,
        state: 'scope',
        variables: { reporter: 'li.na', risk: 'low', notes: 'ok' },
      },
    });
  });

  it('says when completing an unclaimed task claimed it for the completer', () => {
    // given an unassigned task
    const open = processModel('p')
      .startEvent('s')
      .userTask('ask')
      .endEvent('e')
      .sequence('s', 'ask', 'e')
      .build();
    const s = new Scenario(open, NOW);
    s.start({});
    // when it is completed without a claim
    const done = s.completeTask('ask', { notes: 'x' }, 'li.na');
    // then the completion says it was claimed in that step, and no separate assignment is taken
    expect(done.events[0]).toEqual(
      s.ev('task.completed', 'ask', {
        actor: 'li.na',
        data: { taskId: expect.any(String), submitted: { notes: 'x' }, claimedOnCompletion: true },
      }),
    );
    expect(done.commands.filter((command) => command.type === 'assignUserTask')).toEqual([]);
  });

  it('claims, reassigns and unassigns an open task', () => {
    // given
    const s = new Scenario(model, NOW);
    s.start({ reporter: 'li.na' });
    // when
    const reassigned = s.assignTask('review', 'wang.li', 'principal');
    // then
    expect(reassigned.commands).toEqual([
      { type: 'assignUserTask', taskId: 'id-3', assignee: 'wang.li', actor: 'principal' },
    ]);
    expect(reassigned.events).toEqual([
      s.ev('task.assigned', 'review', {
        actor: 'principal',
        data: { taskId: 'id-3', assignee: 'wang.li', previousAssignee: 'li.na' },
      }),
    ]);
    expect(reassigned.state.tasks['id-3']).toEqual({
      taskId: 'id-3',
      instanceId: 'id-3',
      elementId: 'review',
      assignee: 'wang.li',
    });

    // when
    const unassigned = s.assignTask('review', null, 'wang.li');
    // then
    expect(unassigned.commands).toEqual([
      { type: 'assignUserTask', taskId: 'id-3', assignee: null, actor: 'wang.li' },
    ]);
    expect(unassigned.events).toEqual([
      s.ev('task.assigned', 'review', {
        actor: 'wang.li',
        data: { taskId: 'id-3', assignee: null, previousAssignee: 'wang.li' },
      }),
    ]);
    expect(unassigned.state.tasks['id-3']).toEqual({
      taskId: 'id-3',
      instanceId: 'id-3',
      elementId: 'review',
    });
  });

  it('refuses to complete or assign a task that is not open, and any step of an instance that is over', () => {
    // given
    const s = new Scenario(model, NOW);
    s.start({ reporter: 'li.na' });
    // when / then
    expect(
      s.refused((m, state, ctx) =>
        completeTask(m, state, { taskId: 'nope', variables: {}, actor: 'x' }, ctx),
      ),
    ).toEqual({ kind: 'failure', elementId: '', message: "Expected an open task with id 'nope'" });
    expect(
      s.refused((m, state, ctx) => assignTask(m, state, { taskId: 'nope', assignee: 'a', actor: 'x' }, ctx)),
    ).toEqual({
      kind: 'failure',
      elementId: '',
      message: "Expected an open task with id 'nope'",
    });
    s.completeTask('review');
    expect(
      s.refused((m, state, ctx) =>
        completeTask(m, state, { taskId: 'id-3', variables: {}, actor: 'x' }, ctx),
      ),
    ).toEqual({
      kind: 'failure',
      elementId: '',
      message: 'Expected an active instance, but it is completed',
    });
  });

  it('keeps a __proto__ completion variable as a plain variable', () => {
    // given
    const s = new Scenario(model, NOW);
    s.start({ reporter: 'li.na' });
    const variables = JSON.parse('{"__proto__": {"polluted": true}}') as Record<string, unknown>;
    // when
    const step = s.completeTask('review', variables);
    // then
    const root = step.state.instances['id-1'];
    expect(Object.getPrototypeOf(root?.variables)).toBe(Object.prototype);
    expect(Object.hasOwn(root?.variables ?? {}, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });
});

describe('user task assignment', () => {
  const withTask = (options: Parameters<ReturnType<typeof processModel>['userTask']>[1]) =>
    processModel('p').startEvent('s').userTask('t', options).endEvent('e').sequence('s', 't', 'e').build();
  const opened = (commands: Command[]): UserTaskSpec[] =>
    commands.flatMap((command) => (command.type === 'openUserTask' ? [command.task] : []));

  it('evaluates FEEL candidate lists: a list or a comma-separated string', () => {
    // given
    const s = new Scenario(
      withTask({ assignment: { candidateGroups: '=groups', candidateUsers: '=users' }, priority: 80 }),
    );
    // when
    const step = s.start({ groups: ['gradeLeader', ' principal '], users: 'wang.li, zhao.min' });
    // then
    expect(opened(step.commands)).toEqual([
      {
        taskId: 'id-3',
        elementId: 't',
        candidateGroups: ['gradeLeader', 'principal'],
        candidateUsers: ['wang.li', 'zhao.min'],
        priority: 80,
      },
    ]);
  });

  it.each([
    [{ assignment: { candidateGroups: '=groups' } }, {}, "Variable 'groups' not found"],
    [
      { assignment: { candidateGroups: '=groups' } },
      { groups: 42 },
      "Expected candidateGroups '=groups' to be a list of strings or a comma-separated string, but was 42",
    ],
    [
      { dueDate: '=deadline' },
      { deadline: '2024-03-04' },
      'Expected dueDate \'=deadline\' to be an ISO 8601 date-time with offset, but was "2024-03-04"',
    ],
  ])('raises an incident at the task when %j cannot be resolved from %j', (options, variables, message) => {
    // given
    const s = new Scenario(withTask(options));
    // when
    const step = s.start(variables);
    // then
    expect(step.commands).toEqual([
      {
        type: 'raiseIncident',
        incident: { incidentId: 'id-4', elementId: 't', message: expect.stringContaining(message) },
      },
    ]);
    expect(step.events).toEqual([
      s.ev('instance.started'),
      s.ev('element.entered', 's'),
      s.ev('element.left', 's'),
      s.ev('incident.raised', 't', {
        data: { incidentId: 'id-4', message: expect.stringContaining(message) },
      }),
    ]);
    expect(step.state.instances['id-3']).toMatchObject({ elementId: 't', state: 'incident' });
    expect(step.state.tasks).toEqual({});
  });

  it('opens the task once the incident is resolved with a fixed variable', () => {
    // given
    const s = new Scenario(withTask({ assignment: { candidateGroups: '=groups' } }));
    s.start({});
    // when
    const step = s.resolveIncident('t', { groups: ['principal'] });
    // then
    expect(step.commands).toEqual([
      { type: 'resolveIncident', incidentId: 'id-4' },
      {
        type: 'openUserTask',
        task: {
          taskId: 'id-3',
          elementId: 't',
          candidateGroups: ['principal'],
          candidateUsers: [],
          priority: 50,
        },
      },
    ]);
    expect(step.events).toEqual([
      s.ev('incident.resolved', 't', {
        actor: 'supervisor',
        // the values go to the projection, which keeps only hashes of the old and new ones
        data: {
          incidentId: 'id-4',
          variables: ['groups'],
          changes: [{ name: 'groups', after: ['principal'] }],
        },
      }),
      s.ev('element.entered', 't'),
      s.ev('task.opened', 't', { data: { taskId: 'id-3' } }),
    ]);
    expect(step.state.instances['id-1']?.variables).toEqual({ groups: ['principal'] });
  });
});

describe('a user task the projection refuses to open', () => {
  const model = processModel('p')
    .startEvent('s')
    .userTask('t', { assignment: { assignee: '=reporter' } })
    .endEvent('e')
    .sequence('s', 't', 'e')
    .build();

  it('withdraws the task and raises an incident at its element', () => {
    // given a task opened for someone off the case's line
    const s = new Scenario(model);
    s.start({ reporter: 'outsider' });
    // when the projection refuses it
    const step = s.refuseTask('t', "Expected assignee 'outsider' to be on the line");
    // then the task is cancelled and the element waits on an incident, nothing else moves
    expect(step.commands).toEqual([
      { type: 'closeUserTask', taskId: 'id-3', state: 'cancelled' },
      {
        type: 'raiseIncident',
        incident: {
          incidentId: 'id-4',
          elementId: 't',
          message: "Expected assignee 'outsider' to be on the line",
        },
      },
    ]);
    expect(step.events).toEqual([
      s.ev('incident.raised', 't', {
        data: { incidentId: 'id-4', message: "Expected assignee 'outsider' to be on the line" },
      }),
    ]);
    expect(step.state.tasks).toEqual({});
    expect(step.state.instances['id-3']).toMatchObject({ elementId: 't', state: 'incident' });
  });

  it('opens the task again, assignment evaluated anew, when the incident is retried with a fix', () => {
    // given
    const s = new Scenario(model);
    s.start({ reporter: 'outsider' });
    s.refuseTask('t');
    // when
    const step = s.resolveIncident('t', { reporter: 'insider' });
    // then
    expect(step.commands).toEqual([
      { type: 'resolveIncident', incidentId: 'id-4' },
      {
        type: 'openUserTask',
        task: {
          taskId: 'id-3',
          elementId: 't',
          assignee: 'insider',
          candidateGroups: [],
          candidateUsers: [],
          priority: 50,
        },
      },
    ]);
  });

  it('refuses a task that is not open', () => {
    const s = new Scenario(model);
    s.start({ reporter: 'x' });
    expect(
      s.refused((m, state, ctx) => refuseTask(m, state, { taskId: 'nope', message: 'm' }, ctx)),
    ).toMatchObject({
      kind: 'failure',
    });
  });
});

describe('service and send tasks', () => {
  it.each(['serviceTask', 'sendTask'] as const)('a %s starts a job and completes with its result', (type) => {
    // given
    const builder = processModel('p').startEvent('s');
    builder[type]('notify', { jobType: 'notify', retries: 5, headers: { channel: 'sms' } });
    const model = builder.endEvent('e').sequence('s', 'notify', 'e').build();
    const s = new Scenario(model);
    // when
    const started = s.start({ studentId: 'st-1' });
    // then
    expect(started.events).toEqual([
      s.ev('instance.started'),
      s.ev('element.entered', 's'),
      s.ev('element.left', 's'),
      s.ev('element.entered', 'notify'),
    ]);
    expect(started.commands).toEqual([
      {
        type: 'startJob',
        job: {
          jobId: 'id-3',
          elementId: 'notify',
          jobType: 'notify',
          retries: 5,
          headers: { channel: 'sms' },
          variables: { studentId: 'st-1' },
        },
      },
    ]);
    expect(started.state.jobs).toEqual({
      'id-3': { jobId: 'id-3', instanceId: 'id-3', elementId: 'notify' },
    });

    // when
    const done = s.completeJob('notify', { sent: true });
    // then
    expect(done.events).toEqual([
      s.ev('job.completed', 'notify', { data: { jobId: 'id-3' } }),
      s.ev('element.left', 'notify'),
      s.ev('element.entered', 'e'),
      s.ev('element.left', 'e'),
      s.ev('instance.completed'),
    ]);
    expect(done.commands).toEqual([{ type: 'completeInstance' }]);
    expect(done.state.instances['id-1']?.variables).toEqual({ studentId: 'st-1', sent: true });
  });

  it('refuses a job that is not running', () => {
    // given
    const model = processModel('p').startEvent('s').serviceTask('t').sequence('s', 't').build();
    const s = new Scenario(model);
    s.start();
    // when
    const refused = s.refused((m, state, ctx) =>
      completeJob(m, state, { jobId: 'nope', variables: {} }, ctx),
    );
    // then
    expect(refused).toEqual({
      kind: 'failure',
      elementId: '',
      message: "Expected a running job with id 'nope'",
    });
  });
});

describe('receive task', () => {
  const model = processModel('p')
    .startEvent('s')
    .receiveTask('consent', { message: { messageName: 'consent-given', correlationKey: '=studentId' } })
    .endEvent('e')
    .sequence('s', 'consent', 'e')
    .build();

  it('subscribes to its message with the correlation key evaluated, and completes with the payload', () => {
    // given
    const s = new Scenario(model);
    // when
    const started = s.start({ studentId: 42 });
    // then
    expect(started.events).toEqual([
      s.ev('instance.started'),
      s.ev('element.entered', 's'),
      s.ev('element.left', 's'),
      s.ev('element.entered', 'consent'),
    ]);
    expect(started.commands).toEqual([
      {
        type: 'openSubscription',
        subscription: {
          subscriptionId: 'id-4',
          elementId: 'consent',
          messageName: 'consent-given',
          correlationKey: '42',
        },
      },
    ]);

    // when
    const step = s.correlate('consent-given', '42', { signedBy: 'parent' });
    // then
    expect(step.commands).toEqual([
      { type: 'closeSubscription', subscriptionId: 'id-4', state: 'correlated' },
      { type: 'completeInstance' },
    ]);
    expect(step.events).toEqual([
      s.ev('message.correlated', 'consent', {
        data: { messageName: 'consent-given', subscriptionId: 'id-4' },
      }),
      s.ev('element.left', 'consent'),
      s.ev('element.entered', 'e'),
      s.ev('element.left', 'e'),
      s.ev('instance.completed'),
    ]);
    expect(step.state.instances['id-1']?.variables).toEqual({ studentId: 42, signedBy: 'parent' });
  });

  it('raises an incident when the correlation key cannot be evaluated', () => {
    // given
    const s = new Scenario(model);
    // when
    const step = s.start({});
    // then
    expect(step.commands).toEqual([
      {
        type: 'raiseIncident',
        incident: {
          incidentId: 'id-4',
          elementId: 'consent',
          message: expect.stringContaining("Variable 'studentId' not found"),
        },
      },
    ]);
    expect(step.state.subscriptions).toEqual({});
  });
});

describe('script task', () => {
  const model = processModel('p')
    .startEvent('s')
    .scriptTask('score', { expression: '=sum(answers)', resultVariable: 'total' })
    .endEvent('e')
    .sequence('s', 'score', 'e')
    .build();

  it('evaluates its FEEL expression into the result variable and goes on', () => {
    // given
    const s = new Scenario(model);
    // when
    const step = s.start({ answers: [1, 2, 3] });
    // then
    expect(step.events).toEqual([
      s.ev('instance.started'),
      s.ev('element.entered', 's'),
      s.ev('element.left', 's'),
      s.ev('element.entered', 'score'),
      s.ev('element.left', 'score'),
      s.ev('element.entered', 'e'),
      s.ev('element.left', 'e'),
      s.ev('instance.completed'),
    ]);
    expect(step.commands).toEqual([{ type: 'completeInstance' }]);
    expect(step.state.instances['id-1']?.variables).toEqual({ answers: [1, 2, 3], total: 6 });
  });

  it('raises an incident when the expression fails, and runs it again when resolved', () => {
    // given
    const s = new Scenario(model);
    // when
    const failed = s.start({});
    // then
    expect(failed.commands).toEqual([
      {
        type: 'raiseIncident',
        incident: {
          incidentId: 'id-4',
          elementId: 'score',
          message: expect.stringMatching(/^Expected the script to evaluate: .*'answers'/),
        },
      },
    ]);
    expect(failed.state.instances['id-3']).toMatchObject({ elementId: 'score', state: 'incident' });

    // when
    const resolved = s.resolveIncident('score', { answers: [4] });
    // then
    expect(resolved.commands).toEqual([
      { type: 'resolveIncident', incidentId: 'id-4' },
      { type: 'completeInstance' },
    ]);
    expect(resolved.state.instances['id-1']?.variables).toEqual({ answers: [4], total: 4 });
  });
});

describe('manual and undefined tasks', () => {
  it('pass straight through: nothing to wait for', () => {
    // given
    const model = processModel('p')
      .startEvent('s')
      .manualTask('call-parents')
      .task('note')
      .endEvent('e', { trigger: trigger.none })
      .sequence('s', 'call-parents', 'note', 'e')
      .build();
    const s = new Scenario(model);
    // when
    const step = s.start();
    // then
    expect(step.events).toEqual([
      s.ev('instance.started'),
      s.ev('element.entered', 's'),
      s.ev('element.left', 's'),
      s.ev('element.entered', 'call-parents'),
      s.ev('element.left', 'call-parents'),
      s.ev('element.entered', 'note'),
      s.ev('element.left', 'note'),
      s.ev('element.entered', 'e'),
      s.ev('element.left', 'e'),
      s.ev('instance.completed'),
    ]);
    expect(step.commands).toEqual([{ type: 'completeInstance' }]);
  });
});

describe('the test context', () => {
  it('hands out ids in order and moves its clock only when told', () => {
    // given
    const ctx = testContext(NOW);
    // when / then
    expect([ctx.newId(), ctx.newId()]).toEqual(['id-1', 'id-2']);
    expect(ctx.advance('PT1H30M')).toBe('2024-03-01T09:30:00.000Z');
    expect(ctx.now).toBe('2024-03-01T09:30:00.000Z');
    // when
    ctx.setNow('2024-03-02T08:00:00+08:00');
    // then
    expect(ctx.now).toBe('2024-03-02T00:00:00.000Z');
    expect(startInstance(processModel('p').startEvent('s').build(), {}, ctx)).toMatchObject({
      events: [{ type: 'instance.started', at: '2024-03-02T00:00:00.000Z' }, {}, {}, {}],
    });
  });
});
