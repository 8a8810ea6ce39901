/**
 * Renders the scan fixtures from the committed typed PDFs (fixtures/reports/*.pdf): image-only
 * "scanned" PDFs at 300 and 200 dpi, a phone photo of a summary page, a PDF whose first pages are
 * typed and last pages scanned, each with its expected result; and the bad scan inputs. Run with
 * `npm run fixtures:scans`; the output is committed and CI uses it as committed.
 *
 * Needs: poppler-utils (pdftoppm, pdftotext, pdfinfo), ImageMagick 6 (`convert`, `identify`;
 * the stock Debian policy is enough: no PDF goes through ImageMagick), img2pdf, qpdf.
 *
 * Every random choice (rotation per page, noise, scrambled bytes) is seeded from a fixed label and
 * no tool writes a date, so a re-run with the same tools rewrites every file byte for byte.
 */
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { corruptJpeg } from './scans/corrupt-jpeg.js';
import { asFormat, errorFlagsOf, type ErrorFlag, type Expected, pageExpected, type PageContent, readExpected } from './scans/expected.js';
import { writeHugePng } from './scans/huge-png.js';
import { seedOf, skewOf } from './scans/seed.js';
import {
  assemblePdf,
  bytesOf,
  imagesToPdf,
  pageCount,
  pageText,
  photoLook,
  renderPage,
  run,
  type ScanLook,
  scanLook,
} from './scans/tools.js';

// =============================================================================================
// What to make
// =============================================================================================

/** Typed reports scanned whole, and at which resolutions. */
const SCANS: ReadonlyArray<{ readonly name: string; readonly dpis: readonly number[]; readonly why: string }> = [
  { name: 'quang-trung-2024', dpis: [300, 200], why: 'the sample; comma decimals, summary as a list' },
  { name: 'bac-son-2024', dpis: [300], why: 'dot decimals ("20.5đ"), summary as a table' },
  { name: 'hh-total-mismatch', dpis: [300], why: 'Hòa Bình layout (ALL CAPS headings, group score at its end); total-mismatch' },
  { name: 'nl-summary-mismatch', dpis: [300, 200], why: 'Ngọc Lặc layout (one scoring table across two pages); summary-mismatch (IV)' },
  { name: 'yl-summary-mismatch', dpis: [200], why: 'Yên Lạc layout, the summary table alone at the top of a page (at 200 dpi its one-pixel rules fade in a half-size copy); summary-mismatch (II)' },
  { name: 'lam-son-2024', dpis: [200], why: 'scores written with a dot in a document whose percentages have commas; the summary table runs onto the next page' },
];

/** Scanner settings per resolution (blur scales with the pixel size). */
const SCAN_SETTINGS: Readonly<Record<number, { blur: number; noise: number; quality: number }>> = {
  300: { blur: 0.9, noise: 0.12, quality: 75 },
  200: { blur: 0.6, noise: 0.12, quality: 78 },
};
const PAPER = 0.95;

/** First pages kept as text, the rest scanned. */
const MIXED = { name: 'bac-son-2024', typedPages: 6, dpi: 300 } as const;

/**
 * The photo: the page of hoa-binh-2024.pdf holding the summary ("III. TỔNG HỢP ĐIỂM TỰ CHẤM VÀ
 * ĐỀ NGHỊ XẾP LOẠI"), the only report whose whole summary (list, total, classification) is on one
 * page with the unit named on it. What that page holds, checked against its text layer below.
 */
const PHOTO = {
  name: 'hoa-binh-2024',
  dpi: 250,
  content: { groups: ['IV', 'V', 'VI'], summary: true, total: true, classification: true, unit: true, year: true } satisfies PageContent,
  /** By hand: body IV–VI (14 + 9,5 + 1) and summary-only I–III (21,5 + 33 + 9,5) make the declared 88,5. */
  errors: [] as ErrorFlag[],
} as const;

