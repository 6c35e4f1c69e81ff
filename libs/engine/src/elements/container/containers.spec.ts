import { processModel, timer, trigger, type ProcessBuilder } from '../../testing/process-builder';
import { Scenario } from '../../testing/scenario';

const NOW = '2024-03-01T08:00:00.000Z';

describe('embedded sub-process', () => {
  const model = processModel('p')
    .startEvent('s')
    .subProcess(
      'care',
      (care) =>
        care
          .startEvent('care-s')
          .userTask('talk', { assignment: { assignee: '=counsellor' } })
          .endEvent('care-e')
          .sequence('care-s', 'talk', 'care-e'),
      { inputs: { counsellor: '=assignedTo', sessions: '=0' }, outputs: { outcome: '=result' } },
    )
    .userTask('close')
    .sequence('s', 'care', 'close')
    .build();

  it('is a scope: its input mappings are local variables its contents see', () => {
    // given
    const s = new Scenario(model);
    // when
    const step = s.start({ assignedTo: 'li.na' });
    // then
    expect(step.events).toEqual([
      s.ev('instance.started'),
      s.ev('element.entered', 's'),
      s.ev('element.left', 's'),
      s.ev('element.entered', 'care'),
      s.ev('element.entered', 'care-s'),
      s.ev('element.left', 'care-s'),
      s.ev('element.entered', 'talk'),
      s.ev('task.opened', 'talk', { data: { taskId: 'id-5' } }),
    ]);
    expect(step.commands).toEqual([
      {
        type: 'openUserTask',
        task: {
          taskId: 'id-5',
          elementId: 'talk',
          assignee: 'li.na',
          candidateGroups: [],
          candidateUsers: [],
          priority: 50,
          localVariables: { counsellor: 'li.na', sessions: 0 },
        },
      },
    ]);
    expect(step.state.instances).toEqual({
      'id-1': {
        id: 'id-1',
        elementId: 'p',
        parentId: null,
        state: 'scope',
        variables: { assignedTo: 'li.na' },
      },
      'id-3': {
        id: 'id-3',
        elementId: 'care',
        parentId: 'id-1',
        state: 'scope',
        flowId: 's-care',
        variables: { counsellor: 'li.na', sessions: 0 },
      },
      'id-5': { id: 'id-5', elementId: 'talk', parentId: 'id-3', state: 'waiting', flowId: 'care-s-talk' },
    });
  });

  it('keeps results in the scope that has them; only its output mappings leave it', () => {
    // given
    const s = new Scenario(model);
    s.start({ assignedTo: 'li.na' });
    // when
    const step = s.completeTask('talk', { sessions: 3, result: 'stable' });
    // then
    expect(step.events).toEqual([
      s.ev('task.completed', 'talk', {
        actor: 'tester',
        data: { taskId: 'id-5', submitted: { sessions: 3, result: 'stable' } },
      }),
      s.ev('element.left', 'talk'),
      s.ev('element.entered', 'care-e'),
      s.ev('element.left', 'care-e'),
      s.ev('element.left', 'care'),
      s.ev('element.entered', 'close'),
      s.ev('task.opened', 'close', { data: { taskId: 'id-7' } }),
    ]);
    // sessions updated the sub-process's local variable and ended with it; result went to the process
    expect(step.state.instances['id-1']?.variables).toEqual({
      assignedTo: 'li.na',
      result: 'stable',
      outcome: 'stable',
    });
    expect(s.live()).toEqual(['close']);
  });

  it('raises an incident at the sub-process when an input mapping fails, and enters it once fixed', () => {
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
          elementId: 'care',
          message: expect.stringMatching(/^Expected the mapping to 'counsellor' to evaluate: .*'assignedTo'/),
        },
      },
    ]);
    // when
    const retried = s.resolveIncident('care', { assignedTo: 'wang.li' });
    // then
    expect(retried.events.map((e) => [e.type, e.elementId])).toEqual([
      ['incident.resolved', 'care'],
      ['element.entered', 'care'],
      ['element.entered', 'care-s'],
      ['element.left', 'care-s'],
      ['element.entered', 'talk'],
      ['task.opened', 'talk'],
    ]);
  });
});

