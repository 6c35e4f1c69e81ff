/** The p-th percentile (0–100) by nearest rank; NaN for no samples. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1] ?? Number.NaN;
}

export function mean(samples: readonly number[]): number {
  if (samples.length === 0) return Number.NaN;
  return samples.reduce((sum, value) => sum + value, 0) / samples.length;
}

/** Milliseconds since `start` (a performance.now() reading). */
export function elapsedMs(start: number): number {
  return performance.now() - start;
}

/** Runs `work` for each item with at most `concurrency` in flight; resolves when all are done. */
export async function forEachConcurrently<T>(
  items: readonly T[],
  concurrency: number,
  work: (item: T, index: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < items.length) {
      const index = next;
      next += 1;
      await work(items[index] as T, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, lane));
}

/** Two-sided 95 % critical values of Student's t for 1–30 degrees of freedom. */
const T_95 = [
  12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131,
  2.12, 2.11, 2.101, 2.093, 2.086, 2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042,
];

function t95(degreesOfFreedom: number): number {
  // Past 30, the value at the next tabulated degrees of freedom below (30, 40, 60, 120): a
  // slightly wider interval, never a narrower one.
  if (degreesOfFreedom > 120) return 1.98;
  if (degreesOfFreedom > 60) return 2.0;
  if (degreesOfFreedom > 40) return 2.021;
  if (degreesOfFreedom > 30) return 2.042;
  return T_95[degreesOfFreedom - 1] ?? Number.NaN;
}

export interface RatioInterval {
  /** Geometric mean of the ratios. */
  estimate: number;
  low: number;
  high: number;
  rounds: number;
}

/**
 * A 95 % confidence interval for a ratio measured once per round: Student's t on the ratios'
 * logarithms (a ratio's noise is multiplicative: 0.5× and 2× are equally far from 1×), back to
 * ratios. Assumes rounds are independent, which alternating order (ABBA) helps with.
 */
export function ratioInterval(ratios: readonly number[]): RatioInterval {
  const logs = ratios.filter((value) => value > 0 && Number.isFinite(value)).map(Math.log);
  const rounds = logs.length;
  if (rounds < 2) {
    const only = rounds === 1 ? Math.exp(logs[0] as number) : Number.NaN;
    return { estimate: only, low: Number.NaN, high: Number.NaN, rounds };
  }
  const centre = mean(logs);
  const variance = logs.reduce((sum, value) => sum + (value - centre) ** 2, 0) / (rounds - 1);
  const margin = t95(rounds - 1) * Math.sqrt(variance / rounds);
  return {
    estimate: Math.exp(centre),
    low: Math.exp(centre - margin),
    high: Math.exp(centre + margin),
    rounds,
  };
}
