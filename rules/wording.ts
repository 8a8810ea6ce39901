/**
 * Small wording helpers shared by the rule messages: where a figure stands ("trang 2, dòng 14")
 * and how numbers are written for an auditor (Vietnamese decimal comma, "21,3 điểm").
 * The sentences themselves are built in each rule file.
 */
import { add, negate, toVietnamese, type Decimal } from '../core/decimal.js';
import type { Span } from '../core/report-audit.js';

/** "trang 2, dòng 14". */
export function where(span: Span): string {
  return `trang ${span.page}, dòng ${span.line}`;
}

/** "21,3 điểm", "-2 điểm". */
export function points(d: Decimal): string {
  return `${toVietnamese(d)} điểm`;
}

/** The addition written out: "8,3 + 9 + 3 + 1", "2 + 2 − 1" (a negative addend is subtracted). */
export function addends(values: readonly Decimal[]): string {
  let out = '';
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    const neg = v.units < 0;
    const text = toVietnamese(neg ? { units: -v.units, scale: v.scale } : v);
    if (i === 0) out = neg ? `−${text}` : text;
    else out += neg ? ` − ${text}` : ` + ${text}`;
  }
  return out;
}

/** "1.1–1.4" for three or more ids in document order, "1.1 và 1.2" for two, "1.1" for one. */
export function idRange(ids: readonly string[]): string {
  if (ids.length === 0) return '';
  if (ids.length === 1) return ids[0]!;
  if (ids.length === 2) return `${ids[0]!} và ${ids[1]!}`;
  return `${ids[0]!}–${ids[ids.length - 1]!}`;
}

/** "chênh lệch 1 điểm": the absolute difference of two scores, exactly. */
export function gap(a: Decimal, b: Decimal): string {
  const d = add(a, negate(b));
  return `chênh lệch ${points(d.units < 0 ? negate(d) : d)}`;
}
