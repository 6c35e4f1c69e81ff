import { correlateMessage, MAX_ACTIVATIONS_PER_STEP, resolveIncident, startInstance } from './engine';
import { processModel, testContext, timer, trigger } from './testing/process-builder';
import { Scenario } from './testing/scenario';
import type { MultiInstance } from '../../bpmn/src/workflow';

const NOW = '2024-03-01T08:00:00.000Z';

describe('failJob and resolveIncident', () => {
  const model = processModel('p')
    .startEvent('s')
    .serviceTask('notify', { jobType: 'notify', retries: 2, inputs: { to: '=guardian' } })
    .boundaryEvent('too-slow', {
      attachedTo: 'notify',
      trigger: timer.duration('PT4H'),
      cancelActivity: false,
    })
    .userTask('after')
    .userTask('chase')
    .sequence('s', 'notify', 'after')
    .sequence('too-slow', 'chase')
    .build();

  it('a job that failed past its retries is an incident at its task; its boundary events stay open', () => {
    // given
    const s = new Scenario(model, NOW);
    const started = s.start({ guardian: 'mother' });
    expect(started.commands).toEqual([
      {
        type: 'startTimer',
        timer: { timerId: 'id-4', elementId: 'too-slow', dueAt: '2024-03-01T12:00:00.000Z' },
      },
      {
        type: 'startJob',
        job: {
          jobId: 'id-3',
          elementId: 'notify',
          jobType: 'notify',
          retries: 2,
          headers: {},
          variables: { guardian: 'mother', to: 'mother' },
        },
      },
    ]);
    // when
    const failed = s.failJob('notify', 'SMS gateway down');
    // then
    expect(failed.events).toEqual([
      s.ev('incident.raised', 'notify', { data: { incidentId: 'id-5', message: 'SMS gateway down' } }),
    ]);
    expect(failed.commands).toEqual([
      {
        type: 'raiseIncident',
        incident: { incidentId: 'id-5', elementId: 'notify', message: 'SMS gateway down' },
      },
    ]);
    expect(failed.state.instances['id-3']?.state).toBe('incident');
    expect(failed.state.incidents['id-5']).toEqual({
      incidentId: 'id-5',
      instanceId: 'id-3',
      elementId: 'notify',
      message: 'SMS gateway down',
      retry: 'job',
    });
    expect(Object.keys(failed.state.timers)).toEqual(['id-4']);
  });

  it('resolving it starts the job again with the fixed variables, and nothing else', () => {
    // given
    const s = new Scenario(model, NOW);
    s.start({ guardian: 'mother' });
    s.failJob('notify', 'SMS gateway down');
    // when
    const step = s.resolveIncident('notify', { guardian: 'father' }, 'principal');
    // then
    expect(step.events).toEqual([
      s.ev('incident.resolved', 'notify', {
        actor: 'principal',
        // the old value the retry replaced and the new one, for the projection to hash
        data: {
          incidentId: 'id-5',
          variables: ['guardian'],
          changes: [{ name: 'guardian', before: 'mother', after: 'father' }],
        },
      }),
    ]);
    expect(step.commands).toEqual([
      { type: 'resolveIncident', incidentId: 'id-5' },
      {
        type: 'startJob',
        job: {
          jobId: 'id-3',
          elementId: 'notify',
          jobType: 'notify',
          retries: 2,
          headers: {},
          variables: { guardian: 'father', to: 'mother' },
        },
      },
    ]);
    expect(step.state.instances['id-3']?.state).toBe('waiting');
    // when the job now completes, the instance goes on
    s.completeJob('notify');
    expect(s.live()).toEqual(['after']);
  });

  it('an interrupting event ends an element in an incident and closes its incident', () => {
    // given
    const guarded = processModel('p')
      .startEvent('s')
      .serviceTask('notify')
      .boundaryEvent('stop', { attachedTo: 'notify', trigger: trigger.message('stop', '=caseId') })
      .endEvent('stopped')
      .sequence('s', 'notify')
      .sequence('stop', 'stopped')
      .build();
    const s = new Scenario(guarded);
    s.start({ caseId: 'c-1' });
    s.failJob('notify');
    // when
    const step = s.correlate('stop', 'c-1');
    // then
    expect(step.commands).toEqual([
      { type: 'closeSubscription', subscriptionId: 'id-4', state: 'correlated' },
      { type: 'resolveIncident', incidentId: 'id-5' },
      { type: 'completeInstance' },
    ]);
    expect(step.events).toEqual([
      s.ev('message.correlated', 'stop', { data: { messageName: 'stop', subscriptionId: 'id-4' } }),
      s.ev('incident.resolved', 'notify', { data: { incidentId: 'id-5', reason: 'terminated' } }),
      s.ev('element.terminated', 'notify'),
      s.ev('element.entered', 'stop'),
      s.ev('element.left', 'stop'),
      s.ev('element.entered', 'stopped'),
      s.ev('element.left', 'stopped'),
      s.ev('instance.completed'),
    ]);
  });

  it('refuses an incident that is not open', () => {
    // given
    const s = new Scenario(model);
    s.start({ guardian: 'mother' });
    // when / then
    expect(
      s.refused((m, state, ctx) =>
        resolveIncident(m, state, { incidentId: 'nope', variables: {}, actor: 'x' }, ctx),
      ),
    ).toEqual({ kind: 'failure', elementId: '', message: "Expected an open incident with id 'nope'" });
  });
});

