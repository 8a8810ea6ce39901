/**
 * The skew of a page of text, from its ink: the angle at which the rows of the page, turned by it,
 * have the sharpest horizontal projection (text lines dark, gaps between them empty). Measured on a
 * small grayscale copy of the page, coarse then fine. The angle is in the frame of bitmap.ts's
 * grayOf and of tesseract.js's `rotateRadians`: turning the page by it straightens it.
 */
import type { GrayImage } from './tables.js';

const INK = 150;
const DEG = Math.PI / 180;

/** Radians in [-max, max]; 0 when the page has too little ink to tell. */
export function estimateSkew(img: GrayImage, maxDegrees = 3): number {
  const { width, height, data } = img;
  let count = 0;
  for (let i = 0; i < data.length; i++) if (data[i]! < INK) count++;
  if (count < 200) return 0;
  // Typed arrays: the search below runs over every ink pixel some sixty times.
  const xs = new Float64Array(count);
  const ys = new Float64Array(count);
  for (let y = 0, n = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (data[y * width + x]! < INK) {
        xs[n] = x - width / 2;
        ys[n] = y - height / 2;
        n++;
      }
    }
  }
  const bins = new Float64Array(Math.ceil(Math.hypot(width, height)) + 2);
  const offset = bins.length / 2;
  const sharpness = (angle: number): number => {
    bins.fill(0);
    const s = Math.sin(angle);
    const c = Math.cos(angle);
    for (let i = 0; i < xs.length; i++) {
      const y = xs[i]! * s + ys[i]! * c + offset;
      const k = Math.floor(y);
      const f = y - k;
      // Split between the two nearest rows, so the score is smooth in the angle.
      bins[k] = bins[k]! + 1 - f;
      bins[k + 1] = bins[k + 1]! + f;
    }
    let sum = 0;
    for (let k = 0; k < bins.length; k++) sum += bins[k]! * bins[k]!;
    return sum;
  };
  let best = 0;
  let bestScore = -1;
  const search = (from: number, to: number, step: number): void => {
    for (let a = from; a <= to + 1e-9; a += step) {
      const score = sharpness(a * DEG);
      if (score > bestScore) {
        bestScore = score;
        best = a;
      }
    }
  };
  search(-maxDegrees, maxDegrees, 0.2);
  const coarse = best;
  search(coarse - 0.2, coarse + 0.2, 0.02);
  const fine = best;
  search(fine - 0.02, fine + 0.02, 0.005);
  return best * DEG;
}
