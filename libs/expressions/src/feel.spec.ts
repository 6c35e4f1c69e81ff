import {
  checkFeelSyntax,
  checkUnaryTestsSyntax,
  evaluateCondition,
  evaluateFeel,
  evaluateUnaryTests,
  isFeel,
  plainValue,
} from './feel';

describe('isFeel', () => {
  it('recognises the = prefix only', () => {
    expect(isFeel('=a > 1')).toBe(true);
    expect(isFeel('psychTeacher')).toBe(false);
    expect(isFeel(' =a')).toBe(false);
  });
});

describe('checkFeelSyntax', () => {
  it('accepts valid expressions with or without =', () => {
    expect(checkFeelSyntax('=riskLevel = "high"')).toBeNull();
    expect(checkFeelSyntax('count(items) > 2 and flag')).toBeNull();
    expect(checkFeelSyntax('=date and time("2024-01-01T00:00:00Z") + duration("P3D")')).toBeNull();
  });

  it('gives the character position in the string as given', () => {
    // given an incomplete comparison: the error sits after '>'
    const withPrefix = checkFeelSyntax('=a >');
    const withoutPrefix = checkFeelSyntax('a >');
    // then
    expect(withPrefix).toEqual({ message: expect.stringContaining('Incomplete'), position: 4 });
    expect(withoutPrefix?.position).toBe(3);
  });

  it('reports an unclosed call and an empty expression', () => {
    expect(checkFeelSyntax('=foo(')).toMatchObject({ position: 5 });
    expect(checkFeelSyntax('=')).toEqual({ message: 'Expected an expression after "="', position: 1 });
    expect(checkFeelSyntax('=   ')?.position).toBe(1);
  });

  it('does not evaluate what it checks', () => {
    const started = Date.now();
    expect(checkFeelSyntax('=for i in 1..100000000 return i')).toBeNull();
    expect(Date.now() - started).toBeLessThan(500);
  });
});

describe('evaluateFeel', () => {
  it('evaluates against variables', () => {
    expect(evaluateFeel('=score * 2', { score: 21 })).toEqual({ ok: true, value: 42 });
    expect(evaluateFeel('=["a", "b"]', {})).toEqual({ ok: true, value: ['a', 'b'] });
    expect(evaluateFeel('={x: 1, y: [true]}', {})).toEqual({ ok: true, value: { x: 1, y: [true] } });
  });

  it('returns a missing variable as a failure value', () => {
    const result = evaluateFeel('=score * 2', {});
    expect(result).toEqual({ ok: false, message: expect.stringContaining("Variable 'score' not found") });
  });

  it('returns a wrong type as a failure value', () => {
    const result = evaluateFeel('=name + 1', { name: 'Li' });
    expect(result.ok).toBe(false);
  });

  it('returns a syntax error as a failure value with its position', () => {
    const result = evaluateFeel('=a >', { a: 1 });
    expect(result).toEqual({ ok: false, message: expect.stringContaining('at position 3') });
  });

  it('keeps a non-null result that came with warnings', () => {
    expect(evaluateFeel('=x = null', {})).toEqual({ ok: true, value: true });
  });

  it('returns temporal values as ISO strings', () => {
    const result = evaluateFeel('=date and time("2024-03-01T08:00:00Z") + duration("P2D")', {});
    expect(result).toEqual({ ok: true, value: '2024-03-03T08:00:00Z' });
    expect(evaluateFeel('=date("2024-03-01")', {})).toEqual({ ok: true, value: '2024-03-01' });
  });

  it('takes now() and today() from the given clock, not the system', () => {
    // given
    const options = { now: '2024-03-01T08:00:00Z' };
    // when
    const due = evaluateFeel('=now() + duration("PT4H")', { now: 'shadowed' }, options);
    const day = evaluateFeel('=today()', {}, options);
    // then
    expect(due).toEqual({ ok: true, value: '2024-03-01T12:00:00Z' });
    expect(day).toEqual({ ok: true, value: '2024-03-01' });
  });

  it('rejects results that are not data', () => {
    expect(evaluateFeel('=function(a) a', {}).ok).toBe(false);
  });
});

