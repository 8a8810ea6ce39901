/**
 * `npm run bench:ocr`: seconds per page through the whole per-file chain, as `doisoat check` reads
 * a file (processDocument with the process OCR service: decoding, photo preparation, table search,
 * OCR, extraction, rules and the second reading when an error calls for it), for each kind of page:
 *
 *  - plain: hoa-binh-2024 rendered clean at 300 dpi (pdftoppm, grayscale) as an image-only PDF,
 *    all 5 pages: a clean report, so no error and no second reading (a page cut from a report
 *    alone has missing figures, and the second reading would run on it);
 *  - table: yen-lac-2024 page 3, the summary table alone at the top of the page, 300 dpi PNG;
 *  - photo: fixtures/photos (the desk photo; --photos desk,exif6 for more);
 *  - scan with an error: fixtures/scans/hh-total-mismatch.scan300.pdf, whose total-mismatch the
 *    second reading reads again and confirms.
 *
 * Each file is read by this tree ("now": the working tree, or --now <commit>) and by the code as it
 * was before issue 17 ("today": --today, default da21533, checked out as a temporary git worktree),
 * each in a long-lived child (bench/ocr-chain-runner.ts, the same script for both) whose OCR engines
 * and image decoder were started and warmed before timing; and by the native CLI,
 * `OMP_THREAD_LIMIT=1 tesseract page - -l vie --psm 4`, as many pages at a time as doisoat's pool
 * has engines (one per core). The three read each file one after another, in an order that turns
 * from round to round, so load from other processes falls on all alike. Figures are medians over
 * the rounds; now/today is the median of each round's ratio. The second reading's share is the wall
 * time during which an OCR call with `regions` (RecognizeRequest) ran, over the document's time.
 *
 *   npm run bench:ocr -- [--rounds 5] [--today da21533] [--now <commit>] [--photos desk,exif6]
 *   npm run bench:ocr -- --engines …   the engine bench: pool vs CLI, character error rate
 *                                       (bench/ocr-engines.ts)
 *
 * Needs poppler-utils, ImageMagick (`convert`), img2pdf, tesseract-ocr and tesseract-ocr-vie.
 */
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { ChainTiming } from './ocr-chain-runner.js';
import { median, numberArg } from './stats.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function stringArg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
}

const rounds = numberArg('rounds', 5);
const todayRef = stringArg('today', 'da21533');
const nowRef = process.argv.includes('--now') ? stringArg('now', 'HEAD') : null;
const photoNames = stringArg('photos', 'desk').split(',');
const cores = os.availableParallelism();
/** The clean page's budget against today (issue 17). */
const BUDGET = 1.1;

function run(cmd: string, args: string[], cwd = root): string {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.error) throw new Error(`${cmd}: ${r.error.message}`);
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout;
}

interface Case {
  kind: string;
  what: string;
  file: string;
  pages: number;
  /** The page images for the native CLI. */
  images: string[];
}

/** Page `page` of a typed fixture at 300 dpi as an 8-bit grayscale PNG (as a scanner gives it). */
function render(pdf: string, page: number, out: string): string {
  run('pdftoppm', ['-r', '300', '-gray', '-f', String(page), '-l', String(page), '-singlefile', pdf, out]);
  run('convert', [`${out}.pgm`, `${out}.png`]);
  rmSync(`${out}.pgm`);
  return `${out}.png`;
}

