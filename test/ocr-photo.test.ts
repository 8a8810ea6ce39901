/**
 * preparePhoto (runtime/ocr/photo.ts) on synthetic pages: a page on a dark desk is cropped to,
 * evened out and enlarged; a scan with light margins is left exactly as it is.
 */
import { describe, expect, it } from 'vitest';
import { preparePhoto } from '../runtime/ocr/photo.js';
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