describe('cancelInstance', () => {
  it('resolves a process-level incident with an audit entry naming the cancellation', () => {
    // given an event sub-process whose correlation key cannot be evaluated: an incident on the process
    const model = processModel('p')
      .startEvent('s')
      .userTask('task')
      .sequence('s', 'task')
      .eventSubProcess('esp', (esp) =>
        esp
          .startEvent('esp-start', { trigger: trigger.message('closed', '=missing.key') })
          .endEvent('esp-end')
          .sequence('esp-start', 'esp-end'),
      )
      .build();
    const s = new Scenario(model);
    const started = s.start({});
    const [incident] = started.commands.flatMap((command) =>
      command.type === 'raiseIncident' ? [command.incident] : [],
    );
    expect(incident).toMatchObject({ elementId: 'esp-start' });
    // when
    const step = s.cancel('Duplicate case', 'principal');
    // then
    expect(step.events).toContainEqual(
      s.ev('incident.resolved', 'esp-start', {
        actor: 'principal',
        data: { incidentId: incident!.incidentId, reason: 'cancelled' },
      }),
    );
    expect(step.commands).toContainEqual({ type: 'resolveIncident', incidentId: incident!.incidentId });
  });

  it('closes every open task, job, timer, subscription, child case and incident', () => {
    // given one of everything open
    const model = processModel('p')
      .startEvent('s')
      .parallelGateway('fork')
      .userTask('task')
      .serviceTask('job')
      .intermediateCatchEvent('wait', { trigger: timer.duration('P1D') })
      .receiveTask('reply', { message: { messageName: 'reply', correlationKey: '=caseId' } })
      .callActivity('child', { calledProcessId: 'other' })
      .scriptTask('broken', { expression: '=missing + 1', resultVariable: 'x' })
      .subProcess('sub', (sub) => sub.startEvent('sub-s').userTask('inner').sequence('sub-s', 'inner'))
      .sequence('s', 'fork', 'task')
      .sequence('fork', 'job')
      .sequence('fork', 'wait')
      .sequence('fork', 'reply')
      .sequence('fork', 'child')
      .sequence('fork', 'broken')
      .sequence('fork', 'sub')
      .eventSubProcess('esp', (esp) =>
        esp
          .startEvent('esp-start', { trigger: trigger.message('closed', '=caseId'), interrupting: false })
          .userTask('esp-task')
          .sequence('esp-start', 'esp-task'),
      )
      .build();
    const s = new Scenario(model);
    s.start({ caseId: 'c-1' });
    s.correlate('closed', 'c-1');
    // when
    const step = s.cancel('Moved to another school', 'principal');
    // then
    expect(step.commands).toEqual([
      { type: 'closeUserTask', taskId: 'id-5', state: 'cancelled' },
      { type: 'cancelJob', jobId: 'id-6' },
      { type: 'cancelTimer', timerId: 'id-8' },
      { type: 'closeSubscription', subscriptionId: 'id-10', state: 'cancelled' },
      { type: 'cancelChild', childId: 'id-12' },
      { type: 'resolveIncident', incidentId: 'id-14' },
      { type: 'closeUserTask', taskId: 'id-17', state: 'cancelled' },
      { type: 'closeUserTask', taskId: 'id-20', state: 'cancelled' },
      { type: 'closeSubscription', subscriptionId: 'id-2', state: 'cancelled' },
    ]);
    expect(step.events).toEqual([
      s.ev('element.terminated', 'task'),
      s.ev('element.terminated', 'job'),
      s.ev('element.terminated', 'wait'),
      s.ev('element.terminated', 'reply'),
      s.ev('element.terminated', 'child'),
      s.ev('incident.resolved', 'broken', { data: { incidentId: 'id-14', reason: 'terminated' } }),
      s.ev('element.terminated', 'broken'),
      s.ev('element.terminated', 'inner'),
      s.ev('element.terminated', 'sub'),
      s.ev('element.terminated', 'esp-task'),
      s.ev('element.terminated', 'esp'),
      s.ev('instance.cancelled', undefined, {
        actor: 'principal',
        data: { reason: 'Moved to another school' },
      }),
    ]);
    expect(step.state.status).toBe('cancelled');
    // and nothing more can happen to it
    expect(
      s.refused((m, state, ctx) =>
        correlateMessage(m, state, { messageName: 'closed', correlationKey: 'c-1', variables: {} }, ctx),
      ),
    ).toEqual({
      kind: 'failure',
      elementId: '',
      message: 'Expected an active instance, but it is cancelled',
    });
  });
});