function prepare(work: string): { cases: Case[]; warm: string[] } {
  const reports = path.join(root, 'fixtures/reports');
  const plainPages = [1, 2, 3, 4, 5].map((p) => render(path.join(reports, 'hoa-binh-2024.pdf'), p, path.join(work, `plain-${p}`)));
  const plain = path.join(work, 'hoa-binh-2024.clean300.pdf');
  run('img2pdf', ['--engine', 'internal', '--nodate', '--imgsize', '300dpi', ...plainPages, '-o', plain]);
  const table = render(path.join(reports, 'yen-lac-2024.pdf'), 3, path.join(work, 'yen-lac-2024.p3'));
  const scan = path.join(root, 'fixtures/scans/hh-total-mismatch.scan300.pdf');
  const scanDir = path.join(work, 'scan');
  mkdirSync(scanDir);
  run('pdfimages', ['-all', scan, path.join(scanDir, 'p')]);
  const scanImages = readdirSync(scanDir).sort().map((f) => path.join(scanDir, f));
  // A one-page PDF for the warm-up, so that pdf.js is loaded before the first timed PDF.
  const warmPdf = path.join(work, 'warm.pdf');
  run('img2pdf', ['--engine', 'internal', '--nodate', '--imgsize', '300dpi', table, '-o', warmPdf]);
  const photos: Record<string, string> = {
    desk: 'hoa-binh-2024.summary-on-desk.jpg',
    exif6: 'hoa-binh-2024.summary-photo.exif6.jpg',
    exif3: 'hoa-binh-2024.summary-photo.exif3.jpg',
    perspective: 'hoa-binh-2024.summary-on-desk-perspective.jpg',
  };
  const cases: Case[] = [
    { kind: 'plain', what: 'hoa-binh-2024, clean 300 dpi image PDF, 5 pages, no error', file: plain, pages: 5, images: plainPages },
    { kind: 'table', what: 'yen-lac-2024 p. 3, ruled summary table, 300 dpi PNG', file: table, pages: 1, images: [table] },
  ];
  for (const name of photoNames) {
    const f = photos[name];
    if (!f) throw new Error(`--photos: no photo '${name}' (${Object.keys(photos).join(', ')})`);
    const file = path.join(root, 'fixtures/photos', f);
    cases.push({ kind: `photo (${name})`, what: `fixtures/photos/${f}`, file, pages: 1, images: [file] });
  }
  cases.push({ kind: 'scan, error', what: 'hh-total-mismatch.scan300.pdf, 5 pages, total-mismatch', file: scan, pages: scanImages.length, images: scanImages });
  const first = cases.find((c) => c.kind.startsWith('photo'))?.file;
  return { cases, warm: [table, warmPdf, ...(first ? [first] : [])] };
}

/** One tree's chain in a child process: one request at a time, one JSON line back. */
class Runner {
  readonly name: string;
  readonly #child: ChildProcessWithoutNullStreams;
  readonly #lines: AsyncIterator<string>;

  constructor(name: string, tree: string) {
    this.name = name;
    this.#child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'bench/ocr-chain-runner.ts'), tree], { cwd: tree, stdio: 'pipe' });
    this.#child.stderr.pipe(process.stderr);
    this.#lines = createInterface({ input: this.#child.stdout })[Symbol.asyncIterator]();
  }

  async #ask(request: object): Promise<unknown> {
    this.#child.stdin.write(`${JSON.stringify(request)}\n`);
    const next = await this.#lines.next();
    if (next.done) throw new Error(`${this.name}: the runner stopped`);
    return JSON.parse(next.value) as unknown;
  }

  async warm(files: string[]): Promise<void> {
    await this.#ask({ warm: files });
  }

  read(file: string): Promise<ChainTiming> {
    return this.#ask({ file }) as Promise<ChainTiming>;
  }

  /** Ends the runner (its engines closed); killed if it has not exited within 30 s. */
  close(): Promise<void> {
    if (this.#child.exitCode !== null) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.kill(), 30_000);
      this.#child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      this.#child.stdin.end();
    });
  }

  kill(): void {
    if (this.#child.exitCode === null) this.#child.kill();
  }
}

interface NativeTiming {
  wall: number;
  cpu: number;
}

