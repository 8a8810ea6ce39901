/**
 * A binary PGM (P5, 8-bit) read in JavaScript: the form a TIFF page reaches OCR in
 * (extractors/formats/tiff.ts) and that tesseract.js is given pages in (tables.ts toPgm).
 */
import { DoisoatError } from '../../core/errors.js';
import type { GrayImage } from './tables.js';

const corrupt = (why: string): DoisoatError => DoisoatError.withDetail('corrupt-file', `Ảnh PGM bị hỏng (${why}), không đọc được.`);

const isSpace = (c: number): boolean => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;

export interface PnmHeader {
  /** The header's first `count` numbers (width, height, then maxval where the kind has one). */
  numbers: number[];
  /** From a `# dpi N` comment (what extractors/formats/tiff.ts writes for a TIFF page), else null. */
  dpi: number | null;
  /** Where the numbers ended: the pixels start one white-space byte after. */
  end: number;
}

/**
 * A PNM header (P1–P6) after its two-byte magic: `count` ASCII numbers separated by white space,
 * # comments allowed, within the first 4 KiB; null if anything else stands there or numbers are missing.
 */
export function pnmHeader(b: Uint8Array, count: number): PnmHeader | null {
  let at = 2;
  const numbers: number[] = [];
  let dpi: number | null = null;
  const end = Math.min(b.length, 4096);
  while (numbers.length < count && at < end) {
    const c = b[at]!;
    if (isSpace(c)) at++;
    else if (c === 0x23) {
      const from = at;
      while (at < end && b[at] !== 0x0a) at++;
      const stated = /^# dpi (\d{2,4})$/.exec(String.fromCharCode(...b.subarray(from, at)));
      if (stated) dpi = Number(stated[1]);
    } else if (c >= 0x30 && c <= 0x39) {
      let n = 0;
      while (at < end && b[at]! >= 0x30 && b[at]! <= 0x39) n = n * 10 + (b[at++]! - 0x30);
      numbers.push(n);
    } else return null;
  }
  return numbers.length < count ? null : { numbers, dpi, end: at };
}

/** The pixels of a P5 PGM with maxval 255; null for any other PNM; `corrupt-file` if truncated. */
export function parsePgm(bytes: Uint8Array): GrayImage | null {
  if (bytes[0] !== 0x50 || bytes[1] !== 0x35) return null;
  const header = pnmHeader(bytes, 3);
  const [width, height, maxval] = header?.numbers ?? [];
  if (!header || width === undefined || height === undefined || maxval === undefined || !(width > 0 && height > 0)) throw corrupt('sai phần đầu');
  if (maxval !== 255) return null;
  const start = header.end + 1;
  if (bytes.length - start < width * height) throw corrupt('tệp bị cắt cụt');
  return { width, height, data: bytes.subarray(start, start + width * height) };
}
