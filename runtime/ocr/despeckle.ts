/**
 * Specks and salt-and-pepper wiped from a page before OCR: small round blots of ink with no other
 * ink near them. Left in, tesseract takes a speck beside a line for a mark ("“11:" for "1.1.",
 * "ST." for "1.2.") and one above a word for a diacritic, and a sub-group's number or score is lost.
 * A comma, a full stop, a diacritic or an i's dot always has its letter within a few pixels, and
 * a hyphen or a dash is long, so none of them is taken; a speck touching a line is left as it is.
 */
import type { GrayImage } from './tables.js';

/** Sizes at a 2480-pixel-wide page (A4 at 300 dpi), scaled to the page's width, where the page has too few letters to measure. */
const REFERENCE_WIDTH = 2480;
const REFERENCE_LETTER = 29;
/**
 * A speck fits in a square of this side, and no ink of anything else lies within this distance of
 * it, both in letter heights (the median height of the page's letters: 29 pixels for 13-point
 * text at 300 dpi, more on a page photographed close).
 */
const MAX_SIDE = 0.55;
const CLEAR = 0.38;
/** A colon's or a semicolon's two marks, one above the other within this many letter heights, shelter each other. */
const STACKED = 1;
/** Salt and pepper: a blot of at most this many pixels, sheltering nothing (it comes in crowds), wiped this far (letter heights) from any ink. */
const TINY = 6;
const TINY_CLEAR = 0.1;
/** A blot at least this many times longer than high (a hyphen, a dash, an underscore) is a mark. */
const LONG = 1.6;

export interface DespeckleResult {
  readonly image: GrayImage;
  /** Blots wiped. */
  readonly wiped: number;
}