describe('correlateMessage', () => {
  it('refuses a message with no open subscription, changing nothing', () => {
    // given
    const model = processModel('p').startEvent('s').userTask('t').sequence('s', 't').build();
    const s = new Scenario(model);
    s.start();
    // when / then (the scenario checks the state given stays unchanged)
    expect(
      s.refused((m, state, ctx) =>
        correlateMessage(m, state, { messageName: 'nobody', correlationKey: 'k', variables: {} }, ctx),
      ),
    ).toEqual({
      kind: 'failure',
      elementId: '',
      message: "Expected an open subscription for message 'nobody' with that correlation key",
    });
  });

  it('reports which subscription took the message', () => {
    // given
    const model = processModel('p')
      .startEvent('s')
      .intermediateCatchEvent('c', { trigger: trigger.message('m', '=k') })
      .sequence('s', 'c')
      .build();
    const ctx = testContext();
    const started = startInstance(model, { k: 'key' }, ctx);
    if ('kind' in started) throw new Error(started.message);
    // when
    const result = correlateMessage(
      model,
      started.state,
      { messageName: 'm', correlationKey: 'key', variables: {} },
      ctx,
    );
    // then
    expect(result).toMatchObject({
      subscriptionId: 'id-4',
      commands: [
        { type: 'closeSubscription', subscriptionId: 'id-4', state: 'correlated' },
        { type: 'completeInstance' },
      ],
    });
  });
});

describe('loops without a wait state', () => {
  it(`raise an incident after ${MAX_ACTIVATIONS_PER_STEP} activations in one step`, () => {
    // given
    const model = processModel('p')
      .startEvent('s')
      .exclusiveGateway('g')
      .task('again')
      .endEvent('e')
      .flow('s', 'g')
      .flow('g', 'again', { condition: '=true' })
      .flow('g', 'e', { isDefault: true })
      .flow('again', 'g')
      .build();
    const s = new Scenario(model);
    // when
    const step = s.start();
    // then
    const message = `Expected the instance to reach a wait state within ${MAX_ACTIVATIONS_PER_STEP} element activations; the diagram loops without waiting`;
    expect(step.commands).toEqual([
      {
        type: 'raiseIncident',
        incident: { incidentId: expect.any(String), elementId: expect.any(String), message },
      },
    ]);
    expect(step.state.status).toBe('active');
    expect(Object.values(step.state.instances).filter((i) => i.state === 'incident')).toHaveLength(1);
    expect(s.live()).toHaveLength(1);
  });
});

