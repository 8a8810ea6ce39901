/**
 * The real OCR engine (tesseract.js, the bundled Vietnamese model) on real page images rendered
 * from the committed fixtures: Vietnamese headings with their diacritics, confidences in range,
 * pages in parallel, recycled engines, skewed pages straightened, time and pixel limits; a missing
 * or broken model fails at start-up, fast; and with no network at all (a network namespace of its
 * own), a page is still read and no file appears in the working directory.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DoisoatError } from '../core/errors.js';
import { OcrEngine, OcrPool, type RecognizedPage } from '../runtime/ocr/index.js';
import { REPORTS, ROOT } from './support/paths.js';

const hasPdftoppm = spawnSync('pdftoppm', ['-v']).status === 0;
const hasConvert = spawnSync('convert', ['-version']).status === 0;
const canUnshare = spawnSync('unshare', ['-n', 'true']).status === 0;

let dir = '';
let page1: Uint8Array = new Uint8Array();
let page2: Uint8Array = new Uint8Array();
/** The top of page 1 only: a quick page for tests that read many. */
let heading: Uint8Array = new Uint8Array();
let skewed: Uint8Array = new Uint8Array();
let pool: OcrPool;

function render(pdf: string, page: number, name: string): Uint8Array {
  const prefix = path.join(dir, name);
  const r = spawnSync('pdftoppm', ['-r', '300', '-gray', '-png', '-f', String(page), '-l', String(page), '-singlefile', pdf, prefix]);
  if (r.status !== 0) throw new Error(`pdftoppm: ${String(r.stderr)}`);
  return new Uint8Array(readFileSync(`${prefix}.png`));
}

function convert(input: string, args: string[], output: string): Uint8Array {
  const r = spawnSync('convert', [path.join(dir, input), ...args, path.join(dir, output)]);
  if (r.status !== 0) throw new Error(`convert: ${String(r.stderr)}`);
  return new Uint8Array(readFileSync(path.join(dir, output)));
}

/** Runs a TypeScript module in a new Node process (through tsx), killed after `limitMs`. */
async function runNode(
  script: string,
  cwd: string,
  limitMs: number,
  prefix: string[] = [],
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const loader = pathToFileURL(path.join(ROOT, 'node_modules/tsx/dist/loader.mjs')).href;
  const argv = [...prefix, process.execPath, '--import', loader, script];
  const child = spawn(argv[0]!, argv.slice(1), { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const killer = setTimeout(() => child.kill('SIGKILL'), limitMs);
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  clearTimeout(killer);
  return { code, stdout, stderr };
}

const textOf = (p: RecognizedPage): string => p.lines.map((l) => l.text).join('\n');

async function rejection(p: Promise<unknown>): Promise<DoisoatError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(DoisoatError);
    return e as DoisoatError;
  }
  throw new Error('expected a rejection');
}