export function despeckle(g: GrayImage): DespeckleResult {
  const { width: w, height: h, data } = g;
  if (w < 200 || h < 200) return { image: g, wiped: 0 };
  const threshold = otsu(data);
  const unit = w / REFERENCE_WIDTH;
  const tiny = Math.max(2, Math.round(TINY * unit * unit));

  // Runs of ink row by row, joined into 8-connected blots (union-find over runs: a page has a few
  // hundred thousand runs against millions of pixels).
  const rowStart = new Int32Array(h + 1);
  let xs0 = new Int32Array(1 << 16);
  let xs1 = new Int32Array(1 << 16);
  let n = 0;
  for (let y = 0; y < h; y++) {
    rowStart[y] = n;
    const base = y * w;
    let x = 0;
    while (x < w) {
      while (x < w && data[base + x]! >= threshold) x++;
      if (x >= w) break;
      const a = x;
      while (x < w && data[base + x]! < threshold) x++;
      if (n === xs0.length) {
        xs0 = grow(xs0);
        xs1 = grow(xs1);
      }
      xs0[n] = a;
      xs1[n] = x;
      n++;
    }
  }
  rowStart[h] = n;
  if (n === 0) return { image: g, wiped: 0 };
  const parent = new Int32Array(n);
  for (let i = 0; i < n; i++) parent[i] = i;
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!;
      i = parent[i]!;
    }
    return i;
  };
  for (let y = 1; y < h; y++) {
    let j = rowStart[y - 1]!;
    const jEnd = rowStart[y]!;
    for (let i = rowStart[y]!; i < rowStart[y + 1]!; i++) {
      // Runs above touching this one, diagonals included.
      while (j < jEnd && xs1[j]! < xs0[i]!) j++;
      for (let k = j; k < jEnd && xs0[k]! <= xs1[i]!; k++) {
        const a = find(i);
        const b = find(k);
        if (a !== b) parent[a] = b;
      }
    }
  }
  // Each blot's box and area.
  const root = new Int32Array(n);
  const bx0 = new Int32Array(n).fill(w);
  const by0 = new Int32Array(n).fill(h);
  const bx1 = new Int32Array(n).fill(-1);
  const by1 = new Int32Array(n).fill(-1);
  const area = new Int32Array(n);
  for (let y = 0; y < h; y++) {
    for (let i = rowStart[y]!; i < rowStart[y + 1]!; i++) {
      const r = find(i);
      root[i] = r;
      if (xs0[i]! < bx0[r]!) bx0[r] = xs0[i]!;
      if (xs1[i]! - 1 > bx1[r]!) bx1[r] = xs1[i]! - 1;
      if (y < by0[r]!) by0[r] = y;
      if (y > by1[r]!) by1[r] = y;
      area[r] = area[r]! + xs1[i]! - xs0[i]!;
    }
  }
  // The text's scale: the median height of the letters (a page photographed close has large ones).
  const heights: number[] = [];
  for (let r = 0; r < n; r++) {
    if (root[r] !== r || area[r]! <= tiny) continue;
    const bh = by1[r]! - by0[r]! + 1;
    const bw = bx1[r]! - bx0[r]! + 1;
    if (bh >= 4 && bh <= h / 20 && bw <= 3 * bh) heights.push(bh);
  }
  heights.sort((a, b) => a - b);
  const letter = heights.length >= 50 ? heights[heights.length >> 1]! : REFERENCE_LETTER * unit;
  const maxSide = Math.max(3, Math.round(MAX_SIDE * letter));
  const clear = Math.max(3, Math.round(CLEAR * letter));
  const tinyClear = Math.max(2, Math.round(TINY_CLEAR * letter));
  const stacked = Math.round(STACKED * letter);
  // What a blot is: salt and pepper (tiny), a small round one (a speck, or a dot, a comma, a
  // diacritic), or a letter. Salt and pepper comes in crowds: none of it shelters another blot.
  const TINY_BLOT = 1;
  const ROUND_BLOT = 2;
  const kind = new Uint8Array(n);
  const blots: number[] = [];
  for (let r = 0; r < n; r++) {
    if (root[r] !== r) continue;
    const bw = bx1[r]! - bx0[r]! + 1;
    const bh = by1[r]! - by0[r]! + 1;
    if (area[r]! <= tiny) kind[r] = TINY_BLOT;
    else if (bw <= maxSide && bh <= maxSide && Math.max(bw, bh) < LONG * Math.min(bw, bh)) kind[r] = ROUND_BLOT;
    else continue;
    blots.push(r);
  }
  if (blots.length === 0) return { image: g, wiped: 0 };

  /** Whether a run of a blot other than `self` (salt and pepper aside; only round ones if `round`) lies in the box. */
  const shelteredIn = (self: number, x0: number, y0: number, x1: number, y1: number, round = false): boolean => {
    for (let y = Math.max(0, y0); y <= Math.min(h - 1, y1); y++) {
      let lo = rowStart[y]!;
      let hi = rowStart[y + 1]!;
      // The first run ending after x0.
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (xs1[mid]! <= x0) lo = mid + 1;
        else hi = mid;
      }
      for (let i = lo; i < rowStart[y + 1]! && xs0[i]! <= x1; i++) {
        const r = root[i]!;
        if (r !== self && kind[r] !== TINY_BLOT && (!round || kind[r] === ROUND_BLOT)) return true;
      }
    }
    return false;
  };

  let out: Uint8Array | null = null;
  let paper = 255;
  let wiped = 0;
  for (const r of blots) {
    const x0 = bx0[r]!;
    const y0 = by0[r]!;
    const x1 = bx1[r]!;
    const y1 = by1[r]!;
    const d = kind[r] === TINY_BLOT ? tinyClear : clear;
    if (shelteredIn(r, x0 - d, y0 - d, x1 + d, y1 + d)) continue;
    if (kind[r] === ROUND_BLOT && shelteredIn(r, x0 - 2, y0 - stacked, x1 + 2, y1 + stacked, true)) continue;
    if (!out) {
      out = Uint8Array.from(data);
      paper = paperLevel(data, threshold);
    }
    // Its faint rim too, so no grey ring is left for the binariser.
    for (let y = Math.max(0, y0 - 1); y <= Math.min(h - 1, y1 + 1); y++) {
      for (let x = Math.max(0, x0 - 1); x <= Math.min(w - 1, x1 + 1); x++) out[y * w + x] = Math.max(out[y * w + x]!, paper);
    }
    wiped++;
  }
  return { image: out ? { width: w, height: h, data: out } : g, wiped };
}

function grow(a: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}

/** Otsu's threshold between ink and paper. */
function otsu(data: Uint8Array): number {
  const hist = new Float64Array(256);
  for (let i = 0; i < data.length; i += 2) hist[data[i]!]!++;
  let total = 0;
  let sum = 0;
  for (let v = 0; v < 256; v++) {
    total += hist[v]!;
    sum += v * hist[v]!;
  }
  let best = 128;
  let bestVar = -1;
  let wB = 0;
  let sumB = 0;
  for (let t = 0; t < 256; t++) {
    wB += hist[t]!;
    if (wB === 0) continue;
    const wF = total - wB;
    if (wF === 0) break;
    sumB += t * hist[t]!;
    const between = wB * wF * (sumB / wB - (sum - sumB) / wF) ** 2;
    if (between > bestVar) {
      bestVar = between;
      best = t + 1;
    }
  }
  return best;
}

/** The paper's brightness: the median of the pixels above the threshold. */
function paperLevel(data: Uint8Array, threshold: number): number {
  const hist = new Uint32Array(256);
  let n = 0;
  for (let i = 0; i < data.length; i += 7) {
    const v = data[i]!;
    if (v >= threshold) {
      hist[v]!++;
      n++;
    }
  }
  let acc = 0;
  for (let v = 255; v >= 0; v--) {
    acc += hist[v]!;
    if (acc * 2 >= n) return v;
  }
  return 255;
}
