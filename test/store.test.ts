/**
 * The store against both databases it supports: SQLite (a file in a temporary data folder) and
 * the real PostgreSQL (a fresh database per run). Real audits of real fixtures go in.
 */
import { appendFileSync, copyFileSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReportAudit } from '../core/report-audit.js';
import { formatOf, sha256Of } from '../pipeline/fingerprint.js';
import { processOne } from './support/process-one.js';
import { registerInputs } from '../batches/register.js';
import type { StoreConfig } from '../store/connect.js';
import { PREPARED, preparingClient } from '../store/prepared.js';
import { Store, type ReportRow, type SubmittedItem } from '../store/store.js';
import { REPORTS } from './support/paths.js';
import { freshPostgres, tempDir, STORE_BACKENDS } from './support/services.js';

function item(name: string, as = name): SubmittedItem {
  const bytes = new Uint8Array(readFileSync(path.join(REPORTS, name)));
  return { path: as, file: { bytes, sha256: sha256Of(bytes), format: formatOf(bytes) } };
}

async function auditOf(name: string): Promise<ReportAudit> {
  return processOne(new Uint8Array(readFileSync(path.join(REPORTS, name))), { file: name });
}

const shaOf = (i: SubmittedItem): string => ('file' in i ? i.file.sha256 : '');

const backends = STORE_BACKENDS;