/** One small scanned page, repeated. */
const MANY_PAGES = { from: 'quang-trung-2024', page: 1, dpi: 150, pages: 300 } as const;
const HUGE_PNG_SIZE = 30_000;

const BAD: Readonly<Record<string, { code: string; what: string }>> = {
  'huge-30000.png': {
    code: 'too-large',
    what: 'A flat white 30000×30000 px PNG (1-bit grayscale, 900 M pixels — 3.6 GB as RGBA once decoded), about 150 KB on disk, written row by row through a zlib stream. IHDR is valid and the IDAT stream is complete.',
  },
  'corrupt.jpg': {
    code: 'corrupt-file',
    what: 'A real grayscale JPEG (page 1 of quang-trung-2024.pdf scanned at 150 dpi) whose headers (SOI, JFIF, DQT, SOF0, DHT, SOS) are intact, so it sniffs as a JPEG of 1241×1754 px; after the first 4 KB of scan data, 12 KB are XOR-scrambled (stray 0xFF markers among them) and the file stops there, with no EOI. Lenient decoders only warn (ImageMagick: "Corrupt JPEG data: premature end of data segment", the page grey below the damage, exit 0); leptonica, as in tesseract, gives up ("pixReadStreamJpeg: read error at scanline 104 … bad data"). doisoat must call it corrupt.',
  },
  'scan-300-pages.pdf': {
    code: 'too-large',
    what: 'A 300-page image-only PDF: one 150 dpi scanned page (page 1 of quang-trung-2024) shown on every page (the image is stored once, so the file is small). A page limit must stop it before OCR; the issue also allows "timeout" for it, but a page-count check is immediate, so "too-large" is expected.',
  },
};

// =============================================================================================
// Generator
// =============================================================================================

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const REPORTS = join(ROOT, 'fixtures', 'reports');
const SCANS_DIR = join(ROOT, 'fixtures', 'scans');
const BAD_DIR = join(ROOT, 'fixtures', 'bad-scans');

const log = (s: string): void => void process.stdout.write(`${s}\n`);
const json = (v: unknown): string => `${JSON.stringify(v, null, 2)}\n`;
const typedPdf = (name: string): string => join(REPORTS, `${name}.pdf`);
const typedExpected = (name: string): Promise<Expected> => readExpected(join(REPORTS, `${name}.pdf.expected.json`));

/** Runs `fn` over `items`, `limit` at a time, results in input order. */
async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  });
  await Promise.all(workers);
  return out;
}

interface ScannedPage {
  readonly name: string;
  readonly page: number;
  readonly dpi: number;
  readonly angle: number;
  readonly jpeg: string;
}

/** The scanner's look for one page of one report at one resolution. */
function lookOf(name: string, page: number, dpi: number): ScanLook {
  const s = SCAN_SETTINGS[dpi];
  if (!s) throw new Error(`no scan settings for ${dpi} dpi`);
  const label = `${name}@${dpi}#${page}`;
  return { angle: skewOf(label), blur: s.blur, paper: PAPER, noise: s.noise, seed: seedOf(`noise:${label}`) % 1_000_000, quality: s.quality, dpi };
}

