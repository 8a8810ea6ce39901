/**
 * Plane-to-plane perspective maps (homographies) from four point pairs, and a bilinear warp of a
 * GrayImage through one: photo.ts straightens a page photographed at an angle with them.
 */
import type { GrayImage } from './tables.js';

export interface Point {
  readonly x: number;
  readonly y: number;
}

/** Four corners in order: top left, top right, bottom right, bottom left. */
export type Quad = readonly [Point, Point, Point, Point];

/** Row-major 3×3 matrix, its last entry 1: (x, y) ↦ ((h0 x + h1 y + h2) / w, (h3 x + h4 y + h5) / w), w = h6 x + h7 y + 1. */
export type Homography = readonly number[];

/**
 * The homography taking each of `from`'s corners to the same corner of `to` (4-point DLT, its 8×8
 * system solved by Gaussian elimination), or null when three of the points are in a line.
 * Both point sets are first moved to their centroid and scaled to unit size, so that pixel
 * coordinates in the thousands (squared in the system) do not cost the solution its precision.
 */
export function homography(from: Quad, to: Quad): Homography | null {
  const [sf, nf] = normalizer(from);
  const [st, nt] = normalizer(to);
  const a: number[][] = [];
  for (let i = 0; i < 4; i++) {
    const { x, y } = nf(from[i]!);
    const { x: u, y: v } = nt(to[i]!);
    a.push([x, y, 1, 0, 0, 0, -x * u, -y * u, u]);
    a.push([0, 0, 0, x, y, 1, -x * v, -y * v, v]);
  }
  const h = solve(a);
  if (h === null) return null;
  // Undo the normalisations: H = St⁻¹ · Hn · Sf.
  const m = multiply(inverseSimilarity(st), multiply([...h, 1], sf));
  const s = m[8]!;
  if (Math.abs(s) < 1e-12) return null;
  return m.map((v) => v / s);
}

export function project(h: Homography, p: Point): Point {
  const w = h[6]! * p.x + h[7]! * p.y + 1;
  return { x: (h[0]! * p.x + h[1]! * p.y + h[2]!) / w, y: (h[3]! * p.x + h[4]! * p.y + h[5]!) / w };
}

/**
 * A `width`×`height` image whose pixel (u, v) is `g` sampled bilinearly at `toSource`(u, v)
 * (inverse mapping, so every output pixel gets a value); `fill` where that falls off `g`.
 */
export function warp(g: GrayImage, toSource: Homography, width: number, height: number, fill = 255): GrayImage {
  const { width: w, height: h, data } = g;
  const [h0, h1, h2, h3, h4, h5, h6, h7] = toSource as [number, number, number, number, number, number, number, number];
  const out = new Uint8Array(width * height);
  for (let v = 0; v < height; v++) {
    // Numerators and denominator are linear in u: stepped along the row, one division a pixel.
    let nx = h1 * v + h2;
    let ny = h4 * v + h5;
    let d = h7 * v + 1;
    for (let u = 0, o = v * width; u < width; u++, o++, nx += h0, ny += h3, d += h6) {
      const inv = 1 / d;
      const x = nx * inv;
      const y = ny * inv;
      if (x >= 0 && y >= 0 && x < w - 1 && y < h - 1) {
        const x0 = x | 0;
        const y0 = y | 0;
        const i = y0 * w + x0;
        const tx = x - x0;
        const a = data[i]!;
        const b = data[i + 1]!;
        const c = data[i + w]!;
        const top = a + (b - a) * tx;
        out[o] = (top + (c + (data[i + w + 1]! - c) * tx - top) * (y - y0) + 0.5) | 0;
      } else if (x >= 0 && y >= 0 && x <= w - 1 && y <= h - 1) {
        // On the last row or column: its nearest pixel.
        out[o] = data[Math.round(y) * w + Math.round(x)]!;
      } else out[o] = fill;
    }
  }
  return { width, height, data: out };
}

/** The similarity (as a 3×3 matrix) taking the points' centroid to 0 and their mean distance from it to √2, and it applied. */
function normalizer(q: Quad): [number[], (p: Point) => Point] {
  const cx = (q[0].x + q[1].x + q[2].x + q[3].x) / 4;
  const cy = (q[0].y + q[1].y + q[2].y + q[3].y) / 4;
  const spread = q.reduce((sum, p) => sum + Math.hypot(p.x - cx, p.y - cy), 0) / 4;
  const k = spread > 0 ? Math.SQRT2 / spread : 1;
  return [
    [k, 0, -k * cx, 0, k, -k * cy, 0, 0, 1],
    (p) => ({ x: k * (p.x - cx), y: k * (p.y - cy) }),
  ];
}

function inverseSimilarity(s: readonly number[]): number[] {
  const k = s[0]!;
  return [1 / k, 0, -s[2]! / k, 0, 1 / k, -s[5]! / k, 0, 0, 1];
}

function multiply(a: readonly number[], b: readonly number[]): number[] {
  const m: number[] = [];
  for (let r = 0; r < 3; r++) for (let c = 0; c < 3; c++) m.push(a[r * 3]! * b[c]! + a[r * 3 + 1]! * b[3 + c]! + a[r * 3 + 2]! * b[6 + c]!);
  return m;
}

/** Solves the n×n system given as rows [coefficients…, right-hand side], with partial pivoting; null when singular. */
function solve(rows: number[][]): number[] | null {
  const n = rows.length;
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(rows[r]![col]!) > Math.abs(rows[pivot]![col]!)) pivot = r;
    if (Math.abs(rows[pivot]![col]!) < 1e-12) return null;
    [rows[col], rows[pivot]] = [rows[pivot]!, rows[col]!];
    const p = rows[col]!;
    for (let r = col + 1; r < n; r++) {
      const row = rows[r]!;
      const f = row[col]! / p[col]!;
      if (f === 0) continue;
      for (let c = col; c <= n; c++) row[c]! -= f * p[c]!;
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    const row = rows[r]!;
    let sum = row[n]!;
    for (let c = r + 1; c < n; c++) sum -= row[c]! * x[c]!;
    x[r] = sum / row[r]!;
  }
  return x;
}
