/**
 * `npm run bench:ocr -- --engines`: doisoat's OCR engines against the native tesseract CLI, on the
 * same page images, with the character error rate (the bench:ocr of 2026-11-27; bench/ocr.ts runs
 * it with --engines).
 *
 * Renders pages of typed fixtures with pdftoppm (grayscale PNG, 300 and 200 dpi) into a temporary
 * folder and reads each page three ways in one run:
 *  - doisoat's OCR pool with 1 engine (pages one after another),
 *  - doisoat's OCR pool at full size (os.availableParallelism() engines, all pages at once),
 *  - `OMP_THREAD_LIMIT=1 tesseract page.png - -l vie` (Debian's tesseract-ocr and tesseract-ocr-vie),
 *  - and, for reference, the same CLI with doisoat's model (`--tessdata-dir`, the best_int data).
 * For each: seconds per page (wall, median over pages; the full pool: its wall time over the
 * pages), CPU seconds per page, and the character error rate against the typed twin's text layer
 * (`pdftotext -layout`, same page): Levenshtein distance / reference length, on NFC text with
 * whitespace runs made one space. Native and 1-engine pages are read alternately so that load from
 * other processes falls on both alike.
 *
 *   npm run bench:ocr -- --engines [--dpi 300,200] [--docs quang-trung-2024,bac-son-2024,…] [--pages 3]
 *                        [--psm 6] [--tune] [--rounds 1]
 *
 * --tune also compares tesseract's page segmentation modes 3, 4 and 6 (1 engine).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { defaultLangPath, OcrPool, type RecognizedPage, type OcrPsm } from '../runtime/ocr/index.js';
import { median } from './stats.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const reports = path.join(root, 'fixtures/reports');

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
const dpis = (arg('dpi') ?? '300,200').split(',').map(Number);
const docs = (arg('docs') ?? 'quang-trung-2024,bac-son-2024,hoa-binh-2024,ngoc-lac-2024').split(',');
const pagesPerDoc = Number(arg('pages') ?? 3);
const psm = Number(arg('psm') ?? 0) as OcrPsm | 0;
const tune = process.argv.includes('--tune');
const rounds = Number(arg('rounds') ?? 1);
const cores = os.availableParallelism();

interface PageImage {
  doc: string;
  page: number;
  dpi: number;
  file: string;
  bytes: Uint8Array;
  reference: string;
}

/** NFC, whitespace runs to one space, trimmed. */
function normalizeText(text: string): string {
  return text.normalize('NFC').replace(/\s+/gu, ' ').trim();
}

/** Levenshtein distance over UTF-16 code units of NFC text (Vietnamese letters are one unit each). */
function levenshtein(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  let prev = new Uint32Array(b.length + 1);
  let curr = new Uint32Array(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    curr[0] = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const cost = ca === b.charCodeAt(j - 1) ? 0 : 1;
      const del = prev[j]! + 1;
      const ins = curr[j - 1]! + 1;
      const sub = prev[j - 1]! + cost;
      curr[j] = del < ins ? (del < sub ? del : sub) : ins < sub ? ins : sub;
    }
    [prev, curr] = [curr, prev];
  }
  return prev[b.length]!;
}

interface Errors {
  /** Edit distance to the reference. */
  dist: number;
  /** Reference length. */
  len: number;
}

function errors(ocr: string, reference: string): Errors {
  const ref = normalizeText(reference);
  return { dist: levenshtein(normalizeText(ocr), ref), len: ref.length };
}

/** CER over a set of pages: all edits over all reference characters. */
const cerOf = (xs: readonly Errors[]): number => xs.reduce((a, x) => a + x.dist, 0) / Math.max(1, xs.reduce((a, x) => a + x.len, 0));
/** The median page's CER. */
const medianCer = (xs: readonly Errors[]): number => median(xs.map((x) => x.dist / Math.max(1, x.len)));

function run(cmd: string, args: string[]): string {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.error) throw new Error(`${cmd}: ${r.error.message}`);
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout;
}

function pageCount(pdf: string): number {
  const m = /^Pages:\s+(\d+)/m.exec(run('pdfinfo', [pdf]));
  return m ? Number(m[1]) : 0;
}

