import { formVariableNames, restrictedTaskView } from './task-view';

describe('task views for those who may not see the case', () => {
  const schema = {
    type: 'default',
    components: [
      { type: 'textfield', key: 'mood', label: '心情' },
      { type: 'text', text: 'no key here' },
      {
        type: 'group',
        path: 'contact',
        components: [{ type: 'checkbox', key: 'reachedGuardian.byPhone' }],
      },
    ],
  };

  it('names the variables a form reads: field keys (first segment) and group paths, nested', () => {
    expect(formVariableNames(schema).sort()).toEqual(['contact', 'mood', 'reachedGuardian']);
    expect(formVariableNames(null)).toEqual([]);
    expect(formVariableNames({ components: 'nope' })).toEqual([]);
  });

  it('gives the form’s variables and the task’s local ones, never the rest of the case file', () => {
    // given a case file with notes the peer must not read
    const processVariables = { mood: 'ok', concern: 'self-harm notes', assessmentNotes: 'secret' };
    // when the view is built for a peer's task with an input-mapped variable
    const view = restrictedTaskView(processVariables, { studentName: '小明' }, schema);
    // then only the form's and the task's variables show
    expect(view).toEqual({ mood: 'ok', studentName: '小明' });
  });

  it('shows only local variables when the task has no form', () => {
    expect(restrictedTaskView({ concern: 'x' }, { item: 1 }, null)).toEqual({ item: 1 });
  });
});
