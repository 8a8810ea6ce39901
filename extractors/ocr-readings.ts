/**
 * Readings of OCR'd text that typed text never needs: numerals that lost a stroke, a stray token
 * where "5." was, a table score that lost its decimal mark. Each is a guess the caller reports.
 */
import distance from 'natural/lib/natural/distance/levenshtein_distance.js';
import { compare, toNumber } from '../core/decimal.js';
import type { Block } from './blocks.js';
import { findNumbers, type NumberContext, type NumberToken } from './numbers.js';
import { intToRoman, romanToInt } from './roman.js';

/** Whether some line of the block was read by OCR. */
export function isOcrBlock(block: Block): boolean {
  return block.lines.some((l) => l.line.confidence !== undefined);
}

/** Characters OCR gives for the strokes of a roman numeral. */
export const OCR_NUMERAL_AFTER_NHOM = /(nhom\s+(?:tieu\s+chi\s+)?(?:thu\s+)?)([ivxlh1|!]{1,4})(?![\p{L}\d])/gu;

/** Characters OCR gives for an I's stroke, in headings and table rows alike. */
const I_STROKE = /[ljf1|!\[\]]/g;

/** Folded text with every stroke read as an i ("iji", "]v", "iil" → "iii", "iv", "iii"). */
export function asStrokes(text: string): string {
  return text.replace(I_STROKE, 'i');
}

export function ocrNumeral(text: string): string {
  // "HI" for "III": an 'h' is strokes run together, the count unknown; the order decides.
  return text.includes('h') ? '?' : asStrokes(text);
}

/** What OCR leaves before "NHÓM": specks, the "2." (its number in group 1), or a stray token for it. */
const OCR_HEAD_PREFIX = String.raw`^[\W_]*(?:(\d{1,2})\s*[.),:;]?\s*|\S{1,3}\s+)?[\W_]*`;
const OCR_GROUP_HEAD = new RegExp(`${OCR_HEAD_PREFIX}nhom\\s+(?:tieu\\s+chi[.,:;]?(?:\\s+|(?=[|!])))?(?:thu\\s+)?([ivxlhf1|!]{1,5})(?![\\p{L}\\d])\\s*[:;.\\-–—)]?\\s*`, 'u');
const OCR_HEAD_WITHOUT_NUMERAL = new RegExp(`${OCR_HEAD_PREFIX}(nhom\\s+tieu\\s+chi)\\s+(\\S{1,3})(?:\\s+[-–—:.])?\\s+(?=\\p{L})`, 'u');

/**
 * A group heading in OCR'd text: a misread "5." may leave a short stray token before "NHÓM"
 * ("Lễ NHÓM TIÊU CHÍ V", "6Ù NHÓM TIÊU CHÍ II"), and the numeral's strokes come as l, 1, | or !.
 * Same groups as GROUP_HEAD.
 */
export function ocrGroupHead(folded: string): RegExpExecArray | null {
  const m = OCR_GROUP_HEAD.exec(folded);
  if (!m) return null;
  m[2] = ocrNumeral(m[2]!);
  return m;
}

/**
 * A body heading in capitals whose numeral OCR turned into something else ("NHÓM TIÊU CHÍ (LỄ KẾT
 * QUẢ …" for "… II: KẾT QUẢ …"): "NHÓM TIÊU CHÍ", a token of one to three characters that is no
 * numeral, then the title, all in capitals. Typed text is never read so, nor a sentence (its words
 * are in lower case). The numeral comes back as "?": the order of the groups decides. Same groups
 * as ocrGroupHead.
 */
export function ocrHeadingWithoutNumeral(folded: string, text: string): RegExpExecArray | null {
  const m = OCR_HEAD_WITHOUT_NUMERAL.exec(folded);
  if (!m || /^[ivxl]+[:.]?$/.test(m[3]!)) return null;
  const headAt = m[0].indexOf('nhom');
  const head = text.slice(headAt, headAt + m[2]!.length);
  const title = text.slice(m[0].length, m[0].length + 12);
  if (head !== head.toUpperCase() || title !== title.toUpperCase()) return null;
  m[2] = '?';
  return m;
}

