/**
 * A binary PGM (P5, 8-bit) read in JavaScript: the form a TIFF page reaches OCR in
 * (extractors/formats/tiff.ts) and that tesseract.js is given pages in (tables.ts toPgm).
 */
import { DoisoatError } from '../../core/errors.js';
import type { GrayImage } from './tables.js';

const corrupt = (why: string): DoisoatError => DoisoatError.withDetail('corrupt-file', `Ảnh PGM bị hỏng (${why}), không đọc được.`);

/** The pixels of a P5 PGM with maxval 255; null for any other PNM; `corrupt-file` if truncated. */
export function parsePgm(bytes: Uint8Array): GrayImage | null {
  if (bytes[0] !== 0x50 || bytes[1] !== 0x35) return null;
  // Magic, width, height, maxval, each after white space or # comments; one white space byte, then the pixels.
  const fields: number[] = [];
  let at = 2;
  const end = Math.min(bytes.length, 4096);
  while (fields.length < 3 && at < end) {
    const c = bytes[at]!;
    if (c === 0x23) while (at < end && bytes[at] !== 0x0a) at++;
    else if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) at++;
    else if (c >= 0x30 && c <= 0x39) {
      let n = 0;
      while (at < end && bytes[at]! >= 0x30 && bytes[at]! <= 0x39) n = n * 10 + (bytes[at++]! - 0x30);
      fields.push(n);
    } else throw corrupt('sai phần đầu');
  }
  const [width, height, maxval] = fields;
  if (width === undefined || height === undefined || maxval === undefined || !(width > 0 && height > 0)) throw corrupt('sai phần đầu');
  if (maxval !== 255) return null;
  const start = at + 1;
  if (bytes.length - start < width * height) throw corrupt('tệp bị cắt cụt');
  return { width, height, data: bytes.subarray(start, start + width * height) };
}
