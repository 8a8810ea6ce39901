/**
 * Makes the TIFF fixtures (fixtures/tiff/) from committed scan fixtures, as scanners write TIFF:
 * one page LZW, several pages in one file, 16 bits a sample, CCITT Group 4 (bilevel, fax), and a
 * blank 50×50 page. Each report TIFF gets the expected result of its scanned twin, as an image.
 * Run with `npm run fixtures:tiff`; the output is committed and CI uses it as committed.
 *
 * Needs poppler-utils (pdftoppm) and ImageMagick 6 (`convert`). Grey pages are posterised to four
 * levels so that LZW keeps each file to a few hundred KB (a noisy 8-bit scan barely compresses).
 */
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { run } from './scans/tools.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SCANS = join(ROOT, 'fixtures/scans');
const OUT = join(ROOT, 'fixtures/tiff');

/** Four grey levels, paper and ink pulled apart: what a scanner's "text" mode gives, and small. */
const GREY = ['-colorspace', 'gray', '-level', '25%,85%', '-posterize', '4'];
/** No dates or software tags: a re-run writes the same bytes. */
const PLAIN = ['-define', 'tiff:exif-properties=false', '+set', 'date:create', '+set', 'date:modify', '-strip'];

interface TiffFixture {
  readonly name: string;
  /** The scan fixture it is made from (its expected result is this one's too). */
  readonly from: string;
  readonly why: string;
  /**
   * Whether it reads exactly as its twin, so gets its expected result. The multi-page files do not
   * (posterised or thresholded, some table cells read otherwise): test/tiff.test.ts checks their
   * unit, year, total and pages instead.
   */
  readonly twin: boolean;
  /** ImageMagick options between the pages and the output file. */
  readonly options: readonly string[];
}

const FIXTURES: readonly TiffFixture[] = [
  { name: 'hoa-binh-2024.summary-photo.lzw.tif', from: 'hoa-binh-2024.summary-photo.jpg', why: 'one page, 8-bit grey, LZW', twin: true, options: [...GREY, '-depth', '8', '-compress', 'LZW'] },
  { name: 'hoa-binh-2024.summary-photo.gray16.tif', from: 'hoa-binh-2024.summary-photo.jpg', why: 'one page, 16-bit grey, LZW', twin: true, options: [...GREY, '-depth', '16', '-compress', 'LZW'] },
  { name: 'nl-summary-mismatch.pages.lzw.tif', from: 'nl-summary-mismatch.scan200.pdf', why: 'three pages in one file, 8-bit grey, LZW', twin: false, options: [...GREY, '-depth', '8', '-compress', 'LZW'] },
  { name: 'yl-summary-mismatch.g4.tif', from: 'yl-summary-mismatch.scan200.pdf', why: 'three pages, bilevel, CCITT Group 4 (fax)', twin: false, options: ['-threshold', '55%', '-monochrome', '-compress', 'Group4'] },
];

/** The pages of a scan fixture as 200-dpi grey PGMs (a PDF) or the photo itself. */
async function pagesOf(from: string, dir: string): Promise<string[]> {
  const file = join(SCANS, from);
  if (!from.endsWith('.pdf')) return [file];
  const prefix = join(dir, from);
  await run('pdftoppm', ['-r', '200', '-gray', file, prefix]);
  return (await readdir(dir)).filter((f) => f.startsWith(from) && f.endsWith('.pgm')).sort().map((f) => join(dir, f));
}

async function main(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'doisoat-tiff-'));
  try {
    for (const f of FIXTURES) {
      const pages = await pagesOf(f.from, dir);
      const density = f.from.endsWith('.pdf') ? ['-units', 'PixelsPerInch', '-density', '200'] : [];
      await run('convert', [...pages, ...density, ...f.options, ...PLAIN, join(OUT, f.name)]);
      if (f.twin) {
        const expected = JSON.parse(await readFile(join(SCANS, `${f.from}.expected.json`), 'utf8')) as { format: string };
        await writeFile(join(OUT, `${f.name}.expected.json`), `${JSON.stringify({ ...expected, format: 'image' }, null, 2)}\n`);
      }
      console.log(`${f.name}: ${f.why}`);
    }
    // A blank page: no report on it, which must be said (no-report-found), not crash the process.
    await run('convert', ['-size', '50x50', 'xc:white', '-depth', '8', '-compress', 'LZW', ...PLAIN, join(OUT, 'blank', 'white-50x50.tif')]);
    console.log('blank/white-50x50.tif: a blank 50×50 page');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
