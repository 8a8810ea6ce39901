/**
 * The review desk's server, over real HTTP against a real store: sessions, CSRF, the login limit,
 * roles and the security headers. (The pages themselves are driven in a browser by the e2e tests.)
 */
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, disable } from '../accounts/users.js';
import { Store } from '../store/store.js';
import { buildServer, routesOf, SESSION_COOKIE } from '../web/server.js';
import { HttpClient, startServer } from './support/http.js';
import { tempDir } from './support/services.js';

let store: Store;
let base: string;
let close: () => Promise<void>;
let routes: ReadonlyArray<{ method: string; url: string }>;

beforeAll(async () => {
  store = await Store.open({ dataDir: tempDir() });
  await addUser(store, 'van-thu', 'clerk', 'mat-khau-van-thu');
  await addUser(store, 'kiem-tra', 'auditor', 'mat-khau-kiem-tra');
  await addUser(store, 'bi-khoa', 'auditor', 'mat-khau-bi-khoa');
  await addUser(store, 'se-nghi', 'auditor', 'mat-khau-se-nghi');
  const server = await startServer({ store, accountFailures: 10, addressFailures: 1000 });
  base = server.base;
  routes = routesOf(server.app);
  close = server.close;
});
afterAll(async () => close());

/** A browser-like client: keeps cookies, never follows redirects. */
class Client extends HttpClient {
  constructor() {
    super(() => base);
  }
}

const loginFormToken = async (c: Client): Promise<string> => {
  const html = await (await c.request('/dang-nhap')).text();
  return /name="_csrf" value="([^"]+)"/.exec(html)![1]!;
};

