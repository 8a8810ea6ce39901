/**
 * Phone photos (fixtures/photos, made by scripts/make-photos.ts): a page stored on its side or
 * upside down with an EXIF Orientation tag, and a 72 dpi header no page has; a page on a dark
 * desk, and one shot at a steep angle (its perspective corrected); a HEIC photo. Each reads as its
 * upright twin, and every figure's box is measured on the page as it is seen, so its crop is the
 * line it came from.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ReportAudit } from '../core/report-audit.js';
import { plausibleDpi, readImageInfo, shownSize } from '../runtime/ocr/image-info.js';
import { jpegOrientation } from '../runtime/ocr/orientation.js';
import { readFileSync, writeFileSync } from 'node:fs';
import { heicGray } from '../extractors/formats/heic.js';
import { sniff } from '../extractors/formats/sniff.js';
import { formatOf } from '../pipeline/fingerprint.js';
import { loadPicture } from '../runtime/ocr/bitmap.js';
import { runCli } from './support/cli.js';
import { allFigures, describeFixtures } from './support/expected.js';
import { FIXTURES } from './support/paths.js';
import { tempDir } from './support/services.js';

const PHOTOS = path.join(FIXTURES, 'photos');

describeFixtures(PHOTOS, { minimum: 5, exitCode: 0, timeoutMs: 600_000 });

describe('photos as phones store them', () => {
  it('reads the orientation and shows the page upright, ignoring a resolution no page has', () => {
    const info = readImageInfo(new Uint8Array(readFileSync(path.join(PHOTOS, 'hoa-binh-2024.summary-photo.exif6.jpg'))));
    expect(info).toMatchObject({ format: 'jpeg', width: 2924, height: 2068, dpi: 72, orientation: 6 });
    expect(shownSize(info)).toEqual({ width: 2068, height: 2924 });
    expect(plausibleDpi(info)).toBeNull();
    expect(plausibleDpi({ format: 'jpeg', width: 2068, height: 2924, dpi: 250 })).toBe(250);
  });

  it('boxes every OCR’d figure on the upright page, as on its upright twin', () => {
    const run = runCli(['check', '--json', path.join(PHOTOS, 'hoa-binh-2024.summary-photo.exif6.jpg'), path.join(FIXTURES, 'scans/hoa-binh-2024.summary-photo.jpg')], {}, 600_000);
    const [turned, upright] = JSON.parse(run.stdout) as ReportAudit[];
    const boxes = (a: ReportAudit): Array<number[] | null> => allFigures(a).map((f) => (f.at?.box ? [f.at.box.x0, f.at.box.y0, f.at.box.x1, f.at.box.y1] : null));
    const [mine, twin] = [boxes(turned!), boxes(upright!)];
    expect(mine.length).toBe(twin.length);
    // The same lines at the same places (recompressed: a pixel or two either way).
    mine.forEach((box, i) => {
      expect(box, `figure ${i}`).not.toBeNull();
      box!.forEach((v, k) => expect(Math.abs(v - twin[i]![k]!), `figure ${i}`).toBeLessThan(0.01));
    });
  }, 600_000);
});

describe('a page photographed at a steep angle', () => {
  it('reads every summary score and the total exact, with no error flag, its lines in order down the straightened page', () => {
    const photo = path.join(PHOTOS, 'hoa-binh-2024.summary-on-desk-perspective.jpg');
    const run = runCli(['check', '--json', photo], {}, 600_000);
    const [audit] = JSON.parse(run.stdout) as ReportAudit[];
    // Read as photographed (its lines tilted 6° at the top, 1° at the bottom) the total was lost: a false missing-figure.
    expect(audit!.error).toBeNull();
    expect(audit!.declared.summary.map((s) => [s.id, s.score?.raw])).toEqual([
      ['I', '21,5'],
      ['II', '33'],
      ['III', '9,5'],
      ['IV', '14'],
      ['V', '9,5'],
      ['VI', '01'],
    ]);
    expect(audit!.declared.total?.raw).toBe('88,5');
    expect(audit!.flags.filter((f) => f.severity === 'error')).toEqual([]);
    // Each summary line below the last, in the page's lower third, and all starting at one x: the
    // page's left side, leaning 5° in the photo, is upright (read as photographed they spread by 0.009).
    const boxes = audit!.declared.summary.map((s) => s.score!.at!.box!);
    boxes.forEach((b, i) => i > 0 && expect(b.y0).toBeGreaterThan(boxes[i - 1]!.y0));
    expect(boxes[0]!.y0).toBeGreaterThan(0.6);
    expect(boxes[5]!.y1).toBeLessThan(0.95);
    const starts = boxes.map((b) => b.x0);
    expect(Math.max(...starts) - Math.min(...starts)).toBeLessThan(0.004);
  }, 600_000);
});

describe('boxes from a PDF’s text layer', () => {
  it('place a typed page’s lines where OCR finds them on a picture of that page', () => {
    const typed = path.join(FIXTURES, 'reports/hoa-binh-2024.pdf');
    const run = runCli(['check', '--json', typed, path.join(FIXTURES, 'scans/hoa-binh-2024.summary-photo.jpg')], {}, 600_000);
    const [pdf, photo] = JSON.parse(run.stdout) as ReportAudit[];
    // The photo is of the PDF's page 4: the summary and the total.
    const onPage4 = pdf!.declared.summary.map((s) => s.score!.at!).concat(pdf!.declared.total!.at!);
    const seen = photo!.declared.summary.map((s) => s.score!.at!).concat(photo!.declared.total!.at!);
    expect(onPage4.every((at) => at.page === 4 && at.box)).toBe(true);
    onPage4.forEach((at, i) => {
      // Left, top and bottom (OCR's right edge stops at the last glyph it kept).
      for (const k of ['x0', 'y0', 'y1'] as const) expect(Math.abs(at.box![k] - seen[i]!.box![k]), `${at.text} ${k}`).toBeLessThan(0.02);
    });
  }, 600_000);
});

describe('HEIC', () => {
  const heic = new Uint8Array(readFileSync(path.join(PHOTOS, 'hoa-binh-2024.summary-photo.heic')));

  it('is told from its bytes, decoded to its page, and refused with corrupt-file when broken', async () => {
    expect(sniff(heic)).toBe('heic');
    expect(formatOf(heic)).toBe('image');
    const page = await heicGray(heic);
    expect([page.width, page.height]).toEqual([2068, 2924]);
    await expect(heicGray(heic.subarray(0, 20_000))).rejects.toMatchObject({ code: 'corrupt-file' });
    await expect(heicGray(heic, 1_000_000)).rejects.toMatchObject({ code: 'too-large' });
  });

  it('a broken HEIC is corrupt-file in `check --json`, whose stdout stays JSON (libheif logs its failures)', () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'hong.heic'), heic.subarray(0, 20_000));
    const run = runCli(['check', '--json', path.join(dir, 'hong.heic')], {}, 120_000);
    expect(run.status).toBe(2);
    expect((JSON.parse(run.stdout) as ReportAudit[])[0]?.error?.code).toBe('corrupt-file');
  });

  it('gives the review desk the page its boxes were measured on', async () => {
    const picture = await loadPicture(heic, 1, { forReading: true });
    expect([picture!.width, picture!.height]).toEqual([2068, 2924]);
  });
});

describe('jpegOrientation', () => {
  const jpegWith = (orientation: number, little: boolean): Uint8Array => {
    const tiff = Buffer.alloc(26);
    const u16 = (v: number, at: number): number => (little ? tiff.writeUInt16LE(v, at) : tiff.writeUInt16BE(v, at));
    const u32 = (v: number, at: number): number => (little ? tiff.writeUInt32LE(v, at) : tiff.writeUInt32BE(v, at));
    tiff.write(little ? 'II' : 'MM', 0, 'latin1');
    u16(42, 2);
    u32(8, 4);
    u16(1, 8);
    u16(274, 10);
    u16(3, 12);
    u32(1, 14);
    u16(orientation, 18);
    const body = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
    const head = Buffer.from([0xff, 0xd8, 0xff, 0xe1, (body.length + 2) >> 8, (body.length + 2) & 0xff]);
    return new Uint8Array(Buffer.concat([head, body, Buffer.from([0xff, 0xda, 0, 2])]));
  };
  it.each([1, 3, 6, 8])('reads Orientation %i, big- and little-endian', (o) => {
    expect(jpegOrientation(jpegWith(o, false))).toBe(o);
    expect(jpegOrientation(jpegWith(o, true))).toBe(o);
  });
  it('says 1 for none, an invalid value, or a truncated segment', () => {
    expect(jpegOrientation(new Uint8Array([0xff, 0xd8, 0xff, 0xda, 0, 2]))).toBe(1);
    expect(jpegOrientation(jpegWith(9, false))).toBe(1);
    expect(jpegOrientation(jpegWith(6, false).subarray(0, 20))).toBe(1);
  });
});
