/**
 * The Vietnamese number grammar: the only module that turns written numbers into values.
 *
 * - Decimal comma ("21,3", "0,64%") is the norm, but dot decimals occur, even in one document
 *   ("96.2%", "92.83 điểm"). Dots also group thousands ("4.980 con", "300.850.000 đồng").
 *   A lone mark followed by exactly three digits is the ambiguous case: it is decided from the
 *   document's dominant style (detectDecimalStyle) and the unit, and the choice is reported in
 *   `ambiguity` whenever it was not certain.
 * - Leading zeros ("04"), stray spaces ("17, 66" before a unit, "24 tạ/ ha"), glued units
 *   ("31tr.đ", "100%KH", "21,3đ" = điểm), compound money ("31 tỷ 263 triệu đồng").
 * - Slashes: dates ("02/12/2024", "ngày 26/4"), document numbers ("12/QĐ-UBND"), and otherwise
 *   ratios — achieved/target, score/max, ranks — whose right side is `denominator`.
 * - Signs are not read here: a penalty is negative because of its words ("trừ", "phạt"), which
 *   is the caller's business; a dash before a digit is usually a bullet or a range.
 * Years ("năm 2024") are plain numbers of kind 'number'.
 */
import { add, toNumber, type Decimal } from '../core/decimal.js';
import { fold } from './fold.js';

export type DecimalStyle = 'comma' | 'dot';

export interface NumberContext {
  /** The document's dominant decimal style, when known (see detectDecimalStyle). Default 'comma'. */
  style?: DecimalStyle;
  /** The decimal mark of the document's scores, when it has evidence (see detectScoreDecimalStyle). */
  scoreStyle?: DecimalStyle;
}

export interface NumberToken {
  exact: Decimal;
  value: number;
  raw: string;
  start: number;
  end: number;
  decimals: number;
  unit: string | null;
  kind: 'number' | 'percent' | 'money' | 'ratio' | 'date' | 'reference';
  denominator?: NumberToken;
  ambiguity?: string;
}

/** Units as they fold (see fold.ts), longest first, with their normalised names. */
const UNITS: ReadonlyArray<[string, string]> = [
  ['trieu dong', 'triệu đồng'], ['tr.dong', 'triệu đồng'], ['tr.d', 'triệu đồng'], ['trd', 'triệu đồng'], ['trieu', 'triệu đồng'],
  ['ty dong', 'tỷ đồng'], ['ti dong', 'tỷ đồng'], ['ty', 'tỷ đồng'], ['ti', 'tỷ đồng'],
  ['nghin dong', 'nghìn đồng'], ['ngan dong', 'nghìn đồng'], ['nghin', 'nghìn đồng'], ['ngan', 'nghìn đồng'],
  ['dong', 'đồng'], ['vnd', 'đồng'],
  ['diem', 'điểm'],
  ['ta/ ha', 'tạ/ha'], ['ta /ha', 'tạ/ha'], ['ta/ha', 'tạ/ha'], ['tan', 'tấn'], ['ta', 'tạ'], ['ha', 'ha'], ['kg', 'kg'], ['km', 'km'], ['m2', 'm²'], ['m²', 'm²'], ['g', 'g'],
  ['ho so', 'hồ sơ'], ['hs', 'hồ sơ'], ['ho', 'hộ'], ['con', 'con'], ['luot nguoi', 'lượt'], ['luot', 'lượt'], ['nguoi', 'người'], ['em', 'em'],
  ['co so', 'cơ sở'], ['truong hop', 'trường hợp'], ['vu', 'vụ'], ['don', 'đơn'], ['the', 'thẻ'], ['van ban', 'văn bản'], ['buoi', 'buổi'],
  ['cap', 'cặp'], ['doanh nghiep', 'doanh nghiệp'], ['cong dan', 'công dân'], ['thon', 'thôn'], ['yeu cau', 'yêu cầu'], ['doi tuong', 'đối tượng'],
  ['gia dinh', 'gia đình'], ['quan nhan', 'quân nhân'], ['xe', 'xe'], ['lop', 'lớp'], ['hoc sinh', 'học sinh'], ['nam', 'năm'], ['thang', 'tháng'], ['ngay', 'ngày'],
];
const MONEY_UNITS = new Set(['triệu đồng', 'tỷ đồng', 'nghìn đồng', 'đồng']);
/** Units of things counted one by one: a dot before three digits groups thousands there. */
const COUNT_UNITS = new Set(['con', 'hộ', 'người', 'hồ sơ', 'lượt', 'đồng', 'em', 'cơ sở', 'trường hợp', 'văn bản', 'thẻ', 'yêu cầu', 'đối tượng', 'học sinh', 'công dân', 'doanh nghiệp']);
/** Words before "d/m" that make it a date. */
const DATE_BEFORE = /(?:ngay|tu|den|tet|le|dip|thang|sang|truoc|sau|hom)\s*$/;

