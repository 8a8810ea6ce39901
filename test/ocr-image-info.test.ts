/**
 * Image headers are read before any decoding: sizes of real PNG/JPEG/TIFF/PNM/BMP files made by
 * ImageMagick, a huge picture refused from its header alone, broken headers → corrupt-file; and
 * tesseract's TSV output turned into lines.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DoisoatError } from '../core/errors.js';
import { checkImage, imageFormatOf, readImageInfo, type ImageFormat } from '../runtime/ocr/image-info.js';
import { parseTsv } from '../runtime/ocr/tsv.js';

const hasConvert = spawnSync('convert', ['-version']).status === 0;

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    if (e instanceof DoisoatError) return e.code;
    throw e;
  }
  return undefined;
}

/** A PNG whose header says width×height, with a tiny (bogus) body: small on disk. */
function pngHeader(width: number, height: number): Uint8Array {
  const b = Buffer.alloc(8 + 25 + 12 + 12);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(b, 0);
  b.writeUInt32BE(13, 8);
  b.write('IHDR', 12, 'latin1');
  b.writeUInt32BE(width, 16);
  b.writeUInt32BE(height, 20);
  b[24] = 8; // bit depth
  b[25] = 0; // grayscale
  b.writeUInt32BE(0, 33);
  b.write('IDAT', 37, 'latin1');
  b.writeUInt32BE(0, 45);
  b.write('IEND', 49, 'latin1');
  return new Uint8Array(b);
}

describe('image headers', () => {
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'doisoat-ocr-img-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const cases: [string, ImageFormat, string[]][] = [
    ['a.png', 'png', ['-units', 'PixelsPerInch', '-density', '300']],
    ['a.jpg', 'jpeg', ['-units', 'PixelsPerInch', '-density', '200']],
    ['a.tif', 'tiff', ['-units', 'PixelsPerInch', '-density', '300']],
    ['a.pgm', 'pnm', []],
    ['a.pbm', 'pnm', []],
    ['a.bmp', 'bmp', []],
  ];
  it.skipIf(!hasConvert).each(cases)('%s: format and size from the header', (name, format, extra) => {
    const file = path.join(dir, name);
    const r = spawnSync('convert', ['-size', '123x45', 'xc:white', ...extra, file]);
    expect(r.status, String(r.stderr)).toBe(0);
    const bytes = new Uint8Array(readFileSync(file));
    expect(imageFormatOf(bytes)).toBe(format);
    const info = readImageInfo(bytes);
    expect(info).toMatchObject({ format, width: 123, height: 45 });
    if (name === 'a.png' || name === 'a.tif') expect(info.dpi).toBe(300);
    if (name === 'a.jpg') expect(info.dpi).toBe(200);
  });

  it('a 30000×30000 picture small on disk is too large, from its header alone', () => {
    const bytes = pngHeader(30_000, 30_000);
    expect(bytes.length).toBeLessThan(100);
    let err: unknown;
    try {
      checkImage(bytes);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(DoisoatError);
    expect((err as DoisoatError).code).toBe('too-large');
    expect((err as DoisoatError).userMessage).toContain('30000×30000');
    expect((err as DoisoatError).userMessage).toContain('giới hạn 40 megapixel');
    expect(checkImage(pngHeader(2481, 3508))).toMatchObject({ width: 2481, height: 3508 });
    expect(codeOf(() => checkImage(pngHeader(2481, 3508), 1_000_000))).toBe('too-large');
  });

  it('broken or unknown headers', () => {
    expect(codeOf(() => readImageInfo(new Uint8Array()))).toBe('empty-file');
    expect(codeOf(() => readImageInfo(new TextEncoder().encode('hello, not an image')))).toBe('unsupported-format');
    expect(codeOf(() => readImageInfo(pngHeader(10, 10).subarray(0, 20)))).toBe('corrupt-file');
    expect(codeOf(() => readImageInfo(pngHeader(0, 10)))).toBe('corrupt-file');
    // A JPEG that ends before its frame header, and one whose first segment is not a marker.
    expect(codeOf(() => readImageInfo(new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46])))).toBe('corrupt-file');
    expect(codeOf(() => readImageInfo(new Uint8Array([0xff, 0xd8, 0xff, 0xd9])))).toBe('corrupt-file');
    expect(codeOf(() => readImageInfo(new Uint8Array([0x49, 0x49, 0x2a, 0x00, 0xff, 0xff, 0xff, 0x7f])))).toBe('corrupt-file');
    expect(codeOf(() => readImageInfo(new TextEncoder().encode('P5\n# only a comment\n')))).toBe('corrupt-file');
  });
});

describe('TSV → lines', () => {
  const tsv = [
    'level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext',
    '1\t1\t0\t0\t0\t0\t0\t0\t2481\t3508\t-1\t',
    '2\t1\t1\t0\t0\t0\t359\t237\t1879\t327\t-1\t',
    '3\t1\t1\t1\t0\t0\t359\t237\t1879\t327\t-1\t',
    '4\t1\t1\t1\t1\t0\t359\t237\t338\t40\t-1\t',
    '5\t1\t1\t1\t1\t1\t359\t237\t64\t40\t93.5\tSố:',
    '5\t1\t1\t1\t1\t2\t440\t240\t257\t37\t91.5\t/BC-UBND',
    '4\t1\t1\t1\t2\t0\t1372\t300\t866\t50\t-1\t',
    '5\t1\t1\t1\t2\t1\t1372\t302\t62\t37\t-1\t ',
    '2\t1\t2\t0\t0\t0\t387\t471\t1823\t55\t-1\t',
    '3\t1\t2\t1\t0\t0\t387\t471\t1823\t55\t-1\t',
    '4\t1\t2\t1\t1\t0\t387\t471\t1823\t55\t-1\t',
    // Decomposed: "Kết" with combining marks; NFC afterwards.
    `5\t1\t2\t1\t1\t1\t387\t471\t89\t43\t80\t${'Kết'.normalize('NFD')}`,
    '5\t1\t2\t1\t1\t2\t493\t474\t91\t51\t100\tquả',
    '',
  ].join('\n');

  it('one line per tesseract line, empty ones left out, words joined, NFC, mean confidence 0–1', () => {
    const lines = parseTsv(tsv);
    expect(lines.map((l) => l.text)).toEqual(['Số: /BC-UBND', 'Kết quả']);
    expect(lines[1]!.text).toBe('Kết quả'.normalize('NFC'));
    expect(lines[0]!.confidence).toBeCloseTo(0.925, 3);
    expect(lines[1]!.confidence).toBeCloseTo(0.9, 3);
    expect(lines[0]!.bbox).toEqual({ x0: 359, y0: 237, x1: 697, y1: 277 });
    expect(lines.map((l) => l.block)).toEqual([1, 2]);
  });

  it('empty output', () => {
    expect(parseTsv('')).toEqual([]);
  });
});
