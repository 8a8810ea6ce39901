/**
 * Who reports and for which year: "Xã Quang Trung, ngày … năm 2024", "UBND PHƯỜNG BẮC SƠN",
 * the title "… mức độ hoàn thành nhiệm vụ năm 2024".
 */
import type { Block } from './blocks.js';
import type { Unit } from './extraction.js';
import { UNIT_TYPES } from './patterns.js';

/** Lines this far into the document still count as its heading area. */
const HEAD_BLOCKS = 40;
const NAME_WORD = /^(?:[A-ZĐ\p{Lu}][\p{L}]*|\d{1,2})$/u;
const STOP_WORDS = new Set(['ngày', 'năm', 'tháng', 'huyện', 'thị', 'tỉnh', 'quận', 'thành', 'UBND', 'HĐND']);

export function readUnit(blocks: readonly Block[]): Unit | null {
  const head = blocks.slice(0, HEAD_BLOCKS);
  // 1. The place-and-date line: "Xã Quang Trung, ngày … năm 2024".
  for (const b of head) {
    const m = /^\s*(xa|phuong|thi\s+tran)\s+(.+?),\s*ngay\b/.exec(b.folded);
    if (m) {
      const unit = unitFrom(m[1]!, b.text.slice(m.index + m[0].indexOf(m[2]!), m.index + m[0].indexOf(m[2]!) + m[2]!.length));
      if (unit) return unit;
    }
  }
  // 2. The issuing body: "UBND XÃ QUANG TRUNG", "ỦY BAN NHÂN DÂN PHƯỜNG BẮC SƠN".
  for (const b of head) {
    const m = /(?:ubnd|uy\s+ban\s+nhan\s+dan)\s+(xa|phuong|thi\s+tran)\s+([^,;.]+)/.exec(b.folded);
    if (m) {
      const start = m.index + m[0].length - m[2]!.length;
      const unit = unitFrom(m[1]!, b.text.slice(start, start + m[2]!.length));
      if (unit) return unit;
    }
  }
  // 3. Prose: "… của xã Quang Trung …" (a capitalised name must follow).
  for (const b of blocks) {
    const re = /(?:^|[^a-z])(xa|phuong|thi\s+tran)\s+/g;
    for (let m = re.exec(b.folded); m; m = re.exec(b.folded)) {
      const start = m.index + m[0].length;
      const unit = unitFrom(m[1]!, b.text.slice(start, start + 60));
      if (unit) return unit;
    }
  }
  return null;
}

function unitFrom(foldedType: string, rawName: string): Unit | null {
  const type = UNIT_TYPES.find(([re]) => re.test(foldedType))?.[1];
  if (!type) return null;
  const words = rawName.trim().split(/[\s,;.()]+/).filter((w) => w.length > 0);
  const name: string[] = [];
  for (const w of words) {
    if (STOP_WORDS.has(w) || !NAME_WORD.test(w)) break;
    name.push(titleCase(w));
  }
  return name.length > 0 ? { type, name: name.join(' ') } : null;
}

/** "BẮC" → "Bắc", "Quang" stays. */
function titleCase(word: string): string {
  if (/^\d+$/.test(word)) return word;
  return word.charAt(0).toLocaleUpperCase('vi') + word.slice(1).toLocaleLowerCase('vi');
}

export function readYear(blocks: readonly Block[]): number | null {
  const head = blocks.slice(0, HEAD_BLOCKS);
  // The title's year ("… nhiệm vụ năm 2024") beats the signing date's.
  for (const b of head) {
    if (!/bao\s+cao|tu\s+danh\s+gia|xep\s+loai|nhiem\s+vu/.test(b.folded)) continue;
    const m = /nam\s+(\d{4})\b/.exec(b.folded);
    if (m) return Number(m[1]);
  }
  for (const b of head) {
    const m = /ngay\b.*\bnam\s+(\d{4})\b/.exec(b.folded);
    if (m) return Number(m[1]);
  }
  return null;
}