function renderPages(work: string): PageImage[] {
  const images: PageImage[] = [];
  for (const doc of docs) {
    const pdf = path.join(reports, `${doc}.pdf`);
    const last = Math.min(pageCount(pdf), pagesPerDoc);
    for (const dpi of dpis) {
      const prefix = path.join(work, `${doc}-${dpi}`);
      run('pdftoppm', ['-r', String(dpi), '-gray', '-png', '-f', '1', '-l', String(last), pdf, prefix]);
    }
    const files = readdirSync(work).filter((f) => f.startsWith(`${doc}-`) && f.endsWith('.png'));
    for (const f of files) {
      const m = /-(\d+)-(\d+)\.png$/.exec(f)!;
      const dpi = Number(m[1]);
      const page = Number(m[2]);
      const reference = run('pdftotext', ['-layout', '-f', String(page), '-l', String(page), pdf, '-']);
      const file = path.join(work, f);
      images.push({ doc, page, dpi, file, bytes: new Uint8Array(readFileSync(file)), reference });
    }
  }
  return images.sort((a, b) => a.dpi - b.dpi || a.doc.localeCompare(b.doc) || a.page - b.page);
}

function ocrText(page: RecognizedPage): string {
  return page.lines.map((l) => l.text).join('\n');
}

interface Sample extends Errors {
  wall: number;
  cpu: number;
}

/**
 * Native CLI on one page: wall, CPU (the shell's `times` for its child) and text. With `tessdata`,
 * the CLI reads that folder's model instead of Debian's.
 */
function native(image: PageImage, tessdata?: string): Sample {
  const started = performance.now();
  const dataArgs = tessdata ? `--tessdata-dir "${tessdata}"` : '';
  const r = spawnSync('bash', ['-c', `tesseract ${dataArgs} "$1" - -l vie 2>/dev/null; s=$?; times >&2; exit $s`, 'bench', image.file], {
    encoding: 'utf8',
    env: { ...process.env, OMP_THREAD_LIMIT: '1' },
    maxBuffer: 16 * 1024 * 1024,
  });
  const wall = (performance.now() - started) / 1000;
  if (r.status !== 0) throw new Error(`tesseract failed on ${image.file}: ${r.stderr}`);
  // `times`: the shell's own user/sys, then its children's: "0m1.573s 0m0.115s".
  const times = r.stderr.trim().split('\n').at(-1) ?? '';
  const cpu = [...times.matchAll(/(\d+)m([\d.]+)s/g)].reduce((s, m) => s + Number(m[1]) * 60 + Number(m[2]), 0);
  return { wall, cpu, ...errors(r.stdout, image.reference) };
}

async function oneEngine(pool: OcrPool, image: PageImage, pagePsm?: OcrPsm): Promise<Sample> {
  const cpu0 = process.cpuUsage();
  const started = performance.now();
  const page = await pool.recognize(image.bytes, pagePsm ? { psm: pagePsm } : {});
  const wall = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu0);
  return { wall, cpu: (used.user + used.system) / 1e6, ...errors(ocrText(page), image.reference) };
}

interface PoolRun {
  perPage: number;
  cpu: number;
  errors: Errors[];
}

/** All pages at once through the full pool: wall per page is the batch's wall over its pages. */
async function fullPool(pool: OcrPool, images: readonly PageImage[]): Promise<PoolRun> {
  const cpu0 = process.cpuUsage();
  const started = performance.now();
  const pages = await Promise.all(images.map((i) => pool.recognize(i.bytes)));
  const wall = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu0);
  return {
    perPage: wall / images.length,
    cpu: (used.user + used.system) / 1e6 / images.length,
    errors: pages.map((p, i) => errors(ocrText(p), images[i]!.reference)),
  };
}

const pct = (x: number): string => `${(x * 100).toFixed(2)}%`;
const sec = (x: number): string => x.toFixed(2);