describe.skipIf(!hasPdftoppm || !hasConvert)('OCR engine (tesseract.js, vie)', () => {
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'doisoat-ocr-test-'));
    const pdf = path.join(REPORTS, 'quang-trung-2024.pdf');
    page1 = render(pdf, 1, 'qt-1');
    page2 = render(pdf, 2, 'qt-2');
    heading = convert('qt-1.png', ['-crop', '2481x620+0+0', '+repage'], 'qt-heading.png');
    skewed = convert('qt-heading.png', ['-background', 'white', '-rotate', '2', '+repage'], 'qt-heading-2deg.png');
    pool = new OcrPool({ size: 2 });
  });

  afterAll(async () => {
    await pool?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('reads a 300-dpi report page: headings with their diacritics, confidences in range', async () => {
    const page = await pool.recognize(page1, { dpi: 300 });
    const text = textOf(page);
    expect(text).toContain('BÁO CÁO');
    expect(text).toContain('Kết quả tự đánh giá, chấm điểm và xếp loại mức độ hoàn thành nhiệm vụ');
    expect(text).toContain('Nhóm tiêu chí I');
    expect(text).toContain('Quang Trung');
    expect(text).toBe(text.normalize('NFC'));
    expect(page.width).toBe(2481);
    expect(page.height).toBe(3508);
    expect(page.meanConfidence).toBeGreaterThan(80);
    expect(page.meanConfidence).toBeLessThanOrEqual(100);
    expect(page.lines.length).toBeGreaterThan(25);
    for (const line of page.lines) {
      expect(line.text.trim()).not.toBe('');
      expect(line.confidence).toBeGreaterThanOrEqual(0);
      expect(line.confidence).toBeLessThanOrEqual(1);
    }
    // Reading order: the title comes before the first group, top to bottom.
    const at = (s: string): number => page.lines.findIndex((l) => l.text.includes(s));
    expect(at('BÁO CÁO')).toBeLessThan(at('Nhóm tiêu chí I'));
  });

  it('reads two pages of one document in parallel, on two engines', async () => {
    await pool.warmUp();
    expect(pool.stats()).toMatchObject({ engines: 2, busy: 0 });
    let maxBusy = 0;
    const watch = setInterval(() => {
      maxBusy = Math.max(maxBusy, pool.stats().busy);
    }, 10);
    const [a, b] = await pool.recognizeAll([page1, page2]);
    clearInterval(watch);
    expect(maxBusy).toBe(2);
    expect(pool.stats().engines).toBe(2);
    expect(textOf(a!)).toContain('BÁO CÁO');
    expect(textOf(b!).length).toBeGreaterThan(500);
    expect(textOf(b!)).not.toContain('BÁO CÁO');
  });

  it('straightens a page scanned 2° off', async () => {
    const page = await pool.recognize(skewed);
    expect(Math.abs(page.rotateRadians)).toBeGreaterThan(0.02);
    expect(Math.abs(page.rotateRadians)).toBeLessThan(0.05);
    expect(textOf(page)).toContain('Kết quả tự đánh giá, chấm điểm và xếp loại mức độ hoàn thành nhiệm vụ');
  });

  it('recycles an engine after N pages and still reads', async () => {
    const small = new OcrPool({ size: 1, recycleAfterPages: 2 });
    try {
      const pages = [];
      for (let i = 0; i < 5; i++) pages.push(await small.recognize(heading));
      for (const p of pages) expect(textOf(p)).toContain('BÁO CÁO');
      // Pages 1–2 on the first engine, 3–4 on the second, 5 on a third.
      expect(small.stats().started).toBe(3);
      expect(small.stats().pagesDone).toBe(5);
    } finally {
      await small.close();
    }
    // An engine that read a large image is recycled right after it (its heap stays grown).
    const big = new OcrPool({ size: 1, recycleAbovePixels: 1_000_000 });
    try {
      for (let i = 0; i < 2; i++) expect(textOf(await big.recognize(heading))).toContain('BÁO CÁO');
      expect(big.stats().started).toBe(2);
    } finally {
      await big.close();
    }
  });

  it('a page over its time limit gets `timeout`, and the pool goes on', async () => {
    const small = new OcrPool({ size: 1, pageTimeoutMs: 50 });
    try {
      const started = Date.now();
      const err = await rejection(small.recognize(page1));
      expect(err.code).toBe('timeout');
      expect(err.userMessage).toMatch(/quá thời gian/);
      expect(Date.now() - started).toBeLessThan(20_000);
      const next = await small.recognize(heading, { timeoutMs: 60_000 });
      expect(textOf(next)).toContain('BÁO CÁO');
      expect(small.stats().started).toBe(2);
    } finally {
      await small.close();
    }
  });

  it('refuses a huge picture from its header (`too-large`) and a corrupt one (`corrupt-file`)', async () => {
    const small = new OcrPool({ size: 1 });
    try {
      const huge = convert('qt-heading.png', ['-resize', '10%'], 'tiny.png');
      // Same tiny file, header saying 30000×30000.
      const lie = huge.slice();
      new DataView(lie.buffer).setUint32(16, 30_000);
      new DataView(lie.buffer).setUint32(20, 30_000);
      const tooLarge = await rejection(small.recognize(lie));
      expect(tooLarge.code).toBe('too-large');
      expect(small.stats().started).toBe(0); // refused before any engine or decoder
      const jpeg = convert('qt-heading.png', ['-quality', '80'], 'heading.jpg');
      const corrupt = jpeg.slice();
      for (let i = 1000; i < corrupt.length - 2; i++) corrupt[i] = (i * 7919) & 0xff;
      expect((await rejection(small.recognize(corrupt))).code).toBe('corrupt-file');
      expect((await rejection(small.recognize(jpeg.subarray(0, 1500)))).code).toBe('corrupt-file');
      expect((await rejection(small.recognize(new TextEncoder().encode('not an image at all')))).code).toBe('unsupported-format');
      // The engine that met the corrupt JPEGs still reads.
      expect(textOf(await small.recognize(jpeg))).toContain('BÁO CÁO');
    } finally {
      await small.close();
    }
  });

  it('a missing model is a clear start-up error, at once', async () => {
    const empty = mkdtempSync(path.join(dir, 'no-model-'));
    const started = Date.now();
    const err = await rejection(OcrEngine.create({ langPath: empty }));
    expect(err.code).toBe('internal-error');
    expect(err.userMessage).toContain('Mô hình nhận dạng chữ tiếng Việt không có');
    expect(err.userMessage).toContain('vie.traineddata.gz');
    const broken = new OcrPool({ size: 1, langPath: empty });
    try {
      expect((await rejection(broken.recognize(heading))).code).toBe('internal-error');
    } finally {
      await broken.close();
    }
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('a model that passes the first checks but is not one, or a start-up over its time limit, fails start-up and its thread ends', async () => {
    const bad = mkdtempSync(path.join(dir, 'bad-model-'));
    // gzip magic, then garbage: tesseract.js fails inside its thread while loading it.
    const bytes = Buffer.alloc(300_000, 7);
    bytes[0] = 0x1f;
    bytes[1] = 0x8b;
    writeFileSync(path.join(bad, 'vie.traineddata.gz'), bytes);
    // In a process of its own, which must then end by itself: no thread is left running.
    const script = path.join(dir, 'bad-model.mts');
    writeFileSync(
      script,
      [
        `import { OcrEngine } from ${JSON.stringify(pathToFileURL(path.join(ROOT, 'runtime/ocr/index.ts')).href)};`,
        `const started = Date.now();`,
        `try { await OcrEngine.create({ langPath: ${JSON.stringify(bad)}, startupTimeoutMs: 20000 }); console.log('{"started":true}'); }`,
        `catch (e) { console.log(JSON.stringify({ code: e.code, message: e.userMessage, ms: Date.now() - started })); }`,
        // And a start-up that overruns its time limit (here 1 ms) is stopped the same way.
        `try { await OcrEngine.create({ startupTimeoutMs: 1 }); console.log('{"started":true}'); }`,
        `catch (e) { console.log(JSON.stringify({ code: e.code, message: e.userMessage, ms: Date.now() - started })); }`,
      ].join('\n'),
    );
    const r = await runNode(script, dir, 30_000);
    expect(r.code, r.stderr).toBe(0);
    const [broken, slow] = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { code: string; message: string; ms: number });
    expect(broken!.code).toBe('internal-error');
    expect(broken!.message).toMatch(/Không khởi động được bộ nhận dạng chữ/);
    expect(broken!.ms).toBeLessThan(15_000);
    expect(slow!.code).toBe('timeout');
    expect(slow!.message).toMatch(/không khởi động được trong/);
  });

  it.skipIf(!canUnshare)(
    'needs no network: a page is read in a network namespace with no network, nothing is written to the cwd, the process ends by itself',
    async () => {
      const cwd = mkdtempSync(path.join(dir, 'cwd-'));
      const script = path.join(dir, 'offline.mts');
      writeFileSync(
        script,
        [
          `import { readFileSync } from 'node:fs';`,
          `import { OcrPool } from ${JSON.stringify(pathToFileURL(path.join(ROOT, 'runtime/ocr/index.ts')).href)};`,
          // First make sure there really is no network here.
          `let reached = true;`,
          `try { await fetch('https://cdn.jsdelivr.net/npm/@tesseract.js-data/vie/4.0.0_best_int/vie.traineddata.gz', { signal: AbortSignal.timeout(5000) }); } catch { reached = false; }`,
          `const pool = new OcrPool({ size: 1 });`,
          `const page = await pool.recognize(new Uint8Array(readFileSync(${JSON.stringify(path.join(dir, 'qt-heading.png'))})));`,
          // No close(): idle engines must not keep the process alive.
          `process.stdout.write(JSON.stringify({ reached, lines: page.lines.map((l) => l.text) }));`,
        ].join('\n'),
      );
      const started = Date.now();
      const { code, stdout, stderr } = await runNode(script, cwd, 60_000, ['unshare', '-n']);
      expect(code, stderr).toBe(0);
      expect(Date.now() - started).toBeLessThan(60_000);
      const out = JSON.parse(stdout) as { reached: boolean; lines: string[] };
      expect(out.reached).toBe(false);
      expect(out.lines).toContain('BÁO CÁO');
      expect(readdirSync(cwd)).toEqual([]);
    },
    90_000,
  );
});
