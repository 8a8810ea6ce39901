/**
 * preparePhoto (runtime/ocr/photo.ts) on synthetic pages: a page on a dark desk is cropped to,
 * evened out and enlarged; one photographed at an angle is mapped back to an upright rectangle
 * first; a scan with light margins is left exactly as it is.
 */
import { describe, expect, it } from 'vitest';
import { homography, project, warp, type Quad } from '../runtime/ocr/homography.js';
import { pageQuad, preparePhoto } from '../runtime/ocr/photo.js';
import type { GrayImage } from '../runtime/ocr/tables.js';

const MAX = 40_000_000;

/** A `w`×`h` frame of `desk`, with a page from (px, py) of `pw`×`ph` lit from `lit` (left) to `dim` (right), and a black text bar. */
function photo(w: number, h: number, page: { px: number; py: number; pw: number; ph: number }, desk = 40, lit = 240, dim = 150): GrayImage {
  const data = new Uint8Array(w * h).fill(desk);
  for (let y = page.py; y < page.py + page.ph; y++) {
    for (let x = page.px; x < page.px + page.pw; x++) {
      const light = lit + ((dim - lit) * (x - page.px)) / page.pw;
      const text = y >= page.py + 100 && y < page.py + 110 && x >= page.px + 50 && x < page.px + page.pw - 50;
      data[y * w + x] = Math.round(text ? light * 0.2 : light);
    }
  }
  return { width: w, height: h, data };
}

describe('preparePhoto', () => {
  it('leaves a scan with light margins as it is', () => {
    const scan = photo(1240, 1754, { px: 0, py: 0, pw: 1240, ph: 1754 }, 250, 250, 250);
    expect(preparePhoto(scan, MAX)).toBe(scan);
  });

  it('crops to the page on a dark desk, evens out its light, and enlarges a small page', () => {
    const page = { px: 300, py: 400, pw: 800, ph: 1130 };
    const out = preparePhoto(photo(1400, 1900, page), MAX);
    // Cropped to the page with a 1% margin, then enlarged to a reading width.
    const scale = out.width / (page.pw + 2 * Math.round(0.01 * 1400));
    expect(out.width).toBeGreaterThanOrEqual(2400);
    expect(out.height / out.width).toBeCloseTo((page.ph + 2 * Math.round(0.01 * 1900)) / (page.pw + 2 * Math.round(0.01 * 1400)), 1);
    // Paper on the lit and on the dim side both come out near white; the text bar stays dark.
    const at = (x: number, y: number): number => out.data[Math.round(y * scale) * out.width + Math.round(x * scale)]!;
    const margin = Math.round(0.01 * 1400);
    const my = Math.round(0.01 * 1900);
    expect(at(margin + 60, my + 500)).toBeGreaterThan(235);
    expect(at(margin + page.pw - 60, my + 500)).toBeGreaterThan(235);
    expect(at(margin + page.pw / 2, my + 105)).toBeLessThan(80);
  });

  it('keeps within the pixel limit when enlarging', () => {
    const out = preparePhoto(photo(1400, 1900, { px: 300, py: 400, pw: 800, ph: 1130 }), 2_000_000);
    expect(out.width * out.height).toBeLessThanOrEqual(2_000_000);
  });
});

/** Where the upright test page has its ruled lines (a share of its height), and the page's size (A4). */
const RULES = [0.2, 0.5, 0.8];
const PW = 800;
const PH = 1131;
const PAGE: Quad = [
  { x: 0, y: 0 },
  { x: PW - 1, y: 0 },
  { x: PW - 1, y: PH - 1 },
  { x: 0, y: PH - 1 },
];

/** An upright page: paper with three 4-pixel ruled lines across the middle 80% of its width. */
function ruledPage(): GrayImage {
  const data = new Uint8Array(PW * PH).fill(235);
  for (const r of RULES) {
    const y0 = Math.round(r * PH) - 2;
    for (let y = y0; y < y0 + 4; y++) data.fill(30, y * PW + 0.1 * PW, y * PW + 0.9 * PW);
  }
  return { width: PW, height: PH, data };
}

/**
 * That page seen at an angle: drawn into a 1400×1900 frame of desk (gray 40) with its corners at
 * `corners`, then lit unevenly (full on the left, 65% on the right) and, with `shadow`, a soft
 * shadow (down to 55%) across its lower left corner and that corner's edges.
 */
function angledPhoto(corners: Quad, shadow = false): GrayImage {
  const w = 1400;
  const h = 1900;
  const drawn = warp(ruledPage(), homography(corners, PAGE)!, w, h, 40);
  const data = drawn.data;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      let light = 1 - (0.35 * x) / w;
      // Distance past the line x + y = 1900 into the lower left, softened over 150 pixels.
      if (shadow) light *= 1 - 0.45 * Math.min(1, Math.max(0, (1900 - (x + y * 0.6)) / 150));
      data[y * w + x] = Math.round(data[y * w + x]! * light);
    }
  }
  return { width: w, height: h, data };
}