/** One CLI run: wall and CPU (the shell's `times` for its child). */
function nativeOne(image: string): Promise<NativeTiming> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const c = spawn('bash', ['-c', 'tesseract "$1" - -l vie --psm 4 >/dev/null 2>&1; s=$?; times >&2; exit $s', 'bench', image], {
      env: { ...process.env, OMP_THREAD_LIMIT: '1' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let err = '';
    c.stderr.on('data', (d: Buffer) => (err += d.toString()));
    c.on('error', reject);
    c.on('close', (code) => {
      if (code !== 0) return reject(new Error(`tesseract failed on ${image}: ${err}`));
      // `times`: the shell's own user/sys, then its children's: "0m1.573s 0m0.115s".
      const times = err.trim().split('\n').at(-1) ?? '';
      const cpu = [...times.matchAll(/(\d+)m([\d.]+)s/g)].reduce((s, m) => s + Number(m[1]) * 60 + Number(m[2]), 0);
      resolve({ wall: (performance.now() - started) / 1000, cpu });
    });
  });
}

/** All of a file's pages, as many at a time as the pool has engines. */
async function native(images: readonly string[]): Promise<NativeTiming> {
  const started = performance.now();
  let cpu = 0;
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < images.length) cpu += (await nativeOne(images[next++]!)).cpu;
  };
  await Promise.all(Array.from({ length: Math.min(cores, images.length) }, lane));
  return { wall: (performance.now() - started) / 1000, cpu };
}

interface Samples {
  now: ChainTiming[];
  today: ChainTiming[];
  native: NativeTiming[];
}

const sec = (x: number): string => (Number.isFinite(x) ? x.toFixed(2) : '–');
const pct = (x: number): string => `${(x * 100).toFixed(0)}%`;
const loads = (): string => os.loadavg().map((l) => l.toFixed(2)).join(' ');

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]): string => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

function worktree(ref: string, base: string): string {
  const tree = path.join(base, ref.replace(/[^\w.-]/g, '_'));
  run('git', ['worktree', 'add', '--detach', tree, ref]);
  symlinkSync(path.join(root, 'node_modules'), path.join(tree, 'node_modules'));
  return tree;
}