/** start → work (user task) → end, plus an event sub-process at process level. */
function withEventSubProcess(
  start: Parameters<ProcessBuilder['startEvent']>[1],
  inside: (esp: ProcessBuilder) => ProcessBuilder = (esp) =>
    esp.userTask('handle').endEvent('esp-end').sequence('esp-start', 'handle', 'esp-end'),
  mappings: { inputs?: Record<string, string> } = {},
) {
  return processModel('p')
    .startEvent('s')
    .userTask('work')
    .endEvent('e')
    .sequence('s', 'work', 'e')
    .eventSubProcess('esp', (esp) => inside(esp.startEvent('esp-start', start)), mappings)
    .build();
}

describe('event sub-process at process level', () => {
  it('interrupting message start: ends everything in the process and runs in its place', () => {
    // given
    const s = new Scenario(withEventSubProcess({ trigger: trigger.message('case-closed', '=caseId') }));
    const started = s.start({ caseId: 'c-1' });
    expect(started.commands).toEqual([
      {
        type: 'openSubscription',
        subscription: {
          subscriptionId: 'id-2',
          elementId: 'esp-start',
          messageName: 'case-closed',
          correlationKey: 'c-1',
        },
      },
      expect.objectContaining({ type: 'openUserTask', task: expect.objectContaining({ taskId: 'id-4' }) }),
    ]);
    // when
    const step = s.correlate('case-closed', 'c-1', { reason: 'moved away' });
    // then
    expect(step.events).toEqual([
      s.ev('message.correlated', 'esp-start', {
        data: { messageName: 'case-closed', subscriptionId: 'id-2' },
      }),
      s.ev('element.terminated', 'work'),
      s.ev('element.entered', 'esp'),
      s.ev('element.entered', 'esp-start'),
      s.ev('element.left', 'esp-start'),
      s.ev('element.entered', 'handle'),
      s.ev('task.opened', 'handle', { data: { taskId: 'id-7' } }),
    ]);
    expect(step.commands).toEqual([
      { type: 'closeSubscription', subscriptionId: 'id-2', state: 'correlated' },
      { type: 'closeUserTask', taskId: 'id-4', state: 'cancelled' },
      expect.objectContaining({ type: 'openUserTask', task: expect.objectContaining({ taskId: 'id-7' }) }),
    ]);
    // the payload belongs to the event sub-process
    expect(step.state.instances['id-5']).toEqual({
      id: 'id-5',
      elementId: 'esp',
      parentId: 'id-1',
      state: 'scope',
      variables: { reason: 'moved away' },
    });
    // when
    const done = s.completeTask('handle');
    // then the process completes with it
    expect(done.events.slice(-3)).toEqual([
      s.ev('element.left', 'esp-end'),
      s.ev('element.left', 'esp'),
      s.ev('instance.completed'),
    ]);
    expect(done.commands).toEqual([
      expect.objectContaining({ type: 'closeUserTask' }),
      { type: 'completeInstance' },
    ]);
  });

  it('non-interrupting message start: runs beside the process, once per message; the process waits for it', () => {
    // given
    const s = new Scenario(
      withEventSubProcess({ trigger: trigger.message('update', '=caseId'), interrupting: false }),
    );
    s.start({ caseId: 'c-1' });
    // when
    const step = s.correlate('update', 'c-1');
    s.correlate('update', 'c-1');
    // then
    expect(step.commands).toEqual([
      expect.objectContaining({
        type: 'openUserTask',
        task: expect.objectContaining({ elementId: 'handle' }),
      }),
    ]);
    expect(s.live().sort()).toEqual(['esp', 'esp', 'handle', 'handle', 'work']);
    expect(Object.keys(s.state.subscriptions)).toEqual(['id-2']);
    // when the main path ends, the process still waits for the event sub-processes
    const mainDone = s.completeTask('work');
    expect(mainDone.state.status).toBe('active');
    const handles = Object.values(s.state.tasks).map((task) => task.taskId);
    s.completeTask(handles[0] ?? '');
    const last = s.completeTask(handles[1] ?? '');
    // then
    expect(last.commands).toEqual([
      expect.objectContaining({ type: 'closeUserTask' }),
      { type: 'closeSubscription', subscriptionId: 'id-2', state: 'cancelled' },
      { type: 'completeInstance' },
    ]);
  });

  it('non-interrupting timer cycle start: runs on every firing of the cycle', () => {
    // given
    const s = new Scenario(
      withEventSubProcess({ trigger: timer.cycle('R2/P1D'), interrupting: false }, (esp) =>
        esp.sendTask('remind').endEvent('esp-end').sequence('esp-start', 'remind', 'esp-end'),
      ),
      NOW,
    );
    s.start();
    // when
    const first = s.fireTimer('esp-start');
    // then
    expect(first.events).toEqual([
      s.ev('timer.fired', 'esp-start', { data: { timerId: 'id-2', dueAt: '2024-03-02T08:00:00.000Z' } }),
      s.ev('element.entered', 'esp'),
      s.ev('element.entered', 'esp-start'),
      s.ev('element.left', 'esp-start'),
      s.ev('element.entered', 'remind'),
    ]);
    expect(first.commands).toEqual([
      {
        type: 'startTimer',
        timer: { timerId: 'id-2', elementId: 'esp-start', dueAt: '2024-03-03T08:00:00.000Z' },
      },
      expect.objectContaining({ type: 'startJob', job: expect.objectContaining({ jobId: 'id-7' }) }),
    ]);
    // when
    const second = s.fireTimer('esp-start');
    // then
    expect(second.commands).toEqual([expect.objectContaining({ type: 'startJob' })]);
    expect(second.state.timers).toEqual({});
    expect(s.live().sort()).toEqual(['esp', 'esp', 'remind', 'remind', 'work']);
  });

  it('interrupting timer start: ends the process path when it fires', () => {
    // given
    const s = new Scenario(withEventSubProcess({ trigger: timer.duration('P30D') }), NOW);
    s.start();
    // when
    const step = s.fireTimer('esp-start');
    // then
    expect(step.events.slice(0, 3)).toEqual([
      s.ev('timer.fired', 'esp-start', { data: { timerId: 'id-2', dueAt: '2024-03-31T08:00:00.000Z' } }),
      s.ev('element.terminated', 'work'),
      s.ev('element.entered', 'esp'),
    ]);
    expect(s.live()).toEqual(['esp', 'handle']);
  });

  it('error start: catches a job error of a task in the process', () => {
    // given
    const model = processModel('p')
      .startEvent('s')
      .serviceTask('seal', { jobType: 'seal-file' })
      .endEvent('e')
      .sequence('s', 'seal', 'e')
      .eventSubProcess('on-error', (esp) =>
        esp
          .startEvent('error-start', { trigger: trigger.error('SEAL_FAILED') })
          .userTask('seal-by-hand')
          .sequence('error-start', 'seal-by-hand'),
      )
      .build();
    const s = new Scenario(model);
    const started = s.start();
    expect(started.commands).toEqual([expect.objectContaining({ type: 'startJob' })]);
    // when
    const step = s.throwJobError('seal', 'SEAL_FAILED', 'The archive is down');
    // then
    expect(step.events).toEqual([
      s.ev('error.thrown', 'seal', { data: { code: 'SEAL_FAILED', message: 'The archive is down' } }),
      s.ev('element.terminated', 'seal'),
      s.ev('element.entered', 'on-error'),
      s.ev('element.entered', 'error-start'),
      s.ev('element.left', 'error-start'),
      s.ev('element.entered', 'seal-by-hand'),
      s.ev('task.opened', 'seal-by-hand', { data: { taskId: 'id-6' } }),
    ]);
    expect(step.commands).toEqual([expect.objectContaining({ type: 'openUserTask' })]);
  });

  it('non-interrupting escalation start: runs beside the thrower, which goes on', () => {
    // given
    const model = processModel('p')
      .startEvent('s')
      .intermediateThrowEvent('late', { trigger: trigger.escalation('LATE') })
      .userTask('work')
      .sequence('s', 'late', 'work')
      .eventSubProcess('on-late', (esp) =>
        esp
          .startEvent('late-start', { trigger: trigger.escalation(), interrupting: false })
          .userTask('inform')
          .sequence('late-start', 'inform'),
      )
      .build();
    const s = new Scenario(model);
    // when
    const step = s.start();
    // then
    expect(step.events).toEqual([
      s.ev('instance.started'),
      s.ev('element.entered', 's'),
      s.ev('element.left', 's'),
      s.ev('element.entered', 'late'),
      s.ev('escalation.thrown', 'late', { data: { code: 'LATE' } }),
      s.ev('element.entered', 'on-late'),
      s.ev('element.left', 'late'),
      s.ev('element.entered', 'late-start'),
      s.ev('element.left', 'late-start'),
      s.ev('element.entered', 'work'),
      s.ev('task.opened', 'work', { data: { taskId: 'id-6' } }),
      s.ev('element.entered', 'inform'),
      s.ev('task.opened', 'inform', { data: { taskId: 'id-7' } }),
    ]);
  });

  it('applies its input mappings to its own scope', () => {
    // given
    const s = new Scenario(
      withEventSubProcess({ trigger: trigger.message('case-closed', '=caseId') }, undefined, {
        inputs: { caseRef: '="case " + caseId' },
      }),
    );
    s.start({ caseId: 'c-1' });
    // when
    const step = s.correlate('case-closed', 'c-1', { by: 'principal' });
    // then
    const esp = Object.values(step.state.instances).find((instance) => instance.elementId === 'esp');
    expect(esp?.variables).toEqual({ by: 'principal', caseRef: 'case c-1' });
    expect(step.commands.at(-1)).toEqual(
      expect.objectContaining({
        task: expect.objectContaining({ localVariables: { by: 'principal', caseRef: 'case c-1' } }),
      }),
    );
  });

  it('raises an incident on the process when a trigger cannot be opened, and opens it once fixed', () => {
    // given
    const s = new Scenario(withEventSubProcess({ trigger: trigger.message('case-closed', '=caseId') }));
    // when
    const failed = s.start({});
    // then the incident is on the process; its main path runs on
    expect(failed.commands).toEqual([
      {
        type: 'raiseIncident',
        incident: {
          incidentId: 'id-2',
          elementId: 'esp-start',
          message: expect.stringContaining("Variable 'caseId' not found"),
        },
      },
      expect.objectContaining({ type: 'openUserTask' }),
    ]);
    // when
    const retried = s.resolveIncident('esp-start', { caseId: 'c-9' });
    // then
    expect(retried.commands).toEqual([
      { type: 'resolveIncident', incidentId: 'id-2' },
      {
        type: 'openSubscription',
        subscription: {
          subscriptionId: 'id-5',
          elementId: 'esp-start',
          messageName: 'case-closed',
          correlationKey: 'c-9',
        },
      },
    ]);
  });

  it('closes a trigger incident that is moot when the process completes', () => {
    // given
    const s = new Scenario(withEventSubProcess({ trigger: trigger.message('case-closed', '=caseId') }));
    s.start({});
    // when
    const done = s.completeTask('work');
    // then
    expect(done.commands).toEqual([
      expect.objectContaining({ type: 'closeUserTask' }),
      { type: 'resolveIncident', incidentId: 'id-2' },
      { type: 'completeInstance' },
    ]);
    expect(done.state.incidents).toEqual({});
  });
});

