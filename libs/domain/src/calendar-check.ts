import { MAX_CALENDAR_SPAN_YEARS } from './calendar';
import type { CalendarDefinition, CalendarTerm } from './calendar-types';

/**
 * Checks the body of PUT /api/org-units/:id/calendar and turns it into a CalendarDefinition
 * (docs/calendars.md#editing-a-calendar). Pure, so the api refuses and the web page explains the
 * same way. Every problem names its field as a dotted path (`terms.1.end`, `holidays.3`) and is
 * worded in zh-CN and en.
 */

export const DEFAULT_CALENDAR_TIMEZONE = 'Asia/Shanghai';
/** A school year has two terms, sometimes a summer one; 20 leaves room for years ahead. */
export const MAX_CALENDAR_TERMS = 20;
/** Extra holidays or make-up days, each list: a year has at most 366 days. */
export const MAX_CALENDAR_DATES = 400;
export const MAX_TERM_NAME_LENGTH = 50;
/** Years a date may have: what chinese-days and the school calendars of the product cover. */
export const CALENDAR_YEARS = { min: 2000, max: 2100 } as const;

export type CalendarLanguage = 'zh-CN' | 'en';

export type CalendarProblemCode =
  | 'notObject'
  | 'unknownField'
  | 'required'
  | 'notArray'
  | 'notString'
  | 'termNotObject'
  | 'tooMany'
  | 'termName'
  | 'date'
  | 'dateYear'
  | 'endBeforeStart'
  | 'termsOverlap'
  | 'timezone'
  | 'holidayAndWorkday'
  | 'span';

export interface CalendarProblem {
  path: string;
  code: CalendarProblemCode;
  params: Record<string, string | number>;
  message: string;
}

type Params = Record<string, string | number>;

const MESSAGES: Record<CalendarProblemCode, Record<CalendarLanguage, (p: Params) => string>> = {
  notObject: {
    en: () => 'Expected an object {timezone?, terms, holidays, workdays}',
    'zh-CN': () => '应为对象 {timezone?, terms, holidays, workdays}',
  },
  unknownField: {
    en: (p) => `Unknown field ${p.path}: a calendar has timezone, terms, holidays and workdays`,
    'zh-CN': (p) => `未知字段 ${p.path}：校历只有 timezone、terms、holidays、workdays`,
  },
  required: {
    en: () => 'Required',
    'zh-CN': () => '必填',
  },
  notArray: {
    en: (p) => `${p.path} must be a list`,
    'zh-CN': (p) => `${p.path} 应为列表`,
  },
  notString: {
    en: (p) => `${p.path} must be text`,
    'zh-CN': (p) => `${p.path} 应为文本`,
  },
  termNotObject: {
    en: (p) => `${p.path} must be a term {name, start, end}`,
    'zh-CN': (p) => `${p.path} 应为学期 {name, start, end}`,
  },
  tooMany: {
    en: (p) => `${p.path} has ${p.count} entries; at most ${p.max} are allowed`,
    'zh-CN': (p) => `${p.path} 有 ${p.count} 项，最多 ${p.max} 项`,
  },
  termName: {
    en: (p) => `A term's name must be 1 to ${p.max} characters`,
    'zh-CN': (p) => `学期名称应为 1 到 ${p.max} 个字符`,
  },
  date: {
    en: (p) => `'${p.value}' is not a date (YYYY-MM-DD)`,
    'zh-CN': (p) => `“${p.value}”不是有效日期（YYYY-MM-DD）`,
  },
  dateYear: {
    en: (p) => `${p.value} is outside the years ${p.min} to ${p.max}`,
    'zh-CN': (p) => `${p.value} 不在 ${p.min} 至 ${p.max} 年之间`,
  },
  endBeforeStart: {
    en: (p) => `The term ends (${p.end}) before it starts (${p.start})`,
    'zh-CN': (p) => `学期结束日期（${p.end}）早于开始日期（${p.start}）`,
  },
  termsOverlap: {
    en: (p) => `This term overlaps term "${p.other}" (${p.otherPath})`,
    'zh-CN': (p) => `该学期与学期“${p.other}”（${p.otherPath}）日期重叠`,
  },
  timezone: {
    en: (p) => `'${p.value}' is not an IANA time zone (e.g. Asia/Shanghai)`,
    'zh-CN': (p) => `“${p.value}”不是有效的 IANA 时区（例如 Asia/Shanghai）`,
  },
  span: {
    en: (p) => `The calendar runs from ${p.first} (${p.firstPath}) to ${p.value}: more than ${p.max} years`,
    'zh-CN': (p) => `校历从 ${p.first}（${p.firstPath}）到 ${p.value}，超过 ${p.max} 年`,
  },
  holidayAndWorkday: {
    en: (p) => `${p.value} is both a holiday (${p.otherPath}) and a make-up working day`,
    'zh-CN': (p) => `${p.value} 同时被列为假日（${p.otherPath}）和调休上班日`,
  },
};