const OCR_HEAD_LOST_NHOM = new RegExp(`^[\\W_]*(?:(\\d{1,2})\\s*[.),:;]?\\s*)?(?:\\S{1,5}\\s+){1,2}tieu\\s+chi\\s+([ivxlh1|!]{1,4})(?![\\p{L}\\d])\\s*[:;.\\-–—)]?\\s*(?=\\p{L})`, 'u');

/**
 * A body heading whose "NHÓM" OCR turned into one or two short tokens ("HH TIÊU CHÍ II. QUẢN LÝ
 * …", "4. bi HH tiêu chí IV - Cải cách"): the tokens, "TIÊU CHÍ", its numeral, then the title —
 * all in capitals, numbered with the numeral's own number, or the next group's numeral before a
 * title. Same groups as ocrGroupHead.
 */
export function ocrHeadingLostNhom(folded: string, text: string, expected: number | null = null): RegExpExecArray | null {
  const m = OCR_HEAD_LOST_NHOM.exec(folded);
  if (!m) return null;
  const head = text.slice(0, m[0].length + 12);
  const ordinal = romanToInt(asStrokes(m[2]!).toUpperCase());
  const numbered = m[1] !== undefined && ordinal === Number(m[1]);
  // Or the numeral is the next group's, set off from a title in capitals ("Ê triag tiêu chí IV - Cải cách").
  const next = ordinal !== null && ordinal === expected && /[:.\-–—]\s*$/.test(m[0]) && /^\p{Lu}/u.test(text.slice(m[0].length));
  if (head !== head.toUpperCase() && !numbered && !next) return null;
  m[2] = ocrNumeral(m[2]!);
  return m;
}

/** A summary list line ("- Nhóm tiêu chí II: 33 điểm;") rather than a body heading. */
export function isSummaryLine(block: Block, headEnd: number, seen: boolean): boolean {
  const rest = block.folded.slice(headEnd).replace(/[\d.,:;()%\s]|diem/g, '');
  return seen && /^\s*[-+•*]/.test(block.folded) && rest.length < 6;
}

/** The ordinal of an OCR'd body heading: the expected next one unless the heading clearly says another. */
export function chooseOrdinal(read: number | null, arabic: number | null, expected: number, seen: (ordinal: number) => boolean): number {
  if (read === expected || arabic === expected) return expected;
  // The numeral and the "4." before it agree: two readings, one answer.
  if (read !== null && read === arabic && !seen(read)) return read;
  if (read !== null && read > expected && !seen(read) && arabic === null) return read;
  // A number before the heading ("3 NHÓM … L" for "2. NHÓM … II") overrides the order only when
  // no numeral says otherwise (readings that disagree leave the order to decide), and only by one
  // group: a heading OCR lost whole. Two headings lost in a row are far less likely than a
  // misread digit ("4 NHÓM TIỂU CHÍ LLE" for "2. NHÓM TIÊU CHÍ II:").
  if (arabic === expected + 1 && !seen(arabic) && read === null) return arabic;
  return expected;
}

/**
 * No score exceeds its maximum: an OCR'd "95" against a maximum of 10 lost its decimal mark
 * ("9.5"). Read it so, and say so; anything else stays as read.
 */
export function withinMaximum(score: NumberToken, max: NumberToken, context: NumberContext): NumberToken {
  if (compare(score.exact, max.exact) <= 0 || score.raw.length < 2) return score;
  const exact = { units: score.exact.units, scale: score.exact.scale + 1 };
  if (score.decimals > 0 || compare(exact, max.exact) > 0) return withoutStrayDigit(score, max, context);
  return withLastDigitDecimal(score, context, `điểm không vượt quá tối đa ${max.raw}`);
}

