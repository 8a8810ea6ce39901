/**
 * Legacy Vietnamese encodings → Unicode NFC.
 *
 * Reports typed before Unicode (and many still typed today) use 8-bit fonts whose code points
 * are Latin-1 characters: Word, a PDF text layer or a .doc stores the code points, so the text
 * comes out as mojibake. Two encodings cover nearly all of them:
 *
 * - TCVN3 (TCVN 5712:1993 "VN3", the ABC charset; fonts .VnTime, .VnArial…): one code point per
 *   letter, "Tæng ®iÓm tù chÊm" = "Tổng điểm tự chấm". The charset has only the 14 base capitals
 *   (Ă Â Ê Ô Ơ Ư Đ = ¡ ¢ £ ¤ ¥ ¦ §) and the lower-case toned letters; capitals with a tone are
 *   typed in the upper-case fonts (.VnTimeH…) which draw the lower-case code points as capitals.
 *   The font is gone by the time text reaches us, so capitals are inferred: a legacy word with an
 *   ASCII capital past its first letter ("B¸O", "NhãM") is upper-cased whole, and so is every
 *   legacy word showing no lower-case ASCII letter in a line whose words are mostly in capitals
 *   ("CéNG HOµ X· HéI"; acronyms such as UBND do not count). A toned vowel starting a sentence
 *   ("… nhiÖm. ñy viªn") is capitalised: .VnTime had no capital for it.
 *   "ư" is 0xAD, the soft hyphen: kept here (normalizeLine would drop it), and where a PDF text
 *   layer turned it into "-" between two letters ("n-íc") it is restored when that makes one
 *   Vietnamese syllable ("nước").
 * - VNI (VNI-Windows; fonts VNI-Times…): a base letter followed by an accent character,
 *   "Toång ñieåm töï chaám" = "Tổng điểm tự chấm"; ơ ư đ ỉ ĩ ị ỵ are single characters (ô ö ñ æ ó ò î).
 *   Capitals have their own accent characters (AÙ = Á); a base and accent of different case is
 *   read with the base's case.
 *
 * Detection is per line (a paragraph, a table row on all its cells): a document may mix Unicode
 * headings with legacy body text. A line is converted on its own evidence only when
 * - it holds no character a legacy line cannot hold: ă đ ơ ư ạ…ỹ, combining marks (NFD text), C1
 *   controls, U+FFFD, and for TCVN3 the Latin-1 letters outside its table (à À Á Â Ã Í Ù Ú…);
 * - it holds at least two "signature" characters, inside words of two characters or more, in at
 *   least a fifth of its words: characters Unicode Vietnamese never uses (TCVN3 ¸ µ ® ª «…, a
 *   capital like Ó after a lower-case letter; VNI ñ ö å ä ë ï ø û ü æ î, or an accent character
 *   after its base, "aù" — but not "oà/oá/oã", which is Unicode "hoà/hoá" too);
 * - at least 80% of the words of two characters or more it changes become Vietnamese syllables
 *   (onset, vowel cluster, coda, one tone, a stop coda only with sắc or nặng), and 70% of all its
 *   words are syllables, acronyms or abbreviations once converted: that rules out German,
 *   French, Nordic names, units ("µm") and Latin-1 noise.
 * A line short of that ("Tæng", "9.5®)", "Sè: 168/BC-UBND") is converted when at least two other
 * lines of its block (a PDF page; the whole DOCX/DOC) were, in that encoding, and every word it
 * changes becomes a syllable, and it shows a signature, or does not read as Vietnamese
 * unchanged, or reads as more of this module's common report syllables converted ("Số" against
 * "Sè"). A line both encodings could read goes with its block.
 *
 * Known gaps: a line whose legacy characters are all also Unicode Vietnamese letters and that
 * reads as Vietnamese either way ("Mét sè" = "Một số" or "mét sè"; "Báo cáo" = itself or "Bỏo
 * cỏo") stays as it is, and so does any such line outside a legacy block; a toned capital
 * inside a sentence ("với ñy ban" for "Ủy ban") stays lower case, as it was typed; .VnTimeH text
 * typed in lower case comes out in lower case; TCVN3 capitals of the full TCVN 5712 "VN1" table
 * (C0/C1 positions) are not mapped, nor is VNI for DOS or VIQR; an "ư" the PDF producer dropped
 * (LibreOffice treats 0xAD as a soft hyphen: "ngời" for "người") cannot be restored.
 */