export function calendarMessage(
  code: CalendarProblemCode,
  params: Params,
  language: CalendarLanguage,
): string {
  return MESSAGES[code][language](params);
}

/** One line for a 400's `detail`: how many problems, then each with its field. */
export function calendarProblemsSummary(problems: CalendarProblem[], language: CalendarLanguage): string {
  const list = problems.map((p) => `${p.path}: ${p.message}`).join(language === 'zh-CN' ? '；' : '; ');
  return language === 'zh-CN'
    ? `校历有 ${problems.length} 处问题：${list}`
    : `The calendar has ${problems.length} problem${problems.length === 1 ? '' : 's'}: ${list}`;
}

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar date written YYYY-MM-DD (no 2026-02-30). */
export function isCalendarDate(value: string): boolean {
  const match = DATE_PATTERN.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** The zone's canonical IANA name, or null when the runtime does not know it. */
export function canonicalTimeZone(value: string): string | null {
  // Offsets ("+08:00") are accepted by Intl but are no zone: daylight rules and history need a name.
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(value) || value.length > 64) return null;
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: value }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

export type CalendarCheck =
  { ok: true; definition: CalendarDefinition } | { ok: false; problems: CalendarProblem[] };

const FIELDS = ['timezone', 'terms', 'holidays', 'workdays'];
const TERM_FIELDS = ['name', 'start', 'end'];

/**
 * The definition the body describes, or every problem it has. Dates of holidays and workdays
 * come back sorted and without repeats, terms sorted by start, the zone in its canonical name.
 */
export function checkCalendarDefinition(body: unknown, language: CalendarLanguage = 'en'): CalendarCheck {
  const problems: CalendarProblem[] = [];
  const add = (path: string, code: CalendarProblemCode, params: Params = {}) =>
    problems.push({ path, code, params, message: calendarMessage(code, { path, ...params }, language) });

  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    add('', 'notObject');
    return { ok: false, problems };
  }
  const record = body as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (!FIELDS.includes(key)) add(key, 'unknownField');
  }

  let timezone = DEFAULT_CALENDAR_TIMEZONE;
  if (record.timezone !== undefined) {
    if (typeof record.timezone !== 'string') add('timezone', 'notString');
    else {
      const zone = canonicalTimeZone(record.timezone);
      if (zone) timezone = zone;
      else add('timezone', 'timezone', { value: record.timezone.slice(0, 64) });
    }
  }

  const terms = checkTerms(record.terms, add);
  const holidays = checkDates(record.holidays, 'holidays', add);
  const workdays = checkDates(record.workdays, 'workdays', add);
  if (holidays && workdays) {
    const holidayAt = new Map(holidays.map((date, index) => [date, index]));
    workdays.forEach((date, index) => {
      const holiday = holidayAt.get(date);
      if (holiday !== undefined)
        add(`workdays.${index}`, 'holidayAndWorkday', { value: date, otherPath: `holidays.${holiday}` });
    });
  }

  if (problems.length > 0 || !terms || !holidays || !workdays) return { ok: false, problems };
  checkSpan(terms, holidays, workdays, add);
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    definition: {
      timezone,
      terms: [...terms].sort((a, b) => a.start.localeCompare(b.start)),
      holidays: [...new Set(holidays)].sort(),
      workdays: [...new Set(workdays)].sort(),
    },
  };
}

type Add = (path: string, code: CalendarProblemCode, params?: Params) => void;

function checkList(value: unknown, path: string, max: number, add: Add): unknown[] | null {
  if (value === undefined) {
    add(path, 'required');
    return null;
  }
  if (!Array.isArray(value)) {
    add(path, 'notArray');
    return null;
  }
  if (value.length > max) {
    add(path, 'tooMany', { count: value.length, max });
    return null;
  }
  return value;
}

