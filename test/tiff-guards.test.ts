/**
 * utif2's bounds (extractors/formats/tiff-guards.ts): the LZW decoder that replaces utif2's gives
 * the same pixels on every LZW fixture, and the broken files that made utif2 loop without end
 * (`npm run fuzz` found them) now end with corrupt-file: a directory chain that comes back, a tag
 * claiming billions of values, an undefined LZW code, CCITT garbage, and seeded mutants of every
 * TIFF fixture.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import UTIF from 'utif2';
import { describe, expect, it } from 'vitest';
import { bitFlips, overwrite, seeded } from '../scripts/fuzz/mutate.js';
import { checkDirectoryChain, decodeLzw } from '../extractors/formats/tiff-guards.js';
import { FIXTURES } from './support/paths.js';

const TIFF = path.join(FIXTURES, 'tiff');
const tiffs = [...readdirSync(TIFF).filter((f) => f.endsWith('.tif')).map((f) => path.join(TIFF, f)), path.join(TIFF, 'blank/white-50x50.tif')];
const bytesOf = (f: string): Uint8Array => new Uint8Array(readFileSync(f));
const bufferOf = (b: Uint8Array): ArrayBuffer => new Uint8Array(b).buffer;

// utif2's own LZW decoder, taken before tiff.ts installs the guards.
type Lzw = (data: Uint8Array, off: number, len: number, tgt: Uint8Array, toff: number, bits: number) => void;
const decodeTable = UTIF.decode as unknown as Record<string, unknown>;
const utifLzw = decodeTable['_decodeLZW'] as Lzw;
const { openTiff, tiffPageGray } = await import('../extractors/formats/tiff.js');

/** Every page's pixels, decoded with the LZW decoder given. */
function pixels(file: string, lzw: Lzw): string[] {
  const saved = decodeTable['_decodeLZW'];
  decodeTable['_decodeLZW'] = lzw;
  try {
    const b = bytesOf(file);
    return UTIF.decode(bufferOf(b)).map((ifd) => {
      UTIF.decodeImage(bufferOf(b), ifd);
      return Buffer.from(UTIF.toRGBA8(ifd)).toString('base64');
    });
  } finally {
    decodeTable['_decodeLZW'] = saved;
  }
}

/** The blank 50×50 page with `edit` applied to a copy of its bytes. */
function blankWith(edit: (view: DataView, bytes: Uint8Array) => void): Uint8Array {
  const b = bytesOf(path.join(TIFF, 'blank/white-50x50.tif'));
  edit(new DataView(b.buffer, b.byteOffset, b.byteLength), b);
  return b;
}

describe('the LZW decoder', () => {
  const lzwFixtures = tiffs.filter((f) => !f.includes('.g4.'));
  it.each(lzwFixtures.map((f) => path.basename(f)))('gives utif2’s pixels on %s', (name) => {
    const file = lzwFixtures.find((f) => path.basename(f) === name)!;
    expect(pixels(file, (d, o, l, t, to) => decodeLzw(d, o, l, t, to))).toEqual(pixels(file, utifLzw));
  });

  it('throws on a code it has not defined', () => {
    // 9-bit codes, MSB first: clear (256), 'A' (65), then 400 while the next free code is 258.
    const codes = [256, 65, 400];
    const bits = codes.map((c) => c.toString(2).padStart(9, '0')).join('').padEnd(32, '0');
    const data = Uint8Array.from(bits.match(/.{8}/g)!.map((b) => parseInt(b, 2)));
    expect(() => decodeLzw(data, 0, data.length, new Uint8Array(16), 0)).toThrow(/undefined code 400/);
  });

  it('stops at the end of its output however long the stream', () => {
    const out = new Uint8Array(4);
    const data = new Uint8Array(4096).fill(0x80); // 9-bit code 256 (clear) then 'A'-like codes, over and over
    expect(() => decodeLzw(data, 0, data.length, out, 0)).not.toThrow();
  });
});

describe('broken TIFFs end with corrupt-file instead of looping', () => {
  const ifd = (v: DataView): number => v.getUint32(4, true);
  const cases: Array<[string, Uint8Array]> = [
    ['a directory whose next directory is itself', blankWith((v) => v.setUint32(ifd(v) + 2 + v.getUint16(ifd(v), true) * 12, ifd(v), true))],
    ['a tag claiming two billion values', blankWith((v) => v.setUint32(ifd(v) + 2 + 4, 0x7fffffff, true))],
    ['a directory past the end of the file', blankWith((v) => v.setUint32(4, 1_000_000, true))],
    ['an LZW strip of garbage', blankWith((_v, b) => b.fill(0xff, 8, 8 + 150))],
  ];
  it.each(cases)('%s', (_name, bytes) => {
    expect(() => {
      const tiff = openTiff(bytes);
      for (let i = 0; i < tiff.pages.length; i++) tiffPageGray(tiff, i);
    }).toThrow(expect.objectContaining({ code: 'corrupt-file' }));
  });

  it('the directory chain of every fixture passes the check', () => {
    for (const f of tiffs) expect(() => checkDirectoryChain(bytesOf(f)), f).not.toThrow();
  });

  it('CCITT G4 pages of garbage end (decoded or corrupt-file)', () => {
    const g4 = bytesOf(path.join(TIFF, 'yl-summary-mismatch.g4.tif'));
    const random = seeded(16);
    const tiff = openTiff(g4);
    const offset = (tiff.pages[0]!['t273'] as number[])[0]!;
    const broken = new Uint8Array(g4);
    for (let i = offset; i < offset + 30_000 && i < broken.length; i++) broken[i] = Math.floor(random.next() * 256);
    const mangled = openTiff(broken);
    try {
      tiffPageGray(mangled, 0);
    } catch (e) {
      expect(e).toMatchObject({ code: 'corrupt-file' });
    }
  });

  it('seeded mutants of every TIFF fixture each end with pages or a coded error', () => {
    const random = seeded(2026);
    for (let k = 0; k < 60; k++) {
      const file = random.pick(tiffs);
      const original = bytesOf(file);
      const { bytes, mutation } = random.pick([bitFlips, overwrite])(original, random, original);
      try {
        const tiff = openTiff(bytes);
        for (let i = 0; i < tiff.pages.length; i++) {
          try {
            tiffPageGray(tiff, i);
          } catch (e) {
            expect(e, `${path.basename(file)} ${mutation} page ${i + 1}`).toHaveProperty('code');
          }
        }
      } catch (e) {
        expect(e, `${path.basename(file)} ${mutation}`).toHaveProperty('code');
      }
    }
  });
});