/** The score read with a decimal mark before its last digit ("95" → 9,5), and why, said. */
function withLastDigitDecimal(score: NumberToken, context: NumberContext, why: string): NumberToken {
  const exact = { units: score.exact.units, scale: score.exact.scale + 1 };
  const raw = `${score.raw.slice(0, -1)}${scoreMark(context)}${score.raw.slice(-1)}`;
  return { ...score, exact, value: toNumber(exact), raw, decimals: 1, ambiguity: `Đọc “${score.raw}” là ${raw} (bản scan mất dấu thập phân; ${why}).` };
}

/** An OCR'd score cell "05": no score is written with a leading zero, so its decimal mark was lost (0,5); said. */
export function withoutLeadingZero(score: NumberToken, context: NumberContext): NumberToken {
  if (score.kind !== 'number' || !/^0\d$/.test(score.raw)) return score;
  return withLastDigitDecimal(score, context, 'điểm không viết số 0 ở đầu');
}

/** A score over its maximum whose first digit is a speck read as one ("414" of 15 → 14, "826,5" of 30 → 26,5), when the rest fits. */
function withoutStrayDigit(score: NumberToken, max: NumberToken, context: NumberContext): NumberToken {
  if (!/^\d\d/.test(score.raw)) return score;
  const raw = score.raw.slice(1);
  const rest = findNumbers(raw, context)[0];
  if (!rest || rest.kind !== 'number' || rest.start !== 0 || rest.end !== raw.length || compare(rest.exact, max.exact) > 0) return score;
  return { ...score, exact: rest.exact, value: rest.value, decimals: rest.decimals, raw: score.raw.slice(1), ambiguity: `Đọc “${score.raw}” là ${score.raw.slice(1)} (bản scan thêm một chữ số ở đầu; điểm không vượt quá tối đa ${max.raw}).` };
}

