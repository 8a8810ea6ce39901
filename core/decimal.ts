/**
 * Exact decimal arithmetic for scores: a value is an integer count of 10^-scale units.
 * "21,3" is { units: 213, scale: 1 }. Sums never touch floating point, so 8,3 + 9 + 3 + 1
 * is exactly 21,3. Safe for |units| < 2^53, far beyond any score or amount in these reports.
 */
export interface Decimal {
  readonly units: number;
  readonly scale: number;
}

export const ZERO: Decimal = { units: 0, scale: 0 };

/** Parses a plain ASCII decimal: optional sign, digits, optional "." and digits. */
export function decimalFromString(text: string): Decimal {
  const m = /^([+-]?)(\d+)(?:\.(\d+))?$/.exec(text.trim());
  if (!m) throw new Error(`not a plain decimal: ${JSON.stringify(text)}`);
  const frac = m[3] ?? '';
  const units = Number((m[2] ?? '') + frac) * (m[1] === '-' ? -1 : 1);
  return { units, scale: frac.length };
}

function rescale(d: Decimal, scale: number): number {
  return d.units * 10 ** (scale - d.scale);
}

export function add(a: Decimal, b: Decimal): Decimal {
  const scale = Math.max(a.scale, b.scale);
  return { units: rescale(a, scale) + rescale(b, scale), scale };
}

export function sum(values: readonly Decimal[]): Decimal {
  return values.reduce(add, ZERO);
}

export function negate(d: Decimal): Decimal {
  return { units: -d.units, scale: d.scale };
}

export function mul(a: Decimal, b: Decimal): Decimal {
  return { units: a.units * b.units, scale: a.scale + b.scale };
}

export function compare(a: Decimal, b: Decimal): -1 | 0 | 1 {
  const scale = Math.max(a.scale, b.scale);
  const x = rescale(a, scale);
  const y = rescale(b, scale);
  return x < y ? -1 : x > y ? 1 : 0;
}

export function equals(a: Decimal, b: Decimal): boolean {
  return compare(a, b) === 0;
}

/** The nearest JS number, for JSON output only (never for arithmetic). */
export function toNumber(d: Decimal): number {
  return Number(toPlainString(d));
}

/** "21.3", "-2", "0.64": canonical, trailing zeros of the scale kept out. */
export function toPlainString(d: Decimal): string {
  const neg = d.units < 0;
  let digits = String(Math.abs(d.units));
  if (d.scale > 0) {
    digits = digits.padStart(d.scale + 1, '0');
    const intPart = digits.slice(0, digits.length - d.scale);
    const frac = digits.slice(digits.length - d.scale).replace(/0+$/, '');
    digits = frac ? `${intPart}.${frac}` : intPart;
  }
  return (neg ? '-' : '') + digits;
}

/** Vietnamese writing: decimal comma, "21,3", "-2", "92,3". */
export function toVietnamese(d: Decimal): string {
  return toPlainString(d).replace('.', ',');
}

/** A plain decimal text ("92.3") as a Decimal; null for null or anything that is not one. */
export function decimalOrNull(text: string | null): Decimal | null {
  if (text === null) return null;
  try {
    return decimalFromString(text);
  } catch {
    return null;
  }
}

/** a − b on plain decimal text, exactly ("93.3" − "92.3" = "1"); null unless both are decimals. */
export function differenceOfTexts(a: string | null, b: string | null): string | null {
  const x = decimalOrNull(a);
  const y = decimalOrNull(b);
  return x === null || y === null ? null : toPlainString(add(x, negate(y)));
}
