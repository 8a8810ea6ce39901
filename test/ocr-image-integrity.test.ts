/**
 * PNG and JPEG structure checks (runtime/ocr/image-integrity.ts): the canvas decodes damaged
 * files without complaint, so a whole file must pass and each kind of damage must be
 * `corrupt-file`. Pictures are made by the canvas itself, then damaged byte by byte.
 */
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { loadCanvas } from '../runtime/ocr/bitmap.js';
import { checkIntact } from '../runtime/ocr/image-integrity.js';

const { createCanvas } = await loadCanvas();

const W = 400;
const H = 300;

/** A page-like picture: grey paper with dark bars of "text". */
function picture(mime: 'image/png' | 'image/jpeg'): Buffer {
  const canvas = createCanvas(W, H);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#eee';
  ctx.fillRect(0, 0, W, H);
  ctx.fillStyle = '#222';
  for (let y = 20; y < H - 20; y += 24) ctx.fillRect(30, y, W - 60 - (y % 50), 10);
  return mime === 'image/png' ? canvas.toBuffer('image/png') : canvas.toBuffer('image/jpeg', 80);
}

/** Offset of the first chunk of `type` in a PNG. */
function chunkAt(png: Buffer, type: string): number {
  for (let at = 8; at < png.length; at += 12 + png.readUInt32BE(at)) if (png.toString('latin1', at + 4, at + 8) === type) return at;
  throw new Error(`no ${type}`);
}

/** Offset just past the SOS header of a JPEG. */
function scanStart(jpeg: Buffer): number {
  for (let at = 2; ; ) {
    const marker = jpeg[at + 1]!;
    at += 2 + jpeg.readUInt16BE(at + 2);
    if (marker === 0xda) return at;
  }
}

/** The first IDAT's data cut short, with a CRC that matches the cut data: only zlib can tell. */
function pngWithShortStream(png: Buffer): Buffer {
  const at = chunkAt(png, 'IDAT');
  const length = png.readUInt32BE(at);
  const keep = Math.floor(length / 2);
  const chunk = Buffer.alloc(12 + keep);
  chunk.writeUInt32BE(keep, 0);
  png.copy(chunk, 4, at + 4, at + 8 + keep);
  chunk.writeUInt32BE(zlib.crc32(chunk.subarray(4, 8 + keep)), 8 + keep);
  return Buffer.concat([png.subarray(0, at), chunk, png.subarray(at + 12 + length)]);
}

describe('checkIntact', () => {
  it.each<[string, 'png' | 'jpeg']>([
    ['a PNG from the canvas', 'png'],
    ['a JPEG from the canvas', 'jpeg'],
  ])('lets %s through', async (_name, format) => {
    await expect(checkIntact(picture(format === 'png' ? 'image/png' : 'image/jpeg'), format, W, H)).resolves.toBeUndefined();
  });

  it('lets a JPEG with restart markers in sequence, and fill bytes, through', async () => {
    const jpeg = picture('image/jpeg');
    const s = scanStart(jpeg);
    // RST0, then a fill byte and RST1, spliced into the scan data: structurally valid.
    const spliced = Buffer.concat([jpeg.subarray(0, s + 10), Buffer.from([0xff, 0xd0]), jpeg.subarray(s + 10, s + 20), Buffer.from([0xff, 0xff, 0xd1]), jpeg.subarray(s + 20)]);
    await expect(checkIntact(spliced, 'jpeg', W, H)).resolves.toBeUndefined();
  });

  it.each<[string, 'png' | 'jpeg', (b: Buffer) => Buffer]>([
    ['a PNG cut at 60%', 'png', (b) => b.subarray(0, Math.floor(b.length * 0.6))],
    ['a PNG without IEND', 'png', (b) => b.subarray(0, b.length - 12)],
    ['a PNG with a byte of its image data changed (CRC)', 'png', (b) => { const c = Buffer.from(b); c[chunkAt(c, 'IDAT') + 20]! ^= 0x5a; return c; }],
    ['a PNG whose zlib stream stops short (CRC made to match)', 'png', pngWithShortStream],
    ['a JPEG cut in its scan, without EOI', 'jpeg', (b) => b.subarray(0, Math.floor(b.length * 0.7))],
    ['a JPEG cut in its headers', 'jpeg', (b) => b.subarray(0, 30)],
    ['a JPEG with a reserved marker in its scan', 'jpeg', (b) => { const c = Buffer.from(b); const s = scanStart(c); c[s + 40] = 0xff; c[s + 41] = 0x37; return c; }],
    ['a JPEG with restart markers out of order', 'jpeg', (b) => { const s = scanStart(b); return Buffer.concat([b.subarray(0, s + 10), Buffer.from([0xff, 0xd3]), b.subarray(s + 10)]); }],
  ])('refuses %s as corrupt-file', async (_name, format, damage) => {
    const whole = picture(format === 'png' ? 'image/png' : 'image/jpeg');
    await expect(checkIntact(damage(whole), format, W, H)).rejects.toMatchObject({ code: 'corrupt-file' });
  });
});