const kb = (n: number): string => (n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.round(n / 1024)} KB`);

async function removeStale(dir: string, keep: ReadonlySet<string>): Promise<string[]> {
  const stale = (await readdir(dir)).filter((f) => !keep.has(f));
  for (const f of stale) await rm(join(dir, f), { recursive: true, force: true });
  return stale;
}

/** The page of a PDF holding the summary heading. */
async function summaryPage(pdf: string): Promise<{ page: number; text: string }> {
  const pages = await pageCount(pdf);
  for (let p = 1; p <= pages; p++) {
    const text = await pageText(pdf, p);
    if (/TỔNG HỢP (KẾT QUẢ|ĐIỂM)/u.test(text)) return { page: p, text };
  }
  throw new Error(`${pdf}: no summary heading on any page`);
}

/**
 * The photo's expected content must be what its page shows: the body headings of exactly the
 * listed groups, each of their figures, every summary line, the total, the classification, the
 * unit's name and the year.
 */
function checkPhotoPage(text: string, typed: Expected, exp: Expected): void {
  const flat = text.replace(/\s+/g, ' ');
  const summaryAt = flat.search(/TỔNG HỢP/u);
  const body = flat.slice(0, summaryAt);
  const summary = flat.slice(summaryAt);
  const problems: string[] = [];
  for (const g of typed.declared.groups) {
    const heading = new RegExp(`NHÓM TIÊU CHÍ ${g.id}\\b`, 'u').test(body);
    const expected = exp.declared.groups.some((x) => x.id === g.id);
    if (heading !== expected) problems.push(`group ${g.id}: heading ${heading ? 'on' : 'not on'} the page`);
    if (!expected) continue;
    for (const f of [g.score, ...g.items, ...g.subgroups.map((s) => s.score)]) {
      if (f && !body.includes(f.raw)) problems.push(`group ${g.id}: ${f.raw} not in the page's body`);
    }
  }
  for (const s of exp.declared.summary) {
    if (!new RegExp(`Nhóm tiêu chí ${s.id}: ${s.score?.raw ?? ''}`, 'u').test(summary)) problems.push(`summary line ${s.id} not on the page`);
  }
  if (exp.declared.total && !summary.includes(exp.declared.total.raw)) problems.push('total not on the page');
  if (exp.declared.classification && !summary.includes(exp.declared.classification.text)) problems.push('classification not on the page');
  if (exp.unit && !flat.includes(`${exp.unit.type} ${exp.unit.name}`)) problems.push('unit not on the page');
  if (exp.year !== null && !flat.includes(`năm ${exp.year}`)) problems.push('year not on the page');
  if (problems.length > 0) throw new Error(`photo page: the text layer disagrees with the expected content:\n  ${problems.join('\n  ')}`);
}

