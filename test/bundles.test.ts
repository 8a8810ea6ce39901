/**
 * Bundles: one PDF holding several communes' reports (fixtures/bundles, made by
 * scripts/make-bundles.ts from the report fixtures) is audited as that many reports, each with
 * the file's pages it covers: in `check`'s JSON and text, in the store (one listed report each,
 * with its flags, its page crops from the file's bytes), through `enqueue`, and in the nightly
 * summaries' rows. A file with one report is unchanged.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReportAudit } from '../core/report-audit.js';
import { reportKey } from '../core/report-part.js';
import { summaryRow } from '../exports/summary.js';
import { formatOf, sha256Of } from '../pipeline/fingerprint.js';
import { processDocument } from '../pipeline/process-document.js';
import { Store } from '../store/store.js';
import type { StoreConfig } from '../store/connect.js';
import { byRuleAndGroup, comparable, type Expected } from '../scripts/fixtures/comparable.js';
import { addUser } from '../accounts/users.js';
import { runBatch } from '../batches/run-batch.js';
import { runCli } from './support/cli.js';
import { HttpClient, startServer } from './support/http.js';
import { FIXTURES, REPORTS } from './support/paths.js';
import { schemaErrors } from './support/schema.js';
import { runCliAsync, STORE_BACKENDS, tempDir } from './support/services.js';

const BUNDLES = path.join(FIXTURES, 'bundles');
const TYPED = path.join(BUNDLES, 'three-communes.pdf');
const SCANNED = path.join(BUNDLES, 'three-communes.scanned.pdf');

type ExpectedPart = Expected & { part: NonNullable<ReportAudit['part']> };

function expectedOf(file: string): ExpectedPart[] {
  const parts = JSON.parse(readFileSync(`${file}.expected.json`, 'utf8')) as ExpectedPart[];
  return parts.map((p) => ({ ...p, errorFlags: [...p.errorFlags].sort(byRuleAndGroup) }));
}

const asExpected = (a: ReportAudit): ExpectedPart => ({ part: a.part!, ...comparable(a) });

describe('check on a bundle', () => {
  it('audits a typed PDF of three reports as three, the wrong total in the middle one found', () => {
    const run = runCli(['check', '--json', TYPED]);
    expect(run.status, run.stderr).toBe(1);
    const audits = JSON.parse(run.stdout) as ReportAudit[];
    expect(audits.map(asExpected)).toEqual(expectedOf(TYPED));
    for (const a of audits) {
      expect(schemaErrors(a)).toBe('');
      expect(a.file).toBe(TYPED);
      expect(a.pages).toBe(18);
      // Every figure's evidence is on the pages of its own report.
      for (const f of [a.declared.total, ...a.declared.groups.map((g) => g.score)]) {
        if (f?.at) expect(f.at.page).toBeGreaterThanOrEqual(a.part!.firstPage), expect(f.at.page).toBeLessThanOrEqual(a.part!.lastPage);
      }
    }
    const [, middle] = audits;
    expect(middle!.flags.find((f) => f.rule === 'total-mismatch')?.evidence[0]?.page).toBe(14);
  });

  it('names each report with its pages in the text report, and counts reports and files', () => {
    const run = runCli(['check', TYPED, path.join(REPORTS, 'quang-trung-2024.pdf')]);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain(`■ ${TYPED} (báo cáo 1/3, trang 1–10) (PDF, phường Bắc Sơn, năm 2024)`);
    expect(run.stdout).toContain(`■ ${TYPED} (báo cáo 2/3, trang 11–15) (PDF, xã Hòa Bình, năm 2024)`);
    expect(run.stdout).toContain(`■ ${TYPED} (báo cáo 3/3, trang 16–18) (PDF, xã Tân Phong, năm 2024)`);
    expect(run.stdout).toContain('Tổng cộng 4 báo cáo trong 2 tệp: 3 không có lỗi, 1 có sai lệch, 0 không đọc được.');
  });

  it('leaves a file with one report as it was: one audit, no part', async () => {
    const audits = await processDocument(new Uint8Array(readFileSync(path.join(REPORTS, 'quang-trung-2024.pdf'))), { file: 'quang-trung-2024.pdf' });
    expect(audits).toHaveLength(1);
    expect(audits[0]!.part).toBeUndefined();
    expect(audits[0]!.error).toBeNull();
  });

  it(
    'audits a scanned PDF of three reports as three, each OCR’d figure boxed on its page of the file',
    () => {
      const run = runCli(['check', '--json', SCANNED], {}, 600_000);
      expect(run.status, run.stderr).toBe(1);
      const audits = JSON.parse(run.stdout) as ReportAudit[];
      expect(audits.map(asExpected)).toEqual(expectedOf(SCANNED));
      for (const a of audits) {
        expect(schemaErrors(a)).toBe('');
        expect(a.format).toBe('pdf-scanned');
        const at = a.declared.total?.at;
        expect(at?.box).toBeDefined();
        expect(at!.page).toBeGreaterThanOrEqual(a.part!.firstPage);
        expect(at!.page).toBeLessThanOrEqual(a.part!.lastPage);
      }
    },
    600_000,
  );
});

describe.each(STORE_BACKENDS)('a bundle in the store on %s', (_name, make) => {
  let store: Store;
  let config: StoreConfig;
  let cleanup: () => Promise<void>;
  const bytes = new Uint8Array(readFileSync(TYPED));
  const sha = sha256Of(bytes);
  let audits: ReportAudit[];
  let batchId: string;

  beforeAll(async () => {
    ({ config, cleanup } = await make());
    store = await Store.open(config);
    audits = await processDocument(bytes, { file: 'ho-so/ba-xa.pdf' });
    const batch = await store.registerBatch('local', [{ path: 'ho-so/ba-xa.pdf', file: { bytes, sha256: sha, format: formatOf(bytes) } }]);
    batchId = batch.id;
    expect(await store.saveAudits(sha, audits, { batchId })).toBe('stored');
  });
  afterAll(async () => {
    await store.close();
    await cleanup();
  });

  it('lists one report per part, named with its pages, the file counted once', async () => {
    const { rows, total } = await store.listReports({ sort: 'commune' });
    expect(total).toBe(3);
    expect(rows.map((r) => [r.firstPath, r.unitName, r.flags.error])).toEqual([
      ['ho-so/ba-xa.pdf (báo cáo 1/3, trang 1–10)', 'Bắc Sơn', 0],
      ['ho-so/ba-xa.pdf (báo cáo 2/3, trang 11–15)', 'Hòa Bình', 1],
      ['ho-so/ba-xa.pdf (báo cáo 3/3, trang 16–18)', 'Tân Phong', 0],
    ]);
    expect(rows.map((r) => r.sha256).sort()).toEqual(audits.map((a) => reportKey(sha, a.part)).sort());
    expect(await store.stats()).toMatchObject({ documents: 1, withResult: 1, withoutResult: 0, flagged: 1 });
    expect(await store.documentsWithoutResult()).toEqual([]);
  });

  it('gives each part its detail, its flags, and the file’s bytes for its crops', async () => {
    const key = reportKey(sha, audits[1]!.part);
    const detail = await store.reportDetail(key);
    expect(detail?.audit.part).toEqual({ index: 2, count: 3, firstPage: 11, lastPage: 15 });
    expect(detail?.flags.map((f) => f.rule)).toContain('total-mismatch');
    expect(Buffer.from((await store.documentForProcessing(key))!.bytes).equals(Buffer.from(bytes))).toBe(true);
    expect(await store.getAudit(key)).toEqual(audits[1]);
    expect(await store.getAudit(sha)).toBeNull();
    expect(await store.fileAudits(sha)).toEqual(audits);
  });

  it('hands the batch back one audit per report, under the submitted name, as the summaries’ rows', async () => {
    const back = await store.batchAudits(batchId);
    expect(back).toEqual(audits.map((a) => ({ ...a, file: 'ho-so/ba-xa.pdf' })));
    expect(back.map((a) => summaryRow(a).file)).toEqual([
      'ho-so/ba-xa.pdf (báo cáo 1/3, trang 1–10)',
      'ho-so/ba-xa.pdf (báo cáo 2/3, trang 11–15)',
      'ho-so/ba-xa.pdf (báo cáo 3/3, trang 16–18)',
    ]);
    expect(back.map((a) => summaryRow(a).part?.firstPage)).toEqual([1, 11, 16]);
  });

  it('keeps the first result, and a forced run rewrites the same reports without duplicates', async () => {
    expect(await store.saveAudits(sha, audits)).toBe('kept');
    expect(await store.saveAudits(sha, audits, { replace: true })).toBe('stored');
    expect((await store.listReports()).total).toBe(3);
    // Read as one report now (another reader version): the parts go, the file is listed itself.
    const [first] = audits;
    const whole: ReportAudit = { ...first!, part: undefined as never };
    delete (whole as { part?: unknown }).part;
    expect(await store.saveAudits(sha, [whole], { replace: true })).toBe('stored');
    expect((await store.listReports()).rows.map((r) => r.sha256)).toEqual([sha]);
    expect(await store.saveAudits(sha, audits, { replace: true })).toBe('stored');
    expect((await store.listReports()).rows.map((r) => r.sha256).sort()).toEqual(audits.map((a) => reportKey(sha, a.part)).sort());
  });
});

describe('enqueue of a bundle', () => {
  it('prints and stores one entry per report, and a rerun gives the same without processing again', async () => {
    const data = tempDir();
    const env = { REDIS_URL: '', DATABASE_URL: '', DOISOAT_DATA: data };
    const files = [TYPED, path.join(REPORTS, 'quang-trung-2024.docx')];
    const check = JSON.parse((await runCliAsync(['check', '--json', ...files], env)).stdout) as ReportAudit[];
    expect(check).toHaveLength(4);
    const first = await runCliAsync(['enqueue', '--json', ...files], env);
    expect(first.status, first.stderr).toBe(1);
    expect(JSON.parse(first.stdout)).toEqual(check);
    const again = await runCliAsync(['enqueue', '--json', ...files], env);
    expect(again.stderr).toContain('2 tệp đã có kết quả từ trước');
    expect(JSON.parse(again.stdout)).toEqual(check);
    const store = await Store.open({ dataDir: data });
    try {
      expect((await store.runs()).filter((r) => r.outcome === 'stored')).toHaveLength(2);
      expect((await store.listReports()).total).toBe(4);
    } finally {
      await store.close();
    }
  });
});

describe('a bundle on the review desk', () => {
  let base: string;
  let close: () => Promise<void>;
  let keys: string[];

  beforeAll(async () => {
    const store = await Store.open({ dataDir: tempDir() });
    await addUser(store, 'kiem-tra', 'auditor', 'mat-khau-kiem-tra');
    const batch = await runBatch(store, 'local', { kind: 'paths', paths: [TYPED] }, { kind: 'local', concurrency: 1 });
    const sha = sha256Of(new Uint8Array(readFileSync(TYPED)));
    keys = batch.audits!.map((a) => reportKey(sha, a.part));
    ({ base, close } = await startServer({ store }));
  }, 120_000);
  afterAll(async () => close());

  it('lists each report of the file, and opens each one on its own page with its pages named', async () => {
    const c = await HttpClient.signedIn(() => base, 'kiem-tra', 'mat-khau-kiem-tra');
    const list = await c.html('/bao-cao');
    for (const key of keys) expect(list).toContain(`/bao-cao/${key}`);
    const middle = await c.html(`/bao-cao/${keys[1]}`);
    expect(middle).toContain('báo cáo 2/3, trang 11–15');
    expect(middle).toContain('Hòa Bình');
    expect(middle).toContain('total-mismatch');
  });
});
