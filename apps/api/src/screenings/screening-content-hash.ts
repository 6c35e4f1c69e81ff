import { createHmac } from 'node:crypto';
import { deriveKey } from '../../../../libs/config/src';
import type { ImportRow } from './screening-rows';

/**
 * What makes two imports "the same" (docs/screening.md, Importing the same file again): the
 * school, the instrument and every data row in order — its number, student number and answers,
 * each answer as trimmed text, so a CSV and an XLSX of the same sheet, or JSON rows of it, are
 * one import. Keyed (HMAC under a key derived from CAREPATH_DATA_KEY) rather than a bare hash:
 * answers come from a small range, and a stored digest must not be a way to test guesses of them.
 */
export function screeningContentHash(
  dataKey: Buffer,
  orgUnitId: string,
  instrument: string,
  rows: readonly ImportRow[],
): string {
  const hmac = createHmac('sha256', deriveKey(dataKey, 'screening-content'));
  hmac.update(JSON.stringify(['screening/1', orgUnitId, instrument]));
  for (const { row, studentNo, items } of rows) {
    const answers = Object.keys(items)
      .sort((a, b) => Number(a) - Number(b) || a.localeCompare(b))
      .map((item) => [item, String(items[item]).trim()]);
    hmac.update('\n');
    hmac.update(JSON.stringify([row, studentNo, answers]));
  }
  return hmac.digest('hex');
}
