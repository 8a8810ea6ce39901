/**
 * Repairs of OCR text, applied to OCR'd lines only (never to a text layer):
 * - digit confusions (O→0, o→0, l/I/|→1, S→5, B→8) inside numbers only: "2l,3" → "21,3",
 *   "O4 điểm" → "04 điểm"; a word like "ISO" or a roman numeral "II" is left alone;
 * - specks read as punctuation before a line's first word (": .„.. UBND XÃ", ".Số điểm của nhóm
 *   IV") dropped, a bullet or a sign among them kept; a comma between two letters ("CHÍ,II") or a
 *   full stop between two small ones ("của.nhóm") is a space, as typed text never glues one there;
 * - "7/5/10 điểm" for "7,5/10 điểm" (a score over its maximum, the comma read as a slash);
 * - "điểm" after a number at the end of a sentence, one letter misread ("82,5 điển.", "9 diém");
 * - the report's key phrases matched tolerantly (Damerau–Levenshtein on accent-folded words)
 *   and restored: "Nh6m tiêu chi" → "Nhóm tiêu chí", "Tông điêm tư châm" → "Tổng điểm tự chấm".
 *   Only multi-word phrases: single words are too easily another real word (điện / điểm).
 */
import distance from 'natural/lib/natural/distance/levenshtein_distance.js';
import { fold } from '../fold.js';

const CONFUSION: Record<string, string> = { O: '0', o: '0', D: '0', l: '1', I: '1', '|': '1', i: '1', S: '5', s: '5', B: '8', Z: '2', z: '2' };

/** A run of digits and look-alikes, possibly with decimal/thousand marks, holding ≥ 1 real digit. */
const NUMERIC_RUN = /(?<![\p{L}\p{N}])[0-9OoDlI|iSsBZz]+(?:[.,][0-9OoDlI|iSsBZz]+)*/gu;
const LOOK_ALIKE = /[OoDlI|iSsBZz]/;

export function repairDigits(text: string): string {
  return text.replace(NUMERIC_RUN, (run, offset: number) => {
    // "2lần": a look-alike that starts a word glued to a number is a letter.
    const next = text[offset + run.length] ?? '';
    if (/\p{L}/u.test(next) && LOOK_ALIKE.test(run[run.length - 1]!)) return run;
    const digits = run.replace(/[.,]/g, '');
    // Only where the run is mostly digits already: "2l" yes, "Is" or "ISO" no.
    const real = (digits.match(/\d/g) ?? []).length;
    if (real === 0 || real < digits.length - real) return run;
    return run.replace(/[OoDlI|iSsBZz]/g, (c) => CONFUSION[c] ?? c);
  });
}

/** Canonical phrases, longest first. */
const PHRASES = [
  'Tổng điểm tự chấm',
  'Tổng hợp kết quả',
  'Nhóm tiêu chí',
  'Kết quả tự đánh giá',
  'Điểm thưởng',
  'Hoàn thành xuất sắc',
  'Hoàn thành tốt',
  'Không hoàn thành',
  'nhiệm vụ',
  'Tổng cộng',
  'xếp loại',
  'tự chấm',
  'điểm tự chấm',
  'điểm đạt',
].map((p) => ({ text: p, folded: fold(p.toLowerCase()), words: p.split(' ').length }));

interface Word {
  text: string;
  start: number;
  end: number;
}

function wordsOf(text: string): Word[] {
  const out: Word[] = [];
  for (const m of text.matchAll(/[\p{L}\p{N}|]+/gu)) out.push({ text: m[0], start: m.index, end: m.index + m[0].length });
  return out;
}

/** Allowed edits for a phrase of this folded length: 1 per 6 letters, at most 3. */
function tolerance(length: number): number {
  return Math.min(3, Math.floor(length / 6));
}

export function repairPhrases(text: string): string {
  const words = wordsOf(text);
  const replacements: Array<{ start: number; end: number; text: string }> = [];
  let i = 0;
  while (i < words.length) {
    let matched = false;
    for (const phrase of PHRASES) {
      if (i + phrase.words > words.length) continue;
      const window = words.slice(i, i + phrase.words);
      const candidate = fold(window.map((w) => w.text).join(' ').toLowerCase());
      const start = window[0]!.start;
      const end = window[window.length - 1]!.end;
      if (candidate === phrase.folded && text.slice(start, end).toLowerCase() === phrase.text.toLowerCase()) break; // already right
      if (Math.abs(candidate.length - phrase.folded.length) > 2) continue;
      // Equal once folded: only accents were lost (tôt → tốt), restore them.
      const d = distance.DamerauLevenshteinDistance(candidate, phrase.folded);
      if (d > tolerance(phrase.folded.length)) continue;
      const upper = text.slice(start, end) === text.slice(start, end).toUpperCase();
      replacements.push({ start, end, text: upper ? phrase.text.toUpperCase() : matchInitial(text[start]!, phrase.text) });
      i += phrase.words;
      matched = true;
      break;
    }
    if (!matched) i++;
  }
  let out = text;
  for (const r of replacements.reverse()) out = out.slice(0, r.start) + r.text + out.slice(r.end);
  return out;
}

