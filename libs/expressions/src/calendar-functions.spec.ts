import type { CalendarDefinition } from '../../domain/src/calendar';
import { checkFeelSyntax, evaluateCondition, evaluateFeel, type FeelOptions } from './feel';

/** Shanghai with the real 2026 National Day break (Mid-Autumn 09-25..27, 10-01..07; Sat 10-10 worked). */
const calendar: CalendarDefinition = {
  timezone: 'Asia/Shanghai',
  terms: [{ name: '2026 秋', start: '2026-09-01', end: '2027-01-22' }],
  holidays: ['2026-09-25', '2026-09-26', '2026-09-27', ...[1, 2, 3, 4, 5, 6, 7].map((d) => `2026-10-0${d}`)],
  workdays: ['2026-09-20', '2026-10-10'],
};
/** Friday 2026-09-25 18:30 in Shanghai. */
const now = '2026-09-25T10:30:00.000Z';
const options = { now, calendar };

/** The value of a FEEL expression that must evaluate. */
function valueOf(expression: string, variables: Record<string, unknown>, given: FeelOptions): unknown {
  const result = evaluateFeel(expression, variables, given);
  if (!result.ok) throw new Error(result.message);
  return result.value;
}

describe('the school-day functions in FEEL', () => {
  it('adds school days to now(), ending the day in the calendar zone', () => {
    expect(evaluateFeel('=add school days(now(), 3)', {}, options)).toEqual({
      ok: true,
      value: '2026-09-30T23:59:59+08:00',
    });
    expect(valueOf('=add school days(now(), 4)', {}, options)).toBe('2026-10-08T23:59:59+08:00');
    expect(valueOf('=add working days(now(), 6)', {}, options)).toBe('2026-10-10T23:59:59+08:00');
    // Named arguments, and a date as the start.
    expect(valueOf('=add school days(from: date("2026-09-30"), n: 1)', {}, options)).toBe(
      '2026-10-08T23:59:59+08:00',
    );
  });

  it('gives a date-time that compares and adds with durations', () => {
    expect(evaluateCondition('=add school days(now(), 3) > now() + duration("P3D")', {}, options)).toEqual({
      ok: true,
      value: true,
    });
    expect(valueOf('=add school days(now(), 3) - duration("PT12H")', {}, options)).toBe(
      '2026-09-30T11:59:59+08:00',
    );
    expect(valueOf('=string(add school days(now(), 0))', {}, options)).toBe('2026-09-28T23:59:59+08:00');
  });

  it('counts between two days and tells a school day', () => {
    expect(valueOf('=school days between(now(), date("2026-10-12"))', {}, options)).toBe(7);
    expect(valueOf('=school days between(date("2026-10-12"), now())', {}, options)).toBe(-7);
    expect(valueOf('=working days between(date("2026-09-18"), date("2026-09-21"))', {}, options)).toBe(2);
    expect(valueOf('=is school day(now())', {}, options)).toBe(false);
    expect(valueOf('=is school day(date("2026-09-20"))', {}, options)).toBe(true);
    expect(valueOf('=is working day(date and time("2026-09-27T17:00:00Z"))', {}, options)).toBe(true);
    // A local date-time is a wall-clock time in the calendar's zone.
    expect(valueOf('=is working day(date and time("2026-09-27T23:00:00"))', {}, options)).toBe(false);
  });

  it('reads a date-time in a named zone as its instant', () => {
    // 2026-09-27 19:00 in Paris is 09-28 01:00 in Shanghai: a school day.
    const expression = '=is school day(date and time("2026-09-27T19:00:00@Europe/Paris"))';
    expect(valueOf(expression, {}, options)).toBe(true);
  });

  it('counts Monday to Friday in Shanghai without a calendar', () => {
    expect(valueOf('=add school days(now(), 1)', {}, { now })).toBe('2026-09-28T23:59:59+08:00');
    expect(valueOf('=is working day(date("2026-10-01"))', {}, {})).toBe(true);
  });

  it('wins over case variables of the same name', () => {
    const variables = { 'add school days': 'shadowed', 'is school day': 42 };
    expect(valueOf('=add school days(now(), 1)', variables, options)).toBe('2026-09-28T23:59:59+08:00');
    expect(valueOf('=is school day(date("2026-09-28"))', variables, options)).toBe(true);
  });

  it('turns wrong arguments into a failure, naming the function and the argument', () => {
    const cases: [string, RegExp][] = [
      ['=add school days(now(), -1)', /add school days: expected n to be a whole number.*-1/],
      ['=add school days(now(), 1.5)', /expected n to be a whole number/],
      ['=add school days(now(), "3")', /expected n to be a whole number/],
      ['=add school days("2026-09-25", 3)', /expected from to be a date or a date and time.*"2026-09-25"/],
      ['=add school days(now())', /expected n to be a whole number.*missing/],
      ['=school days between(now(), 3)', /school days between: expected b to be a date/],
      ['=is working day(null)', /is working day: expected date/],
      ['=add school days(date("2027-01-22"), 1)', /has no such day/],
      ['=add school days(missing, 1)', /Variable 'missing' not found/],
    ];
    for (const [expression, message] of cases) {
      expect(evaluateFeel(expression, {}, options)).toEqual({
        ok: false,
        message: expect.stringMatching(message),
      });
    }
    // A null that the expression itself handles is no failure.
    expect(evaluateCondition('=add school days(now(), -1) = null', {}, options)).toEqual({
      ok: true,
      value: true,
    });
  });

  it('passes the deploy-time syntax check', () => {
    expect(checkFeelSyntax('=add school days(now(), 3)')).toBeNull();
    expect(checkFeelSyntax('=school days between(a, b) > 2 and is school day(today())')).toBeNull();
    expect(checkFeelSyntax('=add working days(date(x), n) + duration("PT8H")')).toBeNull();
    expect(checkFeelSyntax('=add school days(now(), 3')).not.toBeNull();
  });
});
