/**
 * TIFF pages to grayscale pixels, with utif2 (pure JavaScript). @napi-rs/canvas cannot decode
 * TIFF and crashes the process (SIGSEGV) when given one, so TIFF bytes never reach native code:
 * each page is decoded here, in JavaScript, where a hostile file can only throw. Scanners write
 * multi-page TIFFs (one page an IFD), LZW or CCITT G4 (bilevel), sometimes 16 bits a sample;
 * utif2 reads them all. Each page's size is checked from its tags before its pixels are decoded.
 */
import UTIF from 'utif2';
import { DoisoatError } from '../../core/errors.js';
import { MAX_IMAGE_PIXELS } from '../../core/limits.js';
import { checkDirectoryChain, guardUtif } from './tiff-guards.js';

// Broken streams throw instead of looping (tiff-guards.ts).
guardUtif();

/** 8-bit grayscale pixels, row by row, and the page's resolution if the file states one. */
export interface GrayPixels {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array;
  readonly dpi: number | null;
}

/** The pages of a TIFF, parsed but not decoded. */
export interface TiffFile {
  readonly bytes: Uint8Array;
  readonly pages: readonly UTIF.IFD[];
}

const corrupt = (why: string, cause?: unknown): DoisoatError => DoisoatError.withDetail('corrupt-file', `Ảnh TIFF bị hỏng (${why}), không đọc được.`, cause);

function arrayBufferOf(bytes: Uint8Array): ArrayBuffer {
  // utif2 reads from offset 0 of the buffer it is given. A copy, never Buffer#slice (a view).
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? (bytes.buffer as ArrayBuffer) : (new Uint8Array(bytes).buffer as ArrayBuffer);
}

/** A tag's first value; a RATIONAL ([numerator, denominator]) as its quotient. */
function tagNumber(ifd: UTIF.IFD, tag: number): number | null {
  const v: unknown = ifd[`t${tag}`];
  const first: unknown = Array.isArray(v) ? v[0] : v;
  if (typeof first === 'number') return first;
  if (Array.isArray(first) && typeof first[0] === 'number' && typeof first[1] === 'number' && first[1] !== 0) return first[0] / first[1];
  return null;
}

/** Parses a TIFF's directories; its pages are those holding an image that is not a thumbnail. */
export function openTiff(bytes: Uint8Array): TiffFile {
  let ifds: UTIF.IFD[];
  try {
    checkDirectoryChain(bytes);
    ifds = UTIF.decode(arrayBufferOf(bytes));
  } catch (err) {
    throw corrupt('sai cấu trúc thư mục ảnh', err);
  }
  // NewSubfileType (254) bit 0: a reduced-resolution copy of another page.
  const pages = ifds.filter((ifd) => tagNumber(ifd, 256) !== null && tagNumber(ifd, 257) !== null && ((tagNumber(ifd, 254) ?? 0) & 1) === 0);
  if (pages.length === 0) throw corrupt('không có trang ảnh nào');
  return { bytes, pages };
}

/** Page `index` (0-based) in grayscale; `too-large` above `maxPixels`, `corrupt-file` if undecodable. */
export function tiffPageGray(tiff: TiffFile, index: number, maxPixels: number = MAX_IMAGE_PIXELS): GrayPixels {
  const ifd = tiff.pages[index];
  if (!ifd) throw DoisoatError.withDetail('corrupt-file', `Ảnh TIFF không có trang ${index + 1}.`);
  const width = tagNumber(ifd, 256)!;
  const height = tagNumber(ifd, 257)!;
  if (!(width > 0 && height > 0)) throw corrupt('kích thước ảnh không hợp lệ');
  if (width * height > maxPixels) {
    throw DoisoatError.withDetail(
      'too-large',
      `Trang ${index + 1} của ảnh TIFF có ${width}×${height} điểm ảnh (${megapixels(width * height)} megapixel), giới hạn ${megapixels(maxPixels)} megapixel.`,
    );
  }
  let rgba: Uint8Array;
  try {
    UTIF.decodeImage(arrayBufferOf(tiff.bytes), ifd);
    rgba = UTIF.toRGBA8(ifd);
  } catch (err) {
    throw corrupt(`không giải mã được trang ${index + 1}`, err);
  } finally {
    // The page's decoded samples are not kept once its gray copy is made.
    (ifd as { data?: Uint8Array }).data = new Uint8Array(0);
  }
  if (rgba.length < width * height * 4) throw corrupt(`dữ liệu trang ${index + 1} thiếu`);
  return { width, height, data: grayOfRgba(rgba, width * height), dpi: dpiOf(ifd) };
}

/** RGBA over white, as Rec. 601 luma (an opaque grey pixel keeps its value). */
export function grayOfRgba(rgba: Uint8Array, pixels: number): Uint8Array {
  const gray = new Uint8Array(pixels);
  for (let i = 0, j = 0; i < pixels; i++, j += 4) {
    const r = rgba[j]!;
    const g = rgba[j + 1]!;
    const b = rgba[j + 2]!;
    const a = rgba[j + 3]!;
    const y = r === g && g === b ? r : (299 * r + 587 * g + 114 * b) / 1000;
    gray[i] = a === 255 ? y : Math.round((y * a + 255 * (255 - a)) / 255);
  }
  return gray;
}

/** XResolution (282) in ResolutionUnit (296): 2 inches (the default), 3 centimetres. */
function dpiOf(ifd: UTIF.IFD): number | null {
  const x = tagNumber(ifd, 282);
  if (x === null || !(x > 1)) return null;
  return Math.round(tagNumber(ifd, 296) === 3 ? x * 2.54 : x);
}

/**
 * Grayscale pixels as a binary PGM (P5), the page image OCR is given for a TIFF page: read in
 * JavaScript on the other side (runtime/ocr), never by a native decoder. The resolution rides in
 * a `# dpi N` comment, which image-info.ts reads back.
 */
export function pgmOf(page: GrayPixels): Uint8Array {
  const header = Buffer.from(`P5\n${page.dpi ? `# dpi ${page.dpi}\n` : ''}${page.width} ${page.height}\n255\n`, 'latin1');
  const out = new Uint8Array(header.length + page.data.length);
  out.set(header, 0);
  out.set(page.data, header.length);
  return out;
}

function megapixels(pixels: number): string {
  const mp = pixels / 1e6;
  return (mp >= 10 ? Math.round(mp).toString() : mp.toFixed(1)).replace('.', ',');
}