describe('event sub-process inside a sub-process', () => {
  /** start → care [ care-s → talk → care-e ; event sub-process inside ] → after; a 7-day timer boundary on care. */
  const nested = (start: Parameters<ProcessBuilder['startEvent']>[1], inner = 'urgent') =>
    processModel('p')
      .startEvent('s')
      .subProcess('care', (care) =>
        care
          .startEvent('care-s')
          .userTask('talk')
          .endEvent('care-e')
          .sequence('care-s', 'talk', 'care-e')
          .eventSubProcess('care-esp', (esp) =>
            esp.startEvent('care-esp-start', start).userTask(inner).sequence('care-esp-start', inner),
          ),
      )
      .boundaryEvent('too-long', { attachedTo: 'care', trigger: timer.duration('P7D') })
      .userTask('after')
      .userTask('review-case')
      .sequence('s', 'care', 'after')
      .sequence('too-long', 'review-case')
      .build();

  it('opens its trigger with the sub-process and closes it when the sub-process completes', () => {
    // given
    const s = new Scenario(nested({ trigger: trigger.message('crisis', '=caseId') }));
    // when
    const started = s.start({ caseId: 'c-1' });
    // then
    expect(started.commands).toEqual([
      {
        type: 'startTimer',
        timer: { timerId: 'id-4', elementId: 'too-long', dueAt: '2024-03-08T08:00:00.000Z' },
      },
      {
        type: 'openSubscription',
        subscription: {
          subscriptionId: 'id-5',
          elementId: 'care-esp-start',
          messageName: 'crisis',
          correlationKey: 'c-1',
        },
      },
      expect.objectContaining({ type: 'openUserTask', task: expect.objectContaining({ elementId: 'talk' }) }),
    ]);
    expect(started.state.subscriptions['id-5']?.ownerId).toBe('id-3');
    // when
    const done = s.completeTask('talk');
    // then
    expect(done.commands).toEqual([
      expect.objectContaining({ type: 'closeUserTask' }),
      { type: 'cancelTimer', timerId: 'id-4' },
      { type: 'closeSubscription', subscriptionId: 'id-5', state: 'cancelled' },
      expect.objectContaining({
        type: 'openUserTask',
        task: expect.objectContaining({ elementId: 'after' }),
      }),
    ]);
  });

  it('interrupting: ends the rest of the sub-process, not the sub-process itself nor its boundary events', () => {
    // given
    const s = new Scenario(nested({ trigger: trigger.message('crisis', '=caseId') }));
    s.start({ caseId: 'c-1' });
    // when
    const step = s.correlate('crisis', 'c-1');
    // then
    expect(step.events).toEqual([
      s.ev('message.correlated', 'care-esp-start', {
        data: { messageName: 'crisis', subscriptionId: 'id-5' },
      }),
      s.ev('element.terminated', 'talk'),
      s.ev('element.entered', 'care-esp'),
      s.ev('element.entered', 'care-esp-start'),
      s.ev('element.left', 'care-esp-start'),
      s.ev('element.entered', 'urgent'),
      s.ev('task.opened', 'urgent', { data: { taskId: 'id-10' } }),
    ]);
    expect(step.commands).toEqual([
      { type: 'closeSubscription', subscriptionId: 'id-5', state: 'correlated' },
      expect.objectContaining({ type: 'closeUserTask' }),
      expect.objectContaining({ type: 'openUserTask' }),
    ]);
    expect(step.state.timers['id-4']).toMatchObject({ elementId: 'too-long', ownerId: 'id-3' });
    // when the boundary timer fires, it still ends the sub-process
    s.fireTimer('too-long');
    expect(s.live()).toEqual(['review-case']);
  });

  it('error start: catches an error end event inside the sub-process; then the sub-process completes', () => {
    // given
    const model = processModel('p')
      .startEvent('s')
      .subProcess('care', (care) =>
        care
          .startEvent('care-s')
          .userTask('talk')
          .endEvent('refused', { trigger: trigger.error('REFUSED') })
          .sequence('care-s', 'talk', 'refused')
          .eventSubProcess('on-refused', (esp) =>
            esp
              .startEvent('on-refused-start', { trigger: trigger.error('REFUSED') })
              .endEvent('on-refused-end')
              .sequence('on-refused-start', 'on-refused-end'),
          ),
      )
      .userTask('after')
      .sequence('s', 'care', 'after')
      .build();
    const s = new Scenario(model);
    s.start();
    // when
    const step = s.completeTask('talk');
    // then
    expect(step.events).toEqual([
      s.ev('task.completed', 'talk', {
        actor: 'tester',
        data: { taskId: 'id-5', submitted: {}, claimedOnCompletion: true },
      }),
      s.ev('element.left', 'talk'),
      s.ev('element.entered', 'refused'),
      s.ev('error.thrown', 'refused', { data: { code: 'REFUSED' } }),
      s.ev('element.terminated', 'refused'),
      s.ev('element.entered', 'on-refused'),
      s.ev('element.entered', 'on-refused-start'),
      s.ev('element.left', 'on-refused-start'),
      s.ev('element.entered', 'on-refused-end'),
      s.ev('element.left', 'on-refused-end'),
      s.ev('element.left', 'on-refused'),
      s.ev('element.left', 'care'),
      s.ev('element.entered', 'after'),
      s.ev('task.opened', 'after', { data: { taskId: 'id-10' } }),
    ]);
  });

  it('interrupting escalation start: catches an escalation thrown inside the sub-process before its boundary does', () => {
    // given
    const model = processModel('p')
      .startEvent('s')
      .subProcess('care', (care) =>
        care
          .startEvent('care-s')
          .parallelGateway('care-fork')
          .userTask('talk')
          .intermediateThrowEvent('late', { trigger: trigger.escalation('LATE') })
          .userTask('never')
          .sequence('care-s', 'care-fork', 'talk')
          .sequence('care-fork', 'late', 'never')
          .eventSubProcess('on-late', (esp) =>
            esp
              .startEvent('on-late-start', { trigger: trigger.escalation('LATE') })
              .userTask('inform')
              .sequence('on-late-start', 'inform'),
          ),
      )
      .boundaryEvent('care-late', { attachedTo: 'care', trigger: trigger.escalation('LATE') })
      .endEvent('e')
      .sequence('s', 'care', 'e')
      .sequence('care-late', 'e')
      .build();
    const s = new Scenario(model);
    // when
    const step = s.start();
    // then
    expect(step.events.slice(8)).toEqual([
      s.ev('element.entered', 'talk'),
      s.ev('task.opened', 'talk', { data: { taskId: 'id-6' } }),
      s.ev('element.entered', 'late'),
      s.ev('escalation.thrown', 'late', { data: { code: 'LATE' } }),
      s.ev('element.terminated', 'talk'),
      s.ev('element.terminated', 'late'),
      s.ev('element.entered', 'on-late'),
      s.ev('element.entered', 'on-late-start'),
      s.ev('element.left', 'on-late-start'),
      s.ev('element.entered', 'inform'),
      s.ev('task.opened', 'inform', { data: { taskId: 'id-10' } }),
    ]);
    expect(s.live().sort()).toEqual(['care', 'inform', 'on-late']);
  });

  it('non-interrupting timer start: runs beside the sub-process contents', () => {
    // given
    const s = new Scenario(nested({ trigger: timer.duration('P1D'), interrupting: false }, 'check-in'), NOW);
    s.start();
    // when
    s.fireTimer('care-esp-start');
    // then
    expect(s.live().sort()).toEqual(['care', 'care-esp', 'check-in', 'talk']);
    // when the contents end, the sub-process waits for its event sub-process
    s.completeTask('talk');
    expect(s.live().sort()).toEqual(['care', 'care-esp', 'check-in']);
    s.completeTask('check-in');
    expect(s.live()).toEqual(['after']);
  });

  it('raises an incident at the sub-process when a trigger cannot be opened, and enters it once fixed', () => {
    // given
    const s = new Scenario(nested({ trigger: trigger.message('crisis', '=caseId') }));
    // when
    const failed = s.start({});
    // then nothing of the sub-process opened
    expect(failed.commands).toEqual([
      {
        type: 'raiseIncident',
        incident: {
          incidentId: 'id-4',
          elementId: 'care',
          message: expect.stringContaining("Variable 'caseId' not found"),
        },
      },
    ]);
    // when
    const retried = s.resolveIncident('care', { caseId: 'c-2' });
    // then
    expect(retried.commands).toEqual([
      { type: 'resolveIncident', incidentId: 'id-4' },
      expect.objectContaining({ type: 'startTimer' }),
      expect.objectContaining({ type: 'openSubscription' }),
      expect.objectContaining({ type: 'openUserTask', task: expect.objectContaining({ elementId: 'talk' }) }),
    ]);
    expect(retried.events.map((e) => [e.type, e.elementId])).toEqual([
      ['incident.resolved', 'care'],
      ['element.entered', 'care'],
      ['element.entered', 'care-s'],
      ['element.left', 'care-s'],
      ['element.entered', 'talk'],
      ['task.opened', 'talk'],
    ]);
  });
});

