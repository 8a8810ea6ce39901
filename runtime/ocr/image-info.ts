/**
 * Image headers, read before anything is decoded: the format and the pixel size of a PNG, JPEG,
 * TIFF, PNM or BMP, from its first bytes only. A 30000×30000 picture that is small on disk is
 * refused here (`too-large`) before any decoder allocates its pixels; bytes that do not hold a
 * readable header are `corrupt-file`; other formats are `unsupported-format`.
 */
import { DoisoatError } from '../../core/errors.js';
import { MAX_IMAGE_PIXELS } from '../../core/limits.js';
import { jpegOrientation, swapsSides } from './orientation.js';
import { pnmHeader } from './pgm.js';

export type ImageFormat = 'png' | 'jpeg' | 'tiff' | 'pnm' | 'bmp';

export interface ImageInfo {
  readonly format: ImageFormat;
  readonly width: number;
  readonly height: number;
  /** Resolution stated in the file (PNG pHYs, JPEG JFIF, TIFF tags), in dots per inch, if any. */
  readonly dpi: number | null;
  /** A JPEG's EXIF Orientation (orientation.ts) when it is not 1: the size above is as stored. */
  readonly orientation?: number;
}

/** The size as the picture is meant to be seen (a photo stored on its side, turned). */
export function shownSize(info: ImageInfo): { width: number; height: number } {
  return info.orientation && swapsSides(info.orientation) ? { width: info.height, height: info.width } : { width: info.width, height: info.height };
}

/**
 * The stated resolution if it can be true for a page: phones write 72 or 66 dpi whatever the
 * picture, which would tell tesseract a 4000-pixel page is 55 inches tall. Null otherwise (it
 * estimates the scale from the text itself).
 */
export function plausibleDpi(info: ImageInfo): number | null {
  if (!info.dpi) return null;
  const longest = Math.max(info.width, info.height) / info.dpi;
  // Inches: from an A6 card to an A3 sheet, with room either way.
  return longest >= 5 && longest <= 20 ? info.dpi : null;
}

/** 40 megapixels: an A4 page at 600 dpi is 35 MP; a 300-dpi page is 8.7 MP (the same limit holds for each TIFF page). */
export const DEFAULT_MAX_PIXELS = MAX_IMAGE_PIXELS;

/** The image format from the magic bytes, or null. */
export function imageFormatOf(bytes: Uint8Array): ImageFormat | null {
  const b = bytes;
  if (b.length >= 8 && b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47 && b[4] === 0x0d && b[5] === 0x0a && b[6] === 0x1a && b[7] === 0x0a) return 'png';
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'jpeg';
  if (b.length >= 4 && ((b[0] === 0x49 && b[1] === 0x49 && b[2] === 0x2a && b[3] === 0x00) || (b[0] === 0x4d && b[1] === 0x4d && b[2] === 0x00 && b[3] === 0x2a))) return 'tiff';
  if (b.length >= 3 && b[0] === 0x50 && b[1]! >= 0x31 && b[1]! <= 0x36 && isSpace(b[2]!)) return 'pnm';
  if (b.length >= 2 && b[0] === 0x42 && b[1] === 0x4d) return 'bmp';
  return null;
}

/** Reads the header; throws DoisoatError `unsupported-format` or `corrupt-file`. */
export function readImageInfo(bytes: Uint8Array): ImageInfo {
  if (bytes.length === 0) throw DoisoatError.withDetail('empty-file', 'Ảnh rỗng.');
  const format = imageFormatOf(bytes);
  if (format === null) {
    throw DoisoatError.withDetail('unsupported-format', 'Chỉ nhận ảnh PNG, JPEG, TIFF, PNM hoặc BMP.');
  }
  const info = parse(format, bytes);
  if (info === null || !(info.width > 0 && info.height > 0)) {
    throw DoisoatError.withDetail('corrupt-file', `Phần đầu của ảnh ${format.toUpperCase()} bị hỏng, không đọc được kích thước ảnh.`);
  }
  return info;
}

/**
 * Reads the header and refuses pictures above `maxPixels` with `too-large`, before decoding.
 */
export function checkImage(bytes: Uint8Array, maxPixels: number = DEFAULT_MAX_PIXELS): ImageInfo {
  const info = readImageInfo(bytes);
  const pixels = info.width * info.height;
  if (pixels > maxPixels) {
    throw DoisoatError.withDetail(
      'too-large',
      `Ảnh ${info.width}×${info.height} điểm ảnh (${megapixels(pixels)} megapixel), giới hạn ${megapixels(maxPixels)} megapixel.`,
    );
  }
  return info;
}

function megapixels(pixels: number): string {
  const mp = pixels / 1e6;
  return (mp >= 10 ? Math.round(mp).toString() : mp.toFixed(1)).replace('.', ',');
}

