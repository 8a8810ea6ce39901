/**
 * The review desk's reports and decisions: the review state, the decision rules, decisions carried
 * over to a new pipeline version (on SQLite and PostgreSQL), and the pages and JSON API over real
 * HTTP on audits of real fixtures.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, Migrator, sql, SqliteDialect } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser } from '../accounts/users.js';
import { runBatch } from '../batches/run-batch.js';
import type { Flag, ReportAudit } from '../core/report-audit.js';
import { processOne } from './support/process-one.js';
import { decide } from '../review/decide.js';
import { DEFAULT_QUERY, filterOf } from '../review/reports.js';
import { reviewOf, REVIEW_STATES, stateCondition, stateFromCounts, stateLabel, type ReviewState } from '../review/state.js';
import { SQLITE_FILE, type StoreConfig } from '../store/connect.js';
import { migrations } from '../store/migrations.js';
import { Store, type DecisionRecord, type FlagRecord } from '../store/store.js';
import { REPORTS } from './support/paths.js';
import { HttpClient, startServer } from './support/http.js';
import { tempDir, STORE_BACKENDS } from './support/services.js';
import { storeVariant } from './support/variants.js';

const auditor = { name: 'kiem-tra', role: 'auditor' as const };
const clerk = { name: 'van-thu', role: 'clerk' as const };

async function failure(p: Promise<unknown>): Promise<{ code: string; userMessage: string }> {
  try {
    await p;
  } catch (err) {
    return err as { code: string; userMessage: string };
  }
  throw new Error('expected a failure');
}

describe('review state', () => {
  const flag = (seq: number, severity: FlagRecord['severity'], over: Partial<FlagRecord> = {}): FlagRecord => ({
    seq, rule: 'total-mismatch', severity, message: 'm', evidence: [], groupId: null, declared: '93.3', recomputed: '92.3', ...over,
  });
  let id = 0;
  const decision = (f: Pick<FlagRecord, 'rule' | 'groupId' | 'declared' | 'recomputed'>, d: 'confirmed' | 'dismissed'): DecisionRecord => ({
    id: ++id, sha256: 'x', rule: f.rule, groupId: f.groupId, declared: f.declared, recomputed: f.recomputed,
    pipelineVersion: '1', seq: 0, decision: d, note: '', userName: 'a', decidedAt: new Date().toISOString(),
  });

  it('follows the counts of error and warning flags', () => {
    expect(stateFromCounts({ relevant: 0, decided: 0, confirmed: 0 })).toBe('khong-sai-lech');
    expect(stateFromCounts({ relevant: 2, decided: 0, confirmed: 0 })).toBe('chua-xem');
    expect(stateFromCounts({ relevant: 2, decided: 1, confirmed: 0 })).toBe('dang-xem');
    expect(stateFromCounts({ relevant: 2, decided: 1, confirmed: 1 })).toBe('co-sai-lech');
    expect(stateFromCounts({ relevant: 2, decided: 2, confirmed: 0 })).toBe('khong-sai-lech');
  });

  it('calls an unreadable report unreadable, not free of discrepancies, and filters states among readable ones', () => {
    expect(stateLabel('khong-sai-lech', null)).toBe('không sai lệch');
    expect(stateLabel('khong-sai-lech', 'pdf-encrypted')).toBe('không đọc được');
    expect(filterOf({ ...DEFAULT_QUERY, state: 'khong-sai-lech' })).toMatchObject({ readableOnly: true, review: { confirmed: 'none', decided: 'all' } });
    expect(filterOf(DEFAULT_QUERY).readableOnly).toBeUndefined();
  });

  it('takes the latest decision per flag identity, ignores info flags, and names decisions not carried over', () => {
    const a = flag(0, 'error');
    const b = flag(1, 'warning', { rule: 'summary-mismatch', groupId: 'III', declared: '12', recomputed: '10' });
    const info = flag(2, 'info', { rule: 'low-confidence', declared: null, recomputed: null });
    expect(reviewOf([a, b, info], []).state).toBe('chua-xem');
    expect(reviewOf([a, b, info], [decision(a, 'dismissed')]).state).toBe('dang-xem');
    const both = reviewOf([a, b, info], [decision(a, 'confirmed'), decision(b, 'dismissed'), decision(a, 'dismissed')]);
    expect(both.flags[0]!.latest!.decision).toBe('dismissed');
    expect(both.flags[0]!.history).toHaveLength(2);
    expect(both.state).toBe('khong-sai-lech');
    // The same rule with other numbers is another flag: its decision is not carried over.
    const old = decision({ ...a, declared: '94.3' }, 'confirmed');
    const r = reviewOf([a, b], [old]);
    expect(r.state).toBe('chua-xem');
    expect(r.notCarried).toEqual([old]);
  });
});

const backends = STORE_BACKENDS;


const withTotal = (a: ReportAudit, total: number, recomputed: number | null): ReportAudit => ({
  ...a,
  declared: { ...a.declared, total: a.declared.total ? { ...a.declared.total, value: total, raw: String(total).replace('.', ',') } : null },
  recomputed: { ...a.recomputed, total: recomputed },
});

describe.each(backends)('reports and decisions on %s', (_name, make) => {
  let store: Store;
  let config: StoreConfig;
  let cleanup: () => Promise<void>;
  let base: ReportAudit;
  const sha: Record<string, string> = {};

  beforeAll(async () => {
    ({ config, cleanup } = await make());
    store = await Store.open(config, '1');
    base = await processOne(new Uint8Array(readFileSync(path.join(REPORTS, 'qt-total-mismatch.docx'))), { file: 'qt-total-mismatch.docx' });
    expect(base.flags.map((f) => f.rule)).toEqual(['total-mismatch']);
    const warning: Flag = { rule: 'summary-mismatch', severity: 'warning', message: 'Cảnh báo thử.', group: 'III', declared: 12, recomputed: 10, evidence: [{ page: 1, line: 3, text: 'x' }] };
    sha['a'] = await storeVariant(store, base, 'a.docx', (a) => a); // 93,3 vs 92,3, one error
    sha['b'] = await storeVariant(store, base, 'b.pdf', (a) => ({ ...withTotal(a, 92.3, 92.3), format: 'pdf', flags: [] }));
    sha['c'] = await storeVariant(store, base, 'c.docx', (a) => ({ ...withTotal(a, 80.25, 82), unit: { type: 'xã', name: 'Đồng Tiến' }, year: 2023, flags: [...a.flags, warning] }));
    sha['d'] = await storeVariant(store, base, 'd.docx', (a) => ({ ...withTotal(a, 95, 95), unit: { type: 'phường', name: 'Hòa Bình' }, flags: [{ ...warning, severity: 'info' }] }));
    sha['e'] = await storeVariant(store, base, 'e.docx', (a) => ({ ...withTotal(a, 70, null), unit: null, flags: [] }));
  }, 120_000);
  afterAll(async () => {
    await store.close();
    await cleanup();
  });

  it('lists one row per document with exact differences, filtered in SQL', async () => {
    const all = await store.listReports();
    expect(all.total).toBe(5);
    const a = all.rows.find((r) => r.sha256 === sha['a'])!;
    expect(a).toMatchObject({ unitName: 'Quang Trung', year: 2024, total: '93.3', recomputedTotal: '92.3', difference: '1', flags: { error: 1, warning: 0, info: 0 } });
    expect(all.rows.find((r) => r.sha256 === sha['c'])!.difference).toBe('-1.75');
    expect(all.rows.find((r) => r.sha256 === sha['e'])!.difference).toBeNull();
    const shas = async (f: Parameters<Store['listReports']>[0]): Promise<string[]> => (await store.listReports(f)).rows.map((r) => r.sha256);
    expect(new Set(await shas({ flaggedOnly: true }))).toEqual(new Set([sha['a'], sha['c']]));
    expect(await shas({ commune: 'ĐỒNG' })).toEqual([sha['c']]);
    expect(await shas({ commune: 'hoa binh' })).toEqual([sha['d']]);
    expect(await shas({ commune: '%' })).toEqual([]);
    expect(await shas({ year: 2023 })).toEqual([sha['c']]);
    expect(await shas({ format: 'pdf' })).toEqual([sha['b']]);
    expect(await shas({ sort: 'total', direction: 'desc' })).toEqual([sha['d'], sha['a'], sha['b'], sha['c'], sha['e']]);
    expect((await shas({ sort: 'difference', direction: 'desc' })).slice(0, 2)).toEqual([sha['c'], sha['a']]);
    // Unknown values last in either direction.
    expect((await shas({ sort: 'difference', direction: 'asc' })).at(-1)).toBe(sha['e']);
    expect((await shas({ sort: 'errors', direction: 'desc' }))[0]).toBe(sha['a']);
    // Pages cover every row once.
    const paged: string[] = [];
    for (let page = 1; page <= 3; page++) {
      const p = await store.listReports({ sort: 'year', page, pageSize: 2 });
      expect(p.total).toBe(5);
      paged.push(...p.rows.map((r) => r.sha256));
    }
    expect(new Set(paged).size).toBe(5);
  });

  it('checks decisions: role, value, a note to dismiss an error, the flag', async () => {
    expect((await failure(decide(store, clerk, sha['a']!, 0, 'confirmed', ''))).code).toBe('not-allowed');
    expect((await failure(decide(store, auditor, sha['a']!, 0, 'maybe', ''))).code).toBe('invalid-decision');
    const note = await failure(decide(store, auditor, sha['a']!, 0, 'dismissed', '  '));
    expect(note.code).toBe('note-required');
    expect(note.userMessage).toBe('Cần ghi chú lý do khi bỏ qua một lỗi.');
    expect((await failure(decide(store, auditor, sha['a']!, 5, 'confirmed', ''))).code).toBe('flag-not-found');
    expect((await failure(decide(store, auditor, '0'.repeat(64), 0, 'confirmed', ''))).code).toBe('report-not-found');
    expect(await store.decisionsFor(sha['a']!)).toEqual([]);
  });

  it('moves the state with each decision, and the list filters by state', async () => {
    const stateOf = async (s: string): Promise<ReviewState> => stateFromCounts((await store.listReports()).rows.find((r) => r.sha256 === s)!.review);
    expect(await stateOf(sha['a']!)).toBe('chua-xem');
    expect(await stateOf(sha['b']!)).toBe('khong-sai-lech');
    expect(await stateOf(sha['d']!)).toBe('khong-sai-lech'); // an info flag waits for no one
    const first = await decide(store, auditor, sha['a']!, 0, 'confirmed', 'Sai tổng.');
    expect(first.review.state).toBe('co-sai-lech');
    expect(first.decision).toMatchObject({ rule: 'total-mismatch', declared: '93.3', recomputed: '92.3', decision: 'confirmed', userName: 'kiem-tra', pipelineVersion: '1', seq: 0 });
    expect(await stateOf(sha['a']!)).toBe('co-sai-lech');
    // A warning may be dismissed without a note; the error stays to decide.
    expect((await decide(store, { name: 'quan-tri', role: 'admin' }, sha['c']!, 1, 'dismissed', '')).review.state).toBe('dang-xem');
    expect(await stateOf(sha['c']!)).toBe('dang-xem');
    await decide(store, auditor, sha['c']!, 0, 'dismissed', 'Đã đối chiếu bản giấy.');
    expect(await stateOf(sha['c']!)).toBe('khong-sai-lech');
    const detail = (await store.reportDetail(sha['c']!))!;
    expect(detail.decisions.map((d) => [d.seq, d.decision, d.userName])).toEqual([[1, 'dismissed', 'quan-tri'], [0, 'dismissed', 'kiem-tra']]);
    expect(detail.audit.sha256).toBe(sha['c']);
    expect(detail.flags.map((f) => [f.rule, f.groupId, f.declared, f.recomputed])).toEqual([['total-mismatch', null, '93.3', '92.3'], ['summary-mismatch', 'III', '12', '10']]);
    // Each state's filter gives exactly the rows in that state.
    const seen: string[] = [];
    for (const state of REVIEW_STATES) {
      const rows = (await store.listReports({ review: stateCondition(state) })).rows;
      for (const r of rows) expect(stateFromCounts(r.review), r.firstPath).toBe(state);
      seen.push(...rows.map((r) => r.sha256));
    }
    expect(seen.sort()).toEqual(Object.values(sha).sort());
  });

  it('carries decisions over to a new pipeline version when the same flag comes back', async () => {
    const v2 = await Store.open(config, '2');
    try {
      expect((await v2.listReports()).total).toBe(0);
      const a = (await store.reportDetail(sha['a']!))!.audit;
      const c = (await store.reportDetail(sha['c']!))!.audit;
      await v2.saveAudit(sha['a']!, a); // the same flags
      // The error of c now has other numbers; its warning is the same.
      await v2.saveAudit(sha['c']!, { ...c, flags: [{ ...c.flags[0]!, declared: 80.5 }, c.flags[1]!] });
      const rows = (await v2.listReports()).rows;
      // The list's counts are review/state.ts's, version 2's flags with every version's decisions.
      for (const row of rows) {
        const d = (await v2.reportDetail(row.sha256))!;
        expect(row.review).toEqual(reviewOf(d.flags, d.decisions).counts);
      }
      expect(stateFromCounts(rows.find((r) => r.sha256 === sha['a'])!.review)).toBe('co-sai-lech');
      expect(stateFromCounts(rows.find((r) => r.sha256 === sha['c'])!.review)).toBe('dang-xem');
      const detail = (await v2.reportDetail(sha['c']!))!;
      const review = reviewOf(detail.flags, detail.decisions);
      expect(review.flags[0]!.latest).toBeNull();
      expect(review.flags[1]!.latest!.userName).toBe('quan-tri');
      expect(review.notCarried.map((d) => [d.rule, d.declared, d.pipelineVersion])).toEqual([['total-mismatch', '93.3', '1']]);
      const again = await decide(v2, auditor, sha['c']!, 0, 'confirmed', '');
      expect(again.decision.pipelineVersion).toBe('2');
      expect(again.review.state).toBe('co-sai-lech');
    } finally {
      await v2.close();
    }
  });
});

/** A new SQLite store in a folder of its own, migrated only up to `migration` (written to by hand, as an older doisoat would). */
async function sqliteAt(migration: string): Promise<{ dir: string; db: Kysely<any> }> {
  const dir = tempDir();
  const db = new Kysely<any>({ dialect: new SqliteDialect({ database: new SqliteDatabase(path.join(dir, SQLITE_FILE)) }) });
  expect((await new Migrator({ db, provider: { getMigrations: async () => migrations('sqlite') } }).migrateTo(migration)).error).toBeUndefined();
  return { dir, db };
}