describe('call activity', () => {
  const model = (
    options: { propagateAllParentVariables?: boolean; propagateAllChildVariables?: boolean } = {},
  ) =>
    processModel('parent')
      .startEvent('s')
      .callActivity('assess', {
        calledProcessId: '=assessmentProcess',
        inputs: { level: '="school"' },
        outputs: { assessed: '=true' },
        ...options,
      })
      .userTask('after')
      .sequence('s', 'assess', 'after')
      .build();

  it('starts the child case with every variable it sees', () => {
    // given
    const s = new Scenario(model());
    // when
    const step = s.start({ assessmentProcess: 'risk-assessment', studentId: 'st-1' });
    // then
    expect(step.events).toEqual([
      s.ev('instance.started'),
      s.ev('element.entered', 's'),
      s.ev('element.left', 's'),
      s.ev('element.entered', 'assess'),
    ]);
    expect(step.commands).toEqual([
      {
        type: 'startChild',
        child: {
          childId: 'id-4',
          elementId: 'assess',
          processId: 'risk-assessment',
          variables: { assessmentProcess: 'risk-assessment', studentId: 'st-1', level: 'school' },
          catches: { codes: [], all: false },
        },
      },
    ]);
    expect(step.state.children).toEqual({
      'id-4': { childId: 'id-4', instanceId: 'id-3', elementId: 'assess' },
    });
  });

  it('passes only its input mappings when propagateAllParentVariables is false', () => {
    // given
    const s = new Scenario(model({ propagateAllParentVariables: false }));
    // when
    const step = s.start({ assessmentProcess: 'risk-assessment', studentId: 'st-1' });
    // then
    expect(step.commands).toEqual([
      {
        type: 'startChild',
        child: {
          childId: 'id-4',
          elementId: 'assess',
          processId: 'risk-assessment',
          variables: { level: 'school' },
          catches: { codes: [], all: false },
        },
      },
    ]);
  });

  it('takes back the output mappings when the child completes (with output mappings, only they leave)', () => {
    // given
    const s = new Scenario(model());
    s.start({ assessmentProcess: 'risk-assessment' });
    // when
    const step = s.completeChild('assess', { risk: 'high' });
    // then
    expect(step.events).toEqual([
      s.ev('element.left', 'assess'),
      s.ev('element.entered', 'after'),
      s.ev('task.opened', 'after', { data: { taskId: 'id-5' } }),
    ]);
    expect(step.state.instances['id-1']?.variables).toEqual({
      assessmentProcess: 'risk-assessment',
      assessed: true,
    });
  });

  it('takes back every child variable when it has no output mappings and propagateAllChildVariables is true', () => {
    // given
    const plain = processModel('parent')
      .startEvent('s')
      .callActivity('assess', { calledProcessId: 'risk-assessment' })
      .userTask('after')
      .sequence('s', 'assess', 'after')
      .build();
    const s = new Scenario(plain);
    s.start({ studentId: 'st-1' });
    // when
    const step = s.completeChild('assess', { risk: 'high', score: 9 });
    // then
    expect(step.state.instances['id-1']?.variables).toEqual({ studentId: 'st-1', risk: 'high', score: 9 });
  });

  it('takes back only its output mappings when propagateAllChildVariables is false', () => {
    // given
    const s = new Scenario(model({ propagateAllChildVariables: false }));
    s.start({ assessmentProcess: 'risk-assessment' });
    // when
    const step = s.completeChild('assess', { risk: 'high' });
    // then
    expect(step.state.instances['id-1']?.variables).toEqual({
      assessmentProcess: 'risk-assessment',
      assessed: true,
    });
  });

  it('a failed child is an incident at the call activity; resolving it starts the child again, boundaries untouched', () => {
    // given a call activity with a timer boundary
    const guarded = processModel('parent')
      .startEvent('s')
      .callActivity('assess', { calledProcessId: 'risk-assessment' })
      .boundaryEvent('slow', { attachedTo: 'assess', trigger: timer.duration('P5D'), cancelActivity: false })
      .userTask('chase')
      .sequence('s', 'assess')
      .sequence('slow', 'chase')
      .build();
    const s = new Scenario(guarded);
    s.start({ studentId: 'st-1' });
    // when
    const failed = s.failChild('assess', 'No deployed version of risk-assessment');
    // then
    expect(failed.events).toEqual([
      s.ev('incident.raised', 'assess', {
        data: { incidentId: 'id-6', message: 'No deployed version of risk-assessment' },
      }),
    ]);
    expect(failed.commands).toEqual([
      {
        type: 'raiseIncident',
        incident: {
          incidentId: 'id-6',
          elementId: 'assess',
          message: 'No deployed version of risk-assessment',
        },
      },
    ]);
    expect(failed.state.instances['id-3']?.state).toBe('incident');
    // when
    const retried = s.resolveIncident('assess');
    // then
    expect(retried.events).toEqual([
      s.ev('incident.resolved', 'assess', {
        actor: 'supervisor',
        data: { incidentId: 'id-6', variables: [], changes: [] },
      }),
    ]);
    expect(retried.commands).toEqual([
      { type: 'resolveIncident', incidentId: 'id-6' },
      {
        type: 'startChild',
        child: {
          childId: 'id-7',
          elementId: 'assess',
          processId: 'risk-assessment',
          variables: { studentId: 'st-1' },
          catches: { codes: [], all: false },
        },
      },
    ]);
    expect(Object.keys(retried.state.timers)).toEqual(['id-4']);
    expect(retried.state.instances['id-3']?.state).toBe('waiting');
  });

  describe('errors across the call', () => {
    const refusing = processModel('referral')
      .startEvent('s')
      .endEvent('refused', { trigger: trigger.error('REFUSED') })
      .sequence('s', 'refused')
      .build();
    const calling = processModel('pathway')
      .startEvent('s')
      .callActivity('refer', { calledProcessId: 'referral' })
      .boundaryEvent('on-refused', { attachedTo: 'refer', trigger: trigger.error('REFUSED') })
      .userTask('find-another')
      .endEvent('end')
      .sequence('s', 'refer', 'end')
      .sequence('on-refused', 'find-another')
      .build();

    it('hands the child the error codes its call activity catches', () => {
      // when
      const step = new Scenario(calling).start();
      // then
      expect(step.commands).toContainEqual(
        expect.objectContaining({
          type: 'startChild',
          child: expect.objectContaining({ catches: { codes: ['REFUSED'], all: false } }),
        }),
      );
    });

    it('a child error its caller catches ends the child and goes to the caller', () => {
      // when the child throws an error it does not catch, but its caller does
      const child = new Scenario(refusing);
      const ended = child.start({}, { parentCatches: { codes: ['REFUSED'], all: false } });
      // then the child ends and hands the error on
      expect(ended.state.status).toBe('cancelled');
      expect(ended.commands).toEqual([
        { type: 'throwToParent', errorCode: 'REFUSED', message: "Error 'REFUSED' thrown at 'refused'" },
      ]);
      expect(ended.events.at(-1)).toEqual(
        child.ev('instance.terminated', 'refused', {
          data: { errorCode: 'REFUSED', caughtBy: 'calling case' },
        }),
      );

      // when the caller gets it, its boundary takes it
      const parent = new Scenario(calling);
      const started = parent.start();
      expect(Object.keys(started.state.children)).toHaveLength(1);
      const caught = parent.throwChildError('refer', 'REFUSED', 'no bed');
      // then
      expect(Object.values(caught.state.tasks).map((task) => task.elementId)).toEqual(['find-another']);
      expect(caught.state.children).toEqual({});
    });

    it('a child error its caller does not catch stays an incident in the child', () => {
      // when
      const ended = new Scenario(refusing).start({}, { parentCatches: { codes: ['OTHER'], all: false } });
      // then
      expect(ended.state.status).toBe('active');
      expect(Object.values(ended.state.incidents)).toEqual([
        expect.objectContaining({
          elementId: 'refused',
          message: "Expected a catch event for error 'REFUSED', but none catches it",
        }),
      ]);
    });
  });

  it('an interrupting boundary cancels the child case', () => {
    // given
    const guarded = processModel('parent')
      .startEvent('s')
      .callActivity('assess', { calledProcessId: 'risk-assessment' })
      .boundaryEvent('abort', { attachedTo: 'assess', trigger: trigger.message('abort', '=caseId') })
      .endEvent('aborted')
      .sequence('s', 'assess')
      .sequence('abort', 'aborted')
      .build();
    const s = new Scenario(guarded);
    s.start({ caseId: 'c-1' });
    // when
    const step = s.correlate('abort', 'c-1');
    // then
    expect(step.commands).toEqual([
      { type: 'closeSubscription', subscriptionId: 'id-4', state: 'correlated' },
      { type: 'cancelChild', childId: 'id-5' },
      { type: 'completeInstance' },
    ]);
  });
});