describe('loops without a wait state, in parallel', () => {
  it('stop every token in flight in an incident, so none is lost', () => {
    // given two branches that loop without waiting (one through a multi-instance task) and one that waits
    const model = processModel('p')
      .startEvent('s')
      .parallelGateway('fork')
      .exclusiveGateway('g1')
      .task('again1', { multiInstance: { sequential: false, inputCollection: '=[1]' } })
      .exclusiveGateway('g2')
      .task('again2')
      .userTask('waits')
      .endEvent('e1')
      .endEvent('e2')
      .sequence('s', 'fork', 'g1')
      .flow('g1', 'again1', { condition: '=true' })
      .flow('g1', 'e1', { isDefault: true })
      .sequence('again1', 'g1')
      .sequence('fork', 'g2')
      .flow('g2', 'again2', { condition: '=true' })
      .flow('g2', 'e2', { isDefault: true })
      .sequence('again2', 'g2')
      .sequence('fork', 'waits')
      .build();
    const s = new Scenario(model);
    // when
    const step = s.start();
    // then each looping token waits in its own incident, the multi-instance one as a body
    const stuck = Object.values(step.state.instances).filter((instance) => instance.state === 'incident');
    expect(stuck).toHaveLength(2);
    expect(new Set(stuck.map((instance) => (['g1', 'again1'].includes(instance.elementId) ? 1 : 2)))).toEqual(
      new Set([1, 2]),
    );
    for (const instance of stuck) expect(instance.body ?? false).toBe(instance.elementId === 'again1');
    expect(Object.keys(step.state.incidents)).toHaveLength(2);
    expect(s.live()).toContain('waits');
  });
});

describe('element handlers', () => {
  it('throws, naming the type, for an element type without a handler', () => {
    // given a model from a newer compiler
    const model = processModel('p').startEvent('s').task('t').endEvent('e').sequence('s', 't', 'e').build();
    (model.elements['t'] as { type: string }).type = 'complexGateway';
    // when / then: a programmer error, not an incident
    expect(() => startInstance(model, {}, testContext())).toThrow(
      "No engine handler for element type 'complexGateway'",
    );
  });
});

describe('input and output mappings', () => {
  it('inputs are local to the element; outputs are what leaves it', () => {
    // given
    const model = processModel('p')
      .startEvent('s')
      .userTask('rate', {
        inputs: { student: '=person.name', 'context.school': '="No. 3 Middle"' },
        outputs: { 'assessment.level': '=level', 'assessment.by': '=student' },
      })
      .userTask('after')
      .sequence('s', 'rate', 'after')
      .build();
    const s = new Scenario(model);
    // when
    const started = s.start({ person: { name: 'Li' } });
    // then
    expect(started.state.instances['id-3']?.variables).toEqual({
      student: 'Li',
      context: { school: 'No. 3 Middle' },
    });
    expect(started.commands).toEqual([
      expect.objectContaining({
        task: expect.objectContaining({
          localVariables: { student: 'Li', context: { school: 'No. 3 Middle' } },
        }),
      }),
    ]);
    // when
    const done = s.completeTask('rate', { level: 'high', note: 'dropped' });
    // then
    expect(done.state.instances['id-1']?.variables).toEqual({
      person: { name: 'Li' },
      assessment: { level: 'high', by: 'Li' },
    });
  });

  it('an output mapping that fails is an incident; resolving it completes the element with its result', () => {
    // given
    const model = processModel('p')
      .startEvent('s')
      .serviceTask('score', { outputs: { risk: '=score * weight' } })
      .userTask('after')
      .sequence('s', 'score', 'after')
      .build();
    const s = new Scenario(model);
    s.start();
    // when
    const failed = s.completeJob('score', { score: 3 });
    // then
    expect(failed.commands).toEqual([
      {
        type: 'raiseIncident',
        incident: {
          incidentId: 'id-4',
          elementId: 'score',
          message: expect.stringMatching(/^Expected the mapping to 'risk' to evaluate: .*'weight'/),
        },
      },
    ]);
    expect(failed.state.incidents['id-4']).toMatchObject({ retry: 'complete', variables: { score: 3 } });
    // when
    const retried = s.resolveIncident('score', { weight: 2 });
    // then
    expect(retried.events.map((e) => [e.type, e.elementId])).toEqual([
      ['incident.resolved', 'score'],
      ['element.left', 'score'],
      ['element.entered', 'after'],
      ['task.opened', 'after'],
    ]);
    expect(retried.state.instances['id-1']?.variables).toEqual({ weight: 2, risk: 6 });
  });
});