/** Stray dots, commas and quotes OCR reads from specks before a line's first digit. */
const OCR_LEADING_SPECKS = /^[\s.,:;'"`‘’“”_~]+(?=\d)/u;

/** "1:3.", "1,3." or "1 1." at a line's start: a sub-group's numbering whose first dot OCR read as a colon, a comma or a space. */
const OCR_COLON_NUMBERING = /^(\s*\d{1,2})(?:[:,]|\s(?=\d{1,2}\.\s))(\d{1,2})(?=[.\s])/;

/** "1.4: Quốc phòng": a numbering's last dot read as a colon or a semicolon. */
const OCR_COLON_AFTER_NUMBERING = /^(\s*\d{1,2}\.\d{1,2})[:;](?=\s)/;

/** "11 Lĩnh vực kinh tế", "11.Kinh tế": two digits that may be a sub-group's numbering without its dot. */
const OCR_LOST_DOT_NUMBERING = /^(\s*)(\d)(\d)(?:\.\s*|\s+)/;

/**
 * An OCR'd body line (folded) with its sub-group numbering read as typed: specks before it dropped,
 * a dot read as a colon, comma or space restored, and two digits without a dot ("11 Lĩnh vực")
 * read as x.y when they are the open group's ordinal and the next sub-group's number, before a
 * capital (prose lines that wrap onto a number go on in lower case).
 */
export function ocrSubgroupLine(folded: string, text: string, ordinal: number, nextMinor: number): string {
  const line = folded.replace(OCR_LEADING_SPECKS, '').replace(OCR_COLON_NUMBERING, '$1.$2').replace(OCR_COLON_AFTER_NUMBERING, '$1.');
  const lost = OCR_LOST_DOT_NUMBERING.exec(line);
  if (!lost || Number(lost[2]) !== ordinal || Number(lost[3]) !== nextMinor) return line;
  const first = text.charAt(folded.length - line.length + lost[0].length);
  if (first === '' || first === first.toLowerCase() || first !== first.toUpperCase()) return line;
  return `${lost[1]}${lost[2]}.${lost[3]}. ${line.slice(lost[0].length)}`;
}

/** "Hoàn thành xuất sắc rihiệm vụ": a classification whose "nhiệm" OCR misread (folded). */
const OCR_CLASSIFICATION = /(khong\s+)?hoan\s+thanh\s+(?:(xuat\s+sac|tot)\s+)?(\p{L}{3,7})\s+vu\b/gu;

/**
 * The classification phrases of an OCR'd line whose "nhiệm" came out as another word at most two
 * letters away ("rihiem", "nhiẹm"); groups as CLASSIFICATION's.
 */
export function ocrClassifications(folded: string): RegExpExecArray[] {
  return [...folded.matchAll(OCR_CLASSIFICATION)].filter((m) => distance.DamerauLevenshteinDistance(m[3]!, 'nhiem') <= 2);
}

/** Where an OCR'd table row stands: the group whose rows these are, and the group that comes next. */
export interface TableOrder {
  /** Ordinal of the group the last group row named (its sub-groups follow it), if any. */
  readonly group: number | null;
  /** Ordinal the next group row must have. */
  readonly next: number;
  /** In the summary, where every scored row is a group. */
  readonly summary: boolean;
}

/**
 * The numbering cell of an OCR'd table row that reads as no numbering: a sub-group number that
 * lost its dot ("21" under group II is 2.1: two digits, the first the group's ordinal), or a group
 * numeral that lost its strokes ("u", "H", "y" for II, III, V: one to three characters, no digit,
 * on a row with a title and a number) — the next group in order; so is a summary row's numbering
 * OCR broke into specks only (`specksOnly`). Each reading is reported.
 */
export function ocrRowNumbering(cell: string, order: TableOrder, scoredRow: boolean, specksOnly = false): { kind: 'group' | 'subgroup'; id: string; note: string } | null {
  const text = cell.trim();
  // A summary numeral OCR broke into specks ("..", "_ ."): the next group in order.
  if (specksOnly && text === '' && scoredRow && order.summary && order.next > 1) {
    const id = intToRoman(order.next);
    return { kind: 'group', id, note: readAsGroupNote(cell, id) };
  }
  const lostDot = /^(\d)(\d)$/.exec(text);
  if (lostDot && order.group !== null && Number(lostDot[1]) === order.group && lostDot[2] !== '0') {
    const id = `${lostDot[1]}.${lostDot[2]}`;
    return { kind: 'subgroup', id, note: `Đọc số thứ tự “${text}” là ${id} (bản scan mất dấu chấm; dòng thuộc nhóm ${intToRoman(order.group)}).` };
  }
  // The first group's numeral is a single stroke, the easiest to lose whole: the table's first
  // scored row with an empty numbering is group I.
  if (scoredRow && text === '' && order.next === 1 && order.group === null) {
    return { kind: 'group', id: 'I', note: 'Đọc dòng có điểm đầu tiên của bảng, không có số thứ tự, là nhóm I (bản scan mất số thứ tự).' };
  }
  // Strokes may come out as letters ("u", "H") or as marks (a quote for II).
  if (scoredRow && /^[^\s\d]{1,3}$/u.test(text) && /[\p{L}"'|!“”‘’`]/u.test(text)) {
    const id = intToRoman(order.next);
    return { kind: 'group', id, note: readAsGroupNote(text, id) };
  }
  return null;
}

/**
 * A roman numbering cell that OCR read with a stroke misread or lost, read as the next group in
 * order; the reading is reported. Null when the numeral stays as read. Two cases:
 * - an "L" for an I's stroke ("li" for II): read with I for L when that gives the next group;
 * - a numeral of I strokes only that is shorter than the next group's, itself I strokes only
 *   ("l" or "I" for II, "II" for III): strokes are lost, never added, and a numbering does not
 *   go back.
 */
export function ocrNumeralStrokes(id: string, next: number): { id: string; note: string } | null {
  if (romanToInt(id) === next) return null;
  const strokes = id.replace(/L/g, 'I');
  const expected = intToRoman(next);
  const lostStrokes = /^I+$/.test(strokes) && /^I+$/.test(expected) && strokes.length < expected.length;
  if (romanToInt(strokes) !== next && !lostStrokes) return null;
  return { id: expected, note: readAsGroupNote(id, expected) };
}

/**
 * A summary numbering cell (folded) of strokes with a "1" among them ("1" or "1h" for II, "i1"),
 * read as the group it stands for: its strokes counted as ocrNumeralStrokes counts them, or, with
 * an h (strokes run together), the next group in order; the reading is reported. Not "11": that is
 * sub-group 1.1 without its dot (ocrRowNumbering). Only in the summary, where every scored row is
 * a group: in the body a "1" may number an item.
 */
export function ocrStrokeNumbering(cell: string, order: TableOrder): { id: string; note: string } | null {
  const text = cell.trim().replace(/\.$/, '');
  if (!order.summary || !/^[ilh1]{1,3}$/.test(text) || !text.includes('1') || (text !== '1' && !/[ilh]/.test(text))) return null;
  const numeral = ocrNumeral(text).toUpperCase();
  const id = numeral === '?' ? intToRoman(order.next) : (ocrNumeralStrokes(numeral, order.next)?.id ?? numeral);
  return { id, note: readAsGroupNote(cell.trim(), id) };
}

/** The note of a numbering cell read as a group by the groups' order. */
function readAsGroupNote(read: string, id: string): string {
  return `Đọc số thứ tự “${read}” là nhóm ${id} (bản scan; theo thứ tự các nhóm).`;
}

/**
 * A decimal mark OCR read as the other one ("33.5" for "33,5", a comma's tail lost): a score
 * OCR'd with the other mark and one or two decimals (never a thousands group) is written with the
 * mark the document's scores use, and said. That is the scores' own mark where the text shows it
 * ("22.50 điểm" in a document whose percentages have commas), else the document's. Its value is
 * the same either way.
 */
export function documentDecimalMark(token: NumberToken, context: NumberContext): NumberToken {
  if (token.kind !== 'number' || token.decimals === 0) return token;
  const mark = scoreMark(context);
  const other = mark === '.' ? ',' : '.';
  const m = /^(\d+)[.,](\d{1,2})$/.exec(token.raw);
  if (!m || !token.raw.includes(other)) return token;
  const raw = `${m[1]}${mark}${m[2]}`;
  return { ...token, raw, ambiguity: token.ambiguity ?? `Đọc “${token.raw}” là ${raw} (bản scan; văn bản viết điểm với dấu thập phân là dấu ${mark === ',' ? 'phẩy' : 'chấm'}).` };
}

/** The decimal mark the document's scores are written with: their own where known, else the document's. */
function scoreMark(context: NumberContext): '.' | ',' {
  return (context.scoreStyle ?? context.style) === 'dot' ? '.' : ',';
}

/** The names of a table's maximum column, folded, words run together. */
const MAX_COLUMN_NAMES = ['diemchuan', 'diemtoida', 'toida', 'thangdiem'];

/**
 * The maximum column of an OCR'd table header whose name came out with a letter too many or too
 * few ("Điểmchuầẩn"): each cell's letters, run together, within one edit per 5 letters of a
 * name (Damerau–Levenshtein). "Điểm tự chấm" is 4 edits from "Điểm chuẩn". Null when none is.
 */
export function ocrMaxColumn(foldedCells: readonly string[]): number | null {
  const index = foldedCells.findIndex((cell) => {
    const letters = cell.replace(/[^a-z]/g, '');
    return letters.length > 0 && MAX_COLUMN_NAMES.some((name) => distance.DamerauLevenshteinDistance(letters, name) <= Math.floor(name.length / 5));
  });
  return index < 0 ? null : index;
}
