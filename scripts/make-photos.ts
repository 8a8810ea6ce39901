/**
 * Makes the photo fixtures (fixtures/photos/) as phones write them, from committed fixtures:
 * - the pixels stored on their side with an EXIF Orientation tag saying how to turn them, and a
 *   resolution no page has (72 dpi for a 3000-pixel picture);
 * - a page on a dark desk: turned 3°, in perspective, lit from one corner, a third of the frame,
 *   in colour at JPEG quality 60;
 * - the same page shot at a steeper angle: its top edge a tenth shorter than its bottom and its
 *   lines tilted 6° at the top but 1° at the bottom (no one deskew straightens them all), under
 *   a soft shadow and uneven light, JPEG quality 60, 72 dpi header;
 * - the summary photo saved as HEIC, as iPhones do.
 * Each gets its twin's expected result (the summary photo of Hòa Bình's page 4).
 * Run with `npm run fixtures:photos`; the output is committed and CI uses it as committed.
 *
 * Needs ImageMagick 6 (`convert`, with its HEIC coder) and poppler-utils (`pdftoppm`).
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { run } from './scans/tools.js';
import { withOrientation } from './scans/exif.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SCANS = join(ROOT, 'fixtures/scans');
const OUT = join(ROOT, 'fixtures/photos');

interface Photo {
  readonly name: string;
  readonly from: string;
  readonly why: string;
  /** EXIF Orientation to write, and the turn (degrees clockwise) that stores the pixels so. */
  readonly orientation: number;
  readonly storedTurn: number;
}

const PHOTOS: readonly Photo[] = [
  { name: 'hoa-binh-2024.summary-photo.exif6.jpg', from: 'hoa-binh-2024.summary-photo.jpg', why: 'stored on its side, EXIF Orientation 6, 72 dpi header', orientation: 6, storedTurn: -90 },
  { name: 'hoa-binh-2024.summary-photo.exif3.jpg', from: 'hoa-binh-2024.summary-photo.jpg', why: 'stored upside down, EXIF Orientation 3, 72 dpi header', orientation: 3, storedTurn: 180 },
];

/** Page 4 of the typed Hòa Bình report (its summary) at 300 dpi, the page both desk photos are of. */
async function summaryPage(dir: string): Promise<string> {
  await run('pdftoppm', ['-r', '300', '-f', '4', '-l', '4', '-png', join(ROOT, 'fixtures/reports/hoa-binh-2024.pdf'), join(dir, 'page')]);
  return join(dir, 'page-4.png');
}

/** The summary page photographed on a dark desk. */
async function deskPhoto(page: string): Promise<void> {
  const name = 'hoa-binh-2024.summary-on-desk.jpg';
  // prettier-ignore
  await run('convert', [
    page, '-background', '#303030', '-rotate', '3', '-bordercolor', '#303030', '-border', '1100x900',
    '-distort', 'Perspective', '0,0 250,150  4680,0 4300,100  0,5300 0,5300  4680,5300 4680,5100',
    '(', '+clone', '-sparse-color', 'Barycentric', '0,0 gray(100%) %w,0 gray(85%) 0,%h gray(60%) %w,%h gray(40%)', ')',
    '-compose', 'multiply', '-composite', '-resize', '3024x4032!', '-colorspace', 'sRGB', '-type', 'TrueColor',
    '-strip', '-quality', '60', '-units', 'PixelsPerInch', '-density', '72', join(OUT, name),
  ]);
  await writeFile(join(OUT, `${name}.expected.json`), await readFile(join(SCANS, 'hoa-binh-2024.summary-photo.jpg.expected.json'), 'utf8'));
  console.log(`${name}: the summary page on a dark desk, turned, in perspective, lit from one corner`);
}

/**
 * The summary page shot at a steeper angle, its corners put straight where a phone held low and
 * to the left would see them (the A4 page at 300 dpi, 2480×3508, in a 3024×4032 frame): top edge
 * 1620 px tilted 6°, bottom 1800 px tilted 1°, left side leaning 5°. A hand's soft shadow falls
 * across the lower left, over the summary, and the light fades to the lower right.
 */
async function perspectivePhoto(page: string): Promise<void> {
  const name = 'hoa-binh-2024.summary-on-desk-perspective.jpg';
  // prettier-ignore
  await run('convert', [
    page, '-alpha', 'off', '-background', '#2c2c2c', '-virtual-pixel', 'background', '-define', 'distort:viewport=3024x4032+0+0',
    '-distort', 'Perspective', '0,0 760,800  2480,0 2371,969  2480,3508 2360,3211  0,3508 560,3180',
    '(', '+clone', '-sparse-color', 'Barycentric', '0,0 gray(95%) %w,0 gray(80%) 0,%h gray(70%) %w,%h gray(45%)', ')',
    '-compose', 'multiply', '-composite',
    '(', '-size', '3024x4032', 'xc:white', '-fill', 'gray(50%)', '-draw', 'polygon 0,2500 1300,2700 1700,4032 0,4032', '-blur', '0x120', ')',
    '-compose', 'multiply', '-composite', '-colorspace', 'sRGB', '-type', 'TrueColor',
    '-strip', '-quality', '60', '-units', 'PixelsPerInch', '-density', '72', join(OUT, name),
  ]);
  await writeFile(join(OUT, `${name}.expected.json`), await readFile(join(SCANS, 'hoa-binh-2024.summary-photo.jpg.expected.json'), 'utf8'));
  console.log(`${name}: the summary page on a dark desk at a steep angle, under a soft shadow`);
}

/** The summary photo as an iPhone saves it: HEIC (HEVC in a HEIF container). */
async function heicPhoto(): Promise<void> {
  const name = 'hoa-binh-2024.summary-photo.heic';
  await run('convert', [join(SCANS, 'hoa-binh-2024.summary-photo.jpg'), '-strip', '-quality', '60', join(OUT, name)]);
  await writeFile(join(OUT, `${name}.expected.json`), await readFile(join(SCANS, 'hoa-binh-2024.summary-photo.jpg.expected.json'), 'utf8'));
  console.log(`${name}: the summary photo saved as HEIC`);
}

async function main(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'doisoat-photos-'));
  try {
    await heicPhoto();
    const page = await summaryPage(dir);
    await deskPhoto(page);
    await perspectivePhoto(page);
    for (const p of PHOTOS) {
      const turned = join(dir, p.name);
      // JFIF at 72 dpi, as phones and messaging apps write it; no other metadata.
      await run('convert', [join(SCANS, p.from), '-rotate', String(p.storedTurn), '-strip', '-units', 'PixelsPerInch', '-density', '72', '-quality', '85', turned]);
      await writeFile(join(OUT, p.name), withOrientation(await readFile(turned), p.orientation));
      const expected = await readFile(join(SCANS, `${p.from}.expected.json`), 'utf8');
      await writeFile(join(OUT, `${p.name}.expected.json`), expected);
      console.log(`${p.name}: ${p.why}`);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