describe('multi-instance', () => {
  const withLoop = (loop: MultiInstance, type: 'userTask' | 'serviceTask' | 'scriptTask' = 'userTask') => {
    const builder = processModel('p').startEvent('s');
    const options = {
      multiInstance: loop,
      inputs: { teacher: '=item.name' },
      outputs: { answer: '=reply' },
    };
    if (type === 'userTask') builder.userTask('ask', options);
    else if (type === 'serviceTask') builder.serviceTask('ask', options);
    else builder.scriptTask('ask', { ...options, expression: '=item.name + "!"', resultVariable: 'reply' });
    return builder.userTask('after').sequence('s', 'ask', 'after').build();
  };
  const teachers = [{ name: 'Wang' }, { name: 'Zhao' }, { name: 'Sun' }];

  it('parallel: one inner instance per item, each with its item, counter and mapped inputs', () => {
    // given
    const s = new Scenario(
      withLoop({
        sequential: false,
        inputCollection: '=teachers',
        inputElement: 'item',
        outputCollection: 'answers',
        outputElement: '=answer',
      }),
    );
    // when
    const step = s.start({ teachers });
    // then
    expect(step.events).toEqual([
      s.ev('instance.started'),
      s.ev('element.entered', 's'),
      s.ev('element.left', 's'),
      s.ev('element.entered', 'ask'),
      s.ev('element.entered', 'ask'),
      s.ev('task.opened', 'ask', { data: { taskId: 'id-4' } }),
      s.ev('element.entered', 'ask'),
      s.ev('task.opened', 'ask', { data: { taskId: 'id-5' } }),
      s.ev('element.entered', 'ask'),
      s.ev('task.opened', 'ask', { data: { taskId: 'id-6' } }),
    ]);
    expect(step.state.instances['id-3']).toEqual({
      id: 'id-3',
      elementId: 'ask',
      parentId: 'id-1',
      state: 'scope',
      flowId: 's-ask',
      body: true,
      loop: { items: teachers, next: 3, completed: 0, outputs: [null, null, null] },
    });
    expect(step.state.instances['id-5']).toEqual({
      id: 'id-5',
      elementId: 'ask',
      parentId: 'id-3',
      state: 'waiting',
      loopIndex: 1,
      variables: { loopCounter: 2, item: { name: 'Zhao' }, teacher: 'Zhao' },
    });
  });

  it('parallel: collects every output in item order, whatever the completion order, then goes on', () => {
    // given
    const s = new Scenario(
      withLoop({
        sequential: false,
        inputCollection: '=teachers',
        inputElement: 'item',
        outputCollection: 'answers',
        outputElement: '=answer',
      }),
    );
    s.start({ teachers });
    // when
    const third = s.completeTask('id-6', { reply: 'no' });
    s.completeTask('id-4', { reply: 'yes' });
    const last = s.completeTask('id-5', { reply: 'maybe' });
    // then
    expect(third.events).toEqual([
      s.ev('task.completed', 'ask', {
        actor: 'tester',
        data: { taskId: 'id-6', submitted: { reply: 'no' }, claimedOnCompletion: true },
      }),
      s.ev('element.left', 'ask', { data: { loopCounter: 3 } }),
    ]);
    expect(last.events).toEqual([
      s.ev('task.completed', 'ask', {
        actor: 'tester',
        data: { taskId: 'id-5', submitted: { reply: 'maybe' }, claimedOnCompletion: true },
      }),
      s.ev('element.left', 'ask', { data: { loopCounter: 2 } }),
      s.ev('element.left', 'ask'),
      s.ev('element.entered', 'after'),
      s.ev('task.opened', 'after', { data: { taskId: 'id-7' } }),
    ]);
    // inner results stay in their inner instance: only the collection reaches the process
    expect(last.state.instances['id-1']?.variables).toEqual({ teachers, answers: ['yes', 'maybe', 'no'] });
  });

  it('sequential: one inner instance at a time, in item order', () => {
    // given
    const s = new Scenario(
      withLoop({
        sequential: true,
        inputCollection: '=teachers',
        inputElement: 'item',
        outputCollection: 'answers',
        outputElement: '=answer',
      }),
    );
    // when
    const started = s.start({ teachers });
    // then
    expect(Object.values(started.state.tasks)).toHaveLength(1);
    expect(started.state.instances['id-4']?.variables).toEqual({
      loopCounter: 1,
      item: { name: 'Wang' },
      teacher: 'Wang',
    });
    // when
    const second = s.completeTask('ask', { reply: 'yes' });
    // then
    expect(second.events).toEqual([
      s.ev('task.completed', 'ask', {
        actor: 'tester',
        data: { taskId: 'id-4', submitted: { reply: 'yes' }, claimedOnCompletion: true },
      }),
      s.ev('element.left', 'ask', { data: { loopCounter: 1 } }),
      s.ev('element.entered', 'ask'),
      s.ev('task.opened', 'ask', { data: { taskId: 'id-5' } }),
    ]);
    expect(second.state.instances['id-5']?.variables).toEqual({
      loopCounter: 2,
      item: { name: 'Zhao' },
      teacher: 'Zhao',
    });
    s.completeTask('ask', { reply: 'no' });
    const done = s.completeTask('ask', { reply: 'maybe' });
    expect(done.state.instances['id-1']?.variables).toEqual({ teachers, answers: ['yes', 'no', 'maybe'] });
    expect(s.live()).toEqual(['after']);
  });

  it('a completion condition ends the activity early, in the scope of the inner instance that completed', () => {
    // given
    const s = new Scenario(
      withLoop({
        sequential: false,
        inputCollection: '=teachers',
        inputElement: 'item',
        outputCollection: 'answers',
        outputElement: '=answer',
        completionCondition: '=answer = "yes" or numberOfCompletedInstances >= 2',
      }),
    );
    s.start({ teachers });
    // when
    const step = s.completeTask('id-5', { reply: 'yes' });
    // then
    expect(step.events).toEqual([
      s.ev('task.completed', 'ask', {
        actor: 'tester',
        data: { taskId: 'id-5', submitted: { reply: 'yes' }, claimedOnCompletion: true },
      }),
      s.ev('element.left', 'ask', { data: { loopCounter: 2 } }),
      s.ev('element.terminated', 'ask'),
      s.ev('element.terminated', 'ask'),
      s.ev('element.left', 'ask'),
      s.ev('element.entered', 'after'),
      s.ev('task.opened', 'after', { data: { taskId: 'id-7' } }),
    ]);
    expect(step.commands).toEqual([
      { type: 'closeUserTask', taskId: 'id-5', state: 'completed', actor: 'tester' },
      { type: 'closeUserTask', taskId: 'id-4', state: 'cancelled' },
      { type: 'closeUserTask', taskId: 'id-6', state: 'cancelled' },
      expect.objectContaining({ type: 'openUserTask' }),
    ]);
    expect(step.state.instances['id-1']?.variables).toEqual({ teachers, answers: [null, 'yes', null] });
  });

  it('a completion condition on inner instances that complete at once starts no more of them', () => {
    // given
    const s = new Scenario(
      withLoop(
        {
          sequential: false,
          inputCollection: '=teachers',
          inputElement: 'item',
          outputCollection: 'answers',
          outputElement: '=answer',
          completionCondition: '=numberOfCompletedInstances >= 1',
        },
        'scriptTask',
      ),
    );
    // when
    const step = s.start({ teachers });
    // then
    expect(step.state.instances['id-1']?.variables).toEqual({ teachers, answers: ['Wang!', null, null] });
    expect(s.live()).toEqual(['after']);
  });

  it('an empty collection completes the activity at once with an empty output collection', () => {
    // given
    const s = new Scenario(
      withLoop({
        sequential: false,
        inputCollection: '=teachers',
        inputElement: 'item',
        outputCollection: 'answers',
        outputElement: '=answer',
      }),
    );
    // when
    const step = s.start({ teachers: [] });
    // then
    expect(step.events.slice(3)).toEqual([
      s.ev('element.entered', 'ask'),
      s.ev('element.left', 'ask'),
      s.ev('element.entered', 'after'),
      s.ev('task.opened', 'after', { data: { taskId: 'id-4' } }),
    ]);
    expect(step.state.instances['id-1']?.variables).toEqual({ teachers: [], answers: [] });
  });

  it('an input collection that is no list is an incident at the activity; resolving it retries', () => {
    // given
    const s = new Scenario(
      withLoop({ sequential: true, inputCollection: '=teachers', inputElement: 'item' }, 'serviceTask'),
    );
    // when
    const failed = s.start({ teachers: 'Wang' });
    // then
    expect(failed.commands).toEqual([
      {
        type: 'raiseIncident',
        incident: {
          incidentId: 'id-4',
          elementId: 'ask',
          message: 'Expected the input collection \'=teachers\' to be a list, but was "Wang"',
        },
      },
    ]);
    // when
    const retried = s.resolveIncident('ask', { teachers: [{ name: 'Wang' }] });
    // then
    expect(retried.commands).toEqual([
      { type: 'resolveIncident', incidentId: 'id-4' },
      expect.objectContaining({
        type: 'startJob',
        job: expect.objectContaining({
          jobId: 'id-5',
          variables: {
            teachers: [{ name: 'Wang' }],
            loopCounter: 1,
            item: { name: 'Wang' },
            teacher: 'Wang',
          },
        }),
      }),
    ]);
  });

  it('boundary events belong to the body: an interrupting one ends every inner instance', () => {
    // given
    const model = processModel('p')
      .startEvent('s')
      .userTask('ask', { multiInstance: { sequential: false, inputCollection: '=[1, 2]' } })
      .boundaryEvent('deadline', { attachedTo: 'ask', trigger: timer.duration('P1D') })
      .userTask('after')
      .userTask('late')
      .sequence('s', 'ask', 'after')
      .sequence('deadline', 'late')
      .build();
    const s = new Scenario(model, NOW);
    const started = s.start();
    expect(started.state.timers).toEqual({
      'id-4': expect.objectContaining({ elementId: 'deadline', ownerId: 'id-3' }),
    });
    // when
    const step = s.fireTimer('deadline');
    // then
    expect(step.commands).toEqual([
      { type: 'closeUserTask', taskId: 'id-5', state: 'cancelled' },
      { type: 'closeUserTask', taskId: 'id-6', state: 'cancelled' },
      expect.objectContaining({ type: 'openUserTask' }),
    ]);
    expect(s.live()).toEqual(['late']);
  });

  it('a multi-instance sub-process runs one scope per item', () => {
    // given
    const model = processModel('p')
      .startEvent('s')
      .subProcess('per-class', (sub) => sub.startEvent('ps').userTask('visit').sequence('ps', 'visit'), {
        multiInstance: { sequential: false, inputCollection: '=classes', inputElement: 'class' },
      })
      .endEvent('e')
      .sequence('s', 'per-class', 'e')
      .build();
    const s = new Scenario(model);
    // when
    const step = s.start({ classes: ['7-1', '7-2'] });
    // then
    expect(Object.values(step.commands).map((c) => c.type)).toEqual(['openUserTask', 'openUserTask']);
    expect(step.commands).toEqual([
      expect.objectContaining({
        task: expect.objectContaining({ localVariables: { loopCounter: 1, class: '7-1' } }),
      }),
      expect.objectContaining({
        task: expect.objectContaining({ localVariables: { loopCounter: 2, class: '7-2' } }),
      }),
    ]);
    s.completeTask(Object.keys(s.state.tasks)[0] ?? '');
    const done = s.completeTask(Object.keys(s.state.tasks)[0] ?? '');
    expect(done.state.status).toBe('completed');
  });
});