async function main(): Promise<void> {
  const started = performance.now();
  const work = await mkdtemp(join(tmpdir(), 'doisoat-scans-'));
  const cores = availableParallelism();
  const written = new Map<string, string>(); // file → description (scans)
  try {
    await mkdir(SCANS_DIR, { recursive: true });
    await mkdir(BAD_DIR, { recursive: true });

    // 0. The error flags this script derives must agree with the twins' hand-written ones.
    for (const name of new Set([...SCANS.map((s) => s.name), MIXED.name, PHOTO.name])) {
      const t = await typedExpected(name);
      const derived = errorFlagsOf(t.declared, t.recomputed.total);
      if (json(derived) !== json([...t.errorFlags].sort((x, y) => `${x.rule}/${x.group ?? ''}`.localeCompare(`${y.rule}/${y.group ?? ''}`)))) {
        throw new Error(`${name}: rules here give ${json(derived)} but the twin expects ${json(t.errorFlags)}`);
      }
    }

    // 1. Every page to scan: whole reports, and the mixed PDF's last pages (shared when the same).
    const wanted = new Map<string, { name: string; page: number; dpi: number }>();
    const want = (name: string, page: number, dpi: number): void => void wanted.set(`${name}@${dpi}#${page}`, { name, page, dpi });
    const pagesOf = new Map<string, number>();
    for (const name of new Set([...SCANS.map((s) => s.name), MIXED.name])) pagesOf.set(name, await pageCount(typedPdf(name)));
    for (const s of SCANS) for (const dpi of s.dpis) for (let p = 1; p <= pagesOf.get(s.name)!; p++) want(s.name, p, dpi);
    for (let p = MIXED.typedPages + 1; p <= pagesOf.get(MIXED.name)!; p++) want(MIXED.name, p, MIXED.dpi);

    const scanned = new Map<string, ScannedPage>();
    const t0 = performance.now();
    await mapLimit([...wanted.entries()], cores, async ([key, { name, page, dpi }]) => {
      const dir = await mkdtemp(join(work, 'page-'));
      const png = await renderPage(typedPdf(name), page, dpi, dir);
      const look = lookOf(name, page, dpi);
      const jpeg = join(work, `${key.replace(/[@#]/g, '_')}.jpg`);
      await scanLook(png, jpeg, look);
      await rm(dir, { recursive: true, force: true });
      scanned.set(key, { name, page, dpi, angle: look.angle, jpeg });
    });
    log(`pages: ${wanted.size} scanned in ${((performance.now() - t0) / 1000).toFixed(1)} s (${cores} at a time)`);

    // 2. Whole scanned reports.
    for (const s of SCANS) {
      const typed = await typedExpected(s.name);
      for (const dpi of s.dpis) {
        const file = `${s.name}.scan${dpi}.pdf`;
        const pages = Array.from({ length: pagesOf.get(s.name)! }, (_, i) => scanned.get(`${s.name}@${dpi}#${i + 1}`)!);
        await imagesToPdf(pages.map((p) => p.jpeg), dpi, join(SCANS_DIR, file));
        const text = (await run('pdftotext', [join(SCANS_DIR, file), '-'])).trim();
        if (text.replace(/\f/g, '').length > 0) throw new Error(`${file}: has a text layer`);
        if ((await pageCount(join(SCANS_DIR, file))) !== pages.length) throw new Error(`${file}: page count`);
        await writeFile(join(SCANS_DIR, `${file}.expected.json`), json(asFormat(typed, 'pdf-scanned')));
        written.set(file, `${s.name}.pdf, ${pages.length} pages at ${dpi} dpi, skew ${pages.map((p) => `${p.angle > 0 ? '+' : ''}${p.angle.toFixed(2)}°`).join(' ')}: ${s.why}`);
        log(`scan: ${file} ${kb(await bytesOf(join(SCANS_DIR, file)))}`);
      }
    }

    // 3. Mixed: typed pages 1..k, scanned pages k+1..n.
    {
      const n = pagesOf.get(MIXED.name)!;
      const tail = Array.from({ length: n - MIXED.typedPages }, (_, i) => scanned.get(`${MIXED.name}@${MIXED.dpi}#${MIXED.typedPages + i + 1}`)!);
      const tailPdf = join(work, 'mixed-tail.pdf');
      await imagesToPdf(tail.map((p) => p.jpeg), MIXED.dpi, tailPdf);
      const file = `${MIXED.name}.mixed.pdf`;
      const out = join(SCANS_DIR, file);
      await assemblePdf(typedPdf(MIXED.name), [[typedPdf(MIXED.name), `1-${MIXED.typedPages}`], [tailPdf, `1-${tail.length}`]], out);
      for (let p = 1; p <= n; p++) {
        const hasText = (await pageText(out, p)).trim().length > 0;
        if (hasText !== p <= MIXED.typedPages) throw new Error(`${file}: page ${p} ${hasText ? 'has' : 'lacks'} a text layer`);
      }
      await writeFile(join(SCANS_DIR, `${file}.expected.json`), json(asFormat(await typedExpected(MIXED.name), 'pdf-scanned')));
      written.set(
        file,
        `${MIXED.name}.pdf with pages 1–${MIXED.typedPages} kept as text (their text layer, fonts and document information as typed) and pages ${MIXED.typedPages + 1}–${n} replaced by their ${MIXED.dpi} dpi scans (the same images as in ${MIXED.name}.scan${MIXED.dpi}.pdf): group II starts on a typed page and its sub-group 2.2's score is on a scanned one; groups III–VI, the summary table, total and classification are scanned`,
      );
      log(`mixed: ${file} ${kb(await bytesOf(out))}`);
    }

    // 4. The photo of the summary page.
    {
      const { page, text } = await summaryPage(typedPdf(PHOTO.name));
      const typed = await typedExpected(PHOTO.name);
      const exp = pageExpected(typed, PHOTO.content, 'image');
      checkPhotoPage(text, typed, exp);
      if (json(exp.errorFlags) !== json(PHOTO.errors)) throw new Error(`photo: rules give ${json(exp.errorFlags)}, stated ${json(PHOTO.errors)}`);
      for (const [id, v] of Object.entries(exp.recomputed.groups)) {
        if (typed.recomputed.groups[id] !== v) throw new Error(`photo: group ${id} recomputed ${v}, the twin ${typed.recomputed.groups[id]}`);
      }
      const label = `${PHOTO.name}@photo#${page}`;
      const png = await renderPage(typedPdf(PHOTO.name), page, PHOTO.dpi, work, true);
      const file = `${PHOTO.name}.summary-photo.jpg`;
      const angle = skewOf(label, 0.5, 1.5);
      await photoLook(png, join(SCANS_DIR, file), { angle, blur: 1.1, paper: 1, noise: 0.4, seed: seedOf(`noise:${label}`) % 1_000_000, quality: 82, dpi: PHOTO.dpi });
      await writeFile(join(SCANS_DIR, `${file}.expected.json`), json(exp));
      written.set(
        file,
        `page ${page} of ${PHOTO.name}.pdf (the page holding "III. TỔNG HỢP ĐIỂM TỰ CHẤM VÀ ĐỀ NGHỊ XẾP LOẠI") photographed flat at ${PHOTO.dpi} dpi, colour, skew ${angle > 0 ? '+' : ''}${angle.toFixed(2)}°, uneven warm light, blur, sensor noise, JPEG quality 82`,
      );
      log(`photo: ${file} (page ${page}) ${kb(await bytesOf(join(SCANS_DIR, file)))}`);
    }

    // 5. Bad inputs.
    {
      const huge = await writeHugePng(join(BAD_DIR, 'huge-30000.png'), HUGE_PNG_SIZE);
      log(`bad: huge-30000.png ${kb(huge.bytes)} for ${huge.pixels.toLocaleString('en')} pixels`);

      const dir = await mkdtemp(join(work, 'bad-'));
      const png = await renderPage(typedPdf(MANY_PAGES.from), MANY_PAGES.page, MANY_PAGES.dpi, dir);
      const look = lookOf(MANY_PAGES.from, MANY_PAGES.page, 300);
      const smallLook: ScanLook = { ...look, dpi: MANY_PAGES.dpi, blur: 0.5, seed: seedOf(`noise:${MANY_PAGES.from}@${MANY_PAGES.dpi}#1`) % 1_000_000 };
      const progressive = join(dir, 'page.jpg');
      await scanLook(png, progressive, smallLook);
      const onePdf = join(dir, 'one.pdf');
      await imagesToPdf([progressive], MANY_PAGES.dpi, onePdf);
      const manyPdf = join(BAD_DIR, 'scan-300-pages.pdf');
      await assemblePdf(null, [[onePdf, Array.from({ length: MANY_PAGES.pages }, () => '1').join(',')]], manyPdf);
      if ((await pageCount(manyPdf)) !== MANY_PAGES.pages) throw new Error('scan-300-pages.pdf: page count');
      log(`bad: scan-300-pages.pdf ${kb(await bytesOf(manyPdf))}`);

      // corrupt.jpg from a baseline (not progressive) JPEG: one scan after the headers.
      const baseline = join(dir, 'baseline.jpg');
      await run('convert', [progressive, '-interlace', 'none', '-quality', '75', '-strip', baseline]);
      const corrupt = corruptJpeg(await readFile(baseline), 'corrupt.jpg');
      await writeFile(join(BAD_DIR, 'corrupt.jpg'), corrupt.data);
      log(`bad: corrupt.jpg ${kb(corrupt.data.length)} (headers ${corrupt.scanStart} B, then ${corrupt.keptIntact} B intact, ${corrupt.scrambled} B scrambled, no EOI)`);

      await writeFile(join(BAD_DIR, 'expected.json'), json(Object.fromEntries(Object.entries(BAD).map(([f, b]) => [f, b.code]))));
      for (const f of Object.keys(BAD)) await readFile(join(BAD_DIR, f));
    }

    // 6. README; files of earlier runs that this one did not write go.
    await writeFile(join(SCANS_DIR, 'README.md'), await readme(written));
    const keepScans = new Set(['README.md', ...[...written.keys()].flatMap((f) => [f, `${f}.expected.json`])]);
    const stale = [...(await removeStale(SCANS_DIR, keepScans)), ...(await removeStale(BAD_DIR, new Set([...Object.keys(BAD), 'expected.json'])))];
    if (stale.length > 0) log(`removed stale: ${stale.join(', ')}`);
    let total = 0;
    for (const dir of [SCANS_DIR, BAD_DIR]) for (const f of await readdir(dir)) total += await bytesOf(join(dir, f));
    log(`total size of fixtures/scans + fixtures/bad-scans: ${kb(total)}`);
    log(`done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

async function readme(written: ReadonlyMap<string, string>): Promise<string> {
  const rows: string[] = [];
  for (const [file, what] of written) {
    const exp = await readExpected(join(SCANS_DIR, `${file}.expected.json`));
    const flags = exp.errorFlags.length === 0 ? 'none' : exp.errorFlags.map((f) => `\`${f.rule}\`${f.group ? ` (${f.group})` : ''}`).join(', ');
    rows.push(`| \`${file}\` | ${kb(await bytesOf(join(SCANS_DIR, file)))} | \`${exp.format}\` | ${what}. | ${flags} |`);
  }
  const bad: string[] = [];
  for (const [file, b] of Object.entries(BAD)) bad.push(`| \`${file}\` | ${kb(await bytesOf(join(BAD_DIR, file)))} | ${b.what} | \`${b.code}\` |`);
  const s300 = SCAN_SETTINGS[300]!;
  const s200 = SCAN_SETTINGS[200]!;
  return `# Scan fixtures

Generated by \`scripts/make-scans.ts\` from the committed typed PDFs in \`../reports/\` — **do not edit
by hand**; change the lists at the top of that script and run \`npm run fixtures:scans\` (needs
poppler-utils, ImageMagick 6, img2pdf and qpdf; the stock Debian ImageMagick policy is enough, since
no PDF goes through ImageMagick). The generated files are committed; CI uses them as committed and
never runs the generator. It takes about three minutes on a two-core machine (ImageMagick, one
page per core).

Each \`<file>.expected.json\` has the shape of \`../reports/*.expected.json\` (see \`../README.md\`):
\`format\`, \`unit\`, \`year\`, \`declared\`, \`recomputed\` must match exactly, \`errorFlags\` is exactly
the set of error-severity flags. For a whole-report scan it is the typed twin's expected JSON with
\`format\` changed to \`"pdf-scanned"\` (so: the same declared scores, summary, total, classification,
unit, year and error flags as the typed file).

## How a scan is made

Each page of the typed PDF is rendered by \`pdftoppm -gray\` at the scan's resolution, then
ImageMagick: rotated by a per-page angle between −2° and +2° (never less than 0.3° either way,
seeded from "<report>@<dpi>#<page>"; white fill, cut back to the page size), Gaussian blur
(σ ${s300.blur} px at 300 dpi, ${s200.blur} px at 200 dpi), white paper toned down to ${Math.round(PAPER * 100)}% grey (ink
lifted to 4%), \`+noise Gaussian\` with \`-attenuate ${s300.noise}\` (seeded, one thread), grayscale progressive JPEG at
quality ${s300.quality} (300 dpi) / ${s200.quality} (200 dpi), metadata stripped. The JPEGs are wrapped as an image-only PDF by
\`img2pdf --engine internal --nodate --imgsize <dpi>dpi\` (A4 pages, the JPEGs embedded as they
are, no text layer, no fonts). Re-running rewrites every file byte for byte (no dates, fixed seeds,
img2pdf's internal engine rather than pikepdf, which linearises with a random /ID, and
\`qpdf --deterministic-id\` where qpdf assembles pages).

Checked with the native \`tesseract <page> - -l vie\` (default page segmentation, no
preprocessing): the prose reads well but not perfectly (about 0.3% of characters wrong on a 300 dpi
body page: "thỉ"/"Nghỉ" for "thi"/"Nghi", "-_" for a list dash, "VỆ" for "Vệ", a full stop read as a
comma), and the figures are where it stumbles, as on a real office scan: the roman numeral "III" read
as "II" (the summary line for group III on quang-trung page 8 at 300 dpi — read right at 200 dpi —,
the photo's section heading and summary line, the Bắc Sơn table), in the
Bắc Sơn summary table "9.5" read as "95" and "2" as "z", the table header garbled, "TỐNG" for
"TỔNG" in the photo. Most of these also happen on a clean, straight 300 dpi render of the typed page,
and deskewing first does not remove them: they are tesseract's, not the degradation's.

## Files

| file | size | format | what it is | expected error flags |
|---|---|---|---|---|
${rows.join('\n')}

## The photo's expected result

A photo shows one page, so its expected JSON holds only what that page shows, and \`recomputed\`
and \`errorFlags\` are what the project's rules give on those figures alone (worked out in
\`scripts/scans/expected.ts\` and also stated by hand in the script; the two must agree):

- The page holding the summary of \`hoa-binh-2024.pdf\` (page 4) also holds the end of the body:
  groups IV ("Cộng nhóm tiêu chí IV: 14 điểm."), V (9,5) and VI (two "Trừ 0,5 điểm", one "Thưởng 2
  điểm", "Cộng nhóm tiêu chí VI: 01 điểm."), each from its heading to its score. So
  \`declared.groups\` is IV, V, VI exactly as in the twin; groups I–III are not on the page and are absent.
- \`declared.summary\` is all six lines I–VI, \`declared.total\` 88,5 and the classification
  "Hoàn thành tốt nhiệm vụ năm 2024" are on the page, as is the unit ("UBND xã Hòa Bình tự xếp
  loại …", read by the "UBND xã …" rule of extractors/reporting-unit.ts) and the year ("… nhiệm vụ năm 2024").
- \`recomputed.total\` is, as in rules/recompute.ts, the sum of the body groups' scores, and, for
  the groups the summary lists but the page's body lacks (I–III), their summary scores:
  14 + 9,5 + 1 + 21,5 + 33 + 9,5 = 88,5. \`recomputed.groups\` holds the groups with parts: VI = −0,5 −
  0,5 + 2 = 1.
- \`errorFlags\`: none. The declared 88,5 equals the recomputed total; there are body groups, each
  with a score, and a total, so no \`missing-figure\`. Summary entries I–III name groups the
  page's body lacks: \`summary-mismatch\` **warnings**, not listed.
  IV–VI agree with the body; VI's items add up to its score.

Why not \`quang-trung-2024\`: its summary starts on page 8 (after the body of groups IV–VI) and ends on
page 9 (lines IV–VI and the classification), so no single page shows the whole summary. The
Hòa Bình page is the only one in the fixtures with the whole summary, the total, the classification
and the unit's name together.

A cross-check, not the source of the file: \`doisoat check --json\` on page 4's text layer alone
(\`qpdf --empty --pages hoa-binh-2024.pdf 4\`) gives exactly these figures, \`recomputed\` and flags
(\`total-mismatch\` error, \`summary-mismatch\` warnings for I–III), with format \`pdf\`.

If the project decides that a single photographed page should not be checked for a total (an
incomplete body), this file's \`errorFlags\` must change with that rule.

## Bad scans (\`../bad-scans/\`)

\`../bad-scans/expected.json\` maps file name → \`error.code\`.

| file | size | what it is | expected \`error.code\` |
|---|---|---|---|
${bad.join('\n')}

## Regenerating

\`\`\`
npm run fixtures:scans
\`\`\`

Files of earlier runs that the generator no longer writes are deleted from \`fixtures/scans/\` and
\`fixtures/bad-scans/\`.
`;
}

await main();