export type LegacyEncoding = 'tcvn3' | 'vni';

export interface DecodedText {
  readonly text: string;
  /** The encoding converted from, or null when the text was left as it is. */
  readonly encoding: LegacyEncoding | null;
}

// ---------------------------------------------------------------------------------------------
// Tables

/** Unicode letter → its TCVN3 code point (as the Latin-1 character), "unicode legacy" pairs. */
const TCVN3_PAIRS =
  'àµ ả¶ ã· á¸ ạ¹ ă¨ ằ» ẳ¼ ẵ½ ắ¾ ặÆ â© ầÇ ẩÈ ẫÉ ấÊ ậË đ® èÌ ẻÎ ẽÏ éÐ ẹÑ êª ềÒ ểÓ ễÔ ếÕ ệÖ ' +
  'ì× ỉØ ĩÜ íÝ ịÞ òß ỏá õâ óã ọä ô« ồå ổæ ỗç ốè ộé ơ¬ ờê ởë ỡì ớí ợî ùï ủñ ũò úó ụô ' +
  'ư\u00AD ừõ ửö ữ÷ ứø ựù ỳú ỷû ỹü ýý ỵþ Ă¡ Â¢ Ê£ Ô¤ Ơ¥ Ư¦ Đ§';

const TCVN3: ReadonlyMap<string, string> = new Map(
  TCVN3_PAIRS.split(' ').map((pair) => [pair.slice(1), pair.slice(0, 1)] as [string, string]),
);

/** TCVN3 code points that are also Unicode Vietnamese letters: no evidence on their own. */
const TCVN3_SHARED = new Set('áâãèéêìíòóôõùúý');
/** Capitals Unicode Vietnamese uses too: evidence only after a lower-case letter ("chÊm"). */
const TCVN3_SHARED_CAPITALS = new Set('ÈÉÊÌÒÓÔÕÝ');
/** Latin-1 letters outside the TCVN3 table: a line holding one is not TCVN3. */
const NOT_TCVN3 = /[ÀÁÂÃÄÅÍÙÚÛàðÿ]/g;
/** C1 controls and the replacement character: byte soup or a broken decoding, not a legacy font. */
const NOT_TEXT = /[\u0080-\u009F\uFFFD]/;
/** Letters of Unicode Vietnamese no legacy line holds, and combining marks (NFD text). */
const UNICODE_VIETNAMESE = /[\u0102\u0103\u0110\u0111\u0128\u0129\u0168\u0169\u01A0\u01A1\u01AF\u01B0\u1EA0-\u1EF9\u0300-\u036F]/;
/** TCVN3 code points that are symbols in Latin-1: inside a word they are no VNI (nor Unicode). */
const TCVN3_SYMBOLS = new Set('µ¶·¸¹¨»¼½¾©®ª«¬\u00AD¡¢£¤¥¦§×÷');

/** Unicode lower-case letter → its VNI spelling, "unicode legacy" pairs; capitals by toUpperCase. */
const VNI_PAIRS =
  'áaù àaø ảaû ãaõ ạaï âaâ ấaá ầaà ẩaå ẫaã ậaä ăaê ắaé ằaè ẳaú ẵaü ặaë ' +
  'éeù èeø ẻeû ẽeõ ẹeï êeâ ếeá ềeà ểeå ễeã ệeä ỉæ ĩó ịò ' +
  'óoù òoø ỏoû õoõ ọoï ôoâ ốoá ồoà ổoå ỗoã ộoä ơô ớôù ờôø ởôû ỡôõ ợôï ' +
  'úuù ùuø ủuû ũuõ ụuï ưö ứöù ừöø ửöû ữöõ ựöï ýyù ỳyø ỷyû ỹyõ ỵî đñ';