describe('the review desk server', () => {
  it('sends a page without a session to the login, and answers the API 401 in Vietnamese', async () => {
    const c = new Client();
    for (const path of ['/', '/bao-cao', '/khong-co']) {
      const res = await c.request(path);
      expect(res.status, path).toBe(302);
      expect(res.headers.get('location'), path).toMatch(/^\/dang-nhap/);
    }
    for (const path of ['/api/csrf', '/api/reports']) {
      const res = await c.request(path);
      expect(res.status, path).toBe(401);
      expect(await res.json()).toEqual({ code: 'unauthenticated', message: 'Cần đăng nhập.' });
    }
    expect((await c.json('/api/flags/1/decision', { decision: 'confirmed' })).status).toBe(401);
  });

  it('lets no one without a session past the login, on any route the server has', async () => {
    const open = new Set(['GET /dang-nhap', 'POST /dang-nhap', 'POST /api/session', 'GET /static/app.css', 'GET /favicon.ico', 'GET /static/upload.js', 'GET /static/progress.js']);
    const closed = routes.filter((r) => !open.has(`${r.method} ${r.url}`));
    expect(closed.length).toBeGreaterThan(15);
    for (const r of closed) {
      const url = r.url.replace(/:[^/]+/g, 'x').replace(/\*/g, 'x');
      const res = await fetch(base + url, { method: r.method, redirect: 'manual', ...(r.method === 'POST' ? { headers: { 'content-type': 'application/json' }, body: '{}' } : {}) });
      const where = `${r.method} ${r.url}`;
      if (url.startsWith('/api/')) expect(res.status, where).toBe(401);
      else {
        expect(res.status, where).toBe(302);
        expect(res.headers.get('location'), where).toMatch(/^\/dang-nhap\?next=/);
      }
    }
  });

  it('logs in through the form with its CSRF token into an httpOnly SameSite=Lax session cookie', async () => {
    const c = new Client();
    const token = await loginFormToken(c);
    const forged = await new Client().form('/dang-nhap', { _csrf: token, username: 'kiem-tra', password: 'mat-khau-kiem-tra' });
    expect(forged.status).toBe(403);

    const res = await c.form('/dang-nhap?next=/bao-cao', { _csrf: token, username: 'kiem-tra', password: 'mat-khau-kiem-tra' });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/bao-cao');
    const set = res.headers.getSetCookie().find((s) => s.startsWith(`${SESSION_COOKIE}=`))!;
    expect(set).toMatch(/HttpOnly/i);
    expect(set).toMatch(/SameSite=Lax/i);
    const page = await c.request('/bao-cao');
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('kiem-tra');
  });

  it('never redirects a login to another site', async () => {
    const c = new Client();
    const token = await loginFormToken(c);
    const res = await c.form('/dang-nhap?next=//evil.example/x', { _csrf: token, username: 'van-thu', password: 'mat-khau-van-thu' });
    expect(res.headers.get('location')).toBe('/bao-cao');
  });

  it('refuses a state-changing request without the session CSRF token', async () => {
    const c = new Client();
    const csrf = await c.signIn('van-thu', 'mat-khau-van-thu');
    expect((await c.request('/api/csrf').then((r) => r.json())) as unknown).toEqual({ csrfToken: csrf });
    const without = await c.form('/dang-xuat', {}, { csrf: false });
    expect(without.status).toBe(403);
    expect(await without.text()).toContain('CSRF');
    const wrong = await c.json('/api/session', {}, { 'x-csrf-token': 'sai' });
    expect(wrong.status).toBe(403);
    // Still signed in; then out, with the token.
    expect((await c.request('/bao-cao')).status).toBe(200);
    expect((await c.form('/dang-xuat', { _csrf: csrf })).status).toBe(302);
    expect((await c.request('/bao-cao')).status).toBe(302);
  });

  it('locks an account for a while after ten wrong passwords, even for the right one', async () => {
    const c = new Client();
    for (let i = 0; i < 10; i++) {
      const res = await c.json('/api/session', { username: 'bi-khoa', password: `sai-${i}-mat-khau` });
      expect(res.status).toBe(401);
      expect(((await res.json()) as { message: string }).message).toMatch(/[àáảãạđêôơư]/u);
    }
    const locked = await c.json('/api/session', { username: 'bi-khoa', password: 'mat-khau-bi-khoa' });
    expect(locked.status).toBe(429);
    expect(((await locked.json()) as { message: string }).message).toContain('thử lại sau');
    // Another account from the same address is not locked by it.
    expect((await c.json('/api/session', { username: 'kiem-tra', password: 'mat-khau-kiem-tra' })).status).toBe(200);
  });

  it('ends a disabled user’s open session at once', async () => {
    const c = new Client();
    await c.signIn('se-nghi', 'mat-khau-se-nghi');
    expect((await c.request('/bao-cao')).status).toBe(200);
    await disable(store, 'se-nghi');
    expect((await c.request('/bao-cao')).status).toBe(302);
    expect((await c.request('/api/csrf')).status).toBe(401);
  });

  it('sends a strict Content-Security-Policy and escapes what it echoes', async () => {
    const c = new Client();
    const res = await c.request('/dang-nhap');
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    const token = /name="_csrf" value="([^"]+)"/.exec(await res.text())![1]!;
    const echoed = await (await c.form('/dang-nhap', { _csrf: token, username: '"><script>alert(1)</script>', password: 'x' })).text();
    expect(echoed).not.toContain('<script>alert(1)</script>');
    expect(echoed).toContain('&lt;script&gt;');
  });
});

describe('request logs', () => {
  it('name the user and never carry a password, a cookie or a token', async () => {
    const lines: string[] = [];
    const { Writable } = await import('node:stream');
    const stream = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const app = await buildServer({ store, logger: { level: 'info', stream } });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    let csrfSeen = '';
    try {
      const login = await fetch(`${url}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'kiem-tra', password: 'mat-khau-kiem-tra' }) });
      const cookie = login.headers.getSetCookie()[0]!.split(';')[0]!;
      const { csrfToken } = (await login.json()) as { csrfToken: string };
      csrfSeen = csrfToken;
      await fetch(`${url}/bao-cao`, { headers: { cookie, 'x-csrf-token': csrfToken, authorization: 'Bearer bi-mat-9f2c' } });
    } finally {
      await app.close();
    }
    const log = lines.join('');
    expect(lines.map((l) => JSON.parse(l) as { user?: string; res?: { statusCode: number } }).some((l) => l.user === 'kiem-tra' && l.res?.statusCode === 200)).toBe(true);
    expect(log).not.toContain('mat-khau-kiem-tra');
    expect(log).not.toContain('bi-mat-9f2c');
    expect(log).not.toContain(csrfSeen);
    expect(log).not.toMatch(new RegExp(`${SESSION_COOKIE}=`));
  });
});
