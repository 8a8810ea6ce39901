/** Xếp hạng over real HTTP, on real audits of fixture reports. */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser } from '../accounts/users.js';
import { runBatch } from '../batches/run-batch.js';
import { ranking } from '../review/ranking.js';
import { Store } from '../store/store.js';
import { REPORTS } from './support/paths.js';
import { startServer } from './support/http.js';
import { tempDir } from './support/services.js';

let base: string;
let store: Store;
let cookie: string;
let csrf: string;
let close: () => Promise<void>;
const files = ['quang-trung-2024.docx', 'qt-total-mismatch.docx', 'bac-son-2024.docx'].map((f) => path.join(REPORTS, f));

beforeAll(async () => {
  store = await Store.open({ dataDir: tempDir() });
  await runBatch(store, 'local', { kind: 'paths', paths: files }, { kind: 'local', concurrency: 1 });
  await addUser(store, 'kiem-tra', 'auditor', 'mat-khau-kiem-tra');
  const server = await startServer({ store });
  base = server.base;
  const res = await fetch(`${base}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'kiem-tra', password: 'mat-khau-kiem-tra' }) });
  cookie = res.headers.getSetCookie()[0]!.split(';')[0]!;
  csrf = ((await res.json()) as { csrfToken: string }).csrfToken;
  close = server.close;
}, 120_000);
afterAll(async () => close());

interface Ranking {
  year: number;
  rows: Array<{ rank: number; commune: string; file: string; total: string; recomputed: string; mismatch: boolean; confirmed: number; open: number; sha256: string }>;
}
const api = async (q = ''): Promise<Ranking> => (await fetch(`${base}/api/ranking${q}`, { headers: { cookie } })).json() as Promise<Ranking>;

describe('Xếp hạng', () => {
  it('ranks the year’s reports by declared total, with the recomputed one beside it', async () => {
    const r = await api();
    expect(r.year).toBe(2024);
    expect(r.rows.map((x) => [x.rank, x.file, x.total, x.recomputed, x.mismatch])).toEqual([
      [1, 'qt-total-mismatch.docx', '93.3', '92.3', true],
      [2, 'quang-trung-2024.docx', '92.3', '92.3', false],
      [3, 'bac-son-2024.docx', '87', '87', false],
    ]);
    expect(r.rows[0]!.open).toBe(1);
  });

  it('sorts by the recomputed total and counts a confirmed discrepancy', async () => {
    const flagged = (await api()).rows[0]!;
    const detail = (await (await fetch(`${base}/api/reports/${flagged.sha256}`, { headers: { cookie } })).json()) as { audit: { flags: Array<{ rule: string; severity: string }> } };
    const seq = detail.audit.flags.findIndex((f) => f.rule === 'total-mismatch');
    const decided = await fetch(`${base}/api/flags/${flagged.sha256}/${seq}/decision`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json', 'x-csrf-token': csrf },
      body: JSON.stringify({ decision: 'confirmed', note: 'Cộng lại thấy 92,3.' }),
    });
    expect(decided.status).toBe(201);
    const byConfirmed = await api('?sap-xep=confirmed');
    expect(byConfirmed.rows[0]).toMatchObject({ file: 'qt-total-mismatch.docx', confirmed: 1, open: 0 });
    const byRecomputed = await api('?sap-xep=recomputed&nam=2024');
    expect(byRecomputed.rows.map((x) => x.recomputed)).toEqual(['92.3', '92.3', '87']);
  });

  it('pages a long year, ranks running on across pages', async () => {
    const second = await ranking(store, { year: 2024, page: 2, pageSize: 2 });
    expect(second).toMatchObject({ total: 3, page: 2, pages: 2 });
    expect(second.rows.map((r) => [r.rank, r.file])).toEqual([[3, 'bac-son-2024.docx']]);
  });

  it('draws the chart on the server: a declared and a recomputed bar per report, Vietnamese decimals', async () => {
    const html = await (await fetch(`${base}/xep-hang`, { headers: { cookie } })).text();
    expect(html).toContain('<svg xmlns="http://www.w3.org/2000/svg"');
    expect(html.match(/<rect x="180" y="\d+" width="[\d.]+" height="11"/g)).toHaveLength(6);
    expect(html).toContain('>93,3<');
    expect(html).toContain('Sai lệch đã xác nhận');
  });
});

describe('the original file', () => {
  it('is served to a signed-in user as an attachment, named by its hash, typed by its bytes', async () => {
    const { sha256 } = (await api()).rows[0]!;
    const res = await fetch(`${base}/bao-cao/${sha256}/tep-goc`, { headers: { cookie } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="${sha256.slice(0, 16)}.docx"`);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(sha256);
    expect((await fetch(`${base}/bao-cao/${sha256}/tep-goc`, { redirect: 'manual' })).status).toBe(302);
    expect((await fetch(`${base}/bao-cao/${'0'.repeat(64)}/tep-goc`, { headers: { cookie } })).status).toBe(404);
  });
});