function parse(format: ImageFormat, b: Uint8Array): ImageInfo | null {
  try {
    switch (format) {
      case 'png':
        return parsePng(b);
      case 'jpeg':
        return parseJpeg(b);
      case 'tiff':
        return parseTiff(b);
      case 'pnm':
        return parsePnm(b);
      case 'bmp':
        return parseBmp(b);
    }
  } catch (err) {
    if (err instanceof RangeError) return null; // read past the end: a truncated header
    throw err;
  }
}

function view(b: Uint8Array): DataView {
  return new DataView(b.buffer, b.byteOffset, b.byteLength);
}

function ascii(b: Uint8Array, at: number, length: number): string {
  return String.fromCharCode(...b.subarray(at, at + length));
}

/** PNG: IHDR is the first chunk; pHYs, if present, comes before the first IDAT. */
function parsePng(b: Uint8Array): ImageInfo | null {
  const v = view(b);
  if (ascii(b, 12, 4) !== 'IHDR' || v.getUint32(8) !== 13) return null;
  const width = v.getUint32(16);
  const height = v.getUint32(20);
  let dpi: number | null = null;
  let at = 8;
  for (let chunks = 0; at + 8 <= b.length && chunks < 64; chunks++) {
    const length = v.getUint32(at);
    const type = ascii(b, at + 4, 4);
    if (type === 'IDAT' || type === 'IEND') break;
    if (type === 'pHYs' && length === 9 && at + 17 <= b.length && b[at + 16] === 1) {
      dpi = Math.round(v.getUint32(at + 8) * 0.0254);
    }
    at += 12 + length;
  }
  return { format: 'png', width, height, dpi: dpi || null };
}

/** JPEG: walk the markers to the first start-of-frame (SOF0–SOF15 but DHT, JPG and DAC). */
function parseJpeg(b: Uint8Array): ImageInfo | null {
  const v = view(b);
  let dpi: number | null = null;
  let at = 2;
  while (at < b.length) {
    if (b[at] !== 0xff) return null;
    while (b[at] === 0xff) at++; // fill bytes
    const marker = b[at++];
    if (marker === undefined) return null;
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) continue; // no length
    if (marker === 0xd9 || marker === 0xda) return null; // end of image or scan before any frame header
    const length = v.getUint16(at);
    if (length < 2) return null;
    if (marker === 0xe0 && ascii(b, at + 2, 5) === 'JFIF\0') {
      const units = b[at + 9];
      const x = v.getUint16(at + 10);
      if (units === 1 && x > 1) dpi = x;
      else if (units === 2 && x > 1) dpi = Math.round(x * 2.54);
    }
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      const orientation = jpegOrientation(b);
      return { format: 'jpeg', height: v.getUint16(at + 3), width: v.getUint16(at + 5), dpi, ...(orientation !== 1 ? { orientation } : {}) };
    }
    at += length;
  }
  return null;
}

/** Classic TIFF: the first IFD's ImageWidth (256), ImageLength (257) and resolution tags. */
function parseTiff(b: Uint8Array): ImageInfo | null {
  const v = view(b);
  const le = b[0] === 0x49;
  const u16 = (at: number): number => v.getUint16(at, le);
  const u32 = (at: number): number => v.getUint32(at, le);
  const ifd = u32(4);
  if (ifd < 8) return null;
  const count = u16(ifd);
  let width = 0;
  let height = 0;
  let xres: number | null = null;
  let unit = 2;
  for (let i = 0; i < count; i++) {
    const e = ifd + 2 + i * 12;
    const tag = u16(e);
    const type = u16(e + 2);
    const value = type === 3 ? u16(e + 8) : u32(e + 8);
    if (tag === 256) width = value;
    else if (tag === 257) height = value;
    else if (tag === 296) unit = value;
    else if (tag === 282 && type === 5) {
      const at = u32(e + 8);
      const den = u32(at + 4);
      if (den > 0) xres = u32(at) / den;
    }
  }
  const dpi = xres && xres > 1 ? Math.round(unit === 3 ? xres * 2.54 : xres) : null;
  return { format: 'tiff', width, height, dpi };
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}

/** PNM (P1–P6): width and height from the header (runtime/ocr/pgm.ts), and a stated resolution. */
function parsePnm(b: Uint8Array): ImageInfo | null {
  const header = pnmHeader(b, 2);
  return header ? { format: 'pnm', width: header.numbers[0]!, height: header.numbers[1]!, dpi: header.dpi } : null;
}

/** BMP: BITMAPCOREHEADER (12 bytes, 16-bit sizes) or a later header (32-bit, height signed). */
function parseBmp(b: Uint8Array): ImageInfo | null {
  const v = view(b);
  const header = v.getUint32(14, true);
  if (header === 12) return { format: 'bmp', width: v.getUint16(18, true), height: v.getUint16(20, true), dpi: null };
  if (header < 40) return null;
  const ppm = v.getInt32(38, true);
  return { format: 'bmp', width: v.getInt32(18, true), height: Math.abs(v.getInt32(22, true)), dpi: ppm > 0 ? Math.round(ppm * 0.0254) : null };
}
