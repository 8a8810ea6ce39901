/**
 * TIFF, end to end (issue 16): the canvas crashed the whole process (SIGSEGV) on any TIFF. Now
 * TIFF pages are decoded by utif2 in JavaScript, and PNG/JPEG by the canvas in a child process of
 * their own (runtime/ocr/decoder.ts), where a crash costs only the file that caused it.
 *
 * - Every TIFF fixture (one page LZW, 16-bit grey, three pages LZW, three pages CCITT G4) gives,
 *   through the compiled CLI and real OCR, the figures of its scanned twin; the figures of a
 *   multi-page TIFF stand on the TIFF's pages 1–3. A blank 50×50 TIFF is `no-report-found`.
 * - A decoder crash (a test-only switch makes the decoder's child abort on a marked image) inside
 *   a batch gives that file `read-failed`, and every other file its result.
 * - The decoder and the review desk's page images read TIFF pages one by one, and refuse damaged
 *   or oversized ones with a code.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReportAudit } from '../core/report-audit.js';
import { openTiff, tiffPageGray } from '../extractors/formats/tiff.js';
import { loadPicture } from '../runtime/ocr/bitmap.js';
import { byRuleAndGroup, comparable, type Expected } from '../scripts/fixtures/comparable.js';
import { allFigures } from './support/expected.js';
import { runCli, type CliRun } from './support/cli.js';
import { FIXTURES } from './support/paths.js';
import { markedPng } from './support/marked-png.js';
import { dropQueuePrefixes, freshPostgres, queuePrefix, REDIS_URL, runCliAsync, startWorker, type Spawned } from './support/services.js';
import { Store } from '../store/store.js';

const TIFF = path.join(FIXTURES, 'tiff');
const BLANK = path.join(TIFF, 'blank/white-50x50.tif');
const EXPECTED = readdirSync(TIFF).filter((f) => f.endsWith('.tif.expected.json')).sort();
const tiffOf = (expectedFile: string): string => path.join(TIFF, expectedFile.replace(/\.expected\.json$/, ''));
/** Multi-page TIFFs: posterised or thresholded, a few table cells read otherwise than in their PDF twin. */
const MULTI_PAGE: ReadonlyArray<{ name: string; unit: string; total: string }> = [
  { name: 'nl-summary-mismatch.pages.lzw.tif', unit: 'Ngọc Lặc', total: '95,5' },
  { name: 'yl-summary-mismatch.g4.tif', unit: 'Yên Lạc', total: '85,25' },
];

describe('doisoat check --json fixtures/tiff (real OCR)', () => {
  let run: CliRun;
  let audits: ReportAudit[];

  beforeAll(() => {
    run = runCli(['check', '--json', ...EXPECTED.map(tiffOf), ...MULTI_PAGE.map((m) => path.join(TIFF, m.name)), BLANK], {}, 900_000);
    audits = JSON.parse(run.stdout) as ReportAudit[];
  }, 900_000);

  it('has the one-page TIFFs with the expected result of their twin', () => {
    expect(EXPECTED.map((f) => f.replace(/\.expected\.json$/, ''))).toEqual(['hoa-binh-2024.summary-photo.gray16.tif', 'hoa-binh-2024.summary-photo.lzw.tif']);
  });

  it('ends normally (not killed by a signal), exit 2 for the blank page, one audit per file', () => {
    // A segfault left no status (killed by SIGSEGV).
    expect(run.status, run.stderr).toBe(2);
    expect(audits.map((a) => path.resolve(a.file))).toEqual([...EXPECTED.map(tiffOf), ...MULTI_PAGE.map((m) => path.join(TIFF, m.name)), BLANK]);
  });

  it.each(EXPECTED)('%s gives the figures of its scanned twin', (expectedFile) => {
    const expected = JSON.parse(readFileSync(path.join(TIFF, expectedFile), 'utf8')) as Expected;
    const audit = audits.find((a) => path.resolve(a.file) === tiffOf(expectedFile))!;
    expect(audit.error).toBeNull();
    expect(audit.ocr?.engine).toBe('tesseract.js');
    expect(comparable(audit)).toEqual({ ...expected, errorFlags: [...expected.errorFlags].sort(byRuleAndGroup) });
    for (const f of allFigures(audit)) expect(f.at?.page, f.raw).toBeGreaterThanOrEqual(1);
  });

  it.each(MULTI_PAGE)('$name: each TIFF page is an OCR page; its unit, year and total, with evidence on pages 1 to 3', ({ name, unit, total }) => {
    const audit = audits.find((a) => path.basename(a.file) === name)!;
    expect(audit.error).toBeNull();
    expect(audit.format).toBe('image');
    expect([audit.unit?.name, audit.year, audit.declared.total?.raw]).toEqual([unit, 2024, total]);
    const pages = new Set(allFigures(audit).map((f) => f.at!.page));
    expect(Math.max(...pages)).toBeGreaterThan(1);
    expect(Math.max(...pages)).toBeLessThanOrEqual(3);
    // Flags' evidence lines stand on the TIFF's pages too.
    for (const flag of audit.flags) for (const e of flag.evidence) expect(e.page).toBeLessThanOrEqual(3);
  });

  it('a blank 50×50 TIFF is no-report-found, with a Vietnamese message', () => {
    const audit = audits.find((a) => path.resolve(a.file) === BLANK)!;
    expect(audit.format).toBe('image');
    expect(audit.error?.code).toBe('no-report-found');
    expect(audit.error?.message).toMatch(/Không tìm thấy/);
  });
});

