import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname } from 'node:path';

/** A bound a figure is expected to meet: `value op bound`. */
export interface Target {
  op: '>=' | '<=';
  bound: number;
}

export interface Measure {
  label: string;
  value: number;
  unit: string;
  target?: Target;
  /** Set from the target when there is one. */
  verdict?: 'PASS' | 'MISS';
}

/** One benchmark's outcome: every number in it was measured in this run. */
export interface BenchResult {
  id: string;
  title: string;
  parameters: Record<string, number | string>;
  figures: Measure[];
  ratios: Measure[];
  notes: string[];
  seconds: number;
}

export function measure(label: string, value: number, unit: string, target?: Target): Measure {
  if (!target) return { label, value, unit };
  const met = target.op === '>=' ? value >= target.bound : value <= target.bound;
  return { label, value, unit, target, verdict: met ? 'PASS' : 'MISS' };
}

/** A ratio a / b, labelled; NaN when b is not a positive number. */
export function ratio(label: string, a: number, b: number, target?: Target): Measure {
  return measure(label, b > 0 ? a / b : Number.NaN, '×', target);
}

function formatValue(value: number, unit: string): string {
  if (!Number.isFinite(value)) return 'n/a';
  if (unit === '×') return value.toFixed(2);
  const abs = Math.abs(value);
  const digits = abs >= 100 || Number.isInteger(value) ? 0 : abs >= 10 ? 1 : 2;
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

function formatTarget(target: Target | undefined, unit: string): string {
  if (!target) return '';
  return `${target.op === '>=' ? '≥' : '≤'} ${formatValue(target.bound, unit)}${unit === '×' ? '×' : ''}`;
}

function table(rows: Measure[]): string {
  const cells = rows.map((row) => [
    row.label,
    formatValue(row.value, row.unit),
    row.unit === '×' ? '×' : row.unit,
    formatTarget(row.target, row.unit),
    row.verdict ?? '',
  ]);
  const header = ['', 'value', 'unit', 'target', ''];
  const widths = header.map((title, column) =>
    Math.max(title.length, ...cells.map((cell) => (cell[column] ?? '').length)),
  );
  const line = (cell: string[]) =>
    cell
      .map((text, column) =>
        column === 1 ? text.padStart(widths[column] ?? 0) : text.padEnd(widths[column] ?? 0),
      )
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...cells.map(line)].join('\n');
}

/** The human-readable report of one benchmark. */
export function formatResult(result: BenchResult): string {
  const parameters = Object.entries(result.parameters)
    .map(([name, value]) => `${name}=${value}`)
    .join(', ');
  return [
    `== ${result.title} [${result.id}] (${result.seconds.toFixed(1)} s)`,
    `   parameters: ${parameters}`,
    '',
    table(result.figures),
    ...(result.ratios.length > 0 ? ['', table(result.ratios)] : []),
    ...(result.notes.length > 0 ? ['', ...result.notes.map((note) => `   * ${note}`)] : []),
    '',
  ].join('\n');
}

/** Writes the run's results with what they were measured on, for comparing runs later. */
export function writeResults(path: string, results: BenchResult[], startedAt: Date): void {
  const cpu = cpus();
  const document = {
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    machine: {
      node: process.version,
      cpus: cpu.length,
      cpuModel: cpu[0]?.model ?? 'unknown',
      memoryGiB: Math.round(totalmem() / 2 ** 30),
    },
    results,
  };
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(document, null, 2)}\n`);
}
