import type { Instrument } from '../../../../libs/domain/src';
import { type HeaderProblem, mapColumns } from './screening-headers';
import type { SheetRow } from './screening-file-reader';
import { type ImportRow, normalStudentNo } from './screening-rows';

/** Why a file is refused whole (400 naming `file`), as data to word in the caller's language. */
export type SheetProblem =
  | HeaderProblem
  | { code: 'sheet.empty'; params: Record<string, string> }
  | { code: 'sheet.tooManyRows'; params: { max: string } }
  | { code: 'sheet.notUtf8'; params: Record<string, string> };

export class SheetRefused extends Error {
  constructor(readonly problem: SheetProblem) {
    super(problem.code);
  }
}

const isBlank = (row: SheetRow) => row.cells.every((cell) => cell === null);

/**
 * The data rows of a sheet as import rows: the first non-blank row is the header; each later row
 * is numbered by its distance from the header (data row 1 is right below it), blank rows counted
 * but skipped, so a number points at the same row a person sees below the header. Stops reading
 * (SheetRefused) at the first data row past `maxRows`.
 */
export async function importRowsOf(
  sheet: AsyncIterable<SheetRow>,
  instrument: Instrument,
  maxRows: number,
): Promise<ImportRow[]> {
  let header: { line: number; studentNo: number; items: Map<string, number> } | undefined;
  const rows: ImportRow[] = [];
  for await (const sheetRow of sheet) {
    if (isBlank(sheetRow)) continue;
    if (!header) {
      // A GBK file read as UTF-8 turns Chinese headers into replacement characters.
      if (sheetRow.cells.some((cell) => typeof cell === 'string' && cell.includes('\uFFFD')))
        throw new SheetRefused({ code: 'sheet.notUtf8', params: {} });
      const columns = mapColumns(sheetRow.cells, instrument);
      if ('code' in columns) throw new SheetRefused(columns);
      header = { line: sheetRow.line, ...columns };
      continue;
    }
    if (rows.length >= maxRows)
      throw new SheetRefused({ code: 'sheet.tooManyRows', params: { max: String(maxRows) } });
    const items: Record<string, unknown> = {};
    for (const [item, column] of header.items) {
      const cell = sheetRow.cells[column];
      if (cell !== null && cell !== undefined) items[item] = cell;
    }
    rows.push({
      row: sheetRow.line - header.line,
      studentNo: normalStudentNo(sheetRow.cells[header.studentNo]),
      items,
    });
  }
  if (!header || rows.length === 0) throw new SheetRefused({ code: 'sheet.empty', params: {} });
  return rows;
}

const SHEET_MESSAGES: Record<
  Exclude<SheetProblem['code'], HeaderProblem['code']>,
  { zh: string; en: string }
> = {
  'sheet.empty': { zh: '文件没有数据行', en: 'The file has no data rows' },
  'sheet.tooManyRows': {
    zh: '文件超过 {max} 行数据，请分批导入',
    en: 'The file has more than {max} data rows; import it in parts',
  },
  'sheet.notUtf8': {
    zh: '文件不是 UTF-8 编码，请另存为“CSV UTF-8”或 XLSX',
    en: 'The file is not UTF-8; save it as "CSV UTF-8" or as XLSX',
  },
};

export function describeSheetProblem(
  problem: Exclude<SheetProblem, HeaderProblem>,
  language: 'zh-CN' | 'en',
): string {
  const template = SHEET_MESSAGES[problem.code][language === 'en' ? 'en' : 'zh'];
  return template.replace(
    /\{(\w+)\}/g,
    (_, name: string) => (problem.params as Record<string, string>)[name] ?? '',
  );
}
