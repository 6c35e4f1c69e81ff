import { caseCalendarFrom } from '../../domain/src/case-calendar';
import { processModel, timer } from './testing/process-builder';
import { Scenario } from './testing/scenario';
import type { Command, UserTaskSpec } from './types';

/** A school with the real 2026 national days (Mid-Autumn 09-25..27, National Day 10-01..07, Sat 10-10 worked). */
const calendar = caseCalendarFrom(
  {
    unitId: 'school-1',
    definition: {
      timezone: 'Asia/Shanghai',
      terms: [{ name: '2026 秋', start: '2026-09-01', end: '2027-01-22' }],
      holidays: [],
      workdays: [],
    },
  },
  { fromYear: 2026 },
);
/** Friday 2026-09-25, 18:30 in Shanghai: the evening a Mid-Autumn and National Day fortnight begins. */
const FRIDAY_EVENING = '2026-09-25T10:30:00.000Z';

const model = processModel('deadlines')
  .startEvent('start')
  .userTask('meet-guardian', {
    assignment: { candidateGroups: 'psychTeacher' },
    dueDate: '=add school days(now(), 3)',
  })
  .boundaryEvent('remind', {
    attachedTo: 'meet-guardian',
    cancelActivity: false,
    trigger: timer.date('=add school days(now(), 1)'),
  })
  .endEvent('reminded')
  .userTask('follow-up', {
    assignment: { candidateGroups: 'psychTeacher' },
    dueDate: '=add school days(now(), 1)',
  })
  .endEvent('end')
  .sequence('start', 'meet-guardian', 'follow-up', 'end')
  .sequence('remind', 'reminded')
  .build();

function openedTask(commands: Command[], elementId: string): UserTaskSpec {
  const open = commands.find((c) => c.type === 'openUserTask' && c.task.elementId === elementId);
  if (open?.type !== 'openUserTask') throw new Error(`Expected ${elementId} to open`);
  return open.task;
}

describe("deadlines in school days, on the case's calendar", () => {
  it('gives a task opened on a Friday evening before the holidays its due date after them', () => {
    const s = new Scenario(model, FRIDAY_EVENING);
    s.ctx.calendar = calendar;
    const started = s.start();
    // School days after Friday 09-25: Mon 09-28, Tue 09-29, Wed 09-30 → due at the end of 09-30.
    expect(openedTask(started.commands, 'meet-guardian').dueAt).toBe('2026-09-30T15:59:59.000Z');
    // The reminder timer: the end of Monday 09-28 in Shanghai.
    expect(Object.values(s.state.timers)).toEqual([
      expect.objectContaining({ elementId: 'remind', dueAt: '2026-09-28T15:59:59.000Z' }),
    ]);
    // Wednesday 09-30 at 20:00 in Shanghai (virtual clock): the next school day is after National Day.
    s.ctx.setNow('2026-09-30T20:00:00+08:00');
    const completed = s.completeTask('meet-guardian');
    expect(openedTask(completed.commands, 'follow-up').dueAt).toBe('2026-10-08T15:59:59.000Z');
  });

  it('counts Monday to Friday without a calendar', () => {
    const s = new Scenario(model, FRIDAY_EVENING);
    const started = s.start();
    expect(openedTask(started.commands, 'meet-guardian').dueAt).toBe('2026-09-30T15:59:59.000Z');
    s.ctx.setNow('2026-09-30T20:00:00+08:00');
    expect(openedTask(s.completeTask('meet-guardian').commands, 'follow-up').dueAt).toBe(
      '2026-10-01T15:59:59.000Z',
    );
  });

  it('raises an incident at a task whose deadline falls after the last term', () => {
    const s = new Scenario(model, '2027-01-22T02:00:00.000Z');
    s.ctx.calendar = calendar;
    const started = s.start();
    expect(started.commands).toEqual([
      {
        type: 'raiseIncident',
        incident: expect.objectContaining({
          elementId: 'meet-guardian',
          message: expect.stringContaining("add school days: the case's calendar has no such day"),
        }),
      },
    ]);
  });
});
