/**
 * A page image as a grayscale bitmap, straightened: decoded, then rotated with @napi-rs/canvas (the
 * canvas pdf-parse renders PDF pages with, resolved from pdf-parse's own folder), so that a page's
 * skew can be measured (skew.ts) and the tables of a skewed scan found by their rules (tables.ts).
 *
 * The canvas is never handed untrusted bytes in this process: PNG, JPEG and BMP are decoded in
 * the decoder's child process (decoder.ts), TIFF and PGM in JavaScript (extractors/formats/tiff.ts,
 * pgm.ts). The canvas only draws pixels already decoded.
 */
import { createRequire } from 'node:module';
import { heicGray } from '../../extractors/formats/heic.js';
import { pageZipImage } from '../../extractors/formats/page-zip.js';
import { sniff } from '../../extractors/formats/sniff.js';
import { openTiff, tiffPageGray } from '../../extractors/formats/tiff.js';
import { decodeInChild } from './decoder.js';
import { checkIntact } from './image-integrity.js';
import { MAX_IMAGE_PIXELS } from '../../core/limits.js';
import { readImageInfo } from './image-info.js';
import { despeckle } from './despeckle.js';
import { preparePhoto } from './photo.js';
import { parsePgm } from './pgm.js';
import type { GrayImage } from './tables.js';
import type { OcrBox } from './tsv.js';

type Canvas = typeof import('@napi-rs/canvas');
let canvasModule: Promise<Canvas> | null = null;

/** @napi-rs/canvas, resolved from pdf-parse's folder (the copy that renders PDF pages). */
export function loadCanvas(): Promise<Canvas> {
  canvasModule ??= (async () => {
    const fromPdfParse = createRequire(createRequire(import.meta.url).resolve('pdf-parse'));
    return fromPdfParse('@napi-rs/canvas') as Canvas;
  })();
  return canvasModule;
}

/** A decoded page image: its grayscale pixels, and a canvas holding them to draw from. */
export interface Picture {
  readonly width: number;
  readonly height: number;
  readonly gray: GrayImage;
  readonly canvas: InstanceType<Canvas['Canvas']>;
}

/**
 * Decodes page `page` (1-based: a TIFF may hold several; a ZIP of page photos numbers its images'
 * pages in order, extractors/formats/page-zip.ts) of an image whose header was checked: its
 * structure first for PNG and JPEG (image-integrity.ts), then its pixels where a crash cannot take
 * this process down. Null for a PNM other than 8-bit PGM. Rejects with
 * DoisoatError: `corrupt-file` (damaged), `read-failed` (the decoder crashed), `too-large`,
 * `timeout`. `forReading`: as OCR reads the page and crops show it (photo.ts prepares a photo of a
 * page on a desk); otherwise the pixels as decoded.
 */
export async function loadPicture(image: Uint8Array, page = 1, options: { forReading?: boolean } = {}): Promise<Picture | null> {
  if (sniff(image) === 'zip') {
    const at = await pageZipImage(image, page);
    return at ? loadPicture(at.image, at.page, options) : null;
  }
  // A HEIC photo (crops of one): decoded as the reader decodes it (heic.ts), in WebAssembly.
  if (sniff(image) === 'heic') return page === 1 ? pictureOf(prepared(await heicGray(image), options)) : null;
  const info = readImageInfo(image);
  let gray: GrayImage | null;
  switch (info.format) {
    case 'pnm':
      gray = parsePgm(image);
      break;
    case 'tiff':
      gray = tiffPageGray(openTiff(image), page - 1);
      break;
    default:
      if (page !== 1) return null;
      await checkIntact(image, info.format, info.width, info.height);
      // Turned as its EXIF Orientation says by the canvas's decoder.
      gray = await decodeInChild(image);
  }
  return gray ? pictureOf(prepared(gray, options)) : null;
}

