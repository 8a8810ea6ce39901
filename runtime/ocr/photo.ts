/**
 * A phone photo of a page on a darker surface (a desk): the page is found and cropped to, its
 * uneven light and shadows flattened, and a small page brought up to a reading scale, before OCR
 * and before any crop is cut from it (both decode through bitmap.ts loadPicture). Read as taken,
 * such a photo's page is a third of the pixels, dimmer at one end, and OCR drops its commas
 * ("88 5", "95"). A page photographed at an angle is straightened as well: its four edges are
 * found and the quadrilateral they make is mapped back to an upright rectangle (homography.ts).
 * Left at an angle, its lines tilt one way at its top and another at its bottom, which no single
 * deskew undoes, and OCR lost the total of the fixture photos/hoa-binh-2024.summary-on-desk-perspective.jpg.
 * Scans and photos with light margins are left as they are.
 */
import { homography, warp, type Point, type Quad } from './homography.js';
import type { GrayImage } from './tables.js';

/** The border band looked at, and how much darker than the middle it must be to be a surface. */
const BAND = 0.02;
const DARK_SURFACE = 0.5;
/** A row or column belongs to the page when this share of it is paper. */
const PAPER_SHARE = 0.3;
/** Background cells for the light map, in pixels, and the page width a reading wants (A4 at 300 dpi). */
const CELL = 16;
const READING_WIDTH = 2480;
/** A straightened page's proportion taken as A4's within this, and its border set this far inside its edges. */
const A4_LEEWAY = 0.1;
const INSET = 0.004;
/** Scan lines across each side of the frame, and how much brighter (a ratio) paper must step up from the surface. */
const SCAN_LINES = 400;
const EDGE_RATIO = 1.6;
/** Added to both sides of that ratio (three pixels summed), so JPEG noise on a black desk is no step. */
const EDGE_FLOOR = 30;
/** A side's edge must run within this angle of its axis, and its points span this share of it. */
const MAX_TILT = (20 * Math.PI) / 180;
const MIN_SPAN = 0.5;
/** Corners this close to an upright rectangle (an angle, or pixels) are left to the crop. */
const UPRIGHT = (0.5 * Math.PI) / 180;
const UPRIGHT_PIXELS = 3;

