/**
 * Whether a PNG or JPEG is whole, before its pixels are read from the canvas's decoding.
 *
 * The canvas (Skia) decodes damaged files leniently: a truncated or scrambled PNG comes out white
 * below the damage, a JPEG grey, with no error. Read so, a damaged page would lose its lower part
 * without a word, so the file's structure is checked first and a damaged one is `corrupt-file`,
 * as leptonica (inside tesseract) judges it:
 * - PNG: every chunk whole with its CRC, up to IEND, and the image data a complete zlib stream;
 * - JPEG: every segment in place up to EOI; inside entropy-coded data a 0xFF byte is only stuffing,
 *   fill, a restart marker in sequence, or the marker that ends the scan.
 * A JPEG bit error that breaks no marker is not seen here (nor, most often, by libjpeg).
 */
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { DoisoatError } from '../../core/errors.js';

const inflate = promisify(zlib.inflate);

const corrupt = (format: string, why: string): DoisoatError => DoisoatError.withDetail('corrupt-file', `Ảnh ${format} bị hỏng (${why}), không đọc được.`);

/** Rejects with `corrupt-file` unless the PNG is whole. `maxBytes` bounds the inflated data. */
export async function checkPng(bytes: Uint8Array, maxBytes: number): Promise<void> {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const idat: Buffer[] = [];
  let at = 8;
  for (;;) {
    if (at + 12 > buf.length) throw corrupt('PNG', 'tệp bị cắt cụt');
    const length = buf.readUInt32BE(at);
    const end = at + 12 + length;
    if (end > buf.length) throw corrupt('PNG', 'tệp bị cắt cụt');
    const type = buf.toString('latin1', at + 4, at + 8);
    if (zlib.crc32(buf.subarray(at + 4, at + 8 + length)) !== buf.readUInt32BE(at + 8 + length)) {
      throw corrupt('PNG', `sai mã kiểm tra của khối ${type}`);
    }
    if (type === 'IDAT') idat.push(buf.subarray(at + 8, at + 8 + length));
    if (type === 'IEND') break;
    at = end;
  }
  if (idat.length === 0) throw corrupt('PNG', 'không có dữ liệu ảnh');
  try {
    await inflate(Buffer.concat(idat), { maxOutputLength: maxBytes });
  } catch {
    throw corrupt('PNG', 'dữ liệu ảnh nén không trọn vẹn');
  }
}


/** Throws `corrupt-file` unless the JPEG's segments and scans are whole up to EOI. */
export function checkJpeg(bytes: Uint8Array): void {
  const b = bytes;
  let at = 2; // after SOI
  for (;;) {
    // A marker: 0xFF (fill bytes allowed), then its code.
    if (at >= b.length || b[at] !== 0xff) throw corrupt('JPEG', at >= b.length ? 'tệp bị cắt cụt' : 'sai cấu trúc');
    while (at < b.length && b[at] === 0xff) at++;
    if (at >= b.length) throw corrupt('JPEG', 'tệp bị cắt cụt');
    const marker = b[at++]!;
    if (marker === 0xd9) return;
    // 0x02–0xBF are reserved codes no encoder writes; SOI and RST0–7 belong elsewhere.
    if ((marker < 0xc0 && marker !== 0x01) || marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7)) throw corrupt('JPEG', 'sai cấu trúc');
    if (marker === 0x01) continue; // TEM stands alone, without a length
    if (at + 2 > b.length) throw corrupt('JPEG', 'tệp bị cắt cụt');
    const length = (b[at]! << 8) | b[at + 1]!;
    if (length < 2) throw corrupt('JPEG', 'sai cấu trúc');
    at += length;
    if (at > b.length) throw corrupt('JPEG', 'tệp bị cắt cụt');
    if (marker !== 0xda) continue;
    // Entropy-coded data after SOS, up to the next marker.
    let restart = 0;
    for (;;) {
      if (at + 1 >= b.length) throw corrupt('JPEG', 'tệp bị cắt cụt');
      if (b[at] !== 0xff) {
        at++;
        continue;
      }
      const next = b[at + 1]!;
      if (next === 0x00 || next === 0xff) {
        at += next === 0x00 ? 2 : 1;
        continue;
      }
      if (next >= 0xd0 && next <= 0xd7) {
        if (next - 0xd0 !== restart) throw corrupt('JPEG', 'sai thứ tự điểm khởi động lại');
        restart = (restart + 1) % 8;
        at += 2;
        continue;
      }
      break; // the marker after the scan, read by the loop above
    }
  }
}

/**
 * Throws or rejects with `corrupt-file` unless a PNG or JPEG of `width`×`height` is whole;
 * other formats are not checked here (the canvas does not give their pixels to the page pass).
 */
export async function checkIntact(bytes: Uint8Array, format: string, width: number, height: number): Promise<void> {
  // 16-bit RGBA is 8 bytes a pixel, plus a filter byte a row.
  if (format === 'png') await checkPng(bytes, width * height * 8 + height + 1024);
  else if (format === 'jpeg') checkJpeg(bytes);
}