const CANDIDATE = /\d+(?:[.,]\d+)*/g;
const LETTER = /[\p{L}]/u;

interface Numeral {
  exact: Decimal;
  decimals: number;
  ambiguity?: string;
}

export function findNumbers(text: string, context: NumberContext = {}): NumberToken[] {
  const style = context.style ?? 'comma';
  const folded = fold(text);
  const out: NumberToken[] = [];
  CANDIDATE.lastIndex = 0;
  for (let m = CANDIDATE.exec(text); m; m = CANDIDATE.exec(text)) {
    const start = m.index;
    const before = start > 0 ? text[start - 1]! : '';
    // Digits glued to letters are codes (KT3, Covid-19, F0), not quantities.
    if (LETTER.test(before) || (before === '-' && start > 1 && LETTER.test(text[start - 2]!))) {
      CANDIDATE.lastIndex = skipWord(text, start);
      continue;
    }
    const token = readAt(text, folded, start, m[0], style, out);
    if (token) {
      out.push(token);
      CANDIDATE.lastIndex = Math.max(token.end, token.denominator?.end ?? 0);
    }
  }
  return out;
}

export function parseNumber(raw: string, context: NumberContext = {}): Decimal | null {
  const trimmed = raw.trim();
  const tokens = findNumbers(trimmed, context);
  if (tokens.length !== 1) return null;
  const t = tokens[0]!;
  if (t.kind === 'date' || t.kind === 'reference' || t.denominator) return null;
  return t.start === 0 && /^[\s%]*$/.test(trimmed.slice(t.end)) ? t.exact : null;
}

export function detectDecimalStyle(lines: Iterable<string>): DecimalStyle {
  const { comma, dot } = countDecimalMarks(lines, () => true);
  return dot > comma ? 'dot' : 'comma';
}

/**
 * The decimal mark of the document's scores ("22.50 điểm", "8,3đ"), or null without evidence.
 * A document may write its scores with a dot and its percentages with a comma, so the scores'
 * own mark can differ from the dominant one.
 */
export function detectScoreDecimalStyle(lines: Iterable<string>): DecimalStyle | null {
  const { comma, dot } = countDecimalMarks(lines, (unit) => /^(?:điểm|đ)$/iu.test(unit));
  if (comma === dot) return null;
  return dot > comma ? 'dot' : 'comma';
}

/** Decimals with one or two places before a unit that `unitFilter` accepts, counted per mark. */
function countDecimalMarks(lines: Iterable<string>, unitFilter: (unit: string) => boolean): { comma: number; dot: number } {
  let comma = 0;
  let dot = 0;
  // The unit must end the word ("1.3 Tạo việc làm" is no tạ; a bare "đ" is the score mark).
  const evidence = /(?<![\d.,])\d+([.,])\d{1,2}(?![\d.,])\s?(%|điểm|đ|tấn|ha|triệu|tỷ|tạ)(?![\p{L}\p{M}\d])/giu;
  for (const line of lines) {
    evidence.lastIndex = 0;
    for (let m = evidence.exec(line); m; m = evidence.exec(line)) {
      // A heading's number before a title word ("1.2 Tỷ lệ hộ nghèo", "6.1 Điểm thưởng") is no evidence.
      if (/^[\s\-–•*]*$/.test(line.slice(0, m.index)) && /^\p{Lu}\p{Ll}/u.test(line.slice(m.index + m[0].length - m[2]!.length))) continue;
      if (!unitFilter(m[2]!)) continue;
      if (m[1] === ',') comma++;
      else dot++;
    }
  }
  return { comma, dot };
}