/** For each ruled line, the row of its middle (darkness-weighted) in columns at 15%, 50% and 85% of the width. */
function ruleRows(g: GrayImage): number[][] {
  return RULES.map((r) =>
    [0.15, 0.5, 0.85].map((c) => {
      const x = Math.round(c * g.width);
      const around = Math.round(r * g.height);
      let sum = 0;
      let weight = 0;
      for (let y = around - Math.round(0.04 * g.height); y <= around + Math.round(0.04 * g.height); y++) {
        const ink = Math.max(0, 200 - g.data[y * g.width + x]!);
        sum += ink * y;
        weight += ink;
      }
      return sum / weight;
    }),
  );
}

describe('preparePhoto on a page photographed at an angle', () => {
  // Top edge 10% shorter than the bottom and tilted 6°, the bottom 1°, the sides leaning 2–3°.
  const corners: Quad = [
    { x: 320.5, y: 410.25 },
    { x: 1110, y: 493.3 },
    { x: 1140.75, y: 1562 },
    { x: 262, y: 1546.5 },
  ];

  it('finds the page’s four corners within a pixel and a half', () => {
    const found = pageQuad(angledPhoto(corners), (40 + 235) / 2)!;
    expect(found).not.toBeNull();
    found.forEach((p, i) => {
      expect(Math.abs(p.x - corners[i]!.x), `corner ${i} x`).toBeLessThan(1.5);
      expect(Math.abs(p.y - corners[i]!.y), `corner ${i} y`).toBeLessThan(1.5);
    });
  });

  it.each([
    ['in even light', false],
    ['under a soft shadow across an edge', true],
  ])('maps it to an upright A4 page whose slanted rules come out level %s', (_, shadow) => {
    const photo = angledPhoto(corners, shadow);
    // As photographed, each rule drops tens of pixels from its left end to its right.
    const toPhoto = homography(PAGE, corners)!;
    for (const r of RULES) expect(project(toPhoto, { x: 0.9 * PW, y: r * PH }).y - project(toPhoto, { x: 0.1 * PW, y: r * PH }).y).toBeGreaterThan(10);
    const out = preparePhoto(photo, MAX);
    expect(out.width).toBe(2480);
    expect(out.height / out.width).toBeCloseTo(Math.SQRT2, 2);
    for (const [i, rows] of ruleRows(out).entries()) {
      // Level across the page to within a pixel, at its place down the page.
      expect(Math.max(...rows) - Math.min(...rows), `rule ${i}: ${rows.join(', ')}`).toBeLessThan(1);
      expect(Math.abs(rows[1]! / out.height - RULES[i]!)).toBeLessThan(0.01);
    }
    // The paper evened out on the dim side as on the lit one, and no desk left along the border.
    const at = (x: number, y: number): number => out.data[Math.round(y * out.height) * out.width + Math.round(x * out.width)]!;
    for (const [x, y] of [[0.05, 0.35], [0.95, 0.35], [0.05, 0.95], [0.5, 0.002], [0.998, 0.5]] as const) expect(at(x, y), `${x}, ${y}`).toBeGreaterThan(220);
  });

  it('keeps within the pixel limit when straightening', () => {
    const out = preparePhoto(angledPhoto(corners), 2_000_000);
    expect(out.width * out.height).toBeLessThanOrEqual(2_000_000);
    expect(out.height / out.width).toBeCloseTo(Math.SQRT2, 2);
  });

  it('takes the frame’s edge for the side of a page that runs off it', () => {
    // The left edge just outside the frame: every row meets paper at once.
    const off: Quad = [{ x: -25, y: 410 }, { x: 1110, y: 493.3 }, { x: 1140.75, y: 1562 }, { x: -10, y: 1546.5 }];
    const found = pageQuad(angledPhoto(off), (40 + 235) / 2)!;
    expect(found).not.toBeNull();
    expect(Math.abs(found[0].x) + Math.abs(found[3].x)).toBe(0);
    for (const i of [1, 2]) expect(Math.hypot(found[i]!.x - off[i]!.x, found[i]!.y - off[i]!.y)).toBeLessThan(1.5);
    const out = preparePhoto(angledPhoto(off), MAX);
    for (const rows of ruleRows(out)) expect(Math.max(...rows) - Math.min(...rows)).toBeLessThan(2);
  });

  it('leaves a page already square to the frame to the crop', () => {
    const upright = photo(1400, 1900, { px: 300, py: 400, pw: 800, ph: 1130 });
    // Its corners are found, on the page's edges (half a pixel outside its outermost pixels)…
    const found = pageQuad(upright, (40 + 240) / 2)!;
    const edges = [[299.5, 399.5], [1099.5, 399.5], [1099.5, 1529.5], [299.5, 1529.5]];
    found.forEach((p, i) => expect(Math.hypot(p.x - edges[i]![0]!, p.y - edges[i]![1]!), `corner ${i}`).toBeLessThan(0.5));
    // …and it is cropped with its 1% margin, as before.
    const out = preparePhoto(upright, MAX);
    expect(out.height / out.width).toBeCloseTo((1130 + 2 * 19) / (800 + 2 * 14), 2);
  });
});