export function preparePhoto(gray: GrayImage, maxPixels: number): GrayImage {
  const surface = darkSurface(gray);
  if (surface === null) return gray;
  const quad = pageQuad(gray, surface);
  const straight = quad !== null && !uprightRectangle(quad) ? straighten(gray, quad, maxPixels) : null;
  return straight ?? upscale(flatten(crop(gray, pageBox(gray, surface))), maxPixels);
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

type Side = 'top' | 'right' | 'bottom' | 'left';
const SIDES: readonly Side[] = ['top', 'right', 'bottom', 'left'];

/** The line a·x + b·y = c, (a, b) a unit normal. */
interface Line {
  readonly a: number;
  readonly b: number;
  readonly c: number;
}

/**
 * The page's four corners: where each side's edge is crossed by lines scanned in from the frame
 * (the first step up from surface to paper, a ratio, so a shadow over the edge changes nothing),
 * a line fitted to each side's crossings (RANSAC, so a crossing of the next side near a corner, or
 * a speck, does not pull it), then adjacent lines intersected. A side whose scans start on paper
 * (the page runs off the frame there) takes the frame's edge, for one side at most. Null unless
 * the four make a plausible page: convex, each side near its axis and well covered by crossings.
 */
export function pageQuad(g: GrayImage, threshold: number): Quad | null {
  const { width: w, height: h } = g;
  const tolerance = Math.max(2, 0.0015 * Math.max(w, h));
  const lines: Line[] = [];
  const fitted: Array<{ line: Line; from: number; to: number } | null> = [];
  let framed = 0;
  for (const side of SIDES) {
    const { points, onPaper, scanned } = crossings(g, side, threshold);
    const fit = fitLine(points, tolerance);
    if (fit !== null && fit.inliers >= Math.max(12, 0.1 * scanned)) {
      lines.push(fit.line);
      fitted.push(fit);
    } else if (onPaper >= Math.max(12, 0.2 * scanned) && framed++ === 0) {
      lines.push(frameEdge(side, w, h));
      fitted.push(null);
    } else return null;
  }
  const [top, right, bottom, left] = lines as [Line, Line, Line, Line];
  const corners = [meet(top, left), meet(top, right), meet(bottom, right), meet(bottom, left)];
  if (corners.some((p) => p === null)) return null;
  const quad = corners as [Point, Point, Point, Point];
  if (quad.some((p) => p.x < -0.1 * w || p.x > 1.1 * w || p.y < -0.1 * h || p.y > 1.1 * h)) return null;
  for (let i = 0; i < 4; i++) {
    const p = quad[i]!;
    const q = quad[(i + 1) % 4]!;
    const r = quad[(i + 2) % 4]!;
    // Clockwise on screen (y down): each turn the same way.
    if ((q.x - p.x) * (r.y - q.y) - (q.y - p.y) * (r.x - q.x) <= 0) return null;
    // Top and bottom near horizontal, the sides near vertical.
    const along = i % 2 === 0 ? Math.abs(q.x - p.x) : Math.abs(q.y - p.y);
    const across = i % 2 === 0 ? Math.abs(q.y - p.y) : Math.abs(q.x - p.x);
    if (Math.atan2(across, along) > MAX_TILT) return null;
    // Crossings along most of the side, not a short run of them.
    const fit = fitted[i];
    if (fit && fit.to - fit.from < MIN_SPAN * Math.hypot(q.x - p.x, q.y - p.y)) return null;
  }
  if (quadArea(quad) < 0.1 * w * h) return null;
  return quad;
}

/** Where the scan lines across one side first step up from surface to paper, to a fraction of a pixel. */
function crossings(g: GrayImage, side: Side, threshold: number): { points: Point[]; onPaper: number; scanned: number } {
  const { width: w, height: h, data } = g;
  const rows = side === 'left' || side === 'right';
  const across = rows ? h : w;
  const along = rows ? w : h;
  // Each scan line is three pixels wide (summed), read inward from the frame's edge.
  const stride = side === 'left' ? 1 : side === 'right' ? -1 : side === 'top' ? w : -w;
  const perp = rows ? w : 1;
  const step = Math.max(2, Math.round(across / SCAN_LINES));
  const k = Math.max(2, Math.round(Math.min(w, h) / 600));
  const reach = Math.round(0.75 * along);
  const p = new Float32Array(reach);
  const points: Point[] = [];
  let onPaper = 0;
  let scanned = 0;
  for (let t = step; t < across - 1; t += step) {
    const base = side === 'left' ? t * w : side === 'right' ? t * w + w - 1 : side === 'top' ? t : (h - 1) * w + t;
    // The profile is summed only as far as the scan gets: most stop at an edge near the frame.
    let filled = 0;
    const fill = (to: number): void => {
      for (let i = base + filled * stride; filled <= to; filled++, i += stride) p[filled] = data[i - perp]! + data[i]! + data[i + perp]!;
    };
    fill(2 * k);
    scanned++;
    if (p[0]! > 3 * threshold) {
      onPaper++;
      continue;
    }
    for (let s = k; s < reach - 2 * k; s++) {
      if (s + 2 * k >= filled) fill(Math.min(reach - 1, s + 2 * k + 64));
      if (p[s + k]! + EDGE_FLOOR < EDGE_RATIO * (p[s - k]! + EDGE_FLOOR)) continue;
      // The edge: where the profile crosses halfway from the surface to the paper beyond it.
      let high = 0;
      for (let i = s; i <= s + 2 * k; i++) high = Math.max(high, p[i]!);
      const mid = (p[s - k]! + high) / 2;
      let i = s - k + 1;
      while (p[i]! < mid) i++;
      const at = i - 1 + (mid - p[i - 1]!) / (p[i]! - p[i - 1]!);
      const inward = side === 'left' || side === 'top' ? at : along - 1 - at;
      points.push(rows ? { x: inward, y: t } : { x: t, y: inward });
      break;
    }
  }
  return { points, onPaper, scanned };
}

/**
 * The line through most points (within `tolerance`): candidate lines through pairs of points
 * (a fixed sequence, so a photo always prepares the same way), the best refitted by least
 * squares to its inliers, twice. Null for fewer than two points.
 */
function fitLine(points: readonly Point[], tolerance: number): { line: Line; inliers: number; from: number; to: number } | null {
  const n = points.length;
  if (n < 2) return null;
  let best: Line | null = null;
  let bestCount = 0;
  let seed = 12345;
  const next = (): number => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed % n;
  };
  for (let trial = 0; trial < 300; trial++) {
    const line = through(points[next()]!, points[next()]!);
    if (line === null) continue;
    let count = 0;
    for (const q of points) if (Math.abs(line.a * q.x + line.b * q.y - line.c) <= tolerance) count++;
    if (count > bestCount) {
      best = line;
      bestCount = count;
    }
  }
  if (best === null) return null;
  let line: Line = best;
  let inliers: Point[] = [];
  for (let pass = 0; pass < 2; pass++) {
    inliers = points.filter((q) => Math.abs(line.a * q.x + line.b * q.y - line.c) <= tolerance);
    line = leastSquares(inliers) ?? line;
  }
  // How far along the line the inliers reach: the side's covered length.
  const along = inliers.map((q) => -line.b * q.x + line.a * q.y);
  return { line, inliers: inliers.length, from: Math.min(...along), to: Math.max(...along) };
}

function through(p: Point, q: Point): Line | null {
  const len = Math.hypot(q.x - p.x, q.y - p.y);
  if (len < 1) return null;
  const a = -(q.y - p.y) / len;
  const b = (q.x - p.x) / len;
  return { a, b, c: a * p.x + b * p.y };
}

