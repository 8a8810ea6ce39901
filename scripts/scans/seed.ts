/**
 * Reproducible "randomness": every rotation, noise seed and scrambled byte comes from a hash of a
 * fixed label ("quang-trung-2024@300#4"), so a re-run draws exactly the same values.
 */
import { createHash } from 'node:crypto';

/** A 32-bit seed from a label. */
export function seedOf(label: string): number {
  return createHash('sha256').update(label).digest().readUInt32BE(0);
}

/** mulberry32: a small, well-mixed 32-bit generator; returns floats in [0, 1). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A page's skew: between `min` and 2 degrees either way (never straight: a scan is always a
 * little off), rounded to 0.01°.
 */
export function skewOf(label: string, min = 0.3, max = 2): number {
  const next = prng(seedOf(`skew:${label}`));
  const magnitude = min + next() * (max - min);
  const sign = next() < 0.5 ? -1 : 1;
  return Math.round(sign * magnitude * 100) / 100;
}
