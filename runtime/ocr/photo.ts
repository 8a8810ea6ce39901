/**
 * A phone photo of a page on a darker surface (a desk): the page is found and cropped to, its
 * uneven light and shadows flattened, and a small page brought up to a reading scale, before OCR
 * and before any crop is cut from it (both decode through bitmap.ts loadPicture). Read as taken,
 * such a photo's page is a third of the pixels, dimmer at one end, and OCR drops its commas
 * ("88 5", "95"). Scans and photos with light margins are left as they are.
 */
import type { GrayImage } from './tables.js';

/** The border band looked at, and how much darker than the middle it must be to be a surface. */
const BAND = 0.02;
const DARK_SURFACE = 0.5;
/** A row or column belongs to the page when this share of it is paper. */
const PAPER_SHARE = 0.3;
/** Background cells for the light map, in pixels, and the page width a reading wants (A4 at 300 dpi). */
const CELL = 16;
const READING_WIDTH = 2480;

export function preparePhoto(gray: GrayImage, maxPixels: number): GrayImage {
  const surface = darkSurface(gray);
  if (surface === null) return gray;
  const page = crop(gray, pageBox(gray, surface));
  return upscale(flatten(page), maxPixels);
}

/** The brightness threshold between surface and paper, or null when the border is not darker. */
function darkSurface(g: GrayImage): number | null {
  const { width: w, height: h } = g;
  if (w < 200 || h < 200) return null;
  const bw = Math.max(1, Math.round(w * BAND));
  const bh = Math.max(1, Math.round(h * BAND));
  const border = (mean(g, 0, 0, w, bh) + mean(g, 0, h - bh, w, h) + mean(g, 0, 0, bw, h) + mean(g, w - bw, 0, w, h)) / 4;
  const middle = mean(g, Math.round(w / 4), Math.round(h / 4), Math.round((3 * w) / 4), Math.round((3 * h) / 4));
  return border < DARK_SURFACE * middle ? (border + middle) / 2 : null;
}

function mean(g: GrayImage, x0: number, y0: number, x1: number, y1: number): number {
  let sum = 0;
  // Every fourth pixel each way is plenty for a mean.
  let n = 0;
  for (let y = y0; y < y1; y += 4) for (let x = x0; x < x1; x += 4, n++) sum += g.data[y * g.width + x]!;
  return n > 0 ? sum / n : 0;
}

interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** The rows and columns mostly paper, from the first to the last, with a small margin. */
function pageBox(g: GrayImage, threshold: number): Box {
  const { width: w, height: h, data } = g;
  const rows = new Uint32Array(h);
  const cols = new Uint32Array(w);
  for (let y = 0; y < h; y += 2) {
    for (let x = 0; x < w; x += 2) {
      if (data[y * w + x]! > threshold) {
        rows[y]!++;
        cols[x]!++;
      }
    }
  }
  const span = (counts: Uint32Array, of: number, step: number): [number, number] => {
    const need = (PAPER_SHARE * of) / 2;
    let first = -1;
    let last = -1;
    for (let i = 0; i < counts.length; i += step) {
      if (counts[i]! >= need) {
        if (first < 0) first = i;
        last = i;
      }
    }
    return first < 0 ? [0, counts.length] : [first, last + step];
  };
  const [y0, y1] = span(rows, w, 2);
  const [x0, x1] = span(cols, h, 2);
  const mx = Math.round(0.01 * w);
  const my = Math.round(0.01 * h);
  return { x0: Math.max(0, x0 - mx), y0: Math.max(0, y0 - my), x1: Math.min(w, x1 + mx), y1: Math.min(h, y1 + my) };
}

function crop(g: GrayImage, b: Box): GrayImage {
  const width = b.x1 - b.x0;
  const height = b.y1 - b.y0;
  if (width < 100 || height < 100) return g;
  const data = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) data.set(g.data.subarray((b.y0 + y) * g.width + b.x0, (b.y0 + y) * g.width + b.x1), y * width);
  return { width, height, data };
}

/**
 * Each pixel divided by the paper's local brightness: the brightest pixel of each cell (text is
 * thin and dark, so that is paper), smoothed, then read back between cells.
 */
function flatten(g: GrayImage): GrayImage {
  const { width: w, height: h, data } = g;
  const cw = Math.ceil(w / CELL);
  const ch = Math.ceil(h / CELL);
  let light: Float32Array = new Float32Array(cw * ch);
  for (let y = 0; y < h; y++) {
    const row = (y / CELL) | 0;
    for (let x = 0; x < w; x++) {
      const i = row * cw + ((x / CELL) | 0);
      const v = data[y * w + x]!;
      if (v > light[i]!) light[i] = v;
    }
  }
  // A cell taken by a table rule or a heading is darker than paper: its neighbours' light rules.
  for (let pass = 0; pass < 3; pass++) light = blur(light, cw, ch);
  const out = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    const fy = Math.min(ch - 1, Math.max(0, y / CELL - 0.5));
    const y0 = fy | 0;
    const y1 = Math.min(ch - 1, y0 + 1);
    const ty = fy - y0;
    for (let x = 0; x < w; x++) {
      const fx = Math.min(cw - 1, Math.max(0, x / CELL - 0.5));
      const x0 = fx | 0;
      const x1 = Math.min(cw - 1, x0 + 1);
      const tx = fx - x0;
      const top = light[y0 * cw + x0]! * (1 - tx) + light[y0 * cw + x1]! * tx;
      const bottom = light[y1 * cw + x0]! * (1 - tx) + light[y1 * cw + x1]! * tx;
      const paper = Math.max(1, top * (1 - ty) + bottom * ty);
      out[y * w + x] = Math.min(255, Math.round((255 * data[y * w + x]!) / paper));
    }
  }
  return { width: w, height: h, data: out };
}

/** The brighter of a cell and its neighbours' mean, so dark cells take their neighbours' light. */
function blur(m: Float32Array, w: number, h: number): Float32Array {
  const out = new Float32Array(m.length);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      let sum = 0;
      let n = 0;
      for (let dy = -1; dy <= 1; dy++) {
        for (let dx = -1; dx <= 1; dx++) {
          const yy = y + dy;
          const xx = x + dx;
          if (yy < 0 || yy >= h || xx < 0 || xx >= w) continue;
          sum += m[yy * w + xx]!;
          n++;
        }
      }
      out[y * w + x] = Math.max(m[y * w + x]!, sum / n);
    }
  }
  return out;
}

/** A page narrower than a reading scale, enlarged (bilinear) up to it, within the pixel limit. */
function upscale(g: GrayImage, maxPixels: number): GrayImage {
  const { width: w, height: h, data } = g;
  const scale = Math.min(READING_WIDTH / w, Math.sqrt((0.9 * maxPixels) / (w * h)));
  if (scale < 1.15) return g;
  const width = Math.round(w * scale);
  const height = Math.round(h * scale);
  const out = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    const fy = Math.min(h - 1, y / scale);
    const y0 = fy | 0;
    const y1 = Math.min(h - 1, y0 + 1);
    const ty = fy - y0;
    for (let x = 0; x < width; x++) {
      const fx = Math.min(w - 1, x / scale);
      const x0 = fx | 0;
      const x1 = Math.min(w - 1, x0 + 1);
      const tx = fx - x0;
      const top = data[y0 * w + x0]! * (1 - tx) + data[y0 * w + x1]! * tx;
      const bottom = data[y1 * w + x0]! * (1 - tx) + data[y1 * w + x1]! * tx;
      out[y * width + x] = Math.round(top * (1 - ty) + bottom * ty);
    }
  }
  return { width, height, data: out };
}
