import { MIN_SHOWN_COUNT, suppressSmallCounts } from './monthly-suppression';

const RISKS = ['risk.low', 'risk.high'];
const row = (newCases: number, low: number, high: number) => ({
  newCases,
  open: low + high,
  'risk.low': low,
  'risk.high': high,
});
const sum = (...rows: Record<string, number>[]) =>
  Object.fromEntries(Object.keys(rows[0]!).map((k) => [k, rows.reduce((t, r) => t + r[k]!, 0)]));
const run = (rows: Record<string, number>[], exact: boolean[]) =>
  suppressSmallCounts(rows, sum(...rows), exact, 'open', RISKS);

describe('small-count suppression of the monthly report (monthly-suppression.ts)', () => {
  it('hides 1 to 4 and shows 0 and 5 or more, for a caller who is not the school’s staff', () => {
    const [school] = suppressSmallCounts(
      [{ a: 0, b: 1, c: 4, d: 5, e: 17 }],
      { a: 0, b: 1, c: 4, d: 5, e: 17 },
      [false],
      'x',
      [],
    );
    expect(school!.values).toEqual({ a: 0, b: null, c: null, d: 5, e: 17 });
    expect(school!.suppressed).toEqual([
      { field: 'b', reason: 'small' },
      { field: 'c', reason: 'small' },
    ]);
    expect(MIN_SHOWN_COUNT).toBe(5);
  });

  it('shows the school’s own staff every number', () => {
    const [school, rollup] = run([row(2, 1, 3)], [true]);
    expect(school!.suppressed).toEqual([]);
    expect(school!.values).toEqual(row(2, 1, 3));
    expect(rollup!.suppressed).toEqual([]);
  });

  it('hides a second school’s count when the rollup would otherwise give a lone small one away', () => {
    // newCases: 7 and 2 → rollup 9: showing 7 and 9 would tell the 2
    const [a, b, rollup] = run([row(7, 6, 6), row(2, 0, 0)], [false, false]);
    expect(b!.suppressed).toContainEqual({ field: 'newCases', reason: 'small' });
    expect(a!.suppressed).toContainEqual({ field: 'newCases', reason: 'complementary' });
    expect(a!.values.newCases).toBeNull();
    expect(rollup!.values.newCases).toBe(9);
  });

  it('hides a second risk level when the row’s open total would give a lone small one away', () => {
    const [school] = run([row(9, 8, 2), row(9, 9, 9)], [false, false]);
    expect(school!.values['risk.high']).toBeNull();
    expect(school!.values['risk.low']).toBeNull();
    expect(school!.suppressed).toContainEqual({ field: 'risk.low', reason: 'complementary' });
  });

  it('leaves no sum of shown numbers with exactly one hidden member', () => {
    const rows = [row(1, 0, 1), row(5, 5, 3), row(12, 7, 0), row(0, 0, 0)];
    const out = run(rows, [false, false, false, false]);
    const hidden = (r: number, f: string) => out[r]!.values[f] === null;
    for (const field of Object.keys(rows[0]!)) {
      const members = [...rows.map((_, r) => hidden(r, field)), hidden(rows.length, field)];
      expect(members.filter(Boolean).length).not.toBe(1);
    }
    for (let r = 0; r <= rows.length; r++) {
      const members = ['open', ...RISKS].map((f) => hidden(r, f));
      expect(members.filter(Boolean).length).not.toBe(1);
    }
  });

  it('never hides the own school’s numbers to protect another school’s', () => {
    const [own, other] = run([row(8, 8, 0), row(3, 3, 0)], [true, false]);
    expect(own!.suppressed).toEqual([]);
    // the rollup is hidden in its place: 11 − 8 would tell the 3
    expect(other!.values.newCases).toBeNull();
    const rollup = run([row(8, 8, 0), row(3, 3, 0)], [true, false])[2]!;
    expect(rollup.values.newCases).toBeNull();
  });
});
