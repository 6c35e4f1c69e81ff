import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileProcess } from '.';
import { completeTask, startInstance } from '../../engine/src/engine';
import { testContext } from '../../engine/src/testing/process-builder';
import type { EngineFailure, Step } from '../../engine/src/types';

const fixture = (name: string): string => readFileSync(join(__dirname, '__fixtures__', name), 'utf8');

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
        taskId: 'id-2',
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
    const done = expectStep(
      completeTask(model, started.state, { taskId: 'id-2', variables: {}, actor: 'chen.yu' }, ctx),
    );
    expect(done.state.status).toBe('completed');
  });
});