/** VNI sequences (one or two characters) → Unicode, every case combination of base and accent. */
const VNI: ReadonlyMap<string, string> = (() => {
  const map = new Map<string, string>();
  for (const pair of VNI_PAIRS.split(' ')) {
    const uni = pair.slice(0, 1);
    const seq = pair.slice(1);
    const upper = uni.toUpperCase();
    if (seq.length === 1) {
      map.set(seq, uni).set(seq.toUpperCase(), upper);
    } else {
      const [base, accent] = [seq.slice(0, 1), seq.slice(1)];
      map.set(base + accent, uni).set(base + accent.toUpperCase(), uni);
      map.set(base.toUpperCase() + accent.toUpperCase(), upper).set(base.toUpperCase() + accent, upper);
    }
  }
  return map;
})();

/** VNI characters that are never letters of Unicode Vietnamese. */
const VNI_ONLY = new Set('ñöæîåäëïøûüÑÖÆÎÅÄËÏØÛÜ');
/** Characters that are not VNI (nor part of it) inside a word. */
const NOT_VNI = /[ýÝþÞðÿßç]/g;

// ---------------------------------------------------------------------------------------------
// Vietnamese syllables

const ONSET = '(?:ngh|ng|nh|ch|gh|gi|kh|ph|th|tr|qu|[bcdđghklmnprstvx]|[fjwz])?';
const NUCLEUS = [
  'uyê', 'uya', 'uyu', 'uây', 'uôi', 'ươi', 'ươu', 'iêu', 'yêu', 'oai', 'oay', 'oeo',
  'ai', 'ao', 'au', 'ay', 'âu', 'ây', 'eo', 'êu', 'ia', 'iê', 'iu', 'oa', 'oă', 'oe', 'oi', 'ôi', 'ơi', 'oo',
  'ua', 'uâ', 'uê', 'ui', 'uô', 'uơ', 'uy', 'ưa', 'ưi', 'ươ', 'ưu', 'yê',
  'a', 'ă', 'â', 'e', 'ê', 'i', 'o', 'ô', 'ơ', 'u', 'ư', 'y',
].join('|');
const SYLLABLE = new RegExp(`^${ONSET}(?:${NUCLEUS})(ch|ng|nh|[cmnpt])?$`);
const TONE = /[\u0300\u0301\u0303\u0309\u0323]/g;
const ACRONYM = /^[A-ZĐ]{2,}$/;

/** One Vietnamese syllable (any case, NFC), or an acronym such as "HĐND". */
export function isVietnameseSyllable(word: string): boolean {
  return ACRONYM.test(word) || isSyllable(word);
}

function isSyllable(word: string): boolean {
  const nfd = word.toLowerCase().normalize('NFD');
  const tones = nfd.match(TONE) ?? [];
  if (tones.length > 1) return false;
  const base = nfd.replace(TONE, '').normalize('NFC');
  const m = SYLLABLE.exec(base);
  if (!m) return false;
  const coda = m[1];
  // A syllable closed by a stop (-c, -ch, -p, -t) carries sắc or nặng.
  if (coda === 'c' || coda === 'ch' || coda === 'p' || coda === 't') return tones[0] === '\u0301' || tones[0] === '\u0323';
  return true;
}

/** Consonants only: an abbreviation ("đ" in "8đ", "tr" in "tr.đ"), neither for nor against. */
const ABBREVIATION = /^[bcdđghklmnpqrstvxfjwz]+$/i;

/** Words already judged: a report repeats a few thousand syllables. Bounded, cleared when full. */
const judged = new Map<string, boolean>();

/** A syllable, an acronym or an abbreviation: what a converted word may become. */
function isWordLike(word: string): boolean {
  let ok = judged.get(word);
  if (ok === undefined) {
    ok = ABBREVIATION.test(word) || isVietnameseSyllable(word);
    if (judged.size >= 20_000) judged.clear();
    judged.set(word, ok);
  }
  return ok;
}