async function main(): Promise<void> {
  const work = mkdtempSync(path.join(os.tmpdir(), 'doisoat-bench-ocr-'));
  const trees: string[] = [];
  const runners: Runner[] = [];
  try {
    const { cases, warm } = prepare(work);
    const todayTree = worktree(todayRef, work);
    trees.push(todayTree);
    const nowTree = nowRef ? worktree(nowRef, work) : root;
    if (nowRef) trees.push(nowTree);
    const describe = (ref: string): string => run('git', ['log', '-1', '--format=%h %cs', ref]).trim();
    const dirty = !nowRef && run('git', ['status', '--porcelain', '--untracked-files=no']).trim() !== '';
    const tesseract = run('tesseract', ['--version']).split('\n')[0] ?? 'tesseract';
    console.log(`doisoat OCR bench: the full per-file chain (processDocument + process OCR, as \`doisoat check\`), ${rounds} rounds, medians; ${cores} cores`);
    console.log(`now: ${nowRef ? describe(nowRef) : `working tree at ${describe('HEAD')}${dirty ? ' with uncommitted changes' : ''}`}; today: ${describe(todayRef)}; native: ${tesseract}, OMP_THREAD_LIMIT=1, --psm 4, ${cores} pages at a time`);
    console.log(`load average at start: ${loads()}`);

    const now = new Runner('now', nowTree);
    const today = new Runner('today', todayTree);
    runners.push(now, today);
    await Promise.all([now.warm(warm), today.warm(warm)]);
    console.log(`warmed up (engines started, each kind of file read once); load average: ${loads()}`);

    const samples = new Map<Case, Samples>(cases.map((c) => [c, { now: [], today: [], native: [] }]));
    for (let r = 0; r < rounds; r++) {
      const started = performance.now();
      for (const [k, c] of cases.entries()) {
        const s = samples.get(c)!;
        // The three in an order that turns with the round and the case.
        const order = [0, 1, 2].map((i) => (i + r + k) % 3);
        for (const o of order) {
          if (o === 0) s.now.push(await now.read(c.file));
          else if (o === 1) s.today.push(await today.read(c.file));
          else s.native.push(await native(c.images));
        }
      }
      console.log(`round ${r + 1}/${rounds}: ${((performance.now() - started) / 1000).toFixed(0)} s, load average ${loads()}`);
    }
    await Promise.all([now.close(), today.close()]);

    const rows: string[][] = [];
    const notes: string[] = [];
    let verdict = '';
    for (const c of cases) {
      const s = samples.get(c)!;
      const per = (xs: readonly number[]): number => median(xs) / c.pages;
      const ratio = median(s.now.map((x, i) => x.wall / s.today[i]!.wall));
      const cpuRatio = median(s.now.map((x, i) => x.cpu / s.today[i]!.cpu));
      const nowWall = per(s.now.map((x) => x.wall));
      const nativeWall = per(s.native.map((x) => x.wall));
      const second = median(s.now.map((x) => x.secondOcr / x.wall));
      const tail = median(s.now.map((x) => x.tail / x.wall));
      rows.push([
        c.kind,
        String(c.pages),
        sec(nowWall),
        sec(per(s.now.map((x) => x.cpu))),
        sec(per(s.today.map((x) => x.wall))),
        sec(per(s.today.map((x) => x.cpu))),
        `${ratio.toFixed(2)}×`,
        `${cpuRatio.toFixed(2)}×`,
        sec(nativeWall),
        sec(per(s.native.map((x) => x.cpu))),
        `${(nowWall / nativeWall).toFixed(2)}×`,
        String(median(s.now.map((x) => x.secondCalls))),
        `${pct(second)} (${pct(tail)})`,
      ]);
      const flags = (xs: readonly ChainTiming[]): string => {
        const x = xs[0]!;
        return x.error ? `error ${x.error}` : x.flags.length ? x.flags.join(' ') : 'no flags';
      };
      notes.push(`${c.kind}: ${c.what}; now: ${flags(s.now)}; today: ${flags(s.today)}`);
      const restarts = [...s.now, ...s.today].reduce((a, x) => a + x.enginesStarted, 0);
      if (restarts > 0) notes.push(`  (${restarts} engine start(s) inside timed readings of this file: recycling)`);
      if (c.kind === 'plain') {
        const each = s.now.map((x, i) => (x.wall / s.today[i]!.wall).toFixed(2)).join(' ');
        verdict = `clean 300 dpi report page: now/today ${ratio.toFixed(2)}× wall (rounds: ${each}), ${cpuRatio.toFixed(2)}× CPU (budget ${BUDGET.toFixed(2)}×): ${ratio <= BUDGET ? 'PASS' : 'FAIL'}`;
      }
    }
    console.log('');
    console.log(
      table(
        ['page', 'pages', 'now s/page', 'now CPU s/page', 'today s/page', 'today CPU s/page', 'now/today', 'CPU now/today', 'native s/page', 'native CPU s/page', 'now/native', '2nd reading calls', '2nd reading share (tail)'],
        rows,
      ),
    );
    console.log('');
    console.log('s/page: the file\'s wall time over its pages (a multi-page file is read by all engines at once); CPU: the runner process\'s threads and its decoder child, over the pages.');
    console.log('2nd reading share: wall time with an OCR call carrying regions running, over the file\'s time; (tail): from the end of the first reading to the end of the chain (page images again, second reading, rules).');
    for (const n of notes) console.log(n);
    console.log('');
    console.log(verdict);
    console.log(`load average at end: ${loads()}`);
  } finally {
    for (const r of runners) r.kill();
    for (const t of trees) {
      if (existsSync(t)) spawnSync('git', ['worktree', 'remove', '--force', t], { cwd: root });
    }
    rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv.includes('--engines')) await import('./ocr-engines.js');
else await main();
