/**
 * The review desk's exports: CSV and XLSX layout (numbers stay numbers, text that Excel would run is
 * escaped, BOM, Vietnamese headers, frozen header), the store's flags and decisions for many
 * reports (SQLite and PostgreSQL), every page of the list, and the downloads over real HTTP.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser } from '../accounts/users.js';
import { runBatch } from '../batches/run-batch.js';
import type { Flag, ReportAudit } from '../core/report-audit.js';
import { flagsCsv, reportsCsv, reviewXlsx, type FlagExportRow, type ReportExportRow } from '../exports/review.js';
import { processOne } from './support/process-one.js';
import { decide } from '../review/decide.js';
import { exportRows } from '../review/export.js';
import { DEFAULT_QUERY } from '../review/reports.js';
import type { StoreConfig } from '../store/connect.js';
import { Store } from '../store/store.js';
import { REPORTS } from './support/paths.js';
import { HttpClient, startServer } from './support/http.js';
import { tempDir, STORE_BACKENDS } from './support/services.js';
import { storeVariant } from './support/variants.js';

const report = (over: Partial<ReportExportRow> = {}): ReportExportRow => ({
  commune: 'Quang Trung', year: 2024, format: 'DOCX', file: 'qt.docx', total: 80.25, recomputed: 82, difference: -1.75,
  classification: 'Đạt chuẩn', errors: 1, warnings: 2, infos: 0, state: 'chưa xem', readError: null, sha256: 'a'.repeat(64), ...over,
});
const flag = (over: Partial<FlagExportRow> = {}): FlagExportRow => ({
  commune: 'Quang Trung', year: 2024, file: 'qt.docx', rule: 'total-mismatch', severity: 'lỗi', group: null, declared: 93.3, recomputed: 92.3,
  message: 'Tổng điểm khai báo lệch.', where: 'trang 1, dòng 104', decision: 'Xác nhận sai lệch', decidedBy: 'kiem-tra',
  decidedAt: '2025-03-05T07:07:00.000Z', note: 'Sai tổng.', decisionCount: 2, sha256: 'a'.repeat(64), ...over,
});

const HYPERLINK = '=HYPERLINK("http://x.example","bấm")';

const rowsOf = (csv: string): string[][] => parse(csv, { bom: true }) as string[][];

async function workbook(buffer: Buffer | ArrayBuffer): Promise<ExcelJS.Workbook> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(buffer as ArrayBuffer);
  return book;
}

/** A sheet as header → value objects. */
function records(sheet: ExcelJS.Worksheet): Array<Record<string, ExcelJS.CellValue>> {
  const header = (sheet.getRow(1).values as ExcelJS.CellValue[]).slice(1).map(String);
  const out: Array<Record<string, ExcelJS.CellValue>> = [];
  sheet.eachRow((row, n) => {
    if (n === 1) return;
    out.push(Object.fromEntries(header.map((h, i) => [h, row.getCell(i + 1).value])));
  });
  return out;
}