/**
 * Frequent syllables of these reports, to settle a short line whose legacy characters are all
 * Unicode letters too ("Sè: 168/BC-UBND" is "Số: …", "Báo cáo" is itself): the reading with more
 * of them wins, and only where the block around it is legacy.
 */
const COMMON = new Set(
  (
    'số một có các của và là được cho với mới tới lớn lớp giới những người này đó theo từ từng tự sự dự ' +
    'cụ cụm vụ phụ mục tục thục lục phục cũng cũ còn cùng hộ bộ độ tộc tốt tố cố phố tổ góp hóa hoá ' +
    'thuộc cuộc buộc muốn chung cộng công ý lý kỳ ký quý sở thủ chủ ủy uỷ ban nhân dân xã phường thị ' +
    'trấn huyện tỉnh báo cáo kết quả điểm chấm nhóm tiêu chí tổng đạt hoàn thành nhiệm kinh tế văn hội ' +
    'môi trường an ninh quốc phòng trật kế hoạch đánh giá xếp loại thu nhập bình quân đầu nghèo cận tỷ ' +
    'lệ triệu đồng tấn diện tích sản lượng lúa giao thông xây dựng cơ bản đất đai hồ sơ hành chính ' +
    'doanh nghiệp tư thôn khu gia đình học sinh trẻ em y bảo hiểm ngày tháng năm tăng giảm so kỳ ' +
    'đề nghị thưởng phạt trừ hình tình tên chú mô khá cao to nhỏ khó nó cô mét dùng thóc'
  ).split(' '),
);

// ---------------------------------------------------------------------------------------------
// Reading one line as each encoding

interface Reading {
  readonly encoding: LegacyEncoding;
  readonly text: string;
  /** Characters that rule the encoding out. */
  readonly contradictions: number;
  /** Signature characters (or VNI sequences). */
  readonly strong: number;
  /** Words holding a signature. */
  readonly strongWords: number;
  /** Words holding a letter, and how many of those are syllables (or acronyms…) once converted. */
  readonly words: number;
  readonly wordsValid: number;
  /** Words the conversion changes, and how many of those became syllables (all, and of 2+ characters). */
  readonly changed: number;
  readonly valid: number;
  readonly changedLong: number;
  readonly validLong: number;
  /** Changed words that are not syllables as they stand (the line read as Unicode). */
  readonly invalidAsIs: number;
  /** Changed words that are common syllables once converted, and as they stand. */
  readonly lexicon: number;
  readonly lexiconAsIs: number;
}

const LETTER = /\p{L}/u;
const MARK = /\p{M}/u;
const isLetter = (c: string): boolean => LETTER.test(c);
const isLowerLetter = (c: string): boolean => c !== c.toUpperCase() && c === c.toLowerCase();
const isAsciiLetter = (c: string): boolean => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');

/** Splits into words (runs of `isWordChar`) and the text between them, in order. */
function split(text: string, isWordChar: (c: string) => boolean): Array<{ word: boolean; text: string }> {
  const parts: Array<{ word: boolean; text: string }> = [];
  for (const c of text) {
    const word = isWordChar(c);
    const last = parts[parts.length - 1];
    if (last && last.word === word) last.text += c;
    else parts.push({ word, text: c });
  }
  return parts;
}

type Counts = { -readonly [K in Exclude<keyof Reading, 'encoding' | 'text' | 'contradictions'>]: Reading[K] };

function newCounts(): Counts {
  return { strong: 0, strongWords: 0, words: 0, wordsValid: 0, changed: 0, valid: 0, changedLong: 0, validLong: 0, invalidAsIs: 0, lexicon: 0, lexiconAsIs: 0 };
}

