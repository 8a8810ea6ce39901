/**
 * despeckle (runtime/ocr/despeckle.ts) on synthetic 300-dpi pages: a line of "letters" (tall
 * blocks) with the small marks real text has beside them (a comma, a full stop, a diacritic, a
 * colon's two dots, a hyphen between two words), and noise around it (a lone speck between lines,
 * salt and pepper in the margin). Marks stay, noise goes.
 */
import { describe, expect, it } from 'vitest';
import { despeckle } from '../runtime/ocr/despeckle.js';
import type { GrayImage } from '../runtime/ocr/tables.js';

const W = 2480;
const H = 600;
const PAPER = 235;
const INK = 30;

interface Mark {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

/** A page of paper with a line of 40-px-tall letters at y 200–240, x 300–1400, a gap for a word space every 5 letters. */
function page(extra: readonly Mark[]): GrayImage {
  const data = new Uint8Array(W * H).fill(PAPER);
  const fill = (m: Mark): void => {
    for (let y = m.y; y < m.y + m.h; y++) for (let x = m.x; x < m.x + m.w; x++) data[y * W + x] = INK;
  };
  for (let i = 0; i < 40; i++) {
    const x = 300 + i * 28 + Math.floor(i / 5) * 20;
    fill({ x, y: 200, w: 20, h: 40 });
  }
  for (const m of extra) fill(m);
  return { width: W, height: H, data };
}

const inkAt = (g: GrayImage, m: Mark): boolean => g.data[(m.y + (m.h >> 1)) * W + m.x + (m.w >> 1)]! < 128;

// Letter i (0-based) spans x 300 + 28i + 20⌊i/5⌋ … +20; letter 4 ends at 432, letter 5 starts at 460.
const CASES: ReadonlyArray<{ name: string; mark: Mark; kept: boolean }> = [
  { name: 'a comma after a digit', mark: { x: 324, y: 234, w: 6, h: 12 }, kept: true },
  { name: 'a full stop after a word', mark: { x: 436, y: 232, w: 7, h: 7 }, kept: true },
  { name: 'a diacritic above a letter', mark: { x: 336, y: 186, w: 10, h: 8 }, kept: true },
  { name: 'a dot below a letter', mark: { x: 364, y: 246, w: 7, h: 7 }, kept: true },
  { name: 'a hyphen between two words (a long mark)', mark: { x: 440, y: 218, w: 14, h: 5 }, kept: true },
  { name: 'a speck between lines, far from the text', mark: { x: 800, y: 300, w: 9, h: 9 }, kept: false },
  { name: 'a speck in the margin', mark: { x: 100, y: 420, w: 12, h: 11 }, kept: false },
  { name: 'a pepper grain in the margin', mark: { x: 2000, y: 100, w: 2, h: 2 }, kept: false },
  { name: 'a speck left of a line, far from its first word', mark: { x: 200, y: 216, w: 10, h: 10 }, kept: false },
  { name: 'a blot too large for a speck (a stamp’s part, a drawn box)', mark: { x: 1800, y: 400, w: 30, h: 30 }, kept: true },
];

describe('despeckle', () => {
  for (const c of CASES) {
    it(`${c.kept ? 'keeps' : 'wipes'} ${c.name}`, () => {
      const out = despeckle(page([c.mark])).image;
      expect(inkAt(out, c.mark)).toBe(c.kept);
      // The letters are never touched.
      expect(inkAt(out, { x: 300, y: 200, w: 20, h: 40 })).toBe(true);
    });
  }

  it("keeps a colon's two dots, each sheltering the other beside a word", () => {
    const top = { x: 438, y: 212, w: 7, h: 7 };
    const bottom = { x: 438, y: 232, w: 7, h: 7 };
    const out = despeckle(page([top, bottom])).image;
    expect(inkAt(out, top) && inkAt(out, bottom)).toBe(true);
  });

  it('wipes salt and pepper crowding a speck, and the speck with it', () => {
    const speck = { x: 1660, y: 450, w: 8, h: 8 };
    const grains = Array.from({ length: 12 }, (_, i) => ({ x: 1590 + (i % 4) * 9, y: 440 + Math.floor(i / 4) * 12, w: 1, h: 1 }));
    const { image, wiped } = despeckle(page([speck, ...grains]));
    expect(inkAt(image, speck)).toBe(false);
    expect(wiped).toBe(13);
  });

  it('returns a clean page itself, untouched', () => {
    const clean = page([]);
    const { image, wiped } = despeckle(clean);
    expect(wiped).toBe(0);
    expect(image).toBe(clean);
  });
});