describe('migration 0005', () => {
  it('fills the identity of flags and the commune key of audits stored before it', async () => {
    const { dir, db } = await sqliteAt('0004_accounts');
    const audit = await processOne(new Uint8Array(readFileSync(path.join(REPORTS, 'qt-summary-mismatch.docx'))), { file: 'old.docx' });
    const at = new Date().toISOString();
    await db.insertInto('documents').values({ sha256: audit.sha256, size: 1, format: 'docx', first_path: 'old.docx', registered_at: at }).execute();
    await db.insertInto('audits').values({
      sha256: audit.sha256, pipeline_version: '1', batch_id: null, format: 'docx', unit_name: audit.unit!.name, year: audit.year, total: '92.3',
      recomputed_total: '92.3', classification: null, flag_count: 1, error_flag_count: 1, error_code: null, audit: JSON.stringify(audit), created_at: at, updated_at: at,
    }).execute();
    const f = audit.flags[0]!;
    await db.insertInto('flags').values({ sha256: audit.sha256, pipeline_version: '1', seq: 0, rule: f.rule, severity: f.severity, message: f.message, evidence: JSON.stringify(f.evidence) }).execute();
    await db.destroy();

    const store = await Store.open({ dataDir: dir }, '1');
    try {
      expect((await store.listReports({ commune: 'QUANG trung' })).total).toBe(1);
      const detail = (await store.reportDetail(audit.sha256))!;
      expect(detail.flags.map((x) => [x.rule, x.groupId, x.declared, x.recomputed])).toEqual([['summary-mismatch', 'III', '12', '10']]);
      await decide(store, auditor, audit.sha256, 0, 'confirmed', '');
      expect(stateFromCounts((await store.listReports()).rows[0]!.review)).toBe('co-sai-lech');
    } finally {
      await store.close();
    }
  });
});