describe('CSV and XLSX layout', () => {
  it('writes CSV with a BOM, Vietnamese headers, numbers with a decimal comma and never escaped', () => {
    const csv = reportsCsv([report(), report({ commune: HYPERLINK, file: '-x', classification: '@SUM(A1)', difference: 0.5, total: null })]);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const [header, first, second] = rowsOf(csv) as [string[], string[], string[]];
    expect(header).toEqual(['Xã/phường', 'Năm', 'Định dạng', 'Tệp', 'Tổng điểm khai báo', 'Tổng điểm tính lại', 'Chênh lệch', 'Xếp loại', 'Số lỗi', 'Số cảnh báo', 'Số lưu ý', 'Trạng thái xem xét', 'Lỗi đọc tệp', 'sha256']);
    expect(first.slice(0, 12)).toEqual(['Quang Trung', '2024', 'DOCX', 'qt.docx', '80,25', '82', '-1,75', 'Đạt chuẩn', '1', '2', '0', 'chưa xem']);
    // Text Excel would run gets an apostrophe; an empty number stays empty.
    expect([second[0], second[3], second[4], second[6], second[7]]).toEqual([`'${HYPERLINK}`, "'-x", '', '0,5', "'@SUM(A1)"]);
  });

  it('writes the flags CSV with the decision, its time in Vietnam and an escaped note', () => {
    const csv = flagsCsv([flag(), flag({ note: '+1 điểm', message: '-x', declared: -2, decision: 'chưa', decidedBy: null, decidedAt: null, decisionCount: 0 })]);
    const [header, first, second] = rowsOf(csv) as [string[], string[], string[]];
    expect(header.slice(0, 4)).toEqual(['Xã/phường', 'Năm', 'Tệp', 'Quy tắc']);
    expect(header).toContain('Quyết định mới nhất');
    expect(header).toContain('Số lần quyết định');
    const at = (row: string[], h: string): string => row[header.indexOf(h)]!;
    expect([at(first, 'Khai báo'), at(first, 'Tính lại'), at(first, 'Thời điểm'), at(first, 'Quyết định mới nhất'), at(first, 'Số lần quyết định')]).toEqual(['93,3', '92,3', '05/03/2025 14:07', 'Xác nhận sai lệch', '2']);
    expect([at(second, 'Khai báo'), at(second, 'Nội dung'), at(second, 'Ghi chú'), at(second, 'Thời điểm'), at(second, 'Quyết định mới nhất')]).toEqual(['-2', "'-x", "'+1 điểm", '', 'chưa']);
  });

  it('writes a workbook with typed numbers, plain text (never a formula), frozen headers and filters', async () => {
    const book = await workbook(await reviewXlsx({ reports: [report({ commune: HYPERLINK, file: '-x' })], flags: [flag()] }));
    expect(book.worksheets.map((s) => s.name)).toEqual(['Báo cáo', 'Cảnh báo']);
    const sheet = book.getWorksheet('Báo cáo')!;
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.autoFilter).toBeTruthy();
    expect(sheet.getRow(1).getCell(1).value).toBe('Xã/phường');
    expect(sheet.getRow(1).font?.bold).toBe(true);
    const row = sheet.getRow(2);
    expect([row.getCell(5).value, row.getCell(6).value, row.getCell(7).value, row.getCell(2).value]).toEqual([80.25, 82, -1.75, 2024]);
    expect(row.getCell(7).type).toBe(ExcelJS.ValueType.Number);
    expect(row.getCell(7).numFmt).toBe('+0.00;-0.00;0.00');
    expect(row.getCell(5).numFmt).toBe('0.00');
    for (const [col, text] of [[1, HYPERLINK], [4, '-x']] as const) {
      expect(row.getCell(col).type).toBe(ExcelJS.ValueType.String);
      expect(row.getCell(col).value).toBe(text);
    }
    const flags = book.getWorksheet('Cảnh báo')!;
    expect(flags.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const f = records(flags)[0]!;
    expect(f).toMatchObject({ 'Khai báo': 93.3, 'Tính lại': 92.3, 'Quyết định mới nhất': 'Xác nhận sai lệch', 'Người quyết định': 'kiem-tra', 'Số lần quyết định': 2 });
    // Vietnam's wall-clock time as Excel's (zone-less) date.
    expect((f['Thời điểm'] as Date).toISOString()).toBe('2025-03-05T14:07:00.000Z');
  });
});

// ---------------------------------------------------------------- the store, both backends

const backends = STORE_BACKENDS;


