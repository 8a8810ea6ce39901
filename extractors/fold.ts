/**
 * Accent folding for matching the idea, not the spelling: "Tổng điểm tự chấm" and
 * "TONG DIEM TU CHAM" both fold to "tong diem tu cham". For NFC Vietnamese every letter folds to
 * exactly one character, so offsets in the folded string are offsets in the original: matches
 * found on folded text are cut from the original text at the same positions.
 */
const COMBINING = /[\u0300-\u036f]/g;

export function fold(text: string): string {
  let out = '';
  for (const ch of text) {
    const base = ch === 'đ' || ch === 'Đ' ? 'd' : ch.normalize('NFD').replace(COMBINING, '').toLowerCase();
    // Keep one character per UTF-16 unit of the input so offsets line up.
    out += base.length === ch.length ? base : ch.length === 1 ? (base[0] ?? ch) : ch;
  }
  return out;
}
