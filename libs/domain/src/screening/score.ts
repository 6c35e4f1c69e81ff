import { itemKeys, type Band, type Instrument } from './instruments';

/** What is wrong with one answer of a row, by the item's key (`path`: `items.<n>`). */
export interface AnswerProblem {
  path: string;
  code: 'item.missing' | 'item.notInteger' | 'item.outOfRange' | 'item.unknown';
  params: Record<string, string | number>;
}

export interface Scored {
  ok: true;
  /** The sum, or the mean to two decimals, as the instrument scores. */
  score: number;
  band: Band;
  flagged: boolean;
  /** Why the student is flagged: `total`, and `item:<n>` for each item trigger that fired. */
  reasons: string[];
}

export type ScoreResult = Scored | { ok: false; problems: AnswerProblem[] };

/**
 * Scores one student's answers. Every item must be answered with an integer in the instrument's
 * range (a number, or a string of digits as a spreadsheet cell gives it); items the instrument
 * does not have are refused, so a row of another instrument is not scored as this one.
 */
export function scoreAnswers(instrument: Instrument, items: Record<string, unknown>): ScoreResult {
  const problems: AnswerProblem[] = [];
  const answers = new Map<string, number>();
  const { min, max } = instrument.answers;
  for (const key of itemKeys(instrument)) {
    const path = `items.${key}`;
    const raw = items[key];
    if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '')) {
      problems.push({ path, code: 'item.missing', params: { item: key } });
      continue;
    }
    const value = typeof raw === 'string' && /^\s*-?\d+\s*$/.test(raw) ? Number(raw) : raw;
    if (typeof value !== 'number' || !Number.isInteger(value)) {
      problems.push({
        path,
        code: 'item.notInteger',
        params: { item: key, value: String(raw).slice(0, 20) },
      });
      continue;
    }
    if (value < min || value > max) {
      problems.push({ path, code: 'item.outOfRange', params: { item: key, value, min, max } });
      continue;
    }
    answers.set(key, value);
  }
  const known = new Set(itemKeys(instrument));
  for (const key of Object.keys(items)) {
    if (!known.has(key)) {
      problems.push({
        path: `items.${key}`,
        code: 'item.unknown',
        params: { item: key.slice(0, 20), count: instrument.itemCount },
      });
    }
  }
  if (problems.length > 0) return { ok: false, problems };

  const sum = [...answers.values()].reduce((total, answer) => total + answer, 0);
  const score = instrument.scoring === 'sum' ? sum : Math.round((sum / instrument.itemCount) * 100) / 100;
  // Bands start at the lowest possible score (the spec checks every shipped instrument), so one fits.
  const band = [...instrument.bands].reverse().find((candidate) => score >= candidate.from);
  if (!band) throw new Error(`Instrument ${instrument.id} has no band for the score ${score}`);
  const reasons: string[] = [];
  if (score >= instrument.flagAt) reasons.push('total');
  for (const trigger of instrument.triggers) {
    if ((answers.get(trigger.item) ?? 0) > trigger.above) reasons.push(`item:${trigger.item}`);
  }
  return { ok: true, score, band, flagged: reasons.length > 0, reasons };
}

const MESSAGES: Record<AnswerProblem['code'], { zh: string; en: string }> = {
  'item.missing': { zh: '第 {item} 题未作答', en: 'Item {item} is not answered' },
  'item.notInteger': {
    zh: '第 {item} 题的答案“{value}”不是整数',
    en: 'Item {item}: "{value}" is not a whole number',
  },
  'item.outOfRange': {
    zh: '第 {item} 题的答案 {value} 超出范围（{min}–{max}）',
    en: 'Item {item}: {value} is outside {min}–{max}',
  },
  'item.unknown': {
    zh: '量表没有第 {item} 题（共 {count} 题）',
    en: 'The instrument has no item {item} (it has {count})',
  },
};

/** A problem in the reader's language (zh-CN by default, as the UI). */
export function describeAnswerProblem(problem: AnswerProblem, language: 'zh-CN' | 'en'): string {
  const template = MESSAGES[problem.code][language === 'en' ? 'en' : 'zh'];
  return template.replace(/\{(\w+)\}/g, (_, name: string) => String(problem.params[name] ?? ''));
}