/** A date field; the date when it is one. */
function checkDate(value: unknown, path: string, add: Add): string | null {
  if (typeof value !== 'string') {
    add(path, 'notString');
    return null;
  }
  if (value === '') {
    add(path, 'required');
    return null;
  }
  if (!isCalendarDate(value)) {
    add(path, 'date', { value: value.slice(0, 40) });
    return null;
  }
  const year = Number(value.slice(0, 4));
  if (year < CALENDAR_YEARS.min || year > CALENDAR_YEARS.max) {
    add(path, 'dateYear', { value, min: CALENDAR_YEARS.min, max: CALENDAR_YEARS.max });
    return null;
  }
  return value;
}

function checkDates(value: unknown, path: string, add: Add): string[] | null {
  const list = checkList(value, path, MAX_CALENDAR_DATES, add);
  if (!list) return null;
  const dates = list.map((item, index) => checkDate(item, `${path}.${index}`, add));
  return dates.every((date): date is string => date !== null) ? dates : null;
}

function checkTerms(value: unknown, add: Add): CalendarTerm[] | null {
  const list = checkList(value, 'terms', MAX_CALENDAR_TERMS, add);
  if (!list) return null;
  const terms: { term: CalendarTerm; index: number }[] = [];
  let valid = true;
  list.forEach((item, index) => {
    const path = `terms.${index}`;
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      add(path, 'termNotObject');
      valid = false;
      return;
    }
    const term = item as Record<string, unknown>;
    for (const key of Object.keys(term)) {
      if (!TERM_FIELDS.includes(key)) add(`${path}.${key}`, 'unknownField');
    }
    const name = typeof term.name === 'string' ? term.name.trim() : null;
    if (term.name === undefined) add(`${path}.name`, 'required');
    else if (name === null) add(`${path}.name`, 'notString');
    else if (name.length < 1 || name.length > MAX_TERM_NAME_LENGTH)
      add(`${path}.name`, 'termName', { max: MAX_TERM_NAME_LENGTH });
    const start =
      term.start === undefined
        ? (add(`${path}.start`, 'required'), null)
        : checkDate(term.start, `${path}.start`, add);
    const end =
      term.end === undefined
        ? (add(`${path}.end`, 'required'), null)
        : checkDate(term.end, `${path}.end`, add);
    if (start && end && end < start) add(`${path}.end`, 'endBeforeStart', { start, end });
    if (
      name &&
      name.length <= MAX_TERM_NAME_LENGTH &&
      start &&
      end &&
      end >= start &&
      Object.keys(term).every((k) => TERM_FIELDS.includes(k))
    )
      terms.push({ term: { name, start, end }, index });
    else valid = false;
  });
  // Overlaps: sorted by start, a term overlaps an earlier one when it starts on or before the
  // latest end so far (a long term may cover several short ones).
  const byStart = [...terms].sort((a, b) => a.term.start.localeCompare(b.term.start) || a.index - b.index);
  let reach: (typeof terms)[number] | undefined;
  for (const current of byStart) {
    if (reach && current.term.start <= reach.term.end) {
      const [earlier, later] = reach.index < current.index ? [reach, current] : [current, reach];
      add(`terms.${later.index}`, 'termsOverlap', {
        other: earlier.term.name,
        otherPath: `terms.${earlier.index}`,
      });
      valid = false;
    }
    if (!reach || current.term.end > reach.term.end) reach = current;
  }
  return valid ? terms.map((t) => t.term) : null;
}

/**
 * The school-day arithmetic (calendar.ts) refuses a calendar whose listed dates span more than
 * MAX_CALENDAR_SPAN_YEARS: name the date that stretches it, from the earliest.
 */
function checkSpan(terms: CalendarTerm[], holidays: string[], workdays: string[], add: Add): void {
  const dated = [
    ...terms.flatMap((term, i) => [
      { path: `terms.${i}.start`, date: term.start },
      { path: `terms.${i}.end`, date: term.end },
    ]),
    ...holidays.map((date, i) => ({ path: `holidays.${i}`, date })),
    ...workdays.map((date, i) => ({ path: `workdays.${i}`, date })),
  ].sort((a, b) => a.date.localeCompare(b.date));
  const first = dated[0];
  const last = dated.at(-1);
  if (!first || !last) return;
  const days = (Date.parse(last.date) - Date.parse(first.date)) / 86_400_000;
  if (days > Math.ceil(MAX_CALENDAR_SPAN_YEARS * 365.25)) {
    add(last.path, 'span', {
      value: last.date,
      first: first.date,
      firstPath: first.path,
      max: MAX_CALENDAR_SPAN_YEARS,
    });
  }
}
