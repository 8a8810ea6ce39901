/**
 * Socio-economic figures quoted in the prose (income per capita, poverty rate, …). Every
 * occurrence is kept, so a figure stated twice with two values stays visible to the rules.
 */
import { toNumber, type Decimal } from '../core/decimal.js';
import type { Block } from './blocks.js';
import { spanAt } from './blocks.js';
import type { Indicator, ReadingNote } from './extraction.js';
import { findNumbers, type NumberContext, type NumberToken } from './numbers.js';

interface IndicatorSpec {
  readonly key: string;
  readonly pattern: RegExp;
  /** The unit the value is reported in. */
  readonly unit: string;
  /** Units accepted, with the power of ten that converts them to `unit`. */
  readonly from: Readonly<Record<string, number>>;
}

const MONEY_MILLION = { 'triệu đồng': 0, 'đồng': -6, 'nghìn đồng': -3, 'tỷ đồng': 3 };
const MONEY_BILLION = { 'tỷ đồng': 0, 'triệu đồng': -3, 'đồng': -9 };
const PERCENT = { '%': 0 };

export const INDICATORS: readonly IndicatorSpec[] = [
  { key: 'income_per_capita', pattern: /thu\s+nhap\s+binh\s+quan(?:\s+dau\s+nguoi)?/g, unit: 'triệu đồng', from: MONEY_MILLION },
  { key: 'near_poor_rate', pattern: /ho\s+can\s+ngheo|ty\s+le\s+can\s+ngheo/g, unit: '%', from: PERCENT },
  { key: 'poverty_rate', pattern: /(?<!can\s)(?:ho\s+ngheo|ty\s+le\s+ngheo)/g, unit: '%', from: PERCENT },
  { key: 'health_insurance_coverage', pattern: /\bbhyt\b|bao\s+hiem\s+y\s+te/g, unit: '%', from: PERCENT },
  { key: 'cultured_family_rate', pattern: /gia\s+dinh\s+van\s+hoa/g, unit: '%', from: PERCENT },
  { key: 'budget_revenue', pattern: /tong\s+thu(?:\s+ngan\s+sach)?\b/g, unit: 'tỷ đồng', from: MONEY_BILLION },
  { key: 'budget_expenditure', pattern: /tong\s+chi(?:\s+ngan\s+sach)?\b/g, unit: 'tỷ đồng', from: MONEY_BILLION },
  { key: 'grain_output', pattern: /luong\s+thuc\s+co\s+hat/g, unit: 'tấn', from: { 'tấn': 0, 'tạ': -1 } },
];

/** How far after its keyword an indicator's number may stand. */
const WINDOW = 70;
/** A number right after these is a target, not the achieved value. */
const TARGET_BEFORE = /(?:chi\s+tieu|ke\s+hoach|\bkh)(?:\s+[a-z]+){0,3}\s*:?\s*$/;

/** Every indicator occurrence, and a note for each number whose reading had to be chosen. */
export function readIndicators(blocks: readonly Block[], context: NumberContext): { indicators: Indicator[]; notes: ReadingNote[] } {
  const found: Indicator[] = [];
  const notes: ReadingNote[] = [];
  for (const block of blocks) {
    const hits = keywordHits(block.folded);
    if (hits.length === 0) continue;
    const tokens = findNumbers(block.text, context);
    hits.forEach((hit, i) => {
      const limit = Math.min(hit.end + WINDOW, hits[i + 1]?.start ?? Infinity, sentenceEnd(block.folded, hit.end));
      const token = tokens.find(
        (t) =>
          t.start >= hit.end &&
          t.start < limit &&
          accepts(hit.spec, t) &&
          !TARGET_BEFORE.test(block.folded.slice(hit.end, t.start)) &&
          !insideParentheses(block.folded, hit.end, t.start),
      );
      if (!token) return;
      if (token.ambiguity) notes.push({ message: token.ambiguity, at: spanAt(block, token.start) });
      found.push({
        key: hit.spec.key,
        value: toNumber(convert(token.exact, hit.spec.from[token.unit!]!)),
        unit: hit.spec.unit,
        raw: token.raw,
        at: spanAt(block, token.start),
      });
    });
  }
  return { indicators: found, notes };
}

function keywordHits(folded: string): Array<{ spec: IndicatorSpec; start: number; end: number }> {
  const hits: Array<{ spec: IndicatorSpec; start: number; end: number }> = [];
  for (const spec of INDICATORS) {
    spec.pattern.lastIndex = 0;
    for (let m = spec.pattern.exec(folded); m; m = spec.pattern.exec(folded)) {
      if (!hits.some((h) => m!.index < h.end && m!.index + m![0].length > h.start)) {
        hits.push({ spec, start: m.index, end: m.index + m[0].length });
      }
    }
  }
  return hits.sort((a, b) => a.start - b.start);
}

function accepts(spec: IndicatorSpec, token: NumberToken): boolean {
  if (token.kind === 'date' || token.kind === 'reference') return false;
  return token.unit !== null && token.unit in spec.from;
}

function sentenceEnd(folded: string, from: number): number {
  const rest = folded.slice(from);
  const m = /[.;](?:\s|$)/.exec(rest);
  return m ? from + m.index : folded.length;
}

/** An aside in parentheses ("đầu năm 41 hộ (1,77%)", "(… sản lượng 67,2 tấn)") is not the figure. */
function insideParentheses(folded: string, from: number, at: number): boolean {
  const between = folded.slice(from, at);
  return between.lastIndexOf('(') > between.lastIndexOf(')');
}

function convert(d: Decimal, power: number): Decimal {
  return power >= 0 ? { units: d.units * 10 ** power, scale: d.scale } : { units: d.units, scale: d.scale - power };
}
