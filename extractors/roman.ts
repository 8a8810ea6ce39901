/** Roman numerals as criteria groups are numbered (I … XX). */
const VALUES: Record<string, number> = { i: 1, v: 5, x: 10, l: 50 };

export function romanToInt(roman: string): number | null {
  const s = roman.toLowerCase();
  if (!/^[ivxl]+$/.test(s)) return null;
  let total = 0;
  for (let i = 0; i < s.length; i++) {
    const v = VALUES[s[i]!]!;
    const next = i + 1 < s.length ? VALUES[s[i + 1]!]! : 0;
    total += v < next ? -v : v;
  }
  return intToRoman(total) === s.toUpperCase() ? total : null;
}

export function intToRoman(n: number): string {
  const table: Array<[number, string]> = [[50, 'L'], [40, 'XL'], [10, 'X'], [9, 'IX'], [5, 'V'], [4, 'IV'], [1, 'I']];
  let out = '';
  for (const [v, s] of table) while (n >= v) { out += s; n -= v; }
  return out;
}
