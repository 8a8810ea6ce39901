/**
 * Line normalisation every reader applies: the text downstream matches on and shows to auditors.
 * Cheap, local fixes only; legacy encodings (TCVN3, VNI) are another module's job.
 */

// Zero-width joiners, word joiner and BOM glue characters together: dropping them keeps the word whole.
const INVISIBLE = /[\u00AD\u200C\u200D\u2060\uFEFF]/g;
// C0/C1 controls other than whitespace: leftovers of Word field codes and PDF text layers.
const CONTROL = /[\u0000-\u0008\u000E-\u001F\u007F-\u009F]/g;
// Every kind of space (\s covers tab, NBSP, U+2000–U+200A, U+202F, U+3000, line/paragraph separators)
// and the zero-width space, which marks a break opportunity, i.e. a word boundary.
const SPACES = /[\s\u200B\u180E]+/g;
// Latin ligatures some PDF fonts map to one code point; NFC leaves them, NFKC would change too much else.
const LIGATURES: Record<string, string> = {
  '\uFB00': 'ff',
  '\uFB01': 'fi',
  '\uFB02': 'fl',
  '\uFB03': 'ffi',
  '\uFB04': 'ffl',
  '\uFB05': 'st',
  '\uFB06': 'st',
};
// Word's Symbol-font bullets come out of PDFs as private-use code points.
const PRIVATE_BULLETS: Record<string, string> = { '\uF0B7': '•', '\uF0A7': '▪', '\uF0D8': '➢', '\uF0FC': '✓', '\uF02D': '-' };
const MAPPED = /[\uFB00-\uFB06\uF0B7\uF0A7\uF0D8\uF0FC\uF02D]/g;

/** NFC, one space for any run of whitespace, invisible characters and soft hyphens removed, trimmed. */
export function normalizeLine(s: string): string {
  return s
    .replace(INVISIBLE, '')
    .replace(CONTROL, '')
    .replace(MAPPED, (c) => LIGATURES[c] ?? PRIVATE_BULLETS[c] ?? c)
    .normalize('NFC')
    .replace(SPACES, ' ')
    .trim();
}
