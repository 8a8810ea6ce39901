/**
 * A corrupt JPEG made from a real one: every header segment up to and including the start of scan
 * (SOI, JFIF, quantisation and Huffman tables, SOF, SOS) is kept, so the file still sniffs as a
 * JPEG and declares its true size; the entropy-coded data after it keeps its first few KB, then a
 * run of it is scrambled (XOR with seeded random bytes, which also plants stray 0xFF markers) and
 * the file ends there, without an EOI marker.
 */
import { prng, seedOf } from './seed.js';

export interface CorruptJpeg {
  readonly data: Buffer;
  /** Offset of the first entropy-coded byte (just after the SOS header). */
  readonly scanStart: number;
  readonly keptIntact: number;
  readonly scrambled: number;
}

/** Offset just past the SOS segment of a baseline or progressive JPEG. */
export function scanDataOffset(jpeg: Buffer): number {
  if (jpeg[0] !== 0xff || jpeg[1] !== 0xd8) throw new Error('not a JPEG (no SOI)');
  let at = 2;
  while (at + 4 <= jpeg.length) {
    if (jpeg[at] !== 0xff) throw new Error(`JPEG: no marker at ${at}`);
    const marker = jpeg[at + 1]!;
    const length = jpeg.readUInt16BE(at + 2);
    at += 2 + length;
    if (marker === 0xda) return at;
  }
  throw new Error('JPEG: no SOS');
}

export function corruptJpeg(jpeg: Buffer, label: string, keep = 4096, scramble = 12_288): CorruptJpeg {
  const scanStart = scanDataOffset(jpeg);
  const end = scanStart + keep + scramble;
  if (end >= jpeg.length - 2) throw new Error(`JPEG too small to corrupt (${jpeg.length} bytes)`);
  const data = Buffer.from(jpeg.subarray(0, end));
  const next = prng(seedOf(`corrupt:${label}`));
  for (let i = scanStart + keep; i < end; i++) data[i] = data[i]! ^ (1 + Math.floor(next() * 255));
  return { data, scanStart, keptIntact: keep, scrambled: scramble };
}
