/**
 * The review desk's web server (Fastify, server-rendered pages): sessions in the store behind an
 * httpOnly SameSite=Lax cookie, a CSRF token on every state-changing request, failed logins
 * limited per account and per address, and a strict Content-Security-Policy. Pages and the JSON
 * API under /api read the store and call the use cases; no domain logic lives here.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import helmet from '@fastify/helmet';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { login, logout, SESSION_HOURS, sessionOf } from '../accounts/sessions.js';
import type { Dispatch } from '../batches/run-batch.js';
import { isDoisoatError } from '../core/errors.js';
import type { QueueConfig } from '../runtime/queues.js';
import type { Store } from '../store/store.js';
import { refuse } from './guards.js';
import { originalRoutes } from './routes/originals.js';
import { cropRoutes } from './routes/crops.js';
import { queueRoutes } from './routes/queues.js';
import { rankingRoutes } from './routes/ranking.js';
import { isApi, page } from './pages.js';
import { LoginLimiter } from './login-limiter.js';
import { render } from './templates.js';
import { reportRoutes } from './routes/reports.js';
import { exportRoutes } from './routes/exports.js';
import { uploadRoutes } from './routes/uploads.js';

export const SESSION_COOKIE = 'doisoat_session';
const LOGIN_CSRF_COOKIE = 'doisoat_login_csrf';

export interface ServerOptions {
  store: Store;
  /** pino request logs (level, and a stream for tests), or false. */
  logger?: boolean | { level?: string; stream?: NodeJS.WritableStream };
  /** Cookies marked Secure (when served over HTTPS, e.g. behind a proxy). */
  secureCookies?: boolean;
  /** Failed logins allowed per account and per address within `lockMs` (default 10 and 50, 15 min). */
  accountFailures?: number;
  addressFailures?: number;
  lockMs?: number;
  /** The queues' Redis: Bull Board for admins under /admin/queues (none without it). */
  queueConfig?: QueueConfig | null;
  /** Where uploaded files are parsed (default: this process). */
  dispatch?: Dispatch;
}


/** Routes open without a session. */
const PUBLIC = new Set(['GET /dang-nhap', 'POST /dang-nhap', 'POST /api/session', 'GET /static/app.css', 'GET /favicon.ico']);

const css = readFileSync(fileURLToPath(new URL(import.meta.url.endsWith('.ts') ? './static/app.css' : '../../web/static/app.css', import.meta.url)));

function sameToken(a: string | undefined, b: string): boolean {
  if (typeof a !== 'string') return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}




const registered = new WeakMap<FastifyInstance, Array<{ method: string; url: string }>>();

/** Every route the server answers (method and URL pattern), for the tests that try them all. */
export function routesOf(app: FastifyInstance): ReadonlyArray<{ method: string; url: string }> {
  return registered.get(app) ?? [];
}

/** Where to go after signing in: only a path of this site, never an address elsewhere. */
function nextOf(request: FastifyRequest): string | null {
  const next = (request.query as Record<string, unknown>)['next'];
  return typeof next === 'string' && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : null;
}