describe('migration 0007', () => {
  it('builds the list rows of a store filled before it: counts by severity and review, decisions included', async () => {
    const { dir, db } = await sqliteAt('0006_report_list');
    const at = new Date().toISOString();
    const shas: string[] = [];
    for (const name of ['qt-total-mismatch.docx', 'qt-summary-mismatch.pdf', 'quang-trung-2024.docx']) {
      const audit = await processOne(new Uint8Array(readFileSync(path.join(REPORTS, name))), { file: name });
      shas.push(audit.sha256);
      await db.insertInto('documents').values({ sha256: audit.sha256, size: 1, format: audit.format, first_path: name, registered_at: at }).execute();
      await db.insertInto('audits').values({
        sha256: audit.sha256, pipeline_version: '1', batch_id: null, format: audit.format, unit_name: audit.unit?.name ?? null, year: audit.year,
        total: audit.declared.total ? String(audit.declared.total.value) : null, recomputed_total: audit.recomputed.total === null ? null : String(audit.recomputed.total),
        classification: null, flag_count: audit.flags.length, error_flag_count: 0, error_code: null, audit: JSON.stringify(audit), created_at: at, updated_at: at, unit_key: 'quang trung',
      }).execute();
      for (const [seq, f] of audit.flags.entries()) {
        await db.insertInto('flags').values({
          sha256: audit.sha256, pipeline_version: '1', seq, rule: f.rule, severity: f.severity, message: f.message, evidence: JSON.stringify(f.evidence),
          group_id: f.group ?? null, declared: f.declared === undefined || f.declared === null ? null : String(f.declared), recomputed: f.recomputed === undefined || f.recomputed === null ? null : String(f.recomputed),
        }).execute();
      }
    }
    // A decision on the first report's first error, made before the migration.
    const first = await db.selectFrom('flags').selectAll().where('sha256', '=', shas[0]!).where('severity', '=', 'error').orderBy('seq').executeTakeFirstOrThrow();
    await db.insertInto('decisions').values({
      sha256: shas[0]!, rule: first.rule, group_id: first.group_id, declared: first.declared, recomputed: first.recomputed, pipeline_version: '1', seq: first.seq,
      decision: 'confirmed', note: '', user_name: 'kiem-tra', decided_at: at,
    }).execute();
    await db.destroy();

    const store = await Store.open({ dataDir: dir }, '1');
    try {
      const { rows, total } = await store.listReports();
      expect(total).toBe(3);
      for (const row of rows) {
        const detail = (await store.reportDetail(row.sha256))!;
        const { counts } = reviewOf(detail.flags, detail.decisions);
        const bySeverity = (s: string): number => detail.flags.filter((f) => f.severity === s).length;
        expect(row.flags).toEqual({ error: bySeverity('error'), warning: bySeverity('warning'), info: bySeverity('info') });
        expect(row.review).toEqual(counts);
        expect(row.firstPath).toBe(detail.firstPath);
      }
      expect(stateFromCounts(rows.find((r) => r.sha256 === shas[0])!.review)).toBe('co-sai-lech');
      expect(rows.find((r) => r.sha256 === shas[0])!.difference).toBe('1');
      // The columns the list no longer needs are gone.
      const columns = async (table: string): Promise<string[]> => (await sql<{ name: string }>`select name from pragma_table_info(${table})`.execute(store.db)).rows.map((r) => r.name);
      expect(await columns('audits')).not.toContain('unit_key');
      expect(await columns('flags')).not.toContain('review_status');
    } finally {
      await store.close();
    }
  });
});