describe.each(backends)('store on %s', (name, make) => {
  let store: Store;
  let config: StoreConfig;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    ({ config, cleanup } = await make());
    store = await Store.open(config);
  });
  afterAll(async () => {
    await store.close();
    await cleanup();
  });

  it.runIf(name === 'postgres')('prepares the per-document statements once per connection on PostgreSQL', async () => {
    const { default: pg } = await import('pg');
    const pool = new pg.Pool({ connectionString: config.databaseUrl, max: 1, Client: preparingClient(pg) });
    try {
      const client = await pool.connect();
      try {
        for (const x of [1, 2, 3]) expect((await client.query(`${PREPARED}select $1::int + 1 as y`, [x])).rows).toEqual([{ y: x + 1 }]);
        await client.query('select $1::int as unmarked', [1]);
        const { rows } = await client.query<{ statement: string }>('select statement from pg_prepared_statements');
        expect(rows.map((r) => r.statement)).toEqual([`${PREPARED}select $1::int + 1 as y`]);
      } finally {
        client.release();
      }
    } finally {
      await pool.end();
    }
    // The store's own per-document statements, run one after another on its (reused) connection;
    // in a database of their own, so the other tests' counts stay as they are.
    const own = await freshPostgres();
    const ownStore = await Store.open({ databaseUrl: own.url });
    try {
      const doc = item('lam-son-2024.docx', 'prepared/lam-son.docx');
      await ownStore.registerBatch('enqueue', [doc]);
      const { runId } = await ownStore.beginRun({ sha256: shaOf(doc), batchId: null, queue: 'typed', worker: 'test' });
      await ownStore.saveAudit(shaOf(doc), await auditOf('lam-son-2024.docx'), { run: { id: runId, startedMs: performance.now() } });
      const { rows } = await sql<{ statement: string }>`select statement from pg_prepared_statements`.execute(ownStore.db);
      expect(rows).toHaveLength(2);
      for (const r of rows) expect(r.statement.startsWith(PREPARED)).toBe(true);
    } finally {
      await ownStore.close();
      await own.drop();
    }
  });

  it.runIf(name === 'postgres')('keeps the originals uncompressed on PostgreSQL: DOCX and PDF do not compress', async () => {
    const { rows } = await sql<{ attstorage: string }>`select attstorage from pg_attribute where attrelid = 'files'::regclass and attname = 'bytes'`.execute(store.db);
    expect(rows[0]?.attstorage).toBe('e');
  });

  it('registers a batch: one document per content, every path kept in order, errors included', async () => {
    const a = item('quang-trung-2024.docx', 'inbox/a.docx');
    const b = item('quang-trung-2024.docx', 'inbox/copy of a.docx');
    const missing: SubmittedItem = { path: 'inbox/gone.pdf', error: { code: 'read-failed', message: 'Không tìm thấy “inbox/gone.pdf”.' } };
    const batch = await store.registerBatch('enqueue', [a, b, missing]);
    expect(batch.items.map((i) => [i.path, i.sha256, i.hasResult])).toEqual([
      ['inbox/a.docx', shaOf(a), false],
      ['inbox/copy of a.docx', shaOf(a), false],
      ['inbox/gone.pdf', null, false],
    ]);
    expect((await store.stats()).documents).toBe(1);
    // Content-addressed: the bytes come back exactly, under their own hash.
    const stored = await store.documentForProcessing(shaOf(a));
    expect(stored && sha256Of(stored.bytes)).toBe(shaOf(a));
    expect((await store.getDocument(shaOf(a)))?.first_path).toBe('inbox/a.docx');

    const progress = await store.batchProgress(batch.id);
    // The copy counts once per item: both wait for the one document.
    expect(progress).toEqual({ size: 3, done: 1, pending: [shaOf(a), shaOf(a)] });
    expect((await store.documentsWithoutResult()).map((d) => d.sha256)).toContain(shaOf(a));

    const audit = await auditOf('quang-trung-2024.docx');
    expect(await store.saveAudit(shaOf(a), audit, { batchId: batch.id })).toBe('stored');
    expect(await store.batchProgress(batch.id)).toEqual({ size: 3, done: 3, pending: [] });
    const audits = await store.batchAudits(batch.id);
    expect(audits.map((x) => x.file)).toEqual(['inbox/a.docx', 'inbox/copy of a.docx', 'inbox/gone.pdf']);
    expect(audits[1]).toEqual({ ...audit, file: 'inbox/copy of a.docx' });
    expect(audits[2]!.error).toEqual({ code: 'read-failed', message: 'Không tìm thấy “inbox/gone.pdf”.' });
    expect((await store.documentsWithoutResult()).map((d) => d.sha256)).not.toContain(shaOf(a));

    const again = await store.registerBatch('enqueue', [item('quang-trung-2024.docx', 'elsewhere.docx')]);
    expect(again.items[0]).toMatchObject({ hasResult: true, isNew: false });
  });

  it('keeps the first result of a document; a forced write replaces it (flags and list row) and decisions still hold', async () => {
    const doc = item('qt-total-mismatch.docx');
    const sha = shaOf(doc);
    const first = await store.registerBatch('enqueue', [doc]);
    const audit = await auditOf('qt-total-mismatch.docx');
    expect(audit.flags.length).toBeGreaterThan(0);
    expect(await store.saveAudit(sha, audit, { batchId: first.id })).toBe('stored');
    expect(await store.saveAudit(sha, { ...audit, flags: [] }, { batchId: first.id })).toBe('kept');
    expect(await store.getAudit(sha)).toEqual(audit);

    const flags = await store.db.selectFrom('flags').selectAll().where('sha256', '=', sha).orderBy('seq').execute();
    expect(flags.map((f) => [f.rule, f.severity, f.message])).toEqual(audit.flags.map((f) => [f.rule, f.severity, f.message]));
    expect(JSON.parse(flags[0]!.evidence)).toEqual(audit.flags[0]!.evidence);
    const [flag0] = (await store.flagsAndDecisions([sha])).get(sha)!.flags;
    await store.addDecision({ sha256: sha, flag: flag0!, decision: 'confirmed', note: '', userName: 'kiểm tra viên' });
    const summary = async (): Promise<ReportRow> => (await store.listReports()).rows.find((r) => r.sha256 === sha)!;
    const errors = audit.flags.filter((f) => f.severity === 'error').length;
    const warnings = audit.flags.filter((f) => f.severity === 'warning').length;
    expect((await summary()).review).toEqual({ relevant: errors + warnings, decided: 1, confirmed: 1 });

    // A forced batch waits for its own result, not the one already stored.
    const forced = await store.registerBatch('enqueue', [doc], { force: true });
    expect(await store.batchProgress(forced.id)).toEqual({ size: 1, done: 0, pending: [sha] });
    const extra = { ...audit, flags: [...audit.flags, { rule: 'missing-figure', severity: 'warning' as const, message: 'thêm', evidence: [] }] };
    expect(await store.saveAudit(sha, extra, { batchId: forced.id, replace: true })).toBe('stored');
    expect((await store.batchProgress(forced.id)).done).toBe(1);
    // The list's row follows the replaced flags, and the decision still holds.
    expect((await summary()).flags.warning).toBe(warnings + 1);
    expect((await summary()).review).toEqual({ relevant: errors + warnings + 1, decided: 1, confirmed: 1 });
    expect(await store.saveAudit(sha, audit, { batchId: forced.id, replace: true })).toBe('stored');
    const after = await store.db.selectFrom('flags').selectAll().where('sha256', '=', sha).orderBy('seq').execute();
    expect(after).toHaveLength(audit.flags.length);
    expect((await summary()).review).toEqual({ relevant: errors + warnings, decided: 1, confirmed: 1 });
    expect(await store.decisionsFor(sha)).toHaveLength(1);
    const row = await store.db.selectFrom('audits').selectAll().where('sha256', '=', sha).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ total: String(audit.declared.total!.value), recomputed_total: String(audit.recomputed.total), flag_count: audit.flags.length, batch_id: forced.id });
  });

  it('registers a folder in chunks: every file kept in order, one job per document', async () => {
    const dir = tempDir();
    copyFileSync(path.join(REPORTS, 'lam-son-2024.docx'), path.join(dir, 'a.docx'));
    copyFileSync(path.join(REPORTS, 'lam-son-2024.docx'), path.join(dir, 'b (bản sao).docx'));
    copyFileSync(path.join(REPORTS, 'lam-son-2024.pdf'), path.join(dir, 'c.pdf'));
    // A chunk of one byte: each file is written to the store on its own.
    const reg = await registerInputs(store, 'enqueue', [dir, path.join(dir, 'không có.pdf')], { chunkBytes: 1 });
    expect(reg.items.map((i) => [path.basename(i.path), i.position, i.format])).toEqual([
      ['a.docx', 0, 'docx'],
      ['b (bản sao).docx', 1, 'docx'],
      ['c.pdf', 2, 'pdf'],
      ['không có.pdf', 3, null],
    ]);
    expect(reg.jobs.map((j) => j.format)).toEqual(['docx', 'pdf']);
    expect(await store.batchProgress(reg.batchId)).toMatchObject({ size: 4, done: 1 });
    // Jobs handed on chunk by chunk: each once its document is stored, a file given twice once.
    const handed: string[][] = [];
    const piped = await registerInputs(store, 'enqueue', [dir, path.join(dir, 'a.docx')], {
      chunkBytes: 1,
      force: true,
      onJobs: async (jobs) => {
        for (const j of jobs) expect(await store.documentForProcessing(j.sha256)).not.toBeNull();
        handed.push(jobs.map((j) => j.format));
      },
    });
    expect(handed).toEqual([['docx'], ['pdf']]);
    expect(piped.jobs.map((j) => j.format)).toEqual(['docx', 'pdf']);
    expect(piped.items).toHaveLength(4);
    // Nothing new in the folder now: a nightly-style registration takes nothing.
    const again = await registerInputs(store, 'nightly', [dir], { onlyNew: true });
    expect(again.items).toEqual([]);
  });

  it('a nightly inbox: a file refused as too large is reported once, not every night, and again once changed', async () => {
    const dir = tempDir();
    // Contents no other test of this store has registered.
    copyFileSync(path.join(REPORTS, 'lam-son-2024.docx'), path.join(dir, 'a.docx'));
    copyFileSync(path.join(REPORTS, 'lam-son-2024.pdf'), path.join(dir, 'big.pdf'));
    appendFileSync(path.join(dir, 'a.docx'), `\n${dir}`);
    appendFileSync(path.join(dir, 'big.pdf'), `\n${dir}`);
    const limit = { onlyNew: true, maxBytes: statSync(path.join(dir, 'a.docx')).size };
    const first = await registerInputs(store, 'nightly', [dir], limit);
    expect(first.items.map((i) => path.basename(i.path))).toEqual(['a.docx', 'big.pdf']);
    const refused = (await store.batchAudits(first.batchId)).find((a) => a.file.endsWith('big.pdf'))!;
    expect(refused.error?.code).toBe('too-large');
    expect(refused.sha256).toBe(sha256Of(new Uint8Array(readFileSync(path.join(dir, 'big.pdf')))));
    expect((await registerInputs(store, 'nightly', [dir], limit)).items).toEqual([]);
    appendFileSync(path.join(dir, 'big.pdf'), '\n');
    expect((await registerInputs(store, 'nightly', [dir], limit)).items.map((i) => path.basename(i.path))).toEqual(['big.pdf']);
  });

  it('records runs and reports stats', async () => {
    const doc = item('bac-son-2024.pdf');
    await store.registerBatch('enqueue', [doc]);
    const t = performance.now();
    const id = await store.startRun({ sha256: shaOf(doc), batchId: null, queue: 'typed', worker: 'test:1' });
    await store.finishRun(id, 'stored', t);
    expect(await store.runs(shaOf(doc))).toEqual([{ id, sha256: shaOf(doc), batchId: null, queue: 'typed', worker: 'test:1', outcome: 'stored', error: null }]);
    const stats = await store.stats();
    expect(stats.documents).toBe(stats.withResult + stats.withoutResult);
    expect(stats.withoutResult).toBeGreaterThanOrEqual(1);
  });

  it('begins a run with the document it needs, and finishes it with the audit write', async () => {
    const doc = item('qt-group-sum-mismatch.docx');
    const sha = shaOf(doc);
    await store.registerBatch('enqueue', [doc]);
    const audit = await auditOf('qt-group-sum-mismatch.docx');
    expect(audit.flags.length).toBeGreaterThan(0);

    const t = performance.now();
    const first = await store.beginRun({ sha256: sha, batchId: null, queue: 'typed', worker: 'test:1' });
    expect(first.doc && sha256Of(first.doc.bytes)).toBe(sha);
    expect(first.doc).toMatchObject({ firstPath: 'qt-group-sum-mismatch.docx', format: 'docx', hasResult: false });
    // Visible as running before anything is parsed.
    expect((await store.runs(sha)).map((r) => r.outcome)).toEqual([null]);
    expect(await store.saveAudit(sha, audit, { run: { id: first.runId, startedMs: t } })).toBe('stored');

    // A second delivery of the same job: the first result stays, and the run says so.
    const second = await store.beginRun({ sha256: sha, batchId: null, queue: 'typed', worker: 'test:2' });
    expect(second.doc?.hasResult).toBe(true);
    expect(await store.saveAudit(sha, { ...audit, flags: [] }, { run: { id: second.runId, startedMs: t } })).toBe('kept');
    expect((await store.runs(sha)).map((r) => [r.worker, r.outcome])).toEqual([
      ['test:1', 'stored'],
      ['test:2', 'kept'],
    ]);
    expect(await store.getAudit(sha)).toEqual(audit);
    const flags = await store.db.selectFrom('flags').selectAll().where('sha256', '=', sha).orderBy('seq').execute();
    expect(flags.map((f) => [f.seq, f.rule, f.severity, f.message, JSON.parse(f.evidence)])).toEqual(audit.flags.map((f, i) => [i, f.rule, f.severity, f.message, f.evidence]));
    const finished = await store.db.selectFrom('runs').select(['finished_at', 'duration_ms']).where('sha256', '=', sha).execute();
    for (const r of finished) expect(r.finished_at !== null && r.duration_ms !== null).toBe(true);

    // A document the store does not have: the run is still recorded.
    const none = await store.beginRun({ sha256: 'f'.repeat(64), batchId: null, queue: 'typed', worker: 'test:1' });
    expect(none.doc).toBeNull();
    expect((await store.runs('f'.repeat(64))).map((r) => r.id)).toEqual([none.runId]);
  });

  it('migrates a fresh database once when several open it at the same moment', async () => {
    const fresh = await make();
    try {
      const stores = await Promise.all([Store.open(fresh.config), Store.open(fresh.config), Store.open(fresh.config)]);
      for (const s of stores) expect((await s.stats()).documents).toBe(0);
      await Promise.all(stores.map((s) => s.close()));
    } finally {
      await fresh.cleanup();
    }
  });

  it('opens again without migrating twice, and a new pipeline version sees no results', async () => {
    const [a, b] = await Promise.all([Store.open(config), Store.open(config)]);
    expect((await a.stats()).documents).toBe((await store.stats()).documents);
    await a.close();
    await b.close();
    const next = await Store.open(config, 'next');
    try {
      expect((await next.stats()).withResult).toBe(0);
      expect((await next.documentsWithoutResult()).length).toBe((await store.stats()).documents);
    } finally {
      await next.close();
    }
  });
});
