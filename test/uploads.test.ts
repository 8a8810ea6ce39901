/**
 * Tải lên over real HTTP against a real store, processed in this process: a clerk's upload becomes
 * a batch, bad files are refused one by one in Vietnamese, the progress streams over server-sent
 * events, GET /api/batches/:id tells the same, and the roles, CSRF and request limits hold.
 */
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser } from '../accounts/users.js';
import { followBatch, type BatchItemState } from '../batches/follow.js';
import { startBatch } from '../batches/run-batch.js';
import { MAX_FILE_BYTES } from '../core/limits.js';
import { sha256Of } from '../pipeline/fingerprint.js';
import { Store } from '../store/store.js';
import { uploadRoutes } from '../web/routes/uploads.js';
import { REPORTS } from './support/paths.js';
import { HttpClient, startServer } from './support/http.js';
import { tempDir } from './support/services.js';

let store: Store;
let base: string;
let close: () => Promise<void>;

beforeAll(async () => {
  store = await Store.open({ dataDir: tempDir() });
  await addUser(store, 'van-thu', 'clerk', 'mat-khau-van-thu');
  await addUser(store, 'kiem-tra', 'auditor', 'mat-khau-kiem-tra');
  const server = await startServer({ store, dispatch: { kind: 'local', concurrency: 1 } });
  base = server.base;
  close = server.close;
});
afterAll(async () => close());

/** A browser-like client: keeps cookies, never follows redirects. */
class Client extends HttpClient {
  constructor(origin: () => string = () => base) {
    super(origin);
  }
}

type Part = { field: string; value: string } | { name: string; bytes: Uint8Array };

