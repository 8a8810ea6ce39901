/**
 * Several photos of one report read as one report (issue 17 item 1), end to end with real OCR:
 * - a ZIP of page photos (fixtures/page-zips/, the page images of nl-summary-mismatch.scan300.pdf)
 *   gives the figures and flags of its scanned twin;
 * - `check --one-report` of the same photos, given in page order under names whose order is another,
 *   gives the same audit; with a DOCX among them it is a usage error (exit 2);
 * - `enqueue --one-report` through Redis and a worker stores one document, and the review desk
 *   crops a line of its page 2 from the second photo and serves the original as a ZIP.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser } from '../accounts/users.js';
import type { ReportAudit, Span } from '../core/report-audit.js';
import { PageZip } from '../extractors/formats/page-zip.js';
import { auditSpans } from '../review/reports.js';
import { loadPicture } from '../runtime/ocr/bitmap.js';
import { byRuleAndGroup, comparable, type Expected } from '../scripts/fixtures/comparable.js';
import { Store } from '../store/store.js';
import { cropBand } from '../web/routes/crops.js';
import { startServer } from './support/http.js';
import { runCli } from './support/cli.js';
import { FIXTURES, REPORTS } from './support/paths.js';
import { dropQueuePrefixes, freshPostgres, queuePrefix, REDIS_URL, runCliAsync, startWorker, tempDir, type Spawned, type TempDatabase } from './support/services.js';

const ZIPS = path.join(FIXTURES, 'page-zips');
const PHOTOS_ZIP = path.join(ZIPS, 'nl-summary-mismatch.photos.zip');
const expected = JSON.parse(readFileSync(`${PHOTOS_ZIP}.expected.json`, 'utf8')) as Expected;

/**
 * Figures and flags without the text they were read from: a photo read on its own and the same
 * page in its PDF (rendered for OCR one pixel narrower) differ in one raw text ("33, 5", "33,5").
 */
function figures(e: Expected): unknown {
  return JSON.parse(JSON.stringify({ ...e, format: undefined, errorFlags: [...e.errorFlags].sort(byRuleAndGroup) }, (k, v: unknown) => (k === 'raw' ? undefined : v)));
}

const spansOf = (a: ReportAudit): string[] => a.flags.flatMap((f) => f.evidence.map((s) => `${s.page}/${s.line}: ${s.text}`));

/** The photos in the ZIP, in page order, written as files named against that order. */
async function photoFiles(dir: string): Promise<{ files: string[]; bytes: Buffer[] }> {
  const zip = await PageZip.open(readFileSync(PHOTOS_ZIP));
  try {
    const bytes = await Promise.all(zip.images.map((i) => zip.read(i)));
    const files = ['z-trang.jpg', 'b-trang.jpg', 'a-trang.jpg'].map((n) => path.join(dir, n));
    files.forEach((f, i) => writeFileSync(f, bytes[i]!));
    return { files, bytes };
  } finally {
    zip.close();
  }
}