describe('built-in functions and case variables of the same name', () => {
  it('calls the built-in even when a variable has its name', () => {
    // given case variables named like built-ins (a form field "date", a retry that set null)
    const variables = { duration: 'two weeks', date: null, count: 3, string: 'x', 'list contains': 1 };
    // when the diagram's expressions call those built-ins
    const due = evaluateFeel('=date("2024-03-01") + duration("P2D")', variables);
    const counted = evaluateFeel('=count([1, 2]) + count', variables);
    const text = evaluateFeel('=string(count) + string', variables);
    const found = evaluateFeel('=list contains([1, 2], 2)', variables);
    // then the calls mean the built-ins and the bare names still mean the variables
    expect(due).toEqual({ ok: true, value: '2024-03-03' });
    expect(counted).toEqual({ ok: true, value: 5 });
    expect(text).toEqual({ ok: true, value: '3x' });
    expect(found).toEqual({ ok: true, value: true });
  });

  it('keeps the shadowed variable readable and conditions working', () => {
    const variables = { number: 7, sum: 'not a function' };
    expect(evaluateCondition('=number > sum([1, 2])', variables)).toEqual({ ok: true, value: true });
    expect(evaluateFeel('=number', variables)).toEqual({ ok: true, value: 7 });
  });

  it('still takes now() from the given clock when a variable is named now', () => {
    const result = evaluateFeel('=now()', { now: 'shadowed', duration: 1 }, { now: '2024-03-01T08:00:00Z' });
    expect(result).toEqual({ ok: true, value: '2024-03-01T08:00:00Z' });
  });

  it('leaves calls of other names and context members alone', () => {
    const variables = { count: 2, box: { count: 5 } };
    expect(evaluateFeel('=box.count + count', variables)).toEqual({ ok: true, value: 7 });
    expect(evaluateFeel('=missing(1)', variables)).toEqual({
      ok: false,
      message: expect.stringContaining('Failed to evaluate'),
    });
  });

  it('does not mistake an arbitrary variable name for a built-in', () => {
    const variables = { 'for i in 1..100000000 return i': 1, riskLevel: 'high' };
    const started = Date.now();
    expect(evaluateFeel('=riskLevel', variables)).toEqual({ ok: true, value: 'high' });
    expect(Date.now() - started).toBeLessThan(500);
  });
});

describe('evaluateCondition', () => {
  it('returns the boolean', () => {
    expect(evaluateCondition('=risk = "high"', { risk: 'high' })).toEqual({ ok: true, value: true });
    expect(evaluateCondition('=risk = "high"', { risk: 'low' })).toEqual({ ok: true, value: false });
  });

  it('fails on a non-boolean result', () => {
    const result = evaluateCondition('=risk', { risk: 'high' });
    expect(result).toEqual({ ok: false, message: expect.stringContaining('to be a boolean') });
  });

  it('fails on a missing variable', () => {
    const result = evaluateCondition('=risk > 3', {});
    expect(result).toEqual({ ok: false, message: expect.stringContaining("Variable 'risk' not found") });
  });
});

describe('DMN helpers: unary tests, known names, null semantics, FEEL values', () => {
  it('checks unary tests and parses names with spaces it is told about', () => {
    expect(checkUnaryTestsSyntax('> 10, [1..3], "a"')).toBeNull();
    expect(checkUnaryTestsSyntax('[1..')).toMatchObject({ position: 4 });
    expect(checkFeelSyntax("Mike's age + 1")).not.toBeNull();
    expect(checkFeelSyntax("Mike's age + 1", ["Mike's age"])).toBeNull();
  });

  it('evaluates unary tests against an input; undecidable tests do not match', () => {
    expect(evaluateUnaryTests('[10..19]', 14, {})).toEqual({ ok: true, value: true });
    expect(evaluateUnaryTests('< limit', 14, { limit: 10 })).toEqual({ ok: true, value: false });
    expect(evaluateUnaryTests('-', 'anything', {})).toEqual({ ok: true, value: true });
    expect(evaluateUnaryTests('"a", "b"', 'b', {})).toEqual({ ok: true, value: true });
    expect(evaluateUnaryTests('< 10', null, {})).toEqual({ ok: true, value: false });
  });

  it('keeps built-ins callable in unary tests when a variable shadows them', () => {
    expect(evaluateUnaryTests('< count(items)', 1, { items: [1, 2], count: 7 })).toEqual({
      ok: true,
      value: true,
    });
  });

  it('nullOnWarnings gives null where a missing variable would fail', () => {
    expect(evaluateFeel('10 + missing', {})).toMatchObject({ ok: false });
    expect(evaluateFeel('10 + missing', {}, { nullOnWarnings: true })).toEqual({ ok: true, value: null });
  });

  it('feelValues keeps FEEL dates, and plainValue turns them into data', () => {
    const result = evaluateFeel('date("2025-01-02")', {}, { feelValues: true });
    expect(result.ok && typeof result.value).toBe('object');
    expect(result.ok && evaluateUnaryTests('< date("2025-02-01")', result.value, {})).toEqual({
      ok: true,
      value: true,
    });
    expect(result.ok && plainValue(result.value)).toEqual({ ok: true, value: '2025-01-02' });
  });
});