// ---------------------------------------------------------------- over HTTP

describe('the reports over HTTP', () => {
  let store: Store;
  let base: string;
  let close: () => Promise<void>;
  const sha: Record<string, string> = {};

  const signedIn = (username: string, password: string): Promise<HttpClient> => HttpClient.signedIn(() => base, username, password);

  type ApiRow = { sha256: string; file: string; total: string | null; difference: string | null; state: string; stateLabel: string; flags: { error: number } };
  type ApiList = { rows: ApiRow[]; total: number; page: number; pages: number; pageSize: number };

  beforeAll(async () => {
    store = await Store.open({ dataDir: tempDir() });
    await addUser(store, 'van-thu', 'clerk', 'mat-khau-van-thu');
    await addUser(store, 'kiem-tra', 'auditor', 'mat-khau-kiem-tra');
    const names = ['qt-total-mismatch.docx', 'qt-summary-mismatch.pdf', 'quang-trung-2024.docx'];
    const batch = await runBatch(store, 'local', { kind: 'paths', paths: names.map((n) => path.join(REPORTS, n)) }, { kind: 'local', concurrency: 1 });
    expect(batch.finished).toBe(true);
    for (const [i, n] of names.entries()) sha[n] = batch.audits![i]!.sha256;
    // A report whose name and text carry markup.
    const audit = batch.audits![0]!;
    const evil = '<script>alert(1)</script>';
    const bytes = new TextEncoder().encode('evil');
    const evilSha = createHash('sha256').update(bytes).digest('hex');
    await store.registerBatch('local', [{ path: `${evil}.docx`, file: { bytes, sha256: evilSha, format: 'docx' } }]);
    await store.saveAudit(evilSha, {
      ...audit,
      sha256: evilSha,
      unit: { type: 'xã', name: `Xã ${evil}` },
      flags: [{ ...audit.flags[0]!, message: `Thông điệp ${evil}`, evidence: [{ page: 1, line: 2, text: `Dòng ${evil}` }] }],
    });
    sha['evil'] = evilSha;
    const server = await startServer({ store });
    base = server.base;
    close = server.close;
  }, 240_000);
  afterAll(async () => close());

  it('lists the reports with Vietnamese numbers, sortable headers and filters kept in every link', async () => {
    const c = await signedIn('van-thu', 'mat-khau-van-thu');
    const html = await c.html('/bao-cao');
    expect(html).toContain('Quang Trung');
    for (const text of ['93,3', '92,3', '+1', 'chưa xem', 'không sai lệch', 'Tổng điểm tính lại', 'Cảnh báo', 'Lưu ý']) expect(html).toContain(text);
    const filtered = await c.html('/bao-cao?xa=quang&co-canh-bao=1&sap-xep=total&chieu=giam');
    expect(filtered).toContain('2 báo cáo');
    const links = [...filtered.matchAll(/href="(\/bao-cao\?[^"]*)"/g)].map((m) => m[1]!.replace(/&amp;/g, '&'));
    expect(links.length).toBeGreaterThan(3);
    for (const l of links) expect(l).toMatch(/xa=quang.*co-canh-bao=1|co-canh-bao=1.*xa=quang/);
    // The active column's link turns the direction.
    expect(links).toContain('/bao-cao?co-canh-bao=1&xa=quang&sap-xep=total');

    const list = await c.api<ApiList>('/api/reports');
    expect(list.total).toBe(4);
    expect(list.rows[0]).toMatchObject({ sha256: expect.any(String), total: expect.any(String), state: expect.any(String), stateLabel: expect.any(String) });
    expect((await c.api<ApiList>('/api/reports?co-canh-bao=1')).total).toBe(3);
    expect((await c.api<ApiList>('/api/reports?dinh-dang=pdf')).rows.map((r) => r.sha256)).toEqual([sha['qt-summary-mismatch.pdf']]);
    expect((await c.api<ApiList>('/api/reports?nam=2023')).total).toBe(0);
    const byTotal = await c.api<ApiList>('/api/reports?sap-xep=total&chieu=giam');
    expect(byTotal.rows[0]!.total).toBe('93.3');
    // Two rows a page: two pages, every report once, and the page links keep the size.
    const p1 = await c.api<ApiList>('/api/reports?so-dong=2');
    const p2 = await c.api<ApiList>('/api/reports?so-dong=2&trang=2');
    expect([p1.pages, p1.rows.length, p2.rows.length]).toEqual([2, 2, 2]);
    expect(new Set([...p1.rows, ...p2.rows].map((r) => r.sha256)).size).toBe(4);
    const paged = await c.html('/bao-cao?so-dong=2&xa=quang');
    expect(paged).toContain('href="/bao-cao?xa=quang&amp;trang=2&amp;so-dong=2"');
  });

  it('shows a report: declared against recomputed, flags linked to their highlighted lines; no form for a clerk', async () => {
    const c = await signedIn('van-thu', 'mat-khau-van-thu');
    const html = await c.html(`/bao-cao/${sha['qt-total-mismatch.docx']}`);
    expect(html).toContain('Đối chiếu điểm');
    expect(html).toContain('href="#p1-l104"');
    expect(html).toMatch(/<li id="p1-l104" class="line evidence">/);
    expect(html).toContain('chênh lệch 1 điểm');
    expect(html).not.toContain('quyet-dinh');
    const pdf = await c.html(`/bao-cao/${sha['qt-summary-mismatch.pdf']}`);
    expect(pdf).toMatch(/<h3>Trang 8<\/h3>/);
    expect(pdf).toMatch(/<li id="p8-l46" class="line evidence">/);
    expect((await c.request(`/bao-cao/${'f'.repeat(64)}`)).status).toBe(404);
    const missing = await c.request(`/api/reports/${'f'.repeat(64)}`);
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { code: string }).code).toBe('report-not-found');
  });

  it('escapes markup in a report’s name and text', async () => {
    const c = await signedIn('van-thu', 'mat-khau-van-thu');
    for (const html of [await c.html('/bao-cao'), await c.html(`/bao-cao/${sha['evil']}`)]) {
      expect(html).not.toContain('<script>alert(1)');
      expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    }
  });

  it('refuses a clerk’s decision (403)', async () => {
    const c = await signedIn('van-thu', 'mat-khau-van-thu');
    const api = await c.json(`/api/flags/${sha['qt-total-mismatch.docx']}/0/decision`, { decision: 'confirmed' });
    expect(api.status).toBe(403);
    expect(((await api.json()) as { code: string }).code).toBe('forbidden');
    expect((await c.form(`/bao-cao/${sha['qt-total-mismatch.docx']}/flags/0/quyet-dinh`, { decision: 'confirmed' })).status).toBe(403);
    expect((await store.decisionsFor(sha['qt-total-mismatch.docx']!)).length).toBe(0);
  });

  it('lets an auditor confirm one flag and dismiss another, with a note for an error', async () => {
    const c = await signedIn('kiem-tra', 'mat-khau-kiem-tra');
    const total = sha['qt-total-mismatch.docx']!;
    const summary = sha['qt-summary-mismatch.pdf']!;
    const page = await c.html(`/bao-cao/${total}`);
    expect(page).toContain(`action="/bao-cao/${total}/flags/0/quyet-dinh"`);
    expect(page).toContain(`name="_csrf" value="${c.csrf}"`);
    expect(page).toContain('Xác nhận sai lệch');
    expect(page).toContain('Bỏ qua');

    // Without the CSRF token: refused by the server.
    const forged = await c.request(`/api/flags/${total}/0/decision`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ decision: 'confirmed' }) });
    expect(forged.status).toBe(403);

    const confirmed = await c.json(`/api/flags/${total}/0/decision`, { decision: 'confirmed', note: 'Tổng khai sai.' });
    expect(confirmed.status).toBe(201);
    expect(await confirmed.json()).toMatchObject({ decision: { decision: 'confirmed', note: 'Tổng khai sai.', userName: 'kiem-tra', seq: 0 }, state: 'co-sai-lech', stateLabel: 'có sai lệch đã xác nhận' });

    const bad = await c.json(`/api/flags/${summary}/0/decision`, { decision: 'dismissed' });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ code: 'note-required', message: 'Cần ghi chú lý do khi bỏ qua một lỗi.' });
    expect((await c.json(`/api/flags/${summary}/0/decision`, { decision: 'xoa' })).status).toBe(400);
    expect((await c.json(`/api/flags/${summary}/7/decision`, { decision: 'confirmed' })).status).toBe(404);

    const noNote = await c.form(`/bao-cao/${summary}/flags/0/quyet-dinh`, { decision: 'dismissed', note: '' });
    expect(noNote.status).toBe(400);
    expect(await noNote.text()).toContain('Cần ghi chú lý do khi bỏ qua một lỗi.');
    const dismissed = await c.form(`/bao-cao/${summary}/flags/0/quyet-dinh`, { decision: 'dismissed', note: 'Phần tổng hợp <b>đã sửa</b> trong bản giấy.' });
    expect(dismissed.status).toBe(303);
    expect(dismissed.headers.get('location')).toBe(`/bao-cao/${summary}#canh-bao-0`);

    const after = await c.html(`/bao-cao/${summary}`);
    expect(after).toContain('bỏ qua');
    expect(after).toContain('Phần tổng hợp &lt;b&gt;đã sửa&lt;/b&gt; trong bản giấy.');
    expect(after).toContain('Lịch sử quyết định (1)');
    expect(after).toContain('không sai lệch');

    const confirmedList = await c.api<ApiList>('/api/reports?trang-thai=co-sai-lech');
    expect(confirmedList.rows.map((r) => r.sha256)).toEqual([total]);
    const clear = await c.api<ApiList>('/api/reports?trang-thai=khong-sai-lech');
    expect(new Set(clear.rows.map((r) => r.sha256))).toEqual(new Set([summary, sha['quang-trung-2024.docx']]));
    expect((await c.html('/bao-cao?trang-thai=co-sai-lech'))).toContain('1 báo cáo');

    const detail = await c.api<{ audit: ReportAudit; flags: Array<{ seq: number; rule: string; decision: { decision: string } | null }>; decisions: unknown[]; notCarried: unknown[]; state: string; stateLabel: string }>(`/api/reports/${total}`);
    expect(detail.audit.sha256).toBe(total);
    expect(detail.audit.flags).toHaveLength(1);
    expect(detail.flags).toEqual([expect.objectContaining({ seq: 0, rule: 'total-mismatch', decision: expect.objectContaining({ decision: 'confirmed' }) })]);
    expect(detail.decisions).toHaveLength(1);
    expect(detail.notCarried).toEqual([]);
    expect([detail.state, detail.stateLabel]).toEqual(['co-sai-lech', 'có sai lệch đã xác nhận']);
  });
});