describe('photos of one report read as one report (real OCR)', () => {
  let files: string[];
  let photos: Buffer[];
  let fromZip: ReportAudit;
  let oneReport: { status: number | null; stdout: string; stderr: string };
  let packed: ReportAudit;

  beforeAll(async () => {
    ({ files, bytes: photos } = await photoFiles(tempDir()));
    // One after the other, with room for a loaded machine: each OCRs three 300 dpi pages.
    const zipRun = await runCliAsync(['check', '--json', '--timeout', '600', PHOTOS_ZIP], {}, 700_000);
    fromZip = (JSON.parse(zipRun.stdout) as ReportAudit[])[0]!;
    expect(zipRun.status, JSON.stringify(fromZip.error) + zipRun.stderr).toBe(1);
    oneReport = await runCliAsync(['check', '--json', '--timeout', '600', '--one-report', ...files], {}, 700_000);
    packed = (JSON.parse(oneReport.stdout) as ReportAudit[])[0]!;
  }, 1_500_000);

  it('a ZIP of page photos gives the figures and flags of its scanned twin, on pages 1–3', () => {
    expect(fromZip.error).toBeNull();
    expect([fromZip.format, fromZip.pages, fromZip.ocr?.engine]).toEqual(['image', 3, 'tesseract.js']);
    expect(figures(comparable(fromZip))).toEqual(figures(expected));
    const pages = new Set(spansOf(fromZip).map((s) => Number(s.split('/')[0])));
    expect([...pages].every((p) => p >= 1 && p <= 3) && pages.size > 1).toBe(true);
  });

  it('check --one-report of the same photos, in page order, gives the same audit under one name', () => {
    expect(oneReport.status, JSON.stringify(packed.error) + oneReport.stderr).toBe(1);
    expect(JSON.parse(oneReport.stdout)).toHaveLength(1);
    expect(packed.file).toBe(`${files[0]} + 2 ảnh khác`);
    expect([packed.format, packed.pages]).toEqual(['image', 3]);
    expect(comparable(packed)).toEqual(comparable(fromZip));
    // "trang N" is the Nth file: the same lines as in the ZIP, whose pages are its photos in name order.
    expect(spansOf(packed)).toEqual(spansOf(fromZip));
  });

  it('--one-report with a file that is not a page image is a usage error (exit 2), in Vietnamese', () => {
    const docx = path.join(REPORTS, 'quang-trung-2024.docx');
    for (const command of ['check', 'enqueue']) {
      const run = runCli([command, '--one-report', files[0]!, docx], { REDIS_URL: '', DATABASE_URL: '', DOISOAT_DATA: tempDir() });
      expect(run.status, run.stderr).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toContain(`Lỗi: Định dạng tệp không được hỗ trợ`);
      expect(run.stderr).toContain(`“${docx}” không phải ảnh trang. --one-report chỉ gộp ảnh chụp hoặc ảnh scan`);
      expect(run.stderr).toContain('Cách dùng:');
    }
  });

  describe('enqueue --one-report through Redis and a worker, then the review desk', () => {
    let db: TempDatabase;
    let worker: Spawned | undefined;
    let queued: ReportAudit;
    let base: string;
    let cookie: string;
    let close: (() => Promise<void>) | undefined;

    beforeAll(async () => {
      db = await freshPostgres();
      const env = { REDIS_URL, DATABASE_URL: db.url, DOISOAT_QUEUE_PREFIX: queuePrefix() };
      worker = await startWorker(env, ['-c', '1', '--scans', '1', '--timeout', '600']);
      const run = await runCliAsync(['enqueue', '--json', '--one-report', ...files], env, 700_000);
      const audits = JSON.parse(run.stdout) as ReportAudit[];
      expect(audits).toHaveLength(1);
      queued = audits[0]!;
      expect(run.status, JSON.stringify(queued.error) + run.stderr).toBe(1);
      const store = await Store.open({ databaseUrl: db.url });
      await addUser(store, 'kiem-tra', 'auditor', 'mat-khau-kiem-tra');
      const server = await startServer({ store });
      base = server.base;
      close = server.close;
      const res = await fetch(`${base}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'kiem-tra', password: 'mat-khau-kiem-tra' }) });
      cookie = res.headers.getSetCookie()[0]!.split(';')[0]!;
    }, 800_000);

    afterAll(async () => {
      await close?.();
      worker?.child.kill('SIGKILL');
      await worker?.exited;
      await db?.drop();
      await dropQueuePrefixes();
    });

    it('stores one document (the packed bytes: the same as check’s), read on the scans queue, with check’s audit', async () => {
      expect(queued.sha256).toBe(packed.sha256);
      expect(queued.file).toBe(packed.file);
      expect(comparable(queued)).toEqual(comparable(packed));
      const store = await Store.open({ databaseUrl: db.url });
      try {
        expect(await store.stats()).toMatchObject({ documents: 1, withResult: 1 });
        expect((await store.runs()).map((r) => [r.queue, r.outcome])).toEqual([['scans', 'stored']]);
      } finally {
        await store.close();
      }
    });

    it('crops a line of page 2 from the second photo, as a PNG', async () => {
      const span = [...auditSpans(queued)].find((s): s is Span & { box: NonNullable<Span['box']> } => s.page === 2 && s.box !== undefined);
      expect(span, 'a line of page 2 with a box').toBeDefined();
      const res = await fetch(`${base}/bao-cao/${queued.sha256}/trang/2/dong/${span!.line}/anh`, { headers: { cookie } });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('image/png');
      const png = Buffer.from(await res.arrayBuffer());
      const second = (await loadPicture(photos[1]!, 1, { forReading: true }))!;
      const band = cropBand(span!.box, second.width, second.height);
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([second.width, band.bottom - band.top]);
      expect((await fetch(`${base}/bao-cao/${queued.sha256}/trang/4/dong/1/anh`, { headers: { cookie } })).status).toBe(404);
    });

    it('serves the original as the ZIP of the photos (application/zip)', async () => {
      const res = await fetch(`${base}/bao-cao/${queued.sha256}/tep-goc`, { headers: { cookie } });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/zip');
      expect(res.headers.get('content-disposition')).toBe(`attachment; filename="${queued.sha256.slice(0, 16)}.zip"`);
      const zip = await PageZip.open(Buffer.from(await res.arrayBuffer()));
      try {
        expect(zip.images.map((i) => i.entry.fileName)).toEqual(['001-z-trang.jpg', '002-b-trang.jpg', '003-a-trang.jpg']);
      } finally {
        zip.close();
      }
    });
  });
});