/** Adds one word, as written and as converted, to the evidence both encodings are judged on. */
function countWord(c: Counts, w: { asIs: string; out: string; length: number; counted: boolean; changed: boolean; signatures: number }): void {
  const ok = isWordLike(w.out);
  if (w.counted) {
    c.words++;
    if (ok) c.wordsValid++;
  }
  if (w.signatures > 0) {
    c.strong += w.signatures;
    c.strongWords++;
  }
  if (!w.changed) return;
  c.changed++;
  if (ok) c.valid++;
  if (w.length > 1) {
    c.changedLong++;
    if (ok) c.validLong++;
  }
  if (!isWordLike(w.asIs)) c.invalidAsIs++;
  if (COMMON.has(w.out.toLowerCase())) c.lexicon++;
  if (COMMON.has(w.asIs.toLowerCase())) c.lexiconAsIs++;
}

const isTcvn3WordChar = (c: string): boolean => TCVN3.has(c) || isLetter(c) || MARK.test(c);
const isVniWordChar = (c: string): boolean => isLetter(c) || MARK.test(c);

/** TCVN3 letters with no capital of their own: toned vowels (a capital is typed in .VnTimeH). */
const NO_TCVN3_CAPITAL = /^[^a-zăâêôơưđ]/;

function readTcvn3(text: string): Reading {
  const parts = split(text, isTcvn3WordChar);
  let contradictions = (text.match(NOT_TCVN3) ?? []).length;
  if (UNICODE_VIETNAMESE.test(text)) contradictions++;
  const counts = newCounts();
  const decoded: string[] = [];
  const wordsAt: Array<{ index: number; ascii: string; legacy: boolean }> = [];
  for (const part of parts) {
    if (!part.word) {
      decoded.push(part.text);
      continue;
    }
    const chars = [...part.text];
    let out = '';
    let signatures = 0;
    let legacy = false;
    chars.forEach((c, i) => {
      const u = TCVN3.get(c);
      if (u === undefined) {
        out += c;
        return;
      }
      legacy = true;
      out += u;
      const prev = i > 0 ? chars[i - 1]! : '';
      const prevLower = prev !== '' && isLowerLetter(TCVN3.get(prev) ?? prev);
      if (TCVN3_SHARED.has(c)) return;
      if (TCVN3_SHARED_CAPITALS.has(c)) {
        if (prevLower) signatures++;
        return;
      }
      // A character alone ("§ 3", "×", "«", "ü") is a symbol or a letter of anything: no evidence;
      // nor is µ starting a word ("µm", "µg": the micro sign; Vietnamese words seldom start with à).
      if (chars.length < 2 || (i === 0 && c === 'µ')) return;
      signatures++;
    });
    // .VnTimeH: an ASCII capital after a lower-case letter in a legacy word ("NhãM").
    if (legacy && chars.some((c, i) => i > 0 && c >= 'A' && c <= 'Z' && isLowerLetter(chars[i - 1]!))) signatures++;
    // A toned vowel starting a sentence was a capital the font could not hold ("… nhiệm. ủy viên").
    const before = decoded[decoded.length - 1];
    if (legacy && decoded.length >= 2 && before !== undefined && /[.!?]\s+$/.test(before) && isLowerLetter(out.slice(0, 1)) && NO_TCVN3_CAPITAL.test(out)) {
      out = out.slice(0, 1).toUpperCase() + out.slice(1);
    }
    countWord(counts, { asIs: part.text, out, length: chars.length, counted: chars.some(isLetter) || legacy, changed: legacy, signatures });
    wordsAt.push({ index: decoded.length, ascii: chars.filter(isAsciiLetter).join(''), legacy });
    decoded.push(out);
  }
  upperCaseVnTimeH(decoded, wordsAt);
  return {
    encoding: 'tcvn3',
    text: restoreHyphenU(decoded.join('')),
    contradictions,
    ...counts,
  };
}

/**
 * .VnTimeH draws lower-case code points as capitals: a legacy word whose ASCII letters are
 * capitals past its first letter is upper-cased, and every legacy word of a line whose words
 * that show their case (two ASCII letters or more, not an acronym, or any lower-case one) are
 * mostly capitals, unless the word shows lower case itself ("PhÇn I. KH¸I QU¸T").
 */