/** A multipart body written by hand, so a file name goes over the wire exactly as given. */
function multipart(parts: Part[]): { body: Buffer; type: string } {
  const boundary = `----doisoat${randomBytes(8).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const p of parts) {
    if ('field' in p) {
      chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${p.field}"\r\n\r\n${p.value}\r\n`));
    } else {
      const quoted = p.name.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
      chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="${quoted}"\r\nContent-Type: application/octet-stream\r\n\r\n`));
      chunks.push(Buffer.from(p.bytes), Buffer.from('\r\n'));
    }
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), type: `multipart/form-data; boundary=${boundary}` };
}

function post(c: Client, url: string, parts: Part[], headers: Record<string, string> = {}): Promise<Response> {
  const { body, type } = multipart(parts);
  return c.request(url, { method: 'POST', headers: { 'content-type': type, ...headers }, body: new Blob([new Uint8Array(body)]) });
}

const report = (name: string): { name: string; bytes: Uint8Array } => ({ name, bytes: readFileSync(path.join(REPORTS, name)) });
const HOSTILE = '../../x.docx"><img src=x onerror=alert(1)>.docx';

/** Reads a server-sent event stream to its end: the events in order. */
async function readEvents(res: Response): Promise<Array<{ event: string; data: unknown }>> {
  const text = await res.text();
  return text
    .split('\n\n')
    .map((block) => {
      const event = /^event: (.*)$/m.exec(block)?.[1];
      const data = /^data: (.*)$/m.exec(block)?.[1];
      return event && data ? { event, data: JSON.parse(data) as unknown } : null;
    })
    .filter((e): e is { event: string; data: unknown } => e !== null);
}

describe('Tải lên', () => {
  it('takes a clerk’s files as one batch: reports are audited, bad files refused one by one in Vietnamese', async () => {
    const c = new Client();
    const csrf = await c.signIn('van-thu', 'mat-khau-van-thu');
    const form = await c.request('/tai-len');
    expect(form.status).toBe(200);
    const html = await form.text();
    expect(html).toContain('enctype="multipart/form-data"');
    expect(html).toMatch(/<input type="file" name="files"[^>]* multiple/);
    expect(html).toContain(`name="_csrf" value="${csrf}"`);
    expect(html).toContain('<script src="/static/upload.js" defer></script>');
    expect((await c.request('/static/upload.js')).headers.get('content-type')).toMatch(/javascript/);

    const random = randomBytes(4096);
    const tooLarge = new Uint8Array(MAX_FILE_BYTES + 1);
    const files = [
      report('quang-trung-2024.docx'),
      report('qt-total-mismatch.pdf'),
      { name: 'rỗng.docx', bytes: new Uint8Array(0) },
      { name: 'lạ.bin', bytes: random },
      { name: 'quá-lớn.pdf', bytes: tooLarge },
      report('bac-son-2024.docx'),
      { name: HOSTILE, bytes: readFileSync(path.join(REPORTS, 'hoa-binh-2024.docx')) },
    ];
    // The form as a browser without the script sends it: the token field first, then the files.
    const res = await post(c, '/tai-len', [{ field: '_csrf', value: csrf }, ...files]);
    expect(res.status).toBe(303);
    const location = res.headers.get('location')!;
    expect(location).toMatch(/^\/tai-len\/[0-9a-f-]{36}$/);
    const batchId = location.split('/').pop()!;

    // The stream: a result per file, then 'done'.
    const stream = await c.request(`${location}/su-kien`);
    expect(stream.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const events = await readEvents(stream);
    const results = events.filter((e) => e.event === 'item').map((e) => e.data as BatchItemState & { summary: string });
    expect(results.map((r) => r.position).sort()).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(events.at(-1)).toEqual({ event: 'done', data: { size: 7, done: 7 } });
    // Answered before the reports were processed: the stream saw them arrive.
    const seen = events.filter((e) => e.event === 'progress').map((e) => (e.data as { done: number }).done);
    expect(seen[0]).toBeLessThan(7);
    expect(seen.at(-1)).toBe(7);

    const api = await c.request(`/api/batches/${batchId}`);
    expect(api.status).toBe(200);
    const batch = (await api.json()) as { batchId: string; size: number; done: number; items: BatchItemState[] };
    expect(batch).toMatchObject({ batchId, size: 7, done: 7 });
    const [qt, mismatch, empty, unknown, large, bacSon, hostile] = batch.items;
    expect(qt).toMatchObject({ name: 'quang-trung-2024.docx', format: 'docx', state: 'done', errorFlags: 0, sha256: sha256Of(files[0]!.bytes) });
    expect(qt!.total).toBe(qt!.recomputedTotal);
    expect(mismatch).toMatchObject({ name: 'qt-total-mismatch.pdf', format: 'pdf', state: 'done' });
    expect(mismatch!.errorFlags).toBeGreaterThan(0);
    expect(mismatch!.total).not.toBe(mismatch!.recomputedTotal);
    expect(bacSon).toMatchObject({ name: 'bac-son-2024.docx', state: 'done', errorFlags: 0 });
    expect(empty).toMatchObject({ name: 'rỗng.docx', state: 'refused', error: { code: 'empty-file', message: 'Tệp rỗng (0 byte), không có nội dung để đọc.' } });
    expect(unknown).toMatchObject({ name: 'lạ.bin', state: 'refused', error: { code: 'unsupported-format' } });
    expect(unknown!.error!.message).toMatch(/Định dạng tệp không được hỗ trợ/);
    expect(large).toMatchObject({ name: 'quá-lớn.pdf', state: 'refused', sha256: null, error: { code: 'too-large' } });
    expect(large!.error!.message).toBe('Tệp vượt quá giới hạn kích thước cho phép. Tệp lớn hơn giới hạn 50 MB cho mỗi tệp.');
    // The hostile name is a label: the document is stored under its hash, the name kept as sent.
    expect(hostile).toMatchObject({ name: HOSTILE, state: 'done', sha256: sha256Of(files[6]!.bytes) });
    expect(await store.getDocument(hostile!.sha256!)).toMatchObject({ first_path: HOSTILE, format: 'docx' });

    // The stream told the same, with a Vietnamese line per file.
    const told = results.find((r) => r.position === 4)!;
    expect(told).toMatchObject({ state: 'refused', stateLabel: 'Không đối soát được' });
    expect(told.summary).toContain('(too-large)');
    expect(results.find((r) => r.position === 0)!.summary).toMatch(/^Tổng tự chấm: [\d.,]+ · tính lại: [\d.,]+ · không có lỗi$/);

    // The page: every name escaped, no refresh once done.
    const progress = await (await c.request(location)).text();
    expect(progress).toContain('Đã xử lý xong 7/7 tệp.');
    expect(progress).not.toContain('<img src=x');
    expect(progress).toContain('../../x.docx&quot;&gt;&lt;img src=x onerror=alert(1)&gt;.docx');
    expect(progress).not.toContain('http-equiv="refresh"');
    expect(progress).toContain('<script src="/static/progress.js" defer></script>');
  });

  it('answers the API with the batch id and streams a batch already done', async () => {
    const c = new Client();
    const csrf = await c.signIn('van-thu', 'mat-khau-van-thu');
    const res = await post(c, '/api/uploads', [report('quang-trung-2024.docx')], { 'x-csrf-token': csrf });
    expect(res.status).toBe(202);
    const { batchId } = (await res.json()) as { batchId: string };
    const events = await readEvents(await c.request(`/tai-len/${batchId}/su-kien`));
    expect(events.map((e) => e.event)).toEqual(['item', 'progress', 'done']);
    expect(events[0]!.data).toMatchObject({ position: 0, name: 'quang-trung-2024.docx', state: 'done' });
    // Followed again once done: the same, at once.
    const again = await readEvents(await c.request(`/tai-len/${batchId}/su-kien`));
    expect(again.map((e) => e.event)).toEqual(['item', 'progress', 'done']);
  });

  it('keeps a Vietnamese file name as it was sent', async () => {
    const c = new Client();
    const csrf = await c.signIn('van-thu', 'mat-khau-van-thu');
    const form = new FormData();
    form.append('files', new Blob([readFileSync(path.join(REPORTS, 'bac-son-2024.docx'))]), 'Báo cáo xã Bắc Sơn 2024.docx');
    const res = await c.request('/api/uploads', { method: 'POST', headers: { 'x-csrf-token': csrf }, body: form });
    expect(res.status).toBe(202);
    const { batchId } = (await res.json()) as { batchId: string };
    const batch = (await (await c.request(`/api/batches/${batchId}`)).json()) as { items: BatchItemState[] };
    expect(batch.items[0]!.name).toBe('Báo cáo xã Bắc Sơn 2024.docx');
  });

  it('lets an auditor follow but not upload, and refuses an upload without the CSRF token', async () => {
    const auditor = new Client();
    const csrf = await auditor.signIn('kiem-tra', 'mat-khau-kiem-tra');
    expect((await auditor.request('/tai-len')).status).toBe(403);
    const refused = await post(auditor, '/api/uploads', [report('quang-trung-2024.docx')], { 'x-csrf-token': csrf });
    expect(refused.status).toBe(403);
    expect(await refused.json()).toEqual({ code: 'forbidden', message: 'Tài khoản của bạn không có quyền làm việc này.' });

    const clerk = new Client();
    await clerk.signIn('van-thu', 'mat-khau-van-thu');
    const before = (await store.stats()).documents;
    const noToken = await post(clerk, '/tai-len', [report('yen-lac-2024.docx')]);
    expect(noToken.status).toBe(403);
    expect(await noToken.text()).toContain('CSRF');
    const wrongToken = await post(clerk, '/api/uploads', [{ field: '_csrf', value: 'sai' }, report('yen-lac-2024.docx')], { 'x-csrf-token': 'sai' });
    expect(wrongToken.status).toBe(403);
    expect(((await wrongToken.json()) as { code: string }).code).toBe('csrf');
    expect((await store.stats()).documents).toBe(before);
  });

  it('refuses a request with no file, or not multipart, in Vietnamese', async () => {
    const c = new Client();
    const csrf = await c.signIn('van-thu', 'mat-khau-van-thu');
    const none = await post(c, '/tai-len', [{ field: '_csrf', value: csrf }, { name: '', bytes: new Uint8Array(0) }]);
    expect(none.status).toBe(400);
    expect(await none.text()).toContain('Chưa chọn tệp nào để tải lên.');
    const json = await c.request('/api/uploads', { method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': csrf }, body: '{}' });
    expect(json.status).toBe(415);
    expect(((await json.json()) as { message: string }).message).toMatch(/multipart\/form-data/);
    expect((await c.request('/api/batches/khong-co')).status).toBe(404);
    expect((await c.request('/tai-len/khong-co')).status).toBe(404);
  });
});

describe('Tải lên: the request limits', () => {
  let app: FastifyInstance;
  let origin = '';
  const token = 'ma-csrf';
  beforeAll(async () => {
    // The routes alone, with a session already there and lowered limits.
    app = Fastify();
    app.decorateRequest('session', null);
    app.addHook('onRequest', async (request) => {
      request.session = { csrfToken: token, user: { name: 'van-thu', role: 'clerk' } } as NonNullable<typeof request.session>;
    });
    await uploadRoutes(app, { store, dispatch: { kind: 'local', concurrency: 1 }, limits: { fileBytes: 1024, files: 3, requestBytes: 2048 } });
    await app.listen({ host: '127.0.0.1', port: 0 });
    origin = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  });
  afterAll(async () => app.close());

  it('refuses a file over the limit, and files over the request’s total, one by one', async () => {
    const c = new Client(() => origin);
    const a = randomBytes(900);
    const res = await post(c, '/api/uploads', [
      { name: 'a.bin', bytes: a },
      { name: 'lớn.bin', bytes: randomBytes(1025) },
      { name: 'b.bin', bytes: randomBytes(900) },
    ], { 'x-csrf-token': token });
    expect(res.status).toBe(202);
    const { batchId } = (await res.json()) as { batchId: string };
    await readEvents(await c.request(`/tai-len/${batchId}/su-kien`));
    const batch = (await (await c.request(`/api/batches/${batchId}`)).json()) as { items: BatchItemState[] };
    expect(batch.items.map((i) => [i.name, i.state, i.error?.code])).toEqual([
      ['a.bin', 'refused', 'unsupported-format'],
      ['lớn.bin', 'refused', 'too-large'],
      ['b.bin', 'refused', 'unsupported-format'],
    ]);
    expect(batch.items[1]!.error!.message).toContain('giới hạn 1 KB cho mỗi tệp');

    const over = await post(c, '/api/uploads', [
      { name: 'a.bin', bytes: randomBytes(900) },
      { name: 'b.bin', bytes: randomBytes(900) },
      { name: 'c.bin', bytes: randomBytes(900) },
    ], { 'x-csrf-token': token });
    const items = ((await (await c.request(`/api/batches/${((await over.json()) as { batchId: string }).batchId}`)).json()) as { items: BatchItemState[] }).items;
    expect(items[2]).toMatchObject({ name: 'c.bin', state: 'refused', error: { code: 'too-large' } });
    expect(items[2]!.error!.message).toContain('Tổng dung lượng một lần tải lên tối đa 2 KB');
  });

  it('answers 413 in Vietnamese to more files than allowed', async () => {
    const c = new Client(() => origin);
    const files = Array.from({ length: 4 }, (_, i) => ({ name: `${i}.bin`, bytes: randomBytes(10) }));
    const res = await post(c, '/api/uploads', files, { 'x-csrf-token': token });
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({ code: 'too-many-files', message: 'Quá nhiều tệp trong một lần tải lên: tối đa 3 tệp. Hãy chia thành nhiều lần.' });
    const page = await post(c, '/tai-len', [{ field: '_csrf', value: token }, ...files]);
    expect(page.status).toBe(413);
    expect(await page.text()).toContain('tối đa 3 tệp');
  });
});

describe('startBatch and followBatch (the batch use case under the page)', () => {
  it('gives the batch id before processing, then each item’s result as the store gets it', async () => {
    const files = [report('quang-trung-2024.docx'), { name: 'rỗng.pdf', bytes: new Uint8Array(0) }, report('quang-trung-2024.docx')];
    const fresh = await Store.open({ dataDir: tempDir() });
    try {
      const { batchId, items, run } = await startBatch(fresh, 'local', { kind: 'uploads', files }, { kind: 'local', concurrency: 1 });
      expect(items.map((i) => i.sha256)).toEqual([sha256Of(files[0]!.bytes), null, sha256Of(files[0]!.bytes)]);
      expect(await fresh.batchProgress(batchId!)).toMatchObject({ size: 3, done: 1 });
      const results: Array<[number, string]> = [];
      const last = await followBatch(fresh, batchId!, { pollMs: 50, onResult: (i) => results.push([i.position, i.state]) });
      expect(last).toMatchObject({ size: 3, done: 3 });
      expect(results).toEqual([[1, 'refused'], [0, 'done'], [2, 'done']]);
      expect((await run).audits!.map((a) => a.file)).toEqual(['quang-trung-2024.docx', 'rỗng.pdf', 'quang-trung-2024.docx']);
    } finally {
      await fresh.close();
    }
  });
});
