/**
 * A ZIP of page photos, and `--one-report`'s packing, without OCR (issue 17 item 1): entries told
 * by their bytes, junk passed over, pages in natural name order, anything else refused by its name
 * with a code; files packed in the order given, the same bytes each time.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { OneReportRefused, packOneReport } from '../batches/one-report.js';
import { storedZip } from '../batches/stored-zip.js';
import { readDocument } from '../extractors/formats/index.js';
import { isJunkEntry, namesLookLikePages, naturalOrder } from '../extractors/formats/page-names.js';
import { PageZip } from '../extractors/formats/page-zip.js';
import { formatOf } from '../pipeline/fingerprint.js';
import { FIXTURES, REPORTS } from './support/paths.js';
import { tempDir } from './support/services.js';

const ZIPS = path.join(FIXTURES, 'page-zips');
const PHOTOS_ZIP = readFileSync(path.join(ZIPS, 'nl-summary-mismatch.photos.zip'));
const BLANK_TIFF = readFileSync(path.join(FIXTURES, 'tiff/blank/white-50x50.tif'));
const G4_TIFF = readFileSync(path.join(FIXTURES, 'tiff/yl-summary-mismatch.g4.tif'));

async function pagesOf(zip: Uint8Array): Promise<Array<{ name: string; bytes: Buffer }>> {
  const z = await PageZip.open(zip);
  try {
    return await Promise.all(z.images.map(async (i) => ({ name: i.entry.fileName, bytes: await z.read(i) })));
  } finally {
    z.close();
  }
}

describe('entry names', () => {
  it('passes over folders and what archivers add; orders pages naturally', () => {
    expect(['bao-cao/', '__MACOSX/bao-cao/._IMG_9.jpg', 'bao-cao/.DS_Store', 'Thumbs.db', 'a/desktop.ini'].every(isJunkEntry)).toBe(true);
    expect(['IMG_9.jpg', 'bao-cao/trang 1.JPG', 'Ảnh trang 2.heic'].some(isJunkEntry)).toBe(false);
    expect(['trang-10.jpg', 'trang-2.jpg', 'trang-1.jpg', 'IMG_11.jpg', 'IMG_9.jpg'].sort(naturalOrder)).toEqual(['IMG_9.jpg', 'IMG_11.jpg', 'trang-1.jpg', 'trang-2.jpg', 'trang-10.jpg']);
    expect(namesLookLikePages(['a/', 'a/1.jpg', 'a/2.TIFF', '__MACOSX/a/._1.jpg'])).toBe(true);
    expect(namesLookLikePages(['a/1.jpg', 'a/ghi-chu.txt'])).toBe(false);
    expect(namesLookLikePages(['a/'])).toBe(false);
  });
});

describe('a ZIP of page photos', () => {
  it('holds its images in natural name order, junk passed over; is routed as an image', async () => {
    const pages = await pagesOf(PHOTOS_ZIP);
    expect(pages.map((p) => p.name)).toEqual(['bao-cao/IMG_9.jpg', 'bao-cao/IMG_10.jpg', 'bao-cao/IMG_11.jpg']);
    expect(formatOf(PHOTOS_ZIP)).toBe('image');
    expect(formatOf(readFileSync(path.join(ZIPS, 'bad/notes-only.zip')))).toBe('unknown');
  });

  it('counts a multi-page TIFF entry as its pages', async () => {
    const zip = await PageZip.open(storedZip([{ name: 'a.tif', bytes: G4_TIFF }, { name: 'b.tif', bytes: BLANK_TIFF }]));
    try {
      expect(zip.pageCount).toBe(4);
      expect(zip.locate(3)).toMatchObject({ image: { kind: 'tiff', pages: 3 }, page: 3 });
      expect(zip.locate(4)).toMatchObject({ image: { pages: 1 }, page: 1 });
      expect(zip.locate(5)).toBeNull();
      // Page 4 as OCR gets it: the blank TIFF's page as a 50×50 PGM.
      expect(Buffer.from((await zip.ocrImage(4))!).subarray(0, 9).toString('latin1')).toBe('P5\n50 50\n');
    } finally {
      zip.close();
    }
  });

  it('refuses an entry that is not a page image, by its name (unsupported-format)', async () => {
    const e = await readDocument(readFileSync(path.join(ZIPS, 'bad/page-and-note.zip'))).catch((x: unknown) => x);
    expect(e).toMatchObject({ code: 'unsupported-format' });
    expect((e as { userMessage: string }).userMessage).toContain('Trong tệp ZIP, “ghi-chú.txt” không phải ảnh trang báo cáo.');
    // A ZIP inside, a Word file inside: named too, never read.
    const nested = storedZip([{ name: 'trang-1.tif', bytes: BLANK_TIFF }, { name: 'khac.zip', bytes: PHOTOS_ZIP }, { name: 'bc.docx', bytes: readFileSync(path.join(REPORTS, 'quang-trung-2024.docx')) }]);
    await expect(readDocument(nested)).rejects.toMatchObject({ code: 'unsupported-format', userMessage: expect.stringContaining('“bc.docx”, “khac.zip” không phải ảnh trang') });
  });

  it('refuses a ZIP that is not Word and has no page image, saying what a ZIP must hold', async () => {
    await expect(readDocument(readFileSync(path.join(ZIPS, 'bad/notes-only.zip')))).rejects.toMatchObject({
      code: 'unsupported-format',
      userMessage: expect.stringMatching(/không phải văn bản Word \(DOCX\) và không có ảnh trang báo cáo nào\. Tệp ZIP chỉ được chứa ảnh chụp/),
    });
  });

  it('keeps to the OCR page limit (too-large) and needs OCR to be read', async () => {
    await expect(readDocument(PHOTOS_ZIP, { maxOcrPages: 2 })).rejects.toMatchObject({ code: 'too-large', userMessage: expect.stringContaining('Tệp ZIP có 3 trang ảnh') });
    await expect(readDocument(PHOTOS_ZIP)).rejects.toMatchObject({ code: 'unsupported-format', userMessage: expect.stringContaining('OCR') });
  });

  it('refuses a damaged ZIP (corrupt-file) and one over the zip limits (too-large)', async () => {
    await expect(readDocument(PHOTOS_ZIP.subarray(0, 200_000))).rejects.toMatchObject({ code: 'corrupt-file' });
    await expect(readDocument(PHOTOS_ZIP, { zipLimits: { maxEntries: 5 } })).rejects.toMatchObject({ code: 'too-large' });
  });
});

describe('--one-report packing', () => {
  const dir = tempDir();
  const pages = (async () => {
    const photos = await pagesOf(PHOTOS_ZIP);
    // Named so that their name order is not the order given.
    const files = ['z-trang.jpg', 'b-trang.jpg', 'a-trang.jpg'].map((n) => path.join(dir, n));
    files.forEach((f, i) => writeFileSync(f, photos[i]!.bytes));
    return { files, photos };
  })();

  it('packs the files in the order given into a ZIP the reader reads in that order, the same bytes each time', async () => {
    const { files, photos } = await pages;
    const report = await packOneReport(files);
    expect(report.label).toBe(`${files[0]} + 2 ảnh khác`);
    const packed = await pagesOf(report.bytes);
    expect(packed.map((p) => p.name)).toEqual(['001-z-trang.jpg', '002-b-trang.jpg', '003-a-trang.jpg']);
    packed.forEach((p, i) => expect(p.bytes.equals(photos[i]!.bytes)).toBe(true));
    expect(formatOf(report.bytes)).toBe('image');
    expect((await packOneReport(files)).sha256).toBe(report.sha256);
  });

  it('takes a folder as its files in natural order; one file stays as it is', async () => {
    const { photos } = await pages;
    const folder = path.join(dir, 'thu-muc');
    mkdirSync(folder);
    ['trang-10.jpg', 'trang-2.jpg', 'trang-1.jpg'].forEach((n, i) => writeFileSync(path.join(folder, n), photos[i]!.bytes));
    const report = await packOneReport([folder]);
    expect((await pagesOf(report.bytes)).map((p) => p.name)).toEqual(['001-trang-1.jpg', '002-trang-2.jpg', '003-trang-10.jpg']);
    const one = await packOneReport([path.join(folder, 'trang-1.jpg')]);
    expect(Buffer.from(one.bytes).equals(photos[2]!.bytes)).toBe(true);
    expect(one.label).toBe(path.join(folder, 'trang-1.jpg'));
  });

  it('refuses what is not a page image, a missing file, and too much', async () => {
    const { files } = await pages;
    const docx = path.join(REPORTS, 'quang-trung-2024.docx');
    const refusal = (args: string[], maxBytes?: number): Promise<unknown> => packOneReport(args, maxBytes).catch((e: unknown) => e);
    const notImage = await refusal([files[0]!, docx]);
    expect(notImage).toBeInstanceOf(OneReportRefused);
    expect(notImage).toMatchObject({ code: 'unsupported-format', message: expect.stringContaining(`“${docx}” không phải ảnh trang. --one-report chỉ gộp ảnh`) });
    expect(await refusal([files[0]!, path.join(dir, 'khong-co.jpg')])).toMatchObject({ code: 'not-found' });
    expect(await refusal(files, 1_000_000)).toMatchObject({ code: 'too-large', message: expect.stringContaining('Các ảnh gộp lại hơn') });
  });
});
