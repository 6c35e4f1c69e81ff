import {
  describeAnswerProblem,
  type Instrument,
  type Scored,
  scoreAnswers,
} from '../../../../libs/domain/src';
import type { RequestLanguage } from '../common/language';

/** One data row as sent: its 1-based number among the data rows, the student number, the answers. */
export interface ImportRow {
  row: number;
  studentNo: string | null;
  items: Record<string, unknown>;
}

export interface RowError {
  path: string;
  code: string;
  message: string;
}

export interface RejectedRow {
  row: number;
  errors: RowError[];
}

export interface AcceptedRow {
  row: number;
  studentId: string;
  studentNo: string;
  /** The answers as integers, keyed by item ("1"…). */
  answers: Record<string, number>;
  result: Scored;
}

type StudentProblem = 'studentNo.missing' | 'studentNo.unknown' | 'studentNo.duplicate';

const STUDENT_MESSAGES: Record<StudentProblem, { zh: string; en: string }> = {
  'studentNo.missing': { zh: '缺少学号', en: 'The student number is missing' },
  'studentNo.unknown': {
    zh: '学号 {studentNo} 不是本校学生',
    en: 'Student number {studentNo} is not a student of this school',
  },
  'studentNo.duplicate': {
    zh: '学号 {studentNo} 在文件中出现多次（第 {rows} 行）',
    en: 'Student number {studentNo} appears more than once in the file (rows {rows})',
  },
};

function studentError(
  code: StudentProblem,
  params: Record<string, string>,
  language: RequestLanguage,
): RowError {
  const template = STUDENT_MESSAGES[code][language === 'en' ? 'en' : 'zh'];
  return {
    path: 'studentNo',
    code,
    message: template.replace(/\{(\w+)\}/g, (_, name: string) => params[name] ?? ''),
  };
}

/** A student number as compared and stored: trimmed text (a spreadsheet may give a number). */
export function normalStudentNo(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  const text = String(value).trim();
  return text === '' ? null : text;
}

/**
 * Checks every row and scores the good ones. A row is rejected, with every problem it has, when
 * its student number is missing, is not a student of the school (`students`: number → id, the
 * school's students among the file's numbers), or appears on more than one row — then every one
 * of those rows is rejected, as nothing tells which answers are the student's — or when an answer
 * is missing, not a whole number, out of range or not an item of the instrument.
 */
export function checkRows(
  instrument: Instrument,
  rows: readonly ImportRow[],
  students: ReadonlyMap<string, string>,
  language: RequestLanguage,
): { accepted: AcceptedRow[]; rejected: RejectedRow[] } {
  const rowsOf = new Map<string, number[]>();
  for (const { row, studentNo } of rows) {
    if (studentNo === null) continue;
    rowsOf.set(studentNo, [...(rowsOf.get(studentNo) ?? []), row]);
  }
  const accepted: AcceptedRow[] = [];
  const rejected: RejectedRow[] = [];
  for (const { row, studentNo, items } of rows) {
    const errors: RowError[] = [];
    let studentId: string | undefined;
    if (studentNo === null) {
      errors.push(studentError('studentNo.missing', {}, language));
    } else {
      const sameNumber = rowsOf.get(studentNo) ?? [];
      studentId = students.get(studentNo);
      if (sameNumber.length > 1) {
        errors.push(
          studentError('studentNo.duplicate', { studentNo, rows: sameNumber.join(', ') }, language),
        );
      } else if (studentId === undefined) {
        errors.push(studentError('studentNo.unknown', { studentNo }, language));
      }
    }
    const result = scoreAnswers(instrument, items);
    if (!result.ok) {
      for (const problem of result.problems) {
        errors.push({
          path: problem.path,
          code: problem.code,
          message: describeAnswerProblem(problem, language),
        });
      }
    }
    if (errors.length > 0 || !result.ok || studentId === undefined || studentNo === null) {
      rejected.push({ row, errors });
      continue;
    }
    accepted.push({ row, studentId, studentNo, answers: integerAnswers(items), result });
  }
  return { accepted, rejected };
}

/** The answers of a scored row as integers (scoreAnswers accepted each as one). */
function integerAnswers(items: Record<string, unknown>): Record<string, number> {
  return Object.fromEntries(Object.entries(items).map(([item, value]) => [item, Number(value)]));
}