describe('a crash in the image decoder costs one file, not the batch', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'doisoat-crash-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('the marked image gets read-failed; a typed report, a TIFF and a photo after it get their results', async () => {
    const crashing = path.join(dir, 'crashing.png');
    writeFileSync(crashing, await markedPng('DOISOAT-CRASH-TEST'));
    const docx = path.join(FIXTURES, 'reports/quang-trung-2024.docx');
    const photo = path.join(FIXTURES, 'scans/hoa-binh-2024.summary-photo.jpg');
    const files = [crashing, docx, BLANK, photo];
    // One document at a time, so the photo is decoded after the crash, by a new child.
    const run = runCli(['check', '--json', '--concurrency', '1', ...files], { DOISOAT_TEST_DECODER_ABORT: 'DOISOAT-CRASH-TEST' }, 600_000);
    expect(run.status, run.stderr).not.toBeNull();
    const audits = JSON.parse(run.stdout) as ReportAudit[];
    const byName = new Map(audits.map((a) => [path.basename(a.file), a]));
    expect(byName.get('crashing.png')?.error?.code, byName.get('crashing.png')?.error?.message).toBe('read-failed');
    expect(byName.get('crashing.png')?.error?.message).toMatch(/giải mã ảnh/);
    expect(byName.get('quang-trung-2024.docx')?.error).toBeNull();
    expect(byName.get('white-50x50.tif')?.error?.code).toBe('no-report-found');
    expect(byName.get('hoa-binh-2024.summary-photo.jpg')?.error).toBeNull();
    expect(byName.get('hoa-binh-2024.summary-photo.jpg')?.declared.total?.raw).toBe('88,5');
  }, 600_000);

  it('in a running queue worker: the marked image gets read-failed, the worker stays up and reads what follows', async () => {
    const db = await freshPostgres();
    const env = { REDIS_URL, DATABASE_URL: db.url, DOISOAT_QUEUE_PREFIX: queuePrefix(), DOISOAT_TEST_DECODER_ABORT: 'DOISOAT-CRASH-TEST' };
    let worker: Spawned | undefined;
    try {
      const crashing = path.join(dir, 'crashing-in-worker.png');
      writeFileSync(crashing, await markedPng('DOISOAT-CRASH-TEST'));
      worker = await startWorker(env, ['-c', '1', '--scans', '1']);
      const first = await runCliAsync(['enqueue', '--json', crashing, path.join(FIXTURES, 'reports/quang-trung-2024.docx')], env, 300_000);
      const [crashed, typed] = JSON.parse(first.stdout) as ReportAudit[];
      expect(crashed?.error?.code, first.stderr).toBe('read-failed');
      expect(typed?.error).toBeNull();
      // The same worker, still running, reads a photo after the crash.
      const photo = path.join(FIXTURES, 'scans/hoa-binh-2024.summary-photo.jpg');
      const second = await runCliAsync(['enqueue', '--json', photo], env, 300_000);
      expect((JSON.parse(second.stdout) as ReportAudit[])[0]?.declared.total?.raw, second.stderr).toBe('88,5');
      expect(worker.child.exitCode).toBeNull();
      const store = await Store.open({ databaseUrl: db.url });
      try {
        // One run each: the crash is the file's result, not a failure to retry.
        expect((await store.runs()).map((r) => r.outcome)).toEqual(['stored', 'stored', 'stored']);
      } finally {
        await store.close();
      }
    } finally {
      worker?.child.kill('SIGKILL');
      await worker?.exited;
      await db.drop();
      await dropQueuePrefixes();
    }
  }, 600_000);
});

describe('TIFF pages decoded in JavaScript', () => {
  const g4 = readFileSync(path.join(TIFF, 'yl-summary-mismatch.g4.tif'));

  it('reads each page of a multi-page G4 TIFF, with its resolution', () => {
    const tiff = openTiff(g4);
    expect(tiff.pages).toHaveLength(3);
    const page = tiffPageGray(tiff, 2);
    expect([page.width, page.height, page.dpi]).toEqual([1654, 2339, 200]);
    expect(page.data.some((v) => v === 0) && page.data.some((v) => v === 255)).toBe(true);
  });

  it('reads a 16-bit page as 8-bit grey', () => {
    const page = tiffPageGray(openTiff(readFileSync(path.join(TIFF, 'hoa-binh-2024.summary-photo.gray16.tif'))), 0);
    expect(page.width * page.height).toBe(page.data.length);
    expect(new Set(page.data).size).toBeGreaterThan(2);
  });

  it('refuses a page over the pixel limit before decoding it (too-large), and a damaged file (corrupt-file)', () => {
    expect(() => tiffPageGray(openTiff(g4), 0, 1_000_000)).toThrow(expect.objectContaining({ code: 'too-large' }));
    const truncated = g4.subarray(0, 4000);
    expect(() => tiffPageGray(openTiff(truncated), 0)).toThrow(expect.objectContaining({ code: 'corrupt-file' }));
    expect(() => openTiff(Buffer.from('II*\0\xff\xff\xff\xff', 'latin1'))).toThrow(expect.objectContaining({ code: 'corrupt-file' }));
  });

  it('gives the review desk page N of a TIFF (null past the last page), never the canvas the TIFF bytes', async () => {
    const second = await loadPicture(g4, 2);
    expect([second?.width, second?.height]).toEqual([1654, 2339]);
    await expect(loadPicture(g4, 4)).rejects.toMatchObject({ code: 'corrupt-file' });
    const blank = await loadPicture(readFileSync(BLANK));
    expect([blank?.width, blank?.height, blank?.gray.data.every((v) => v === 255)]).toEqual([50, 50, true]);
  });
});
