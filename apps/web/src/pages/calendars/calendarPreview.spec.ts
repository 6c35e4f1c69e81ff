import { isSchoolDay } from '../../../../../libs/domain/src';
import { dayKind, mergedCalendar, monthGrids, shiftMonth } from './calendarPreview';

const national = {
  holidays: ['2026-10-01', '2026-10-02', '2026-10-05'],
  workdays: ['2026-09-27', '2026-10-10'],
};
const own = {
  timezone: 'Asia/Shanghai',
  terms: [{ name: '秋季', start: '2026-09-01', end: '2027-01-22' }],
  holidays: ['2026-11-20', '2026-10-10'],
  workdays: ['2026-10-05', '2026-11-28'],
};

describe('the calendars page preview', () => {
  it('merges the national days as cases do: own make-up days cancel national holidays and back', () => {
    const merged = mergedCalendar(own, national);
    expect(merged.holidays).toEqual(['2026-10-01', '2026-10-02', '2026-10-10', '2026-11-20']);
    expect(merged.workdays).toEqual(['2026-09-27', '2026-10-05', '2026-11-28']);
  });

  it('says what each day is', () => {
    const merged = mergedCalendar(own, national);
    expect(
      ['2026-08-31', '2026-09-01', '2026-09-05', '2026-09-27', '2026-10-01', '2026-11-20', '2026-11-28'].map(
        (date) => dayKind(date, merged),
      ),
    ).toEqual(['outsideTerm', 'school', 'weekend', 'makeup', 'holiday', 'holiday', 'makeup']);
  });

  it('agrees with the school-day arithmetic of libs/domain on every day of a school year', () => {
    const merged = mergedCalendar(own, national);
    for (const grid of monthGrids('2026-08', 7, merged)) {
      for (const { date, kind } of grid.days) {
        expect([date, kind === 'school' || kind === 'makeup']).toEqual([date, isSchoolDay(date, merged)]);
      }
    }
  });

  it('lays months out Monday first and counts their school days', () => {
    const [september] = monthGrids('2026-09', 1, mergedCalendar(own, national));
    // 2026-09-01 is a Tuesday
    expect(september).toMatchObject({ month: '2026-09', leading: 1 });
    expect(september!.days).toHaveLength(30);
    // 22 weekdays, plus the make-up Sunday the 27th
    expect(september!.schoolDays).toBe(23);
    expect(shiftMonth('2026-12', 1)).toBe('2027-01');
    expect(shiftMonth('2026-01', -1)).toBe('2025-12');
  });
});
