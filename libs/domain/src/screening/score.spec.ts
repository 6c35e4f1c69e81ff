import { INSTRUMENTS, itemKeys, type Instrument } from './instruments';
import { describeAnswerProblem, scoreAnswers } from './score';

const instrument = (id: string): Instrument => {
  const found = INSTRUMENTS.get(id);
  if (!found) throw new Error(`no instrument ${id}`);
  return found;
};
/** Every item answered `answer`, then the overrides. */
const answered = (of: Instrument, answer: number | string, overrides: Record<string, unknown> = {}) => ({
  ...Object.fromEntries(itemKeys(of).map((key) => [key, answer])),
  ...overrides,
});

describe('scoreAnswers', () => {
  const phq9 = instrument('phq-9');
  const gad7 = instrument('gad-7');
  const mssmhs = instrument('mssmhs');

  it('sums PHQ-9 and bands the total at 5, 10, 15 and 20', () => {
    const bandOf = (total: number) => {
      // total spread over items 1–8 (item 9 stays 0, so no trigger)
      const items = answered(phq9, 0);
      let left = total;
      for (const key of itemKeys(phq9).slice(0, 8)) {
        items[key] = Math.min(3, left);
        left -= items[key] as number;
      }
      const result = scoreAnswers(phq9, items);
      if (!result.ok) throw new Error('refused');
      return [result.score, result.band.id, result.flagged];
    };
    expect(bandOf(0)).toEqual([0, 'minimal', false]);
    expect(bandOf(4)).toEqual([4, 'minimal', false]);
    expect(bandOf(5)).toEqual([5, 'mild', false]);
    expect(bandOf(9)).toEqual([9, 'mild', false]);
    expect(bandOf(10)).toEqual([10, 'moderate', true]);
    expect(bandOf(15)).toEqual([15, 'moderately-severe', true]);
    expect(bandOf(20)).toEqual([20, 'severe', true]);
  });

  it('flags a PHQ-9 whose item 9 is above 0 whatever the total', () => {
    const result = scoreAnswers(phq9, answered(phq9, 0, { '9': 1 }));
    expect(result).toMatchObject({ ok: true, score: 1, flagged: true, reasons: ['item:9'] });
    const both = scoreAnswers(phq9, answered(phq9, 2, { '9': 3 }));
    expect(both).toMatchObject({ ok: true, score: 19, flagged: true, reasons: ['total', 'item:9'] });
  });

  it('sums GAD-7, flagging from 10', () => {
    expect(scoreAnswers(gad7, answered(gad7, 1))).toMatchObject({ score: 7, flagged: false });
    expect(scoreAnswers(gad7, answered(gad7, 2))).toMatchObject({
      score: 14,
      band: { id: 'moderate' },
      flagged: true,
    });
    expect(scoreAnswers(gad7, answered(gad7, 3))).toMatchObject({ score: 21, band: { id: 'severe' } });
  });

  it('scores MSSMHS as the mean of 60 answers from 1 to 5, flagging from 3', () => {
    expect(scoreAnswers(mssmhs, answered(mssmhs, 1))).toMatchObject({
      score: 1,
      band: { id: 'none' },
      flagged: false,
    });
    // 30 answers of 2 and 30 of 3: mean 2.5, mild
    const half = Object.fromEntries(itemKeys(mssmhs).map((key) => [key, Number(key) <= 30 ? 2 : 3]));
    expect(scoreAnswers(mssmhs, half)).toMatchObject({ score: 2.5, band: { id: 'mild' }, flagged: false });
    // one answer of 4 among 59 of 3: mean 3.02 (two decimals), moderate, flagged
    expect(scoreAnswers(mssmhs, answered(mssmhs, 3, { '1': 4 }))).toMatchObject({
      score: 3.02,
      band: { id: 'moderate' },
      flagged: true,
      reasons: ['total'],
    });
    expect(scoreAnswers(mssmhs, answered(mssmhs, 5))).toMatchObject({ score: 5, band: { id: 'severe' } });
  });

  it('takes answers as a spreadsheet gives them: digit strings with spaces', () => {
    expect(scoreAnswers(gad7, answered(gad7, ' 2 '))).toMatchObject({ ok: true, score: 14 });
  });

  it('names each missing, non-integer, out-of-range and unknown item', () => {
    const result = scoreAnswers(
      phq9,
      answered(phq9, 1, { '2': undefined, '3': '', '4': 1.5, '5': 'x', '6': 4, '7': -1, '10': 0 }),
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual([
      { path: 'items.2', code: 'item.missing', params: { item: '2' } },
      { path: 'items.3', code: 'item.missing', params: { item: '3' } },
      { path: 'items.4', code: 'item.notInteger', params: { item: '4', value: '1.5' } },
      { path: 'items.5', code: 'item.notInteger', params: { item: '5', value: 'x' } },
      { path: 'items.6', code: 'item.outOfRange', params: { item: '6', value: 4, min: 0, max: 3 } },
      { path: 'items.7', code: 'item.outOfRange', params: { item: '7', value: -1, min: 0, max: 3 } },
      { path: 'items.10', code: 'item.unknown', params: { item: '10', count: 9 } },
    ]);
    expect(result.problems.map((problem) => describeAnswerProblem(problem, 'zh-CN'))).toEqual([
      '第 2 题未作答',
      '第 3 题未作答',
      '第 4 题的答案“1.5”不是整数',
      '第 5 题的答案“x”不是整数',
      '第 6 题的答案 4 超出范围（0–3）',
      '第 7 题的答案 -1 超出范围（0–3）',
      '量表没有第 10 题（共 9 题）',
    ]);
    expect(describeAnswerProblem(result.problems[4]!, 'en')).toBe('Item 6: 4 is outside 0–3');
  });
});

describe('the shipped instruments', () => {
  it.each([...INSTRUMENTS.values()].map((each) => [each.id, each] as const))(
    '%s: bands ascend from the lowest score, the flag and triggers sit inside the range, and it names a source',
    (_id, each) => {
      const lowest = each.scoring === 'sum' ? each.answers.min * each.itemCount : each.answers.min;
      const highest = each.scoring === 'sum' ? each.answers.max * each.itemCount : each.answers.max;
      expect(each.bands[0]?.from).toBe(lowest);
      const froms = each.bands.map((band) => band.from);
      expect([...froms].sort((a, b) => a - b)).toEqual(froms);
      expect(each.flagAt).toBeGreaterThan(lowest);
      expect(each.flagAt).toBeLessThanOrEqual(highest);
      for (const trigger of each.triggers) {
        expect(itemKeys(each)).toContain(trigger.item);
        expect(trigger.above).toBeGreaterThanOrEqual(each.answers.min);
        expect(trigger.above).toBeLessThan(each.answers.max);
      }
      expect(each.source.length).toBeGreaterThan(40);
    },
  );
});
