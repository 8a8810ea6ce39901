/**
 * Makes the misread fixtures (fixtures/misreads/): scans of typed reports at 150 dpi, JPEG quality
 * 40 and heavy noise, a look under which the page pass misreads some figures, so that the second
 * reading (pipeline/second-reading.ts) has something to settle. Seeds are drawn from the label
 * "h1", the label the files were first made and read with. Each file's expected outcome is
 * stated by hand in its `.expected.json` (which errors stand, which become ocr-uncertain).
 * Run with `npm run fixtures:misreads`; the output is committed and CI uses it as committed.
 *
 * Needs poppler-utils (`pdftoppm`), ImageMagick 6 (`convert`) and img2pdf.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { seedOf, skewOf } from './scans/seed.js';
import { imagesToPdf, pageCount, renderPage, scanLook } from './scans/tools.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, 'fixtures/misreads');
const LABEL = 'h1';
const DPI = 150;
const NAMES = ['yl-summary-mismatch'];

const work = await mkdtemp(join(os.tmpdir(), 'doisoat-misreads-'));
try {
  await mkdir(OUT, { recursive: true });
  for (const name of NAMES) {
    const pdf = join(ROOT, `fixtures/reports/${name}.pdf`);
    const jpegs: string[] = [];
    for (let p = 1; p <= (await pageCount(pdf)); p++) {
      const page = `${LABEL}:${name}#${p}`;
      const dir = await mkdtemp(join(work, 'p-'));
      const jpeg = join(work, `${name}_${p}.jpg`);
      // Twice the blind sets' skew, grey paper, heavy noise, JPEG quality 40.
      await scanLook(await renderPage(pdf, p, DPI, dir), jpeg, { angle: skewOf(page) * 2, blur: 0.7, paper: 0.93, noise: 0.25, seed: seedOf(`noise:${page}`) % 1_000_000, quality: 40, dpi: DPI });
      jpegs.push(jpeg);
    }
    await imagesToPdf(jpegs, DPI, join(OUT, `${name}.scan150.pdf`));
    console.log(`fixtures/misreads/${name}.scan150.pdf`);
  }
} finally {
  await rm(work, { recursive: true, force: true });
}
