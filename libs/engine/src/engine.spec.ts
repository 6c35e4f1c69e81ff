import fc from 'fast-check';
import type { ProcessModel } from '../../bpmn/src/model';
import { completeTask, MAX_ACTIVATIONS_PER_STEP, startInstance } from './engine';
import { processModel, testContext } from './testing/process-builder';
import type { EngineContext, EngineFailure, EngineState, Step, UserTaskSpec } from './types';

const NOW = '2024-03-01T08:00:00.000Z';
const at = NOW;

function expectStep(result: Step | EngineFailure): Step {
  if ('kind' in result)
    throw new Error(`Expected a step, got failure at ${result.elementId}: ${result.message}`);
  return result;
}

function openedTasks(step: Step): UserTaskSpec[] {
  return step.commands.flatMap((command) => (command.type === 'openUserTask' ? [command.task] : []));
}

describe('start → user task → end', () => {
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
    const ctx = testContext(NOW);
    // when
    const step = expectStep(startInstance(model, { reporter: 'li.na' }, ctx));
    // then
    expect(step.events).toEqual([
      { type: 'instance.started', at },
      { type: 'element.entered', elementId: 'start', at },
      { type: 'element.left', elementId: 'start', at },
      { type: 'element.entered', elementId: 'review', at },
      { type: 'task.opened', elementId: 'review', data: { taskId: 'id-2' }, at },
    ]);
    expect(step.commands).toEqual([
      {
        type: 'openUserTask',
        task: {
          taskId: 'id-2',
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
      variables: { reporter: 'li.na' },
      tokens: [{ id: 'id-1', elementId: 'review' }],
      tasks: { 'id-2': { taskId: 'id-2', tokenId: 'id-1', elementId: 'review' } },
    });
  });

  it('completes the instance when the task is completed, merging its variables', () => {
    // given
    const ctx = testContext(NOW);
    const started = expectStep(startInstance(model, { reporter: 'li.na', risk: 'unknown' }, ctx));
    // when
    const step = expectStep(
      completeTask(
        model,
        started.state,
        { taskId: 'id-2', variables: { risk: 'low', notes: 'ok' }, actor: 'li.na' },
        ctx,
      ),
    );
    // then
    expect(step.commands).toEqual([
      { type: 'closeUserTask', taskId: 'id-2', state: 'completed', actor: 'li.na' },
      { type: 'completeInstance' },
    ]);
    expect(step.events).toEqual([
      { type: 'task.completed', elementId: 'review', actor: 'li.na', data: { taskId: 'id-2' }, at },
      { type: 'element.left', elementId: 'review', at },
      { type: 'element.entered', elementId: 'end', at },
      { type: 'element.left', elementId: 'end', at },
      { type: 'instance.completed', at },
    ]);
    expect(step.state).toEqual({
      processId: 'intake',
      status: 'completed',
      variables: { reporter: 'li.na', risk: 'low', notes: 'ok' },
      tokens: [],
      tasks: {},
    });
    expect(JSON.parse(JSON.stringify(step.state))).toEqual(step.state);
  });

  it('does not change the state it was given', () => {
    const ctx = testContext(NOW);
    const started = expectStep(startInstance(model, { reporter: 'li.na' }, ctx));
    const before = structuredClone(started.state);
    completeTask(model, started.state, { taskId: 'id-2', variables: { x: 1 }, actor: 'li.na' }, ctx);
    expect(started.state).toEqual(before);
  });

  it('refuses to complete a task that is not open, or an instance that is over', () => {
    const ctx = testContext(NOW);
    const started = expectStep(startInstance(model, { reporter: 'li.na' }, ctx));
    expect(completeTask(model, started.state, { taskId: 'nope', variables: {}, actor: 'x' }, ctx)).toEqual({
      kind: 'failure',
      elementId: '',
      message: "Expected an open task with id 'nope'",
    });
    const done = expectStep(
      completeTask(model, started.state, { taskId: 'id-2', variables: {}, actor: 'x' }, ctx),
    );
    expect(completeTask(model, done.state, { taskId: 'id-2', variables: {}, actor: 'x' }, ctx)).toEqual({
      kind: 'failure',
      elementId: '',
      message: 'Expected an active instance, but it is completed',
    });
  });

  it('keeps a __proto__ completion variable as a plain variable', () => {
    const ctx = testContext(NOW);
    const started = expectStep(startInstance(model, { reporter: 'li.na' }, ctx));
    const variables = JSON.parse('{"__proto__": {"polluted": true}}') as Record<string, unknown>;
    const step = expectStep(
      completeTask(model, started.state, { taskId: 'id-2', variables, actor: 'x' }, ctx),
    );
    expect(Object.getPrototypeOf(step.state.variables)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });
});

describe('user task assignment', () => {
  const withAssignment = (
    options: Parameters<ReturnType<typeof processModel>['userTask']>[1],
  ): ProcessModel =>
    processModel('p').startEvent('s').userTask('t', options).endEvent('e').sequence('s', 't', 'e').build();

  it('evaluates FEEL candidate lists: a list or a comma-separated string', () => {
    const model = withAssignment({
      assignment: { candidateGroups: '=groups', candidateUsers: '=users' },
      priority: 80,
    });
    const step = expectStep(
      startInstance(
        model,
        { groups: ['gradeLeader', ' principal '], users: 'wang.li, zhao.min' },
        testContext(),
      ),
    );
    expect(openedTasks(step)[0]).toMatchObject({
      candidateGroups: ['gradeLeader', 'principal'],
      candidateUsers: ['wang.li', 'zhao.min'],
      priority: 80,
    });
    expect(openedTasks(step)[0]).not.toHaveProperty('assignee');
  });

  it('fails at the task when an assignment cannot be evaluated', () => {
    const model = withAssignment({ assignment: { candidateGroups: '=groups' } });
    expect(startInstance(model, {}, testContext())).toEqual({
      kind: 'failure',
      elementId: 't',
      message: expect.stringContaining("Variable 'groups' not found"),
    });
    expect(startInstance(model, { groups: 42 }, testContext())).toEqual({
      kind: 'failure',
      elementId: 't',
      message:
        "Expected candidateGroups '=groups' to be a list of strings or a comma-separated string, but was 42",
    });
  });

  it('fails at the task when a due date is not a date-time', () => {
    const model = withAssignment({ dueDate: '=deadline' });
    expect(startInstance(model, { deadline: '2024-03-04' }, testContext())).toEqual({
      kind: 'failure',
      elementId: 't',
      message: 'Expected dueDate \'=deadline\' to be an ISO 8601 date-time with offset, but was "2024-03-04"',
    });
  });
});

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
    const step = expectStep(startInstance(model, { risk: 'high' }, testContext()));
    expect(step.events.map((event) => [event.type, event.elementId])).toEqual([
      ['instance.started', undefined],
      ['element.entered', 'start'],
      ['element.left', 'start'],
      ['element.entered', 'risk'],
      ['element.left', 'risk'],
      ['element.entered', 'escalate'],
      ['task.opened', 'escalate'],
    ]);
    expect(step.commands.map((command) => command.type)).toEqual(['openUserTask']);
  });

  it('takes the default flow when no condition is true', () => {
    const step = expectStep(startInstance(model, { risk: 'low' }, testContext()));
    expect(step.events.map((event) => [event.type, event.elementId])).toEqual([
      ['instance.started', undefined],
      ['element.entered', 'start'],
      ['element.left', 'start'],
      ['element.entered', 'risk'],
      ['element.left', 'risk'],
      ['element.entered', 'monitor'],
      ['element.left', 'monitor'],
      ['element.entered', 'end'],
      ['element.left', 'end'],
      ['instance.completed', undefined],
    ]);
    expect(step.commands).toEqual([{ type: 'completeInstance' }]);
    expect(step.state.status).toBe('completed');
  });

  it('fails when no condition is true and there is no default flow', () => {
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
    // when
    const result = startInstance(noDefault, { risk: 'medium' }, testContext());
    // then
    expect(result).toEqual({
      kind: 'failure',
      elementId: 'risk',
      message: 'Expected at least one condition to evaluate to true, or a default flow',
    });
  });

  it('fails at the gateway when a condition cannot be evaluated', () => {
    // given a comparison with a missing variable: null, not a boolean (a plain '=' compares to false)
    const scored = processModel('p')
      .startEvent('s')
      .exclusiveGateway('g')
      .endEvent('e')
      .flow('s', 'g')
      .flow('g', 'e', { condition: '=score > 5' })
      .build();
    // when
    const result = startInstance(scored, {}, testContext());
    // then
    expect(result).toEqual({
      kind: 'failure',
      elementId: 'g',
      message: expect.stringContaining("Variable 'score' not found"),
    });
  });

  it('evaluates against variables merged from the completed task', () => {
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
    const ctx = testContext();
    const started = expectStep(startInstance(afterTask, {}, ctx));
    const step = expectStep(
      completeTask(afterTask, started.state, { taskId: 'id-2', variables: { score: 8 }, actor: 'a' }, ctx),
    );
    expect(openedTasks(step).map((task) => task.elementId)).toEqual(['escalate']);
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
    .flow('start', 'fork')
    .flow('fork', 'parents')
    .flow('fork', 'teacher')
    .flow('parents', 'join')
    .flow('teacher', 'join')
    .flow('join', 'end')
    .build();

  it('forks into one task per branch', () => {
    const step = expectStep(startInstance(model, {}, testContext()));
    expect(step.events).toEqual([
      { type: 'instance.started', at },
      { type: 'element.entered', elementId: 'start', at },
      { type: 'element.left', elementId: 'start', at },
      { type: 'element.entered', elementId: 'fork', at },
      { type: 'element.left', elementId: 'fork', at },
      { type: 'element.entered', elementId: 'parents', at },
      { type: 'task.opened', elementId: 'parents', data: { taskId: 'id-3' }, at },
      { type: 'element.entered', elementId: 'teacher', at },
      { type: 'task.opened', elementId: 'teacher', data: { taskId: 'id-4' }, at },
    ]);
    expect(openedTasks(step).map((task) => [task.taskId, task.elementId])).toEqual([
      ['id-3', 'parents'],
      ['id-4', 'teacher'],
    ]);
  });

  it.each([
    ['parents first', 'id-3', 'parents', 'id-4', 'teacher'],
    ['teacher first', 'id-4', 'teacher', 'id-3', 'parents'],
  ])(
    'joins when both branches are done (%s)',
    (_order, firstTask, firstElement, secondTask, secondElement) => {
      // given
      const ctx = testContext();
      const started = expectStep(startInstance(model, {}, ctx));
      // when the first branch finishes, the join waits
      const first = expectStep(
        completeTask(model, started.state, { taskId: firstTask, variables: {}, actor: 'a' }, ctx),
      );
      // then
      expect(first.events).toEqual([
        { type: 'task.completed', elementId: firstElement, actor: 'a', data: { taskId: firstTask }, at },
        { type: 'element.left', elementId: firstElement, at },
      ]);
      expect(first.commands).toEqual([
        { type: 'closeUserTask', taskId: firstTask, state: 'completed', actor: 'a' },
      ]);
      expect(first.state.status).toBe('active');
      expect(first.state.tokens.map((token) => token.elementId).sort()).toEqual(['join', secondElement]);

      // when the second branch finishes, the join fires and the instance completes
      const second = expectStep(
        completeTask(model, first.state, { taskId: secondTask, variables: {}, actor: 'b' }, ctx),
      );
      // then
      expect(second.events).toEqual([
        { type: 'task.completed', elementId: secondElement, actor: 'b', data: { taskId: secondTask }, at },
        { type: 'element.left', elementId: secondElement, at },
        { type: 'element.entered', elementId: 'join', at },
        { type: 'element.left', elementId: 'join', at },
        { type: 'element.entered', elementId: 'end', at },
        { type: 'element.left', elementId: 'end', at },
        { type: 'instance.completed', at },
      ]);
      expect(second.commands).toEqual([
        { type: 'closeUserTask', taskId: secondTask, state: 'completed', actor: 'b' },
        { type: 'completeInstance' },
      ]);
      expect(second.state).toMatchObject({ status: 'completed', tokens: [], tasks: {} });
    },
  );

  it('completes exactly once with no live tokens, whatever order the branch tasks complete in', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 2, max: 6 })
          .chain((branches) =>
            fc.tuple(
              fc.constant(branches),
              fc.shuffledSubarray([...Array(branches).keys()], { minLength: branches, maxLength: branches }),
              fc.array(fc.boolean(), { minLength: branches, maxLength: branches }),
            ),
          ),
        ([branches, order, withManualStep]) => {
          // given start → fork → N user tasks (some followed by a manual task) → join → end
          const builder = processModel('p').startEvent('s').parallelGateway('fork').parallelGateway('join');
          builder.endEvent('e').flow('s', 'fork').flow('join', 'e');
          for (let branch = 0; branch < branches; branch += 1) {
            builder.userTask(`task-${branch}`).flow('fork', `task-${branch}`);
            if (withManualStep[branch]) {
              builder.manualTask(`after-${branch}`).sequence(`task-${branch}`, `after-${branch}`, 'join');
            } else builder.flow(`task-${branch}`, 'join');
          }
          const model = builder.build();
          const ctx: EngineContext = testContext();

          // when the tasks complete in the generated order
          const started = expectStep(startInstance(model, {}, ctx));
          const taskIdOf = new Map(openedTasks(started).map((task) => [task.elementId, task.taskId]));
          const steps: Step[] = [started];
          let state: EngineState = started.state;
          for (const branch of order) {
            const taskId = taskIdOf.get(`task-${branch}`) ?? '';
            const step = expectStep(
              completeTask(model, state, { taskId, variables: { [`done${branch}`]: true }, actor: 'a' }, ctx),
            );
            steps.push(step);
            state = step.state;
          }

          // then it completed once, in the last step, with nothing left behind
          const completions = steps.flatMap((step) =>
            step.commands.filter((command) => command.type === 'completeInstance'),
          );
          const completedEvents = steps.flatMap((step) =>
            step.events.filter((event) => event.type === 'instance.completed'),
          );
          expect(completions).toHaveLength(1);
          expect(completedEvents).toHaveLength(1);
          expect(steps.at(-1)?.commands.at(-1)).toEqual({ type: 'completeInstance' });
          expect(state.status).toBe('completed');
          expect(state.tokens).toEqual([]);
          expect(state.tasks).toEqual({});
          expect(Object.keys(state.variables)).toHaveLength(branches);
          const joins = steps.flatMap((step) =>
            step.events.filter((e) => e.type === 'element.entered' && e.elementId === 'join'),
          );
          expect(joins).toHaveLength(1);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('engine guards', () => {
  it('throws, naming the type, for an element type without a handler', () => {
    const model = processModel('p').startEvent('s').task('t').endEvent('e').sequence('s', 't', 'e').build();
    (model.elements['t'] as { type: string }).type = 'serviceTask';
    expect(() => startInstance(model, {}, testContext())).toThrow(
      "No engine handler for element type 'serviceTask'",
    );
  });

  it('fails when a step loops without ever waiting', () => {
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
    expect(startInstance(model, {}, testContext())).toEqual({
      kind: 'failure',
      elementId: expect.any(String),
      message: `Expected the instance to reach a wait state within ${MAX_ACTIVATIONS_PER_STEP} element activations; the diagram loops without a user task`,
    });
  });

  it('fails to start a model without a none start event', () => {
    const model = processModel('p').endEvent('e').build();
    expect(startInstance(model, {}, testContext())).toEqual({
      kind: 'failure',
      elementId: 'p',
      message: 'Expected a none start event to start the instance at',
    });
  });
});