describe.each(backends)('export rows on %s', (_name, make) => {
  let store: Store;
  let cleanup: () => Promise<void>;
  const sha: Record<string, string> = {};
  const auditor = { name: 'kiem-tra', role: 'auditor' as const };

  beforeAll(async () => {
    let config: StoreConfig;
    ({ config, cleanup } = await make());
    store = await Store.open(config, '1');
    const base = await processOne(new Uint8Array(readFileSync(path.join(REPORTS, 'qt-total-mismatch.docx'))), { file: 'qt-total-mismatch.docx' });
    const warning: Flag = { rule: 'summary-mismatch', severity: 'warning', message: 'Cảnh báo thử.', group: 'III', declared: 12, recomputed: 10, evidence: [{ page: 2, line: 7, text: 'x' }] };
    sha['a'] = await storeVariant(store, base, 'a.docx', (a) => ({ ...a, flags: [...a.flags, warning] }));
    sha['b'] = await storeVariant(store, base, 'b.docx', (a) => ({ ...a, flags: [] }));
    for (const n of ['c', 'd', 'e']) sha[n] = await storeVariant(store, base, `${n}.docx`, (a) => a);
    await decide(store, auditor, sha['a']!, 0, 'confirmed', 'Sai tổng.');
    await decide(store, auditor, sha['a']!, 1, 'confirmed', '');
    await decide(store, auditor, sha['a']!, 1, 'dismissed', 'Đã xem bản giấy.');
  }, 120_000);
  afterAll(async () => {
    await store.close();
    await cleanup();
  });

  it('gives the flags and decisions of many reports at once', async () => {
    const got = await store.flagsAndDecisions([sha['a']!, sha['b']!, sha['a']!, '0'.repeat(64)]);
    expect([...got.keys()].sort()).toEqual([sha['a']].sort());
    const a = got.get(sha['a']!)!;
    expect(a.flags.map((f) => [f.seq, f.rule, f.severity, f.groupId, f.declared, f.recomputed])).toEqual([[0, 'total-mismatch', 'error', null, '93.3', '92.3'], [1, 'summary-mismatch', 'warning', 'III', '12', '10']]);
    expect(a.flags[1]!.evidence).toEqual([{ page: 2, line: 7, text: 'x' }]);
    expect(a.decisions.map((d) => [d.seq, d.decision])).toEqual([[0, 'confirmed'], [1, 'confirmed'], [1, 'dismissed']]);
    expect(a).toEqual({ flags: (await store.reportDetail(sha['a']!))!.flags, decisions: await store.decisionsFor(sha['a']!) });
  });

  it('gathers every page of the list, with each flag’s latest decision', async () => {
    const all = await exportRows(store, DEFAULT_QUERY, { pageSize: 2 });
    expect(all.reports.map((r) => r.file)).toEqual(['a.docx', 'b.docx', 'c.docx', 'd.docx', 'e.docx']);
    expect(all.reports[0]).toMatchObject({ commune: 'Quang Trung', year: 2024, total: 93.3, recomputed: 92.3, difference: 1, errors: 1, warnings: 1, state: 'có sai lệch đã xác nhận' });
    expect(all.flags).toHaveLength(1 + 1 + 3);
    const [confirmed, dismissed] = all.flags as [FlagExportRow, FlagExportRow];
    expect(confirmed).toMatchObject({ file: 'a.docx', rule: 'total-mismatch', severity: 'lỗi', declared: 93.3, decision: 'Xác nhận sai lệch', decidedBy: 'kiem-tra', note: 'Sai tổng.', decisionCount: 1 });
    expect(dismissed).toMatchObject({ group: 'III', severity: 'cảnh báo', where: 'trang 2, dòng 7', decision: 'Bỏ qua', note: 'Đã xem bản giấy.', decisionCount: 2 });
    expect(all.flags.filter((f) => f.decision === 'chưa')).toHaveLength(3);
    // The list's filters: b has no flag.
    const flagged = await exportRows(store, { ...DEFAULT_QUERY, flagged: true }, { pageSize: 2 });
    expect(flagged.reports.map((r) => r.file)).toEqual(['a.docx', 'c.docx', 'd.docx', 'e.docx']);
    expect(flagged.flags.map((f) => f.file)).not.toContain('b.docx');
    const confirmedOnly = await exportRows(store, { ...DEFAULT_QUERY, state: 'co-sai-lech' });
    expect(confirmedOnly.reports.map((r) => r.file)).toEqual(['a.docx']);
  });
});

// ---------------------------------------------------------------- over HTTP

