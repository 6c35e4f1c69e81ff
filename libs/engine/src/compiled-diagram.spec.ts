import { compileProcess } from '../../bpmn/src';
import { fixtureDiagram, repositoryFixture } from '../../bpmn/src/testing';
import { completeJob, completeTask, correlateMessage, fireTimer, startInstance } from './engine';
import { testContext } from './testing/process-builder';
import type { Command, EngineFailure, JobSpec, Step, TimerSpec, UserTaskSpec } from './types';

// The diagrams libs/bpmn compiles in its own specs, run here on the engine.
const fixture = fixtureDiagram;

function expectStep(result: Step | EngineFailure): Step {
  if ('kind' in result) throw new Error(`${result.elementId}: ${result.message}`);
  return result;
}

describe('a compiled Camunda Modeler diagram', () => {
  it('runs start → user task → end, its FEEL using the engine clock', async () => {
    // given
    const compiled = await compileProcess(fixture('start-task-end.bpmn'));
    if (!compiled.ok) throw new Error(JSON.stringify(compiled.errors));
    const model = JSON.parse(JSON.stringify(compiled.model)) as typeof compiled.model;
    const ctx = testContext('2025-09-01T00:00:00.000Z');
    // when
    const started = expectStep(startInstance(model, { reporter: 'chen.yu' }, ctx));
    const [open] = started.commands;
    // then
    expect(open).toEqual({
      type: 'openUserTask',
      task: {
        taskId: expect.any(String),
        elementId: 'Task_Assess',
        name: 'Assess risk',
        assignee: 'chen.yu',
        candidateGroups: ['psychTeacher', 'classTeacher'],
        candidateUsers: ['wang.li'],
        dueAt: '2025-09-01T04:00:00.000Z',
        followUpAt: '2025-09-01T08:00:00.000Z',
        priority: 80,
        formId: 'risk-assessment',
      },
    });
    const taskId = open?.type === 'openUserTask' ? open.task.taskId : '';
    const done = expectStep(
      completeTask(model, started.state, { taskId, variables: {}, actor: 'chen.yu' }, ctx),
    );
    expect(done.state.status).toBe('completed');
  });

  it('runs the Camunda Modeler care pathway from start to completion', async () => {
    // given
    const compiled = await compileProcess(repositoryFixture('camunda-modeler/care-pathway.bpmn'));
    if (!compiled.ok) throw new Error(JSON.stringify(compiled.errors));
    const model = compiled.model;
    const ctx = testContext('2025-09-01T00:00:00.000Z');
    const task = (commands: Command[], elementId: string): UserTaskSpec => {
      const open = commands.find(
        (command) => command.type === 'openUserTask' && command.task.elementId === elementId,
      );
      if (open?.type !== 'openUserTask') throw new Error(`Expected ${elementId} to open`);
      return open.task;
    };
    const job = (commands: Command[], elementId: string): JobSpec => {
      const started = commands.find(
        (command) => command.type === 'startJob' && command.job.elementId === elementId,
      );
      if (started?.type !== 'startJob') throw new Error(`Expected a job at ${elementId}`);
      return started.job;
    };
    const timer = (commands: Command[]): TimerSpec => {
      const started = commands.find((command) => command.type === 'startTimer');
      if (started?.type !== 'startTimer') throw new Error('Expected a timer');
      return started.timer;
    };
    // when: the psychology teacher assesses a high risk
    const started = expectStep(startInstance(model, { caseKey: 'case-7' }, ctx));
    const assess = task(started.commands, 'Activity_0abc123');
    expect(assess.candidateGroups).toEqual(['psychTeacher']);
    const assessed = expectStep(
      completeTask(
        model,
        started.state,
        { taskId: assess.taskId, variables: { riskLevel: 'high' }, actor: 'li' },
        ctx,
      ),
    );
    // then: staff are alerted while the safety plan is open, with an hourly reminder on it
    const alert = job(assessed.commands, 'Activity_0ntfy3f');
    expect(alert).toMatchObject({ jobType: 'notify', retries: 5, variables: { riskLevel: 'high' } });
    const plan = task(assessed.commands, 'Activity_1pln4gh');
    const reminder = timer(assessed.commands);
    expect(reminder).toMatchObject({ elementId: 'Event_0rmd8no', dueAt: '2025-09-01T01:00:00.000Z' });
    // when: the reminder fires once, then the jobs and the plan complete and the guardians reply
    const reminded = expectStep(fireTimer(model, assessed.state, { timerId: reminder.timerId }, ctx));
    const remind = job(reminded.commands, 'Activity_1rmd0rs');
    let state = expectStep(
      completeJob(model, reminded.state, { jobId: remind.jobId, variables: {} }, ctx),
    ).state;
    state = expectStep(completeJob(model, state, { jobId: alert.jobId, variables: {} }, ctx)).state;
    state = expectStep(
      completeTask(model, state, { taskId: plan.taskId, variables: {}, actor: 'li' }, ctx),
    ).state;
    const acknowledged = expectStep(
      correlateMessage(
        model,
        state,
        { messageName: 'guardian-acknowledged', correlationKey: 'case-7', variables: {} },
        ctx,
      ),
    );
    // then
    expect(acknowledged.state.status).toBe('completed');
    expect(acknowledged.commands).toContainEqual({ type: 'completeInstance' });
  });
});