/** Reads the number starting at `start` (its digits are `digits`), with unit, ratio, date. */
function readAt(text: string, folded: string, start: number, digits: string, style: DecimalStyle, previous: NumberToken[]): NumberToken | null {
  let end = start + digits.length;

  // Slash sequences: dates, document numbers, ratios.
  const slash = /^\/\s?(\d+)/.exec(text.slice(end));
  if (/^\/\s?[\p{L}]/u.test(text.slice(end))) return reference(text, start, skipWord(text, start));
  if (/^:\d/.test(text.slice(end))) return reference(text, start, skipWord(text, start));
  if (slash && /^\d+$/.test(digits)) {
    const parts = /^(\d+)\/(\d+)(?:\/(\d+))?(?:\/[\p{L}][\p{L}\-]*)?/u.exec(text.slice(start));
    if (parts) {
      const [whole, d, mo, y] = parts;
      if (/\/[\p{L}]/u.test(whole)) return reference(text, start, start + whole.length);
      const dateLike = Number(d) >= 1 && Number(d) <= 31 && Number(mo) >= 1 && Number(mo) <= 12;
      if (y !== undefined) {
        if (dateLike) return dateToken(text, start, start + whole.length, d!);
        return reference(text, start, start + whole.length);
      }
      // "tháng 12/2024": a month and its year.
      const monthYear = Number(d) >= 1 && Number(d) <= 12 && /^(?:19|20)\d\d$/.test(mo!);
      if (monthYear && /thang\s*$/.test(folded.slice(Math.max(0, start - 8), start))) return dateToken(text, start, start + whole.length, d!);
      const unitAfter = matchUnit(folded, start + whole.length, false);
      const leadingZero = /^0\d/.test(d!) || /^0\d/.test(mo!);
      if (dateLike && !unitAfter && (DATE_BEFORE.test(folded.slice(Math.max(0, start - 12), start)) || leadingZero)) {
        return dateToken(text, start, start + whole.length, d!);
      }
    }
  }

  const numeral = readNumeral(digits, style, peekUnit(folded, end));
  if (!numeral) {
    // "thôn 4,5,6": a list of whole numbers, each its own token.
    if (/^\d+(?:,\d+)+$/.test(digits)) {
      let at = start;
      const parts = digits.split(',');
      parts.slice(0, -1).forEach((part) => {
        previous.push(plain(at, at + part.length, part, { exact: { units: Number(part), scale: 0 }, decimals: 0 }));
        at += part.length + 1;
      });
      const lastPart = parts[parts.length - 1]!;
      return readAt(text, folded, at, lastPart, style, previous);
    }
    return reference(text, start, end);
  }
  let raw = digits;
  let { exact } = numeral;
  let ambiguity = numeral.ambiguity;

  // "17, 66 tạ": a decimal comma followed by a stray space, only before a unit and not in a list.
  const stray = /^, (\d{1,3})(?!\d)/.exec(text.slice(end));
  if (stray && /^\d+$/.test(digits) && style === 'comma') {
    const after = end + stray[0].length;
    const u = matchUnit(folded, after, true);
    if (u && !/^\s*,\s*\d/.test(text.slice(u.end))) {
      exact = { units: Number(digits + stray[1]), scale: stray[1]!.length };
      raw = text.slice(start, after);
      end = after;
      ambiguity = `Đọc “${raw}” là ${raw.replace(/\s/g, '')} (dấu phẩy thập phân có khoảng trắng thừa).`;
    }
  }

  let unit = matchUnit(folded, end, true);
  let tokenEnd = end;
  let kind: NumberToken['kind'] = 'number';
  if (unit) {
    tokenEnd = unit.end;
    // Compound money: "31 tỷ 263 triệu đồng", "4 triệu 250 nghìn đồng".
    const lower = unit.name === 'tỷ đồng' ? 'trieu' : unit.name === 'triệu đồng' ? 'nghin|ngan' : null;
    if (lower && /^\d+$/.test(digits)) {
      const c = new RegExp(`^\\s*(\\d{1,3})\\s*(?:${lower})(?:\\s+dong)?(?![\\p{L}])`, 'u').exec(folded.slice(unit.end));
      if (c) {
        exact = add(exact, { units: Number(c[1]), scale: 3 });
        tokenEnd = unit.end + c[0].length;
        raw = text.slice(start, tokenEnd).replace(/\s+đồng$/u, '').trim();
        raw = raw.replace(/\s+(?:đồng)$/u, '');
      }
    }
    kind = unit.name === '%' ? 'percent' : MONEY_UNITS.has(unit.name) ? 'money' : 'number';
  }

  const token: NumberToken = {
    exact,
    value: toNumber(exact),
    raw,
    start,
    end: raw === digits ? end : start + raw.length,
    decimals: exact.scale,
    unit: unit?.name ?? null,
    kind,
    ...(ambiguity ? { ambiguity } : {}),
  };

  // Ratios: "120ha/120ha", "60,5/61,5 điểm", "15/34", "22/23 triệu".
  const ratio = /^\s?\/\s?(?=\d)/.exec(text.slice(tokenEnd));
  if (ratio) {
    const denomStart = tokenEnd + ratio[0].length;
    const denomDigits = /^\d+(?:[.,]\d+)*/.exec(text.slice(denomStart))![0];
    const denominator = readAt(text, folded, denomStart, denomDigits, style, previous);
    if (denominator && denominator.kind !== 'date' && denominator.kind !== 'reference') {
      return { ...token, kind: 'ratio', unit: token.unit ?? denominator.unit, denominator };
    }
  }
  return unit && token.end < tokenEnd && raw === digits ? { ...token, end } : token;
}