describe('the exports over HTTP', () => {
  let store: Store;
  let base: string;
  let close: () => Promise<void>;
  const sha: Record<string, string> = {};

  const signedIn = (username: string, password: string): Promise<HttpClient> => HttpClient.signedIn(() => base, username, password);

  beforeAll(async () => {
    store = await Store.open({ dataDir: tempDir() });
    await addUser(store, 'van-thu', 'clerk', 'mat-khau-van-thu');
    await addUser(store, 'kiem-tra', 'auditor', 'mat-khau-kiem-tra');
    const names = ['qt-total-mismatch.docx', 'qt-summary-mismatch.pdf', 'quang-trung-2024.docx'];
    const batch = await runBatch(store, 'local', { kind: 'paths', paths: names.map((n) => path.join(REPORTS, n)) }, { kind: 'local', concurrency: 1 });
    expect(batch.finished).toBe(true);
    for (const [i, n] of names.entries()) sha[n] = batch.audits![i]!.sha256;
    const server = await startServer({ store });
    base = server.base;
    close = server.close;
  }, 240_000);
  afterAll(async () => close());

  it('refuses an anonymous download', async () => {
    for (const p of ['/xuat/bao-cao.xlsx', '/xuat/bao-cao.csv', '/xuat/canh-bao.csv?co-canh-bao=1']) {
      const res = await fetch(base + p, { redirect: 'manual' });
      expect([302, 401], p).toContain(res.status);
      expect(res.headers.get('content-disposition')).toBeNull();
    }
  });

  it('exports both decisions of an auditor, honouring the list’s filters', async () => {
    const auditor = await signedIn('kiem-tra', 'mat-khau-kiem-tra');
    const total = sha['qt-total-mismatch.docx']!;
    const summary = sha['qt-summary-mismatch.pdf']!;
    expect((await auditor.json(`/api/flags/${total}/0/decision`, { decision: 'confirmed', note: 'Sai tổng điểm.' })).status).toBe(201);
    expect((await auditor.json(`/api/flags/${summary}/0/decision`, { decision: 'dismissed', note: '=Đã đối chiếu bản giấy' })).status).toBe(201);

    // Any signed-in user downloads.
    const clerk = await signedIn('van-thu', 'mat-khau-van-thu');
    const res = await clerk.request('/xuat/bao-cao.xlsx?co-canh-bao=1');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="doisoat-bao-cao-\d{4}-\d{2}-\d{2}\.xlsx"$/);
    const book = await workbook(Buffer.from(await res.arrayBuffer()));
    const reports = records(book.getWorksheet('Báo cáo')!);
    // The clean report is not flagged: filtered out.
    expect(reports.map((r) => r['sha256']).sort()).toEqual([total, summary].sort());
    const totalRow = reports.find((r) => r['sha256'] === total)!;
    expect(totalRow).toMatchObject({ 'Tổng điểm khai báo': 93.3, 'Tổng điểm tính lại': 92.3, 'Chênh lệch': 1, 'Số lỗi': 1, 'Trạng thái xem xét': 'có sai lệch đã xác nhận' });
    const flags = records(book.getWorksheet('Cảnh báo')!);
    const confirmed = flags.find((f) => f['sha256'] === total && f['Quy tắc'] === 'total-mismatch')!;
    expect(confirmed).toMatchObject({ 'Quyết định mới nhất': 'Xác nhận sai lệch', 'Người quyết định': 'kiem-tra', 'Ghi chú': 'Sai tổng điểm.', 'Số lần quyết định': 1 });
    expect(confirmed['Thời điểm']).toBeInstanceOf(Date);
    const dismissed = flags.find((f) => f['sha256'] === summary)!;
    expect(dismissed).toMatchObject({ 'Quyết định mới nhất': 'Bỏ qua', 'Người quyết định': 'kiem-tra', 'Ghi chú': '=Đã đối chiếu bản giấy' });
    expect(String(dismissed['Vị trí (trang/dòng)'])).toMatch(/^trang \d+, dòng \d+/);

    // Without the filter the clean report is there too; the flags CSV escapes the note.
    const all = await clerk.request('/xuat/bao-cao.csv');
    expect(all.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(all.headers.get('content-disposition')).toMatch(/^attachment; filename="doisoat-bao-cao-\d{4}-\d{2}-\d{2}\.csv"$/);
    const bytes = Buffer.from(await all.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csvRows = rowsOf(bytes.toString('utf8'));
    expect(csvRows.slice(1).map((r) => r.at(-1)).sort()).toEqual(Object.values(sha).sort());
    expect(csvRows.find((r) => r.at(-1) === total)!.slice(4, 7)).toEqual(['93,3', '92,3', '1']);
    const pdfOnly = await clerk.request('/xuat/canh-bao.csv?dinh-dang=pdf');
    expect(pdfOnly.headers.get('content-disposition')).toMatch(/filename="doisoat-canh-bao-[\d-]+\.csv"/);
    const flagRows = rowsOf(await pdfOnly.text());
    expect(flagRows.length).toBeGreaterThan(1);
    for (const r of flagRows.slice(1)) expect(r.at(-1)).toBe(summary);
    expect(flagRows.some((r) => r.includes("'=Đã đối chiếu bản giấy"))).toBe(true);
  });

  it('links the exports from the list, keeping its filters', async () => {
    const c = await signedIn('van-thu', 'mat-khau-van-thu');
    const res = await c.request('/bao-cao?co-canh-bao=1&xa=quang&sap-xep=total&trang=1');
    const html = await res.text();
    expect(html).toContain('Xuất:');
    for (const p of ['/xuat/bao-cao.csv', '/xuat/canh-bao.csv', '/xuat/bao-cao.xlsx']) expect(html).toContain(`href="${p}?co-canh-bao=1&amp;xa=quang&amp;sap-xep=total"`);
    expect(await c.request('/bao-cao').then((r) => r.text())).toContain('href="/xuat/bao-cao.xlsx"');
  });
});
