/**
 * Exact decimal arithmetic for the number rules (decimal digits, increments): binary floating
 * point says 0.3 is not a multiple of 0.1, a person does not. Numbers become scaled BigInts.
 */

interface Scaled {
  units: bigint;
  scale: number;
}

/** A finite number or numeric string as digits and a decimal scale; null when it is neither. */
function parse(value: number | string): Scaled | null {
  const text = typeof value === 'number' ? String(value) : value.trim();
  const match = /^([+-]?)(\d*)(?:\.(\d*))?(?:e([+-]?\d+))?$/i.exec(text);
  if (!match || (match[2] === '' && (match[3] ?? '') === '')) return null;
  const sign = match[1] === '-' ? -1n : 1n;
  let digits = `${match[2]}${match[3] ?? ''}`;
  let scale = (match[3] ?? '').length - Number(match[4] ?? 0);
  if (scale < 0) {
    digits += '0'.repeat(-scale);
    scale = 0;
  }
  if (scale > 400) return null;
  return { units: sign * BigInt(digits === '' ? '0' : digits), scale };
}

function rescale(value: Scaled, scale: number): bigint {
  return value.units * 10n ** BigInt(scale - value.scale);
}

function format(units: bigint, scale: number): string {
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(scale + 1, '0');
  const whole = digits.slice(0, digits.length - scale);
  const fraction = scale > 0 ? digits.slice(digits.length - scale).replace(/0+$/, '') : '';
  return `${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`;
}

/** How many digits follow the decimal point (trailing zeros do not count). */
export function decimalPlaces(value: number | string): number {
  const parsed = parse(value);
  if (!parsed) return 0;
  const text = format(parsed.units, parsed.scale);
  const dot = text.indexOf('.');
  return dot < 0 ? 0 : text.length - dot - 1;
}

/**
 * When `value` is not a multiple of `step`, the two nearest multiples (below, above) as decimal
 * strings; null when it is one (or either is not a number, or the step is zero).
 */
export function nearestMultiples(
  value: number | string,
  step: number | string,
): { previous: string; next: string } | null {
  const v = parse(value);
  const s = parse(step);
  if (!v || !s || s.units === 0n) return null;
  const scale = Math.max(v.scale, s.scale);
  const units = rescale(v, scale);
  const stepUnits = rescale(s, scale);
  const offset = units % stepUnits;
  if (offset === 0n) return null;
  const previous = units - offset;
  return { previous: format(previous, scale), next: format(previous + stepUnits, scale) };
}