function matchInitial(first: string, phrase: string): string {
  const upper = first === first.toUpperCase() && first !== first.toLowerCase();
  return (upper ? phrase.charAt(0).toUpperCase() : phrase.charAt(0).toLowerCase()) + phrase.slice(1);
}

/**
 * What comes before a line's first letter, digit or bracket. The strokes of a roman numeral (|, !,
 * [, ]) are never taken for specks: "|. Phát triển …" is the row of group I.
 */
const LEADING = /^[^\p{L}\p{N}(|!\[\]]+/u;
const BULLET_OR_SIGN = /[-–+•]/;
const COMMA_IN_WORDS = /(?<=\p{L}),(?=\p{L})|(?<=\p{Ll})\.(?=\p{Ll})/gu;

/** "Số điểm -của nhóm II": a speck read as a dash glued to a small word, after a word. */
const DASH_BEFORE_WORD = /(?<=\p{L} )[-–](?=\p{Ll})/gu;

/** "tự chấm: 8,5-điểm": a speck read as a dash between a number and the small word after it. */
const DASH_AFTER_NUMBER = /(?<=\d)[-–](?=\p{Ll})/gu;

/** "trừ-1,5 điểm": a minus glued to the small word before its number. */
const SIGN_AFTER_WORD = /(?<=\p{Ll})(?=[-–]\d)/gu;

export function repairPunctuation(text: string): string {
  const out = text.replace(COMMA_IN_WORDS, ' ').replace(DASH_BEFORE_WORD, '').replace(DASH_AFTER_NUMBER, ' ').replace(SIGN_AFTER_WORD, ' ');
  const lead = LEADING.exec(out);
  if (!lead) return out;
  const rest = out.slice(lead[0].length);
  const mark = BULLET_OR_SIGN.exec(lead[0]);
  if (!mark) return rest;
  // A sign stays glued to its number ("-0,5 điểm"), a bullet is followed by a space.
  const glued = mark.index === lead[0].length - 1 && /^\d/.test(rest);
  return glued ? `${mark[0]}${rest}` : `${mark[0]} ${rest}`;
}

/** "7;5 điểm", "7;9%", "0, 5 điểm": a decimal comma read as a semicolon or split by a space, before a score's or a rate's unit. */
const SEMICOLON_DECIMAL = /(?<=\d)(?:;|[,;] )(?=\d{1,2}\s*(?:điểm|%))/gu;

export function repairSemicolonDecimal(text: string): string {
  return text.replace(SEMICOLON_DECIMAL, ',');
}

/** "7/5/10 điểm": a score's decimal comma read as a slash, before its maximum. */
const SLASHED_DECIMAL = /(?<![\d/])(\d{1,2})\/(\d{1,2})\/(\d{1,3})(?=\s*(?:điểm|đ)(?!\p{L}))/gu;

export function repairSlashedDecimal(text: string): string {
  return text.replace(SLASHED_DECIMAL, (whole, a: string, b: string, max: string) => (Number(`${a}.${b}`) <= Number(max) ? `${a},${b}/${max}` : whole));
}

/** A number, then a word of four letters ending the sentence or the line. */
const UNIT_AFTER_NUMBER = /(?<=\d\s?)([\p{L}]{4})(?=\s*[.;,)]?\s*$|\s*[.;)]\s)/gu;

export function repairPointsUnit(text: string): string {
  return text.replace(UNIT_AFTER_NUMBER, (word) => {
    const folded = fold(word.toLowerCase());
    if (!folded.startsWith('d')) return word;
    if (word.toLowerCase() === 'điểm' || distance.DamerauLevenshteinDistance(folded, 'diem') > 1) return word;
    if (word === word.toUpperCase()) return 'ĐIỂM';
    return word[0] === word[0]!.toUpperCase() ? 'Điểm' : 'điểm';
  });
}

/** A line that is only a three-letter word one letter from "điểm" ("iểm", the unit of a score that wrapped): "điểm". */
const LONE_UNIT = /^(\s*)(\p{L}{3})(\s*[.;,)]*\s*)$/u;

export function repairLoneUnit(text: string): string {
  const m = LONE_UNIT.exec(text);
  if (!m || distance.DamerauLevenshteinDistance(fold(m[2]!.toLowerCase()), 'diem') > 1) return text;
  return `${m[1]}${m[2] === m[2]!.toUpperCase() ? 'ĐIỂM' : 'điểm'}${m[3]}`;
}

/** A line of text read by OCR. */
export function repairOcrLine(text: string): string {
  return repairLoneUnit(repairPointsUnit(repairSlashedDecimal(repairSemicolonDecimal(repairOcrCell(repairPunctuation(text))))));
}

/** Specks read as marks around a cell's number ("....24", "93."); a sign stays. */
const CELL_NUMBER_SPECKS = /^[\s.,:;'"`„“”]+(?=\d[\d.,]*[\s.,:;'"`„“”]*$)|(?<=\d)[.,:;'"`„“”]+\s*$/gu;

/** A table cell read by OCR: a lone dash or a stroke there means something. */
export function repairOcrCell(text: string): string {
  // A numbering ("2.1.", "3.") keeps its dot.
  const cleaned = /^\s*\d(?:\.\d{1,2})?\.\s*$/.test(text) ? text : text.replace(CELL_NUMBER_SPECKS, '');
  return repairPhrases(repairDigits(cleaned));
}