export async function buildServer(options: ServerOptions): Promise<FastifyInstance> {
  const { store } = options;
  const app = Fastify({
    logger:
      options.logger === false || options.logger === undefined
        ? false
        : {
            ...(typeof options.logger === 'object' ? options.logger : {}),
            // Never a password, a cookie or a token in the logs.
            redact: ['req.headers.cookie', 'req.headers["x-csrf-token"]', 'req.headers.authorization', 'res.headers["set-cookie"]'],
          },
    bodyLimit: 1024 * 1024,
  });
  const routes: Array<{ method: string; url: string }> = [];
  registered.set(app, routes);
  app.addHook('onRoute', (r) => {
    for (const method of [r.method].flat()) if (method !== 'HEAD') routes.push({ method, url: r.url });
  });
  const secure = Boolean(options.secureCookies);
  const lockMs = options.lockMs ?? 15 * 60_000;
  const byAccount = new LoginLimiter({ maxFailures: options.accountFailures ?? 10, windowMs: lockMs });
  const byAddress = new LoginLimiter({ maxFailures: options.addressFailures ?? 50, windowMs: lockMs });

  await app.register(cookie);
  await app.register(formbody);
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
        objectSrc: ["'none'"],
      },
    },
  });
  app.decorateRequest('session', null);

  // Who is asking, before anything else runs: a page without a session goes to the login.
  app.addHook('onRequest', async (request, reply) => {
    const token = request.cookies[SESSION_COOKIE];
    request.session = token ? await sessionOf(store, token) : null;
    // Each request's log lines, the final "request completed" too, name who made it.
    if (request.session) reply.log = request.log = request.log.child({ user: request.session.user.name });
    const route = `${request.method} ${request.url.split('?')[0]}`;
    if (request.session || PUBLIC.has(route)) return;
    if (isApi(request)) return reply.code(401).send({ code: 'unauthenticated', message: 'Cần đăng nhập.' });
    return reply.redirect(`/dang-nhap?next=${encodeURIComponent(request.url)}`);
  });

  // Every state-changing request of a session carries its CSRF token (form field or header).
  app.addHook('preHandler', async (request, reply) => {
    if (request.method === 'GET' || request.method === 'HEAD' || !request.session) return;
    const body = request.body as Record<string, unknown> | undefined;
    const sent = (request.headers['x-csrf-token'] as string | undefined) ?? (typeof body?.['_csrf'] === 'string' ? body['_csrf'] : undefined);
    if (!sameToken(sent, request.session.csrfToken)) return refuse(request, reply, 403, 'csrf', 'Yêu cầu thiếu mã chống giả mạo (CSRF) hợp lệ; hãy tải lại trang.');
  });

  const cookieOptions = { path: '/', httpOnly: true, sameSite: 'lax' as const, secure };

  /** Logs a user in, within the limits; the error, in Vietnamese, when it fails. */
  async function tryLogin(request: FastifyRequest, username: string, password: string): Promise<{ token: string; csrfToken: string } | { status: number; code: string; message: string }> {
    const accountKey = `account:${username.toLowerCase()}`;
    const addressKey = `address:${request.ip}`;
    const wait = Math.max(byAccount.lockedFor(accountKey), byAddress.lockedFor(addressKey));
    if (wait > 0) {
      return { status: 429, code: 'login-locked', message: `Đăng nhập sai quá nhiều lần; hãy thử lại sau ${Math.ceil(wait / 60_000)} phút.` };
    }
    try {
      const s = await login(store, username, password, request.ip);
      byAccount.succeed(accountKey);
      return { token: s.token, csrfToken: s.csrfToken };
    } catch (err) {
      if (!isDoisoatError(err)) throw err;
      byAccount.fail(accountKey);
      byAddress.fail(addressKey);
      return { status: 401, code: err.code, message: err.userMessage };
    }
  }

  app.get('/static/app.css', async (_request, reply) => reply.type('text/css; charset=utf-8').header('cache-control', 'max-age=3600').send(css));

  app.get('/', async (_request, reply) => reply.redirect('/bao-cao'));
  app.get('/favicon.ico', async (_request, reply) => reply.code(204).send());

  app.get('/dang-nhap', async (request, reply) => {
    if (request.session) return reply.redirect('/bao-cao');
    // Kept while it lasts, so that two login tabs (or a favicon's detour here) do not undo each other.
    const kept = request.cookies[LOGIN_CSRF_COOKIE];
    const csrfToken = kept && /^[\w-]{32}$/.test(kept) ? kept : randomBytes(24).toString('base64url');
    reply.setCookie(LOGIN_CSRF_COOKIE, csrfToken, { ...cookieOptions, path: '/dang-nhap' });
    return reply.type('text/html; charset=utf-8').send(page(request, 'Đăng nhập', render('login', { csrfToken, next: nextOf(request) })));
  });

  app.post('/dang-nhap', async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const username = typeof body['username'] === 'string' ? body['username'].trim() : '';
    const password = typeof body['password'] === 'string' ? body['password'] : '';
    const expected = request.cookies[LOGIN_CSRF_COOKIE];
    const csrfToken = randomBytes(24).toString('base64url');
    const again = (status: number, error: string): FastifyReply => {
      reply.setCookie(LOGIN_CSRF_COOKIE, csrfToken, { ...cookieOptions, path: '/dang-nhap' });
      return reply.code(status).type('text/html; charset=utf-8').send(page(request, 'Đăng nhập', render('login', { csrfToken, error, username, next: nextOf(request) })));
    };
    if (!expected || !sameToken(typeof body['_csrf'] === 'string' ? body['_csrf'] : undefined, expected)) {
      return again(403, 'Phiên đăng nhập đã hết hạn; hãy nhập lại.');
    }
    const result = await tryLogin(request, username, password);
    if ('status' in result) return again(result.status, result.message);
    reply.clearCookie(LOGIN_CSRF_COOKIE, { path: '/dang-nhap' });
    reply.setCookie(SESSION_COOKIE, result.token, { ...cookieOptions, maxAge: SESSION_HOURS * 3600 });
    return reply.redirect(nextOf(request) ?? '/bao-cao');
  });

  app.post('/dang-xuat', async (request, reply) => {
    const token = request.cookies[SESSION_COOKIE];
    if (token) await logout(store, token);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.redirect('/dang-nhap');
  });

  app.post('/api/session', async (request, reply) => {
    // JSON only: a cross-site form cannot send it without the browser asking first (CORS).
    if (!request.headers['content-type']?.startsWith('application/json')) {
      return reply.code(415).send({ code: 'unsupported-media-type', message: 'Hãy gửi JSON: {"username": "…", "password": "…"}.' });
    }
    const body = (request.body ?? {}) as Record<string, unknown>;
    const username = typeof body['username'] === 'string' ? body['username'].trim() : '';
    const password = typeof body['password'] === 'string' ? body['password'] : '';
    const result = await tryLogin(request, username, password);
    if ('status' in result) return reply.code(result.status).send({ code: result.code, message: result.message });
    reply.setCookie(SESSION_COOKIE, result.token, { ...cookieOptions, maxAge: SESSION_HOURS * 3600 });
    return { csrfToken: result.csrfToken };
  });

  app.get('/api/csrf', async (request) => ({ csrfToken: request.session!.csrfToken }));
  await reportRoutes(app, { store });
  await exportRoutes(app, { store });
  await uploadRoutes(app, { store, dispatch: options.dispatch ?? { kind: 'local' } });

  await rankingRoutes(app, { store });
  await originalRoutes(app, { store });
  await cropRoutes(app, { store });
  await queueRoutes(app, { config: options.queueConfig ?? null });

  app.setNotFoundHandler(async (request, reply) => refuse(request, reply, 404, 'not-found', 'Không có trang này.'));
  app.setErrorHandler(async (err: Error & { statusCode?: number }, request, reply) => {
    request.log.error({ err }, 'request failed');
    const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 500;
    return refuse(request, reply, status, status === 500 ? 'internal-error' : 'bad-request', status === 500 ? 'Lỗi nội bộ; hãy thử lại sau.' : 'Yêu cầu không hợp lệ.');
  });
  return app;
}

