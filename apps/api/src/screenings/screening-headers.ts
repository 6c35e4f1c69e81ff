import { type Instrument, itemKeys } from '../../../../libs/domain/src';

/**
 * Column headers as school screening platforms export them (docs/screening.md, Importing): the
 * student number as `studentNo`, `学号` or `学生编号`; an item as `1`, `Q1`, `q1`, `item1`,
 * `第1题` or `题1`. Other columns (name, class, time taken…) are ignored: exports carry them and
 * none of them is needed, nor stored.
 */
export type ColumnMeaning = { kind: 'studentNo' } | { kind: 'item'; item: string } | { kind: 'other' };

const STUDENT_NO_HEADERS = new Set(['studentno', '学号', '学生编号']);
const ITEM_HEADER = /^(?:第(\d{1,3})题|(?:q|item|题)?(\d{1,3}))$/;

/** What a header means: trimmed, without a BOM, case and inner spaces ignored. */
export function columnMeaning(header: unknown): ColumnMeaning {
  const text = String(header ?? '')
    .replace(/^\uFEFF/, '')
    .replace(/\s+/g, '')
    .toLowerCase();
  if (STUDENT_NO_HEADERS.has(text)) return { kind: 'studentNo' };
  const match = ITEM_HEADER.exec(text);
  const digits = match?.[1] ?? match?.[2];
  // "01" and "1" are the same item: rows key answers by the number as a plain string.
  if (digits !== undefined) return { kind: 'item', item: String(Number(digits)) };
  return { kind: 'other' };
}

/** Where each value of a data row goes: the student-number column and each item's column. */
export interface ColumnMap {
  studentNo: number;
  items: Map<string, number>;
}

/** A header row that cannot be read as this instrument's answers, with what is wrong. */
export interface HeaderProblem {
  code: 'header.noStudentNo' | 'header.missingItems' | 'header.unknownItems' | 'header.repeated';
  params: Record<string, string>;
}

/**
 * Maps the header row onto the instrument. A file is refused whole (rather than every row) when
 * it has no student-number column, lacks a column of the instrument's items, has item columns the
 * instrument does not have (a file of another instrument) or names a column twice.
 */
export function mapColumns(headers: readonly unknown[], instrument: Instrument): ColumnMap | HeaderProblem {
  let studentNo: number | undefined;
  const items = new Map<string, number>();
  const unknown: string[] = [];
  const known = new Set(itemKeys(instrument));
  for (const [index, header] of headers.entries()) {
    const meaning = columnMeaning(header);
    if (meaning.kind === 'other') continue;
    const name = String(header).trim().slice(0, 40);
    if (meaning.kind === 'studentNo') {
      if (studentNo !== undefined) return { code: 'header.repeated', params: { header: name } };
      studentNo = index;
      continue;
    }
    if (items.has(meaning.item)) return { code: 'header.repeated', params: { header: name } };
    if (!known.has(meaning.item)) unknown.push(name);
    items.set(meaning.item, index);
  }
  if (studentNo === undefined) return { code: 'header.noStudentNo', params: {} };
  const missing = [...known].filter((item) => !items.has(item));
  if (missing.length > 0) return { code: 'header.missingItems', params: { items: missing.join(', ') } };
  if (unknown.length > 0) return { code: 'header.unknownItems', params: { headers: unknown.join(', ') } };
  return { studentNo, items };
}

const HEADER_MESSAGES: Record<HeaderProblem['code'], { zh: string; en: string }> = {
  'header.noStudentNo': {
    zh: '表头没有学号列（studentNo、学号或学生编号）',
    en: 'The header row has no student number column (studentNo, 学号 or 学生编号)',
  },
  'header.missingItems': {
    zh: '表头缺少第 {items} 题的列',
    en: 'The header row has no column for item(s) {items}',
  },
  'header.unknownItems': {
    zh: '量表没有这些题目列：{headers}',
    en: 'The instrument has no items for the columns {headers}',
  },
  'header.repeated': { zh: '表头列“{header}”重复', en: 'The column "{header}" appears twice' },
};

export function describeHeaderProblem(problem: HeaderProblem, language: 'zh-CN' | 'en'): string {
  const template = HEADER_MESSAGES[problem.code][language === 'en' ? 'en' : 'zh'];
  return template.replace(/\{(\w+)\}/g, (_, name: string) => problem.params[name] ?? '');
}