function upperCaseVnTimeH(decoded: string[], words: ReadonlyArray<{ index: number; ascii: string; legacy: boolean }>): void {
  let capitals = 0;
  let lower = 0;
  for (const { index, ascii, legacy } of words) {
    if (/[a-z]/.test(ascii)) lower++;
    // Acronyms ("Sè: 168/BC-UBND") say nothing of the font: words in capitals do ("QUANG").
    else if (ascii.length >= 2 && (legacy || isSyllable(decoded[index]!))) capitals++;
  }
  const wholeLine = capitals >= 2 && capitals >= 4 * lower;
  for (const { index, ascii, legacy } of words) {
    if (legacy && ((wholeLine && !/[a-z]/.test(ascii)) || /^.+[A-Z]/.test(ascii))) decoded[index] = decoded[index]!.toUpperCase();
  }
}

/** "n-ớc" → "nước": a PDF text layer may give TCVN3's ư (0xAD) as a hyphen. */
function restoreHyphenU(text: string): string {
  if (!text.includes('-')) return text;
  return text.replace(/(\p{L}+)-(\p{L}+)/gu, (m: string, a: string, b: string) => {
    const word = `${a}${isUpperWord(a) && isUpperWord(b) ? 'Ư' : 'ư'}${b}`;
    return isVietnameseSyllable(word) ? word : m;
  });
}

const isUpperWord = (s: string): boolean => s === s.toUpperCase() && s !== s.toLowerCase();

function readVni(text: string): Reading {
  const parts = split(text, isVniWordChar);
  let contradictions = (text.match(NOT_VNI) ?? []).length;
  if (UNICODE_VIETNAMESE.test(text)) contradictions++;
  for (const part of split(text, isTcvn3WordChar)) {
    const chars = [...part.text];
    if (part.word && chars.length > 1) contradictions += chars.filter((c) => TCVN3_SYMBOLS.has(c)).length;
  }
  const counts = newCounts();
  let out = '';
  for (const part of parts) {
    if (!part.word) {
      out += part.text;
      continue;
    }
    const chars = [...part.text];
    let word = '';
    let signatures = 0;
    let touched = false;
    for (let i = 0; i < chars.length; i++) {
      const c = chars[i]!;
      const two = c + (chars[i + 1] ?? '');
      const pair = chars.length > i + 1 ? VNI.get(two) : undefined;
      if (pair !== undefined) {
        word += pair;
        touched = true;
        // o + à/á/ã is also Unicode written with the old tone placement ("hoà", "hoá").
        if (!/^[oO][àáãÀÁÃ]$/.test(two)) signatures++;
        i++;
        continue;
      }
      const single = VNI.get(c);
      if (single !== undefined && single !== c) {
        word += single;
        touched = true;
        if (VNI_ONLY.has(c) && chars.length > 1) signatures++;
        continue;
      }
      word += c;
    }
    countWord(counts, { asIs: part.text, out: word, length: chars.length, counted: true, changed: touched, signatures });
    out += word;
  }
  return { encoding: 'vni', text: out, contradictions, ...counts };
}

// ---------------------------------------------------------------------------------------------
// Deciding

/** Legacy code points all lie in Latin-1's upper half: a line without one is left alone at once. */
const MAYBE_LEGACY = /[\u00A1-\u00FF]/;

/** The reading a line supports on its own evidence, if any. */
function confident(r: Reading): boolean {
  return (
    r.contradictions === 0 &&
    r.changed > 0 &&
    r.strong >= 2 &&
    r.strongWords * 5 >= r.words &&
    // One-character words ("ü", "®") are symbols or letters of anything: they neither help nor hurt.
    r.validLong * 5 >= r.changedLong * 4 &&
    r.wordsValid * 10 >= r.words * 7
  );
}

/** The reading a line supports once other lines of its block were found in that encoding. */
function plausible(r: Reading): boolean {
  return (
    r.contradictions === 0 &&
    r.changed > 0 &&
    r.valid === r.changed &&
    r.wordsValid * 10 >= r.words * 7 &&
    (r.strong > 0 || r.invalidAsIs > 0 || r.lexicon > r.lexiconAsIs)
  );
}

function readings(text: string): Reading[] {
  return [readTcvn3(text), readVni(text)];
}

