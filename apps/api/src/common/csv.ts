import type { Response } from 'express';
import { applyDecorators, StreamableFile, type Type } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, getSchemaPath } from '@nestjs/swagger';

/** At most this many rows in one CSV export (docs/api.md); the response says when more matched. */
export const CSV_EXPORT_LIMIT = 10_000;

/** What a cell may hold: written as is, numbers and booleans as text, null and undefined empty. */
export type CsvCell = string | number | boolean | null | undefined;

/** UTF-8's byte order mark: Excel (and WPS) then read the file as UTF-8, Chinese names intact. */
const BOM = '\uFEFF';

/**
 * A CSV file as RFC 4180 has it: CRLF line ends, a header row, a field quoted when it holds a
 * comma, a quote, CR or LF, quotes doubled. A text cell that starts with =, +, -, @ (or a tab or
 * CR, which spreadsheets skip before reading a formula) gets a leading ' so that a spreadsheet
 * shows it as text instead of running it (CSV/formula injection).
 */
export function csvText(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  const lines = [header, ...rows].map((row) => row.map(csvField).join(','));
  return `${BOM}${lines.join('\r\n')}\r\n`;
}

function csvField(cell: CsvCell): string {
  if (cell === null || cell === undefined) return '';
  let text = String(cell);
  if (typeof cell === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * The response body of an export: `text/csv; charset=utf-8`, downloaded as `<name>-<date>.csv`
 * (the UTC date of the export).
 */
export function csvFile(name: string, text: string): StreamableFile {
  const date = new Date().toISOString().slice(0, 10);
  return new StreamableFile(Buffer.from(text, 'utf8'), {
    type: 'text/csv; charset=utf-8',
    disposition: `attachment; filename="${name}-${date}.csv"`,
  });
}

/** Whether a list request asks for CSV: `format=csv`, or an Accept header naming text/csv. */
export function wantsCsv(format: string | undefined, accept: string | undefined): boolean {
  if (format === 'csv') return true;
  if (format === 'json') return false;
  return (accept ?? '').split(',').some((type) => type.split(';')[0]?.trim().toLowerCase() === 'text/csv');
}

/** Set on a CSV export that stopped at CSV_EXPORT_LIMIT rows while more matched. */
export const TRUNCATED_HEADER = 'X-Export-Truncated';

/** Answers a list's CSV export: the file, marked truncated when more rows matched than it holds. */
export function csvAnswer<F>(response: Response, exported: { file: F; truncated: boolean }): F {
  if (exported.truncated) response.setHeader(TRUNCATED_HEADER, 'true');
  return exported.file;
}

/**
 * The 200 of a list that also answers CSV: the page as JSON, or the list as a CSV file, with an
 * example of the file (OpenAPI).
 */
export function ApiOkPageOrCsv(page: Type<unknown>, csvExample: string) {
  return applyDecorators(
    ApiExtraModels(page),
    ApiOkResponse({
      description: `The page as JSON; with \`Accept: text/csv\` or \`format=csv\` the same filtered list as a CSV file (UTF-8 with BOM, at most ${CSV_EXPORT_LIMIT} rows from the cursor on; \`${TRUNCATED_HEADER}: true\` when more matched)`,
      content: {
        'application/json': { schema: { $ref: getSchemaPath(page) } },
        'text/csv': { schema: { type: 'string' }, example: csvExample },
      },
    }),
  );
}

/** The OpenAPI of a list's `format=` query parameter. */
export const FORMAT_QUERY = {
  enum: ['json', 'csv'],
  description: '`csv`: the same filtered list as a CSV file, as `Accept: text/csv` asks (docs/api.md)',
} as const;
