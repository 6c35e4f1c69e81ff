/**
 * Small-count suppression of the district's monthly report (docs/api.md#monthly-report): no
 * student may be singled out from the numbers a district sees of a school.
 *
 * - **Primary**: a count from 1 to 4 in a row the caller does not read exactly is hidden
 *   (reason `small`). 0 and counts of 5 or more are shown.
 * - **Complementary**: a hidden count must not be recoverable by subtraction. Two sums hold in
 *   the report: the rollup of a field is the sum of the school rows, and a row's
 *   `openAtMonthEnd` is the sum of its `byRiskLevel` counts. Whenever exactly one member of such
 *   a sum is hidden, the smallest other member that may be hidden (a non-zero one first) is
 *   hidden too (reason `complementary`), repeated until no sum has a lone hidden member.
 *
 * Rows the caller reads exactly (their own school) are never hidden, and do not protect
 * anything: the caller knows them.
 */

export type SuppressionReason = 'small' | 'complementary';

/** A report row's counts, flattened: `newCases`, `byRiskLevel.high`, … */
export type FlatCounts = Record<string, number>;

export interface SuppressedRow {
  values: Record<string, number | null>;
  suppressed: { field: string; reason: SuppressionReason }[];
}

/** The smallest count that is shown as it is to a district. */
export const MIN_SHOWN_COUNT = 5;

/** A sum the report holds: `total` = the sum of `parts`, each a cell (row index, field). */
interface Sum {
  total: Cell;
  parts: Cell[];
}
type Cell = readonly [row: number, field: string];

/**
 * Suppresses `rows` (one per school) and their `rollup` (the field-wise sum of the rows, at
 * index rows.length of the answer). `exact[i]` says whether the caller reads row i exactly; the
 * rollup is exact only when every row is. `riskParts` are the fields that sum to `riskTotal`.
 */
export function suppressSmallCounts(
  rows: readonly FlatCounts[],
  rollup: FlatCounts,
  exact: readonly boolean[],
  riskTotal: string,
  riskParts: readonly string[],
): SuppressedRow[] {
  const all = [...rows, rollup];
  const isExact = (row: number) => (row < rows.length ? exact[row] === true : exact.every(Boolean));
  const value = ([row, field]: Cell) => all[row]![field] ?? 0;
  const hidden = new Map<string, SuppressionReason>();
  const key = ([row, field]: Cell) => `${row}\u0000${field}`;

  all.forEach((counts, row) => {
    if (isExact(row)) return;
    for (const [field, n] of Object.entries(counts)) {
      if (n >= 1 && n < MIN_SHOWN_COUNT) hidden.set(key([row, field]), 'small');
    }
  });

  const sums: Sum[] = [
    ...Object.keys(rollup).map((field) => ({
      total: [rows.length, field] as const,
      parts: rows.map((_, row) => [row, field] as const),
    })),
    ...all.map((_, row) => ({
      total: [row, riskTotal] as const,
      parts: riskParts.map((field) => [row, field] as const),
    })),
  ];
  for (let changed = true; changed;) {
    changed = false;
    for (const { total, parts } of sums) {
      const members = [total, ...parts];
      if (members.filter((cell) => hidden.has(key(cell))).length !== 1) continue;
      const candidates = members
        .filter((cell) => !hidden.has(key(cell)) && !isExact(cell[0]))
        // non-zero first, then the smallest: the least information withheld
        .sort((a, b) => Number(value(a) === 0) - Number(value(b) === 0) || value(a) - value(b));
      const chosen = candidates[0];
      if (!chosen) continue;
      hidden.set(key(chosen), 'complementary');
      changed = true;
    }
  }

  return all.map((counts, row) => {
    const values: Record<string, number | null> = {};
    const suppressed: SuppressedRow['suppressed'] = [];
    for (const [field, n] of Object.entries(counts)) {
      const reason = hidden.get(key([row, field]));
      values[field] = reason ? null : n;
      if (reason) suppressed.push({ field, reason });
    }
    return { values, suppressed };
  });
}