/** Digits with marks → exact value, deciding thousands vs decimal; null for dotted codes. */
function readNumeral(digits: string, style: DecimalStyle, unit: string | null): Numeral | null {
  const marks = digits.replace(/\d/g, '');
  if (marks === '') return { exact: { units: Number(digits), scale: 0 }, decimals: 0 };
  const groups = digits.split(/[.,]/);
  const distinct = new Set(marks);
  if (distinct.size === 2) {
    // "26.353,6" / "1,124.5": the last mark is the decimal one, the other groups thousands.
    const last = Math.max(digits.lastIndexOf('.'), digits.lastIndexOf(','));
    const intPart = digits.slice(0, last).replace(/[.,]/g, '');
    const frac = digits.slice(last + 1);
    return { exact: { units: Number(intPart + frac), scale: frac.length }, decimals: frac.length };
  }
  const mark = marks[0]!;
  if (marks.length > 1) {
    // "300.850.000" groups thousands; "4,5,6" is a list, read by the caller as separate numbers.
    if (groups.slice(1).every((g) => g.length === 3)) return { exact: { units: Number(groups.join('')), scale: 0 }, decimals: 0 };
    return null;
  }
  const [intPart, frac] = [groups[0]!, groups[1]!];
  const asDecimal: Numeral = { exact: { units: Number(intPart + frac), scale: frac.length }, decimals: frac.length };
  const asThousands: Numeral = { exact: { units: Number(intPart + frac), scale: 0 }, decimals: 0 };
  if (frac.length !== 3 || /^0+$/.test(intPart)) return asDecimal;
  // A lone mark before exactly three digits: the ambiguous case.
  const decimalUnit = unit === '%' || unit === 'điểm';
  const raw = `${intPart}${mark}${frac}`;
  const readThousands = (why: string): Numeral => ({ ...asThousands, ambiguity: `Đọc “${raw}” là ${intPart}${frac} (${why}).` });
  const readDecimal = (why: string): Numeral => ({ ...asDecimal, ambiguity: `Đọc “${raw}” là ${intPart},${frac} (${why}).` });
  if (mark === (style === 'comma' ? ',' : '.')) {
    // The document's own decimal mark. Certain for scores and percents; a count is odd.
    if (unit !== null && COUNT_UNITS.has(unit)) return readThousands('dấu phân cách hàng nghìn trước đơn vị đếm');
    return decimalUnit || unit !== null ? asDecimal : readDecimal('dấu thập phân của văn bản');
  }
  // The other mark: in these reports it groups thousands, unless a score or percent follows.
  if (decimalUnit) return readDecimal(`dấu “${mark}” dùng làm dấu thập phân trước ${unit}`);
  if (style === 'comma' && mark === '.') return asThousands;
  return readThousands('dấu phân cách hàng nghìn');
}

function peekUnit(folded: string, at: number): string | null {
  return matchUnit(folded, at, true)?.name ?? null;
}

/** A unit right after `at` ("%", " điểm", "đ" glued, "tr.đ"); `allowSpace` lets one space in. */
function matchUnit(folded: string, at: number, allowSpace: boolean): { name: string; end: number } | null {
  let i = at;
  if (allowSpace && folded[i] === ' ') i++;
  if (folded[i] === '%') return { name: '%', end: i + 1 };
  const rest = folded.slice(i, i + 16);
  for (const [form, name] of UNITS) {
    if (!rest.startsWith(form)) continue;
    const next = rest[form.length] ?? '';
    if (/[\p{L}\d]/u.test(next)) continue;
    return { name, end: i + form.length };
  }
  // "21,3đ": đ glued to a number is the score's point mark.
  if (folded[at] === 'd' && !/[\p{L}\d]/u.test(folded[at + 1] ?? '')) return { name: 'điểm', end: at + 1 };
  return null;
}

function skipWord(text: string, from: number): number {
  const m = /^[\p{L}\d.,:/\-]*/u.exec(text.slice(from));
  return from + Math.max(1, m![0].length);
}

function plain(start: number, end: number, raw: string, n: Numeral): NumberToken {
  return { exact: n.exact, value: toNumber(n.exact), raw, start, end, decimals: n.decimals, unit: null, kind: 'number' };
}

function reference(text: string, start: number, end: number): NumberToken {
  // The sentence's punctuation after "12/QĐ-UBND," or "9001:2015." is not part of it.
  while (end > start + 1 && /[.,:;/\-]/.test(text[end - 1]!)) end--;
  const raw = text.slice(start, end);
  const lead = /^\d+/.exec(raw)?.[0] ?? '0';
  return { ...plain(start, end, raw, { exact: { units: Number(lead), scale: 0 }, decimals: 0 }), kind: 'reference' };
}

function dateToken(text: string, start: number, end: number, day: string): NumberToken {
  return { ...plain(start, end, text.slice(start, end), { exact: { units: Number(day), scale: 0 }, decimals: 0 }), kind: 'date' };
}
