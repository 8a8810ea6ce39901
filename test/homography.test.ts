/**
 * runtime/ocr/homography.ts: the 4-point perspective map takes each corner exactly where it is
 * sent, and the warp samples the source through it.
 */
import { describe, expect, it } from 'vitest';
import { homography, project, warp, type Quad } from '../runtime/ocr/homography.js';
import type { GrayImage } from '../runtime/ocr/tables.js';

const quad = (...xy: number[]): Quad => [
  { x: xy[0]!, y: xy[1]! },
  { x: xy[2]!, y: xy[3]! },
  { x: xy[4]!, y: xy[5]! },
  { x: xy[6]!, y: xy[7]! },
];

describe('homography', () => {
  const cases: Array<[string, Quad, Quad]> = [
    ['a photo’s page to its upright rectangle', quad(760, 800, 2371, 969, 2360, 3211, 560, 3180), quad(0, 0, 1799, 0, 1799, 2545, 0, 2545)],
    ['a rectangle to a page in a 4000-pixel frame', quad(-8, -8, 2487, -8, 2487, 3515, -8, 3515), quad(1021.25, 377.5, 3977.75, 412, 3920.5, 3999.125, 3.5, 3890)],
    ['a square to a slight keystone', quad(0, 0, 1, 0, 1, 1, 0, 1), quad(0.05, 0, 0.95, 0, 1, 1, 0, 1)],
  ];

  it.each(cases)('maps the four corners exactly: %s', (_, from, to) => {
    const h = homography(from, to)!;
    expect(h).not.toBeNull();
    expect(h[8]).toBe(1);
    from.forEach((p, i) => {
      const q = project(h, p);
      expect(Math.abs(q.x - to[i]!.x)).toBeLessThan(1e-9 * (1 + Math.abs(to[i]!.x)));
      expect(Math.abs(q.y - to[i]!.y)).toBeLessThan(1e-9 * (1 + Math.abs(to[i]!.y)));
    });
  });

  it('maps lines to lines, and back through the inverse map', () => {
    const [, from, to] = cases[0]!;
    const there = homography(from, to)!;
    const back = homography(to, from)!;
    // Points along the top edge stay on the rectangle's top edge.
    for (let t = 0; t <= 1; t += 0.125) {
      const p = { x: from[0].x + t * (from[1].x - from[0].x), y: from[0].y + t * (from[1].y - from[0].y) };
      expect(project(there, p).y).toBeCloseTo(0, 6);
      const r = project(back, project(there, p));
      expect(r.x).toBeCloseTo(p.x, 6);
      expect(r.y).toBeCloseTo(p.y, 6);
    }
  });

  it('is null when three of the points are in a line', () => {
    expect(homography(quad(0, 0, 10, 0, 20, 0, 0, 10), quad(0, 0, 1, 0, 1, 1, 0, 1))).toBeNull();
  });
});

describe('warp', () => {
  const image: GrayImage = { width: 8, height: 6, data: Uint8Array.from({ length: 48 }, (_, i) => (i * 37) % 256) };

  it('copies the image through the identity', () => {
    const h = homography(quad(0, 0, 7, 0, 7, 5, 0, 5), quad(0, 0, 7, 0, 7, 5, 0, 5))!;
    expect(warp(image, h, 8, 6).data).toEqual(image.data);
  });

  it('samples bilinearly, and fills where the map falls off the image', () => {
    // Output (u, v) reads the source at (u + 2.5, v + 1).
    const h = homography(quad(0, 0, 1, 0, 1, 1, 0, 1), quad(2.5, 1, 3.5, 1, 3.5, 2, 2.5, 2))!;
    const out = warp(image, h, 8, 6, 7);
    const at = (x: number, y: number): number => image.data[y * 8 + x]!;
    // Half way between two pixels: their mean, rounded either way.
    expect(Math.abs(out.data[0]! - (at(2, 1) + at(3, 1)) / 2)).toBeLessThanOrEqual(0.5);
    expect(Math.abs(out.data[1 * 8 + 3]! - (at(5, 2) + at(6, 2)) / 2)).toBeLessThanOrEqual(0.5);
    // Past the source's last column or row: the fill.
    expect(out.data[0 * 8 + 5]).toBe(7);
    expect(out.data[5 * 8 + 0]).toBe(7);
  });
});
