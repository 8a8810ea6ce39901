/**
 * A page image as a grayscale bitmap, straightened: decoded and rotated with @napi-rs/canvas (the
 * canvas pdf-parse renders PDF pages with, resolved from pdf-parse's own folder), so that a page's
 * skew can be measured (skew.ts) and the tables of a skewed scan found by their rules (tables.ts).
 * Images the canvas cannot decode (TIFF) get null: tesseract measures their skew itself and they
 * are read without the table step.
 */
import { createRequire } from 'node:module';
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

/** A decoded page image, to draw as many times as needed. */
export type Picture = Awaited<ReturnType<Canvas['loadImage']>>;

/** Decodes a PNG or JPEG; null for what the canvas cannot decode (TIFF). */
export async function loadPicture(image: Uint8Array): Promise<Picture | null> {
  const { loadImage } = await loadCanvas();
  try {
    const picture = await loadImage(Buffer.from(image.buffer, image.byteOffset, image.byteLength));
    return picture.width > 0 && picture.height > 0 ? picture : null;
  } catch {
    return null;
  }
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
  ctx.drawImage(picture, 0, 0);
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
  ctx.drawImage(picture, 0, 0);
  // The inverse of grayOf's turn: a box of the turned frame lands where its ink is in the picture.
  ctx.translate(width / 2, height / 2);
  ctx.rotate(-radians);
  ctx.translate(-width / 2, -height / 2);
  for (const b of boxes) ctx.fillRect(b.x0 - margin, b.y0 - margin, b.x1 - b.x0 + 2 * margin, b.y1 - b.y0 + 2 * margin);
  return toGray(ctx.getImageData(0, 0, width, height).data, width, height);
}

/** RGBA pixels as grayscale, over white. */
function toGray(rgba: Uint8ClampedArray, width: number, height: number): GrayImage {
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
