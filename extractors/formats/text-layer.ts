/**
 * Whether a PDF page's text layer can be trusted, as Apache Tika's OCR strategy "auto" decides:
 * a page with (almost) no text, or whose text is mostly unmapped or garbled glyphs, is OCR'd;
 * other pages keep their text layer. A scan with a typed page number still counts as a scan.
 */

/** Fewer letters and digits than this on a page: treat it as an image. */
export const MIN_PAGE_CHARACTERS = 40;
/** More than this share of garbled characters: the text layer is not text. */
export const MAX_GARBLED_SHARE = 0.25;

/** Replacement character, private-use glyphs (unmapped fonts), controls, and C1 mojibake. */
const GARBLED = /[\uFFFD\uE000-\uF8FF\u0000-\u0008\u000E-\u001F\u007F-\u009F]/gu;
const MEANINGFUL = /[\p{L}\p{N}]/gu;

export function needsOcr(lines: readonly string[]): boolean {
  const text = lines.join('\n');
  const meaningful = text.match(MEANINGFUL)?.length ?? 0;
  if (meaningful < MIN_PAGE_CHARACTERS) return true;
  const garbled = text.match(GARBLED)?.length ?? 0;
  return garbled / (meaningful + garbled) > MAX_GARBLED_SHARE;
}
