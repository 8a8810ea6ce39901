/** The web tests' server on a free port and a browser-like client (keeps cookies, never follows redirects). */
import type { AddressInfo } from 'node:net';
import { expect } from 'vitest';
import type { Store } from '../../store/store.js';
import { buildServer, type ServerOptions } from '../../web/server.js';

/** Starts the server on 127.0.0.1 and a free port; `close` stops it and closes the store. */
export async function startServer(options: ServerOptions): Promise<{ base: string; close: () => Promise<void>; app: Awaited<ReturnType<typeof buildServer>> }> {
  const app = await buildServer(options);
  await app.listen({ host: '127.0.0.1', port: 0 });
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const store: Store = options.store;
  return {
    app,
    base,
    close: async () => {
      await app.close();
      await store.close();
    },
  };
}

export class HttpClient {
  readonly cookies = new Map<string, string>();
  /** The session's CSRF token once signed in: sent with json(); form() adds it unless told not to. */
  csrf = '';
  constructor(readonly origin: () => string) {}

  async request(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size > 0) headers.set('cookie', [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '));
    const res = await fetch(this.origin() + path, { ...init, headers, redirect: 'manual' });
    for (const c of res.headers.getSetCookie()) {
      const [name, value] = c.split(';')[0]!.split('=') as [string, string];
      if (value === '' || /expires=Thu, 01 Jan 1970/i.test(c)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return res;
  }

  form(path: string, fields: Record<string, string>, options: { csrf?: boolean } = {}): Promise<Response> {
    const body = new URLSearchParams({ ...(options.csrf === false || !this.csrf ? {} : { _csrf: this.csrf }), ...fields });
    return this.request(path, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: body.toString() });
  }

  json(path: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
    return this.request(path, { method: 'POST', headers: { 'content-type': 'application/json', ...(this.csrf ? { 'x-csrf-token': this.csrf } : {}), ...headers }, body: JSON.stringify(body) });
  }

  async html(path: string): Promise<string> {
    const res = await this.request(path);
    expect(res.status, path).toBe(200);
    return res.text();
  }

  async api<T>(path: string): Promise<T> {
    const res = await this.request(path);
    expect(res.status, path).toBe(200);
    return (await res.json()) as T;
  }

  /** A client of `origin` signed in as the user. */
  static async signedIn(origin: () => string, username: string, password: string): Promise<HttpClient> {
    const c = new HttpClient(origin);
    await c.signIn(username, password);
    return c;
  }

  /** Signs in through the API; keeps and answers the session's CSRF token. */
  async signIn(username: string, password: string): Promise<string> {
    const res = await this.json('/api/session', { username, password });
    expect(res.status).toBe(200);
    this.csrf = ((await res.json()) as { csrfToken: string }).csrfToken;
    return this.csrf;
  }
}