/** The total-least-squares line: through the centroid, along the points' principal direction. */
function leastSquares(points: readonly Point[]): Line | null {
  if (points.length < 2) return null;
  let mx = 0;
  let my = 0;
  for (const p of points) {
    mx += p.x;
    my += p.y;
  }
  mx /= points.length;
  my /= points.length;
  let sxx = 0;
  let sxy = 0;
  let syy = 0;
  for (const p of points) {
    sxx += (p.x - mx) ** 2;
    sxy += (p.x - mx) * (p.y - my);
    syy += (p.y - my) ** 2;
  }
  const angle = 0.5 * Math.atan2(2 * sxy, sxx - syy);
  const a = -Math.sin(angle);
  const b = Math.cos(angle);
  return { a, b, c: a * mx + b * my };
}

function frameEdge(side: Side, w: number, h: number): Line {
  switch (side) {
    case 'top':
      return { a: 0, b: 1, c: 0 };
    case 'bottom':
      return { a: 0, b: 1, c: h - 1 };
    case 'left':
      return { a: 1, b: 0, c: 0 };
    case 'right':
      return { a: 1, b: 0, c: w - 1 };
  }
}

function meet(l: Line, m: Line): Point | null {
  const det = l.a * m.b - l.b * m.a;
  if (Math.abs(det) < 1e-9) return null;
  return { x: (l.c * m.b - l.b * m.c) / det, y: (l.a * m.c - l.c * m.a) / det };
}

function quadArea(q: Quad): number {
  let twice = 0;
  for (let i = 0; i < 4; i++) twice += q[i]!.x * q[(i + 1) % 4]!.y - q[(i + 1) % 4]!.x * q[i]!.y;
  return Math.abs(twice) / 2;
}

const length = (p: Point, q: Point): number => Math.hypot(q.x - p.x, q.y - p.y);

/** Every side within half a degree (or a few pixels) of its axis: cropping loses nothing, and keeps photos read as before. */
function uprightRectangle(q: Quad): boolean {
  const [tl, tr, br, bl] = q;
  const off = (across: number, along: number): boolean => Math.abs(across) > Math.max(UPRIGHT_PIXELS, Math.abs(along) * Math.tan(UPRIGHT));
  return !(off(tr.y - tl.y, tr.x - tl.x) || off(br.y - bl.y, br.x - bl.x) || off(bl.x - tl.x, bl.y - tl.y) || off(br.x - tr.x, br.y - tr.y));
}

/**
 * The page mapped from its quadrilateral to an upright rectangle: as wide as its wider edge, as
 * tall as its edges' mean proportion says (foreshortening shortens the receding edges, so a
 * proportion within 10% of A4's is taken to be A4's). Its light is evened out first, on the box
 * around it as the crop's is, and it is sampled once, straight at the reading scale, not
 * straightened and then enlarged (each bilinear pass blurs thin strokes such as commas). The
 * rectangle's border is set a little inside the page's edge, so that no strip of desk darkens the margin.
 */
function straighten(g: GrayImage, q: Quad, maxPixels: number): GrayImage | null {
  const [tl, tr, br, bl] = q;
  const wide = (length(tl, tr) + length(bl, br)) / 2;
  const tall = (length(tl, bl) + length(tr, br)) / 2;
  let aspect = tall / wide;
  if (Math.abs(aspect / Math.SQRT2 - 1) < A4_LEEWAY) aspect = Math.SQRT2;
  else if (Math.abs(aspect * Math.SQRT2 - 1) < A4_LEEWAY) aspect = Math.SQRT1_2;
  const across = Math.max(length(tl, tr), length(bl, br));
  const scale = readingScale(across, across * aspect, maxPixels);
  const width = Math.round(across * scale);
  const height = Math.round(across * aspect * scale);
  const box = {
    x0: Math.max(0, Math.floor(Math.min(tl.x, bl.x)) - 2),
    y0: Math.max(0, Math.floor(Math.min(tl.y, tr.y)) - 2),
    x1: Math.min(g.width, Math.ceil(Math.max(tr.x, br.x)) + 3),
    y1: Math.min(g.height, Math.ceil(Math.max(bl.y, br.y)) + 3),
  };
  const cropped = crop(g, box);
  if (cropped === g) return null;
  const page = flatten(cropped);
  const m = Math.max(2, Math.round(INSET * width));
  const rect: Quad = [
    { x: -m, y: -m },
    { x: width - 1 + m, y: -m },
    { x: width - 1 + m, y: height - 1 + m },
    { x: -m, y: height - 1 + m },
  ];
  const inBox = (p: Point): Point => ({ x: p.x - box.x0, y: p.y - box.y0 });
  const toSource = homography(rect, [inBox(tl), inBox(tr), inBox(br), inBox(bl)]);
  return toSource === null ? null : warp(page, toSource, width, height);
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

/** How much a `w`×`h` page is enlarged to a reading scale within the pixel limit: 1 when by less than 15%. */
function readingScale(w: number, h: number, maxPixels: number): number {
  const scale = Math.min(READING_WIDTH / w, Math.sqrt((0.9 * maxPixels) / (w * h)));
  return scale < 1.15 ? 1 : scale;
}

/** A page narrower than a reading scale, enlarged (bilinear) up to it, within the pixel limit. */
function upscale(g: GrayImage, maxPixels: number): GrayImage {
  const { width: w, height: h, data } = g;
  const scale = readingScale(w, h, maxPixels);
  if (scale === 1) return g;
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
