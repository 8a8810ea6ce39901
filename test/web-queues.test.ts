/** Hàng đợi: Bull Board under /admin/queues, against the real Redis, for admins only. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser } from '../accounts/users.js';
import { Store } from '../store/store.js';
import { startServer } from './support/http.js';
import { queuePrefix, REDIS_URL, tempDir } from './support/services.js';

let base: string;
let close: () => Promise<void>;

beforeAll(async () => {
  const store = await Store.open({ dataDir: tempDir() });
  await addUser(store, 'quan-tri', 'admin', 'mat-khau-quan-tri');
  await addUser(store, 'van-thu', 'clerk', 'mat-khau-van-thu');
  const server = await startServer({ store, queueConfig: { redisUrl: REDIS_URL, prefix: queuePrefix() } });
  base = server.base;
  close = server.close;
});
afterAll(async () => close());

async function signIn(username: string, password: string): Promise<string> {
  const res = await fetch(`${base}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  expect(res.status).toBe(200);
  return res.headers.getSetCookie()[0]!.split(';')[0]!;
}

describe('the queue board', () => {
  it('shows the three queues to an admin', async () => {
    const cookie = await signIn('quan-tri', 'mat-khau-quan-tri');
    const page = await fetch(`${base}/admin/queues`, { headers: { cookie } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Hàng đợi đối soát');
    const api = await fetch(`${base}/admin/queues/api/queues`, { headers: { cookie } });
    expect(api.status).toBe(200);
    const names = ((await api.json()) as { queues: Array<{ name: string }> }).queues.map((q) => q.name).sort();
    expect(names).toEqual(['nightly', 'scans', 'typed']);
  });

  it('is closed to a clerk and to anyone without a session', async () => {
    const cookie = await signIn('van-thu', 'mat-khau-van-thu');
    expect((await fetch(`${base}/admin/queues`, { headers: { cookie } })).status).toBe(403);
    expect((await fetch(`${base}/admin/queues/api/queues`, { headers: { cookie } })).status).toBe(403);
    const anonymous = await fetch(`${base}/admin/queues`, { redirect: 'manual' });
    expect(anonymous.status).toBe(302);
  });
});
