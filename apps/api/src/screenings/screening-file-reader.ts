import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { parse } from 'csv-parse';
import ExcelJS from 'exceljs';

/**
 * Reads an uploaded screening file from disk one row at a time (docs/adr/0022): CSV through
 * csv-parse's stream, XLSX through exceljs' streaming WorkbookReader (first worksheet), so memory
 * holds a row, never the whole upload. What the file is comes from its first bytes, not from its
 * name: an XLSX is a zip (`PK\x03\x04`), anything else is read as UTF-8 CSV.
 */
export type SheetFormat = 'csv' | 'xlsx';

/** A row of the sheet: its line (1-based, blank lines counted) and its cells. */
export interface SheetRow {
  line: number;
  cells: (string | number | null)[];
}

/** A single CSV field above this is not an answer sheet (csv-parse stops with an error). */
const MAX_CSV_RECORD_BYTES = 64 * 1024;

export async function sheetFormatOf(path: string): Promise<SheetFormat> {
  const handle = await open(path, 'r');
  try {
    const head = Buffer.alloc(4);
    const { bytesRead } = await handle.read(head, 0, 4, 0);
    return bytesRead === 4 && head.equals(Buffer.from([0x50, 0x4b, 0x03, 0x04])) ? 'xlsx' : 'csv';
  } finally {
    await handle.close();
  }
}

export async function* readSheet(path: string, format: SheetFormat): AsyncGenerator<SheetRow> {
  if (format === 'xlsx') yield* readXlsx(path);
  else yield* readCsv(path);
}

async function* readCsv(path: string): AsyncGenerator<SheetRow> {
  const input = createReadStream(path);
  const parser = parse({
    bom: true,
    trim: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: false,
    max_record_size: MAX_CSV_RECORD_BYTES,
  });
  input.on('error', (error) => parser.destroy(error));
  input.pipe(parser);
  let line = 0;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      line += 1;
      yield { line, cells: record.map((cell) => (cell === '' ? null : cell)) };
    }
  } finally {
    // A file refused half-way (its header, the row limit) is not read to its end.
    input.destroy();
    parser.destroy();
  }
}

async function* readXlsx(path: string): AsyncGenerator<SheetRow> {
  const input = createReadStream(path);
  const workbook = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'ignore',
    entries: 'ignore',
  });
  try {
    for await (const worksheet of workbook) {
      for await (const row of worksheet) {
        // exceljs numbers cells from 1; index 0 of `values` is always empty.
        const values = Array.isArray(row.values) ? row.values.slice(1) : [];
        yield { line: row.number, cells: Array.from(values, cellValue) };
      }
      // Only the first worksheet holds the answers; the rest of the workbook is not read.
      return;
    }
  } finally {
    input.destroy();
  }
}

/** A cell as text or number: rich text joined, a formula's cached result, a date as ISO text. */
function cellValue(value: unknown): string | number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return value;
  if (typeof value === 'string') return value.trim() === '' ? null : value.trim();
  if (typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') {
    const cell = value as { richText?: { text: string }[]; result?: unknown; text?: unknown };
    if (Array.isArray(cell.richText)) return cellValue(cell.richText.map((part) => part.text).join(''));
    if ('result' in cell) return cellValue(cell.result);
    if ('text' in cell) return cellValue(cell.text);
  }
  return null;
}