async function main(): Promise<void> {
  const work = mkdtempSync(path.join(os.tmpdir(), 'doisoat-bench-ocr-'));
  try {
    const images = renderPages(work);
    // The same model doisoat uses, for the native CLI too: Debian's tesseract-ocr-vie is the
    // smaller, faster tessdata_fast network; this row separates model cost from WebAssembly cost.
    const tessdata = path.join(work, 'tessdata');
    mkdirSync(tessdata);
    writeFileSync(path.join(tessdata, 'vie.traineddata'), gunzipSync(readFileSync(path.join(defaultLangPath(), 'vie.traineddata.gz'))));
    const nativeVersion = run('tesseract', ['--version']).split('\n')[0] ?? 'tesseract';
    console.log(`doisoat OCR bench: ${images.length} page images (${docs.length} typed fixtures, first ${pagesPerDoc} pages, ${dpis.join(' and ')} dpi), ${cores} cores, ${rounds} round(s)`);
    console.log(`baseline: ${nativeVersion} (Debian), OMP_THREAD_LIMIT=1; load average at start: ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);

    const poolOptions = psm ? { psm } : {};
    const single = new OcrPool({ ...poolOptions, size: 1, recycleAfterPages: 1_000_000 });
    const full = new OcrPool({ ...poolOptions, size: cores, recycleAfterPages: 1_000_000 });
    // Engines are reused from page to page; start them and let the WebAssembly warm up on a page.
    const first = images[0]!;
    await single.recognize(first.bytes);
    await Promise.all(Array.from({ length: cores }, () => full.recognize(first.bytes)));

    const rows: string[][] = [];
    interface Summary {
      one: number;
      pool: number;
      native: number;
      cpu1: number;
      cpuNative: number;
      cer1: number;
      cerPool: number;
    }
    const summary: Record<number, Summary> = {};
    for (const dpi of dpis) {
      const set = images.filter((i) => i.dpi === dpi);
      const nat: Sample[] = [];
      const natBest: Sample[] = [];
      const one: Sample[] = [];
      const poolRuns: PoolRun[] = [];
      for (let r = 0; r < rounds; r++) {
        for (const [k, image] of set.entries()) {
          // Alternate which goes first, so that other processes' load falls on both alike.
          if (k % 2 === 0) {
            nat.push(native(image));
            one.push(await oneEngine(single, image));
            natBest.push(native(image, tessdata));
          } else {
            natBest.push(native(image, tessdata));
            one.push(await oneEngine(single, image));
            nat.push(native(image));
          }
        }
        poolRuns.push(await fullPool(full, set));
      }
      const poolErrors = poolRuns.flatMap((x) => x.errors);
      summary[dpi] = {
        one: median(one.map((x) => x.wall)),
        pool: median(poolRuns.map((x) => x.perPage)),
        native: median(nat.map((x) => x.wall)),
        cpu1: median(one.map((x) => x.cpu)),
        cpuNative: median(nat.map((x) => x.cpu)),
        cer1: cerOf(one),
        cerPool: cerOf(poolErrors),
      };
      const s = summary[dpi]!;
      rows.push([`${dpi}`, 'doisoat, 1 engine', sec(s.one), sec(s.cpu1), pct(s.cer1), pct(medianCer(one))]);
      rows.push([`${dpi}`, `doisoat, pool of ${cores}`, sec(s.pool), sec(median(poolRuns.map((x) => x.cpu))), pct(s.cerPool), pct(medianCer(poolErrors))]);
      rows.push([`${dpi}`, 'tesseract CLI (native)', sec(s.native), sec(s.cpuNative), pct(cerOf(nat)), pct(medianCer(nat))]);
      rows.push([`${dpi}`, 'tesseract CLI, best_int model', sec(median(natBest.map((x) => x.wall))), sec(median(natBest.map((x) => x.cpu))), pct(cerOf(natBest)), pct(medianCer(natBest))]);
    }

    if (tune) {
      for (const dpi of dpis) {
        const set = images.filter((i) => i.dpi === dpi);
        for (const mode of [3, 4, 6] as const) {
          const samples: Sample[] = [];
          for (const image of set) samples.push(await oneEngine(single, image, mode));
          rows.push([`${dpi}`, `tune: 1 engine, PSM ${mode}`, sec(median(samples.map((x) => x.wall))), sec(median(samples.map((x) => x.cpu))), pct(cerOf(samples)), pct(medianCer(samples))]);
        }
      }
    }
    await Promise.all([single.close(), full.close()]);

    const header = ['dpi', 'reader', 's/page', 'CPU s/page', 'CER', 'CER, median page'];
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
    const line = (cells: string[]): string => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
    console.log('');
    console.log(line(header));
    console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
    for (const r of rows) console.log(line(r));
    console.log('');
    console.log(`load average at end: ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
    const s300 = summary[300];
    if (s300) {
      const verdict = (ok: boolean): string => (ok ? 'met' : 'NOT met');
      const ratio = s300.one / s300.native;
      const cpuRatio = s300.cpu1 / s300.cpuNative;
      const speedup = s300.one / s300.pool;
      console.log(`targets at 300 dpi:`);
      console.log(`  1 engine ≤ 1.6× native time per page: ${ratio.toFixed(2)}× wall (${cpuRatio.toFixed(2)}× CPU) — ${verdict(ratio <= 1.6)}`);
      console.log(`  full pool ≥ 1.8× faster than 1 engine (${cores} cores): ${speedup.toFixed(2)}× — ${verdict(speedup >= 1.8)}`);
      console.log(`  CER ≤ 1.5%: 1 engine ${pct(s300.cer1)}, pool ${pct(s300.cerPool)} (all edits over all characters) — ${verdict(s300.cer1 <= 0.015 && s300.cerPool <= 0.015)}`);
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