/** The accepted reading with the most syllables, then common syllables, then signatures. */
function best(rs: readonly Reading[], accept: (r: Reading) => boolean): Reading | null {
  const key = (r: Reading): number[] => [r.valid, r.lexicon, r.strong];
  let chosen: Reading | null = null;
  for (const r of rs) {
    if (!accept(r)) continue;
    if (!chosen) chosen = r;
    else {
      const [a, b] = [key(r), key(chosen)];
      const i = a.findIndex((x, k) => x !== b[k]);
      if (i >= 0 && a[i]! > b[i]!) chosen = r;
    }
  }
  return chosen;
}

/**
 * Decodes a block of units, each a line or a table row given as its cells: the encoding is
 * decided per unit (a row on all its cells together, then each cell converted), with the
 * block's confident units lending their encoding to the short ones. Units found to be Unicode
 * come back exactly as given.
 */
export function decodeLegacyUnits(units: ReadonlyArray<readonly string[]>): Array<{ cells: string[]; encoding: LegacyEncoding | null }> {
  const analysed = units.map((cells) => {
    const joined = cells.join(' | ').normalize('NFC');
    if (!MAYBE_LEGACY.test(joined) || UNICODE_VIETNAMESE.test(joined) || NOT_TEXT.test(joined)) return null;
    const rs = readings(joined);
    return { rs, sure: rs.filter(confident) };
  });
  // The block's encoding: what its lines that support one encoding only are in.
  const votes = { tcvn3: 0, vni: 0 };
  for (const a of analysed) if (a?.sure.length === 1) votes[a.sure[0]!.encoding]++;
  const hint: LegacyEncoding | null =
    votes.tcvn3 >= 2 && votes.tcvn3 > votes.vni ? 'tcvn3' : votes.vni >= 2 && votes.vni > votes.tcvn3 ? 'vni' : null;
  const inHint = (r: Reading): boolean => r.encoding === hint;
  return units.map((cells, i) => {
    const a = analysed[i];
    let encoding: LegacyEncoding | null = null;
    if (a && a.sure.length > 0) encoding = (best(a.sure.filter(inHint), confident) ?? best(a.sure, confident))!.encoding;
    else if (a && hint) encoding = best(a.rs.filter(inHint), plausible)?.encoding ?? null;
    if (!encoding) return { cells: [...cells], encoding: null };
    // A line is converted by the reading that decided it; a row's cells one by one.
    if (cells.length === 1) return { cells: [a!.rs.find((r) => r.encoding === encoding)!.text.normalize('NFC')], encoding };
    return { cells: cells.map((c) => convert(c, encoding)), encoding };
  });
}

/** Converts text known to be in `encoding`, line by line as the detector reads it. */
function convert(text: string, encoding: LegacyEncoding): string {
  const nfc = text.normalize('NFC');
  return (encoding === 'tcvn3' ? readTcvn3(nfc) : readVni(nfc)).text.normalize('NFC');
}

/**
 * Detects TCVN3 or VNI mojibake line by line (lines split at line breaks, each decided on its
 * own evidence and, when short, on its neighbours') and converts it to Unicode NFC. Text found
 * to be Unicode comes back unchanged; `encoding` is the encoding converted from (the one most
 * lines were in), or null when nothing was converted.
 */
export function decodeLegacyVietnamese(text: string): DecodedText {
  const pieces = text.split(/(\r\n|\n|\r)/);
  const lines = pieces.filter((_, i) => i % 2 === 0);
  const decoded = decodeLegacyUnits(lines.map((l) => [l]));
  const counts = { tcvn3: 0, vni: 0 };
  for (const d of decoded) if (d.encoding) counts[d.encoding]++;
  if (counts.tcvn3 === 0 && counts.vni === 0) return { text, encoding: null };
  const out = pieces.map((p, i) => (i % 2 === 0 ? decoded[i / 2]!.cells[0]! : p)).join('');
  return { text: out, encoding: counts.vni > counts.tcvn3 ? 'vni' : 'tcvn3' };
}