/** As OCR reads it (and crops show it): a photo of a page on a desk cropped, evened out and enlarged (photo.ts), and any page's specks wiped (despeckle.ts). */
function prepared(gray: GrayImage, options: { forReading?: boolean }): GrayImage {
  if (!options.forReading) return gray;
  const page = preparePhoto(gray, MAX_IMAGE_PIXELS);
  return despeckle(page).image;
}

/** Grayscale pixels on a canvas, to be drawn turned or scaled. */
export async function pictureOf(gray: GrayImage): Promise<Picture> {
  const { createCanvas } = await loadCanvas();
  const { width, height, data } = gray;
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  const pixels = ctx.createImageData(width, height);
  const rgba = pixels.data;
  for (let i = 0, j = 0; i < data.length; i++, j += 4) {
    rgba[j] = rgba[j + 1] = rgba[j + 2] = data[i]!;
    rgba[j + 3] = 255;
  }
  ctx.putImageData(pixels, 0, 0);
  return { width, height, gray: { width, height, data }, canvas };
}

/**
 * The picture rotated by `radians` about its centre (the same size, white brought in), in
 * grayscale, scaled by `scale` (a quarter of the pixels are enough to measure the skew or to tell
 * whether a page has a table). Tesseract.js, given the same `rotateRadians`, turns the page the
 * same way before reading it, so the boxes of its lines and those found here share one frame.
 */
export async function grayOf(picture: Picture, radians: number, scale = 1): Promise<GrayImage> {
  const { createCanvas } = await loadCanvas();
  const width = Math.max(1, Math.round(picture.width * scale));
  const height = Math.max(1, Math.round(picture.height * scale));
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, width, height);
  if (scale !== 1) ctx.scale(scale, scale);
  if (radians !== 0) {
    ctx.translate(picture.width / 2, picture.height / 2);
    ctx.rotate(radians);
    ctx.translate(-picture.width / 2, -picture.height / 2);
  }
  ctx.drawImage(picture.canvas, 0, 0);
  return toGray(ctx.getImageData(0, 0, width, height).data, width, height);
}

/**
 * The picture as it is, in grayscale, with boxes given in the frame of `grayOf(picture, radians)`
 * (each grown by `margin`) painted white: what is left out of a page that tesseract.js will turn
 * by `radians` itself.
 */
export async function grayWithout(picture: Picture, radians: number, boxes: readonly OcrBox[], margin: number): Promise<GrayImage> {
  const { createCanvas } = await loadCanvas();
  const { width, height } = picture;
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, width, height);
  ctx.drawImage(picture.canvas, 0, 0);
  // The inverse of grayOf's turn: a box of the turned frame lands where its ink is in the picture.
  ctx.translate(width / 2, height / 2);
  ctx.rotate(-radians);
  ctx.translate(-width / 2, -height / 2);
  for (const b of boxes) ctx.fillRect(b.x0 - margin, b.y0 - margin, b.x1 - b.x0 + 2 * margin, b.y1 - b.y0 + 2 * margin);
  return toGray(ctx.getImageData(0, 0, width, height).data, width, height);
}

/** RGBA pixels as grayscale, over white. */
export function toGray(rgba: Uint8ClampedArray, width: number, height: number): GrayImage {
  const data = new Uint8Array(width * height);
  for (let i = 0, j = 0; i < data.length; i++, j += 4) {
    const r = rgba[j]!;
    const a = rgba[j + 3]!;
    // Scans and rendered pages are opaque grey: their luma is the value itself (the formula below
    // gives exactly that), at a fraction of the cost on an 8-megapixel page.
    if (a === 255 && r === rgba[j + 1] && r === rgba[j + 2]) {
      data[i] = r;
      continue;
    }
    // Rec. 601 luma, integer weights; alpha over white.
    const y = (299 * r + 587 * rgba[j + 1]! + 114 * rgba[j + 2]!) / 1000;
    data[i] = Math.round((y * a + 255 * (255 - a)) / 255);
  }
  return { width, height, data };
}
