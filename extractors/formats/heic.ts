/**
 * HEIC/HEIF photos (iPhones save pages so) to grayscale pixels, with heic-decode (libheif in
 * WebAssembly: a broken file throws, it cannot take the process down). The picture's size is read
 * before its pixels are decoded, so a huge one is refused first.
 */
import decode from 'heic-decode';
import { DoisoatError } from '../../core/errors.js';
import { MAX_IMAGE_PIXELS } from '../../core/limits.js';
import { grayOfRgba, type GrayPixels } from './tiff.js';

const corrupt = (cause?: unknown): DoisoatError => DoisoatError.withDetail('corrupt-file', 'Ảnh HEIC bị hỏng, không đọc được.', cause);

/**
 * libheif prints its decoding failures with console.log, on stdout, where `check --json` writes
 * its JSON: while any HEIC is being decoded, that message is dropped (the failure is thrown as
 * corrupt-file anyway). Other output passes.
 */
let decoding = 0;
let originalLog: typeof console.log | null = null;
async function quietly<T>(run: () => Promise<T>): Promise<T> {
  if (decoding++ === 0) {
    const log = (originalLog = console.log);
    console.log = (...args: unknown[]): void => {
      if (args[0] !== 'Decoding image failed') log(...args);
    };
  }
  try {
    return await run();
  } finally {
    if (--decoding === 0 && originalLog) console.log = originalLog;
  }
}

/** The first (primary) picture of a HEIC file in grayscale; `too-large` above `maxPixels`. */
export function heicGray(bytes: Uint8Array, maxPixels: number = MAX_IMAGE_PIXELS): Promise<GrayPixels> {
  return quietly(() => decodeGray(bytes, maxPixels));
}

async function decodeGray(bytes: Uint8Array, maxPixels: number): Promise<GrayPixels> {
  let images: Awaited<ReturnType<typeof decode.all>>;
  try {
    images = await decode.all({ buffer: bytes });
  } catch (err) {
    throw corrupt(err);
  }
  try {
    const first = images[0];
    if (!first) throw corrupt();
    const { width, height } = first;
    if (!(width > 0 && height > 0)) throw corrupt();
    if (width * height > maxPixels) {
      throw DoisoatError.withDetail('too-large', `Ảnh HEIC ${width}×${height} điểm ảnh, giới hạn ${Math.round(maxPixels / 1e6)} megapixel.`);
    }
    let rgba: Uint8ClampedArray;
    try {
      ({ data: rgba } = await first.decode());
    } catch (err) {
      throw corrupt(err);
    }
    return { width, height, data: grayOfRgba(new Uint8Array(rgba.buffer, rgba.byteOffset, rgba.byteLength), width * height), dpi: null };
  } finally {
    images.dispose();
  }
}
