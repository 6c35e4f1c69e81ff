import { checkFeelSyntax, evaluateCondition, evaluateFeel, isFeel } from './feel';

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
