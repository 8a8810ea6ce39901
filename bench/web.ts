/**
 * `npm run bench:web`: the review desk's server time on a store of 5,000 audited reports.
 *
 *   1. A store of N reports (distinct copies of the typed fixtures, DOCX and PDF) with real audits,
 *      processed in this process by the batch use case (runBatch, local dispatch). The filled
 *      SQLite store is cached under bench/.work/web/, keyed by the fixtures, N and
 *      PIPELINE_VERSION; `--refill` fills it again. Each run works on a copy (SQLite in a temporary
 *      DOISOAT_DATA), or with `--postgres` on a throwaway PostgreSQL database filled from the cache
 *      (DATABASE_URL's server, default postgres://postgres@127.0.0.1:5432/test).
 *   2. An auditor account, the server (web/server.ts) in a child process (bench/web-server.ts)
 *      writing request logs as `doisoat serve` does (to a temporary file), a session from
 *      POST /api/session.
 *   3. autocannon against each page, with 1 and with 20 connections for `--duration` seconds,
 *      `--rounds` rounds interleaved: median and 95th percentile latency (from every response's
 *      time, exact) and requests/s; medians over rounds, PASS/FAIL against the target at 20
 *      connections (median < 50 ms, p95 < 150 ms).
 *
 *   npm run bench:web -- [--count 5000] [--rounds 3] [--duration 10] [--postgres] [--refill]
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { sql } from 'kysely';
import { addUser } from '../accounts/users.js';
import { runBatch } from '../batches/run-batch.js';
import { PIPELINE_VERSION } from '../core/version.js';
import { REPORTS_DIR, writeDistinctCopies } from '../scripts/distinct-copies.js';
import { createTempDatabase } from '../scripts/temp-postgres.js';
import { SQLITE_FILE, type StoreConfig } from '../store/connect.js';
import { Store } from '../store/store.js';
import { median, numberArg } from './stats.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const work = path.join(root, 'bench/.work/web');

const count = numberArg('count', 5000);
const rounds = numberArg('rounds', 3);
const duration = numberArg('duration', 10);
const usePostgres = process.argv.includes('--postgres');
const refill = process.argv.includes('--refill');
const postgresUrl = process.env['DATABASE_URL'] || 'postgres://postgres@127.0.0.1:5432/test';
const CONNECTIONS = [1, 20] as const;
const TARGET = { median: 50, p95: 150 };
const USER = 'bench-auditor';
const PASSWORD = 'bench-auditor-password';

// ---------------------------------------------------------------- the filled store, cached

/** The cache's key: the fixtures' bytes, how copies are made, N and the pipeline version. */
function cacheKey(): string {
  const h = createHash('sha256').update(`bench:web store 1\0${PIPELINE_VERSION}\0${count}\0`);
  h.update(readFileSync(path.join(root, 'scripts/distinct-copies.ts')));
  for (const f of readdirSync(REPORTS_DIR).filter((f) => /\.(docx|pdf)$/.test(f)).sort()) h.update(`\0${f}\0`).update(readFileSync(path.join(REPORTS_DIR, f)));
  return h.digest('hex').slice(0, 16);
}

interface CacheMeta {
  count: number;
  pipelineVersion: string;
  audits: number;
  errors: number;
  fillSeconds: number;
  filledAt: string;
}

const ago = (t: number): number => (performance.now() - t) / 1000;

/** The cached store's folder, filled first if it is missing (or `--refill`). */
async function filledStore(): Promise<{ dir: string; meta: CacheMeta; cached: boolean }> {
  const dir = path.join(work, `store-${cacheKey()}`);
  const metaFile = path.join(dir, 'meta.json');
  if (!refill && existsSync(metaFile)) return { dir, meta: JSON.parse(readFileSync(metaFile, 'utf8')) as CacheMeta, cached: true };
  // One cached store at a time: older keys (other fixtures, N or versions) go.
  if (existsSync(work)) for (const old of readdirSync(work)) if (old.startsWith('store-') || old === 'files') rmSync(path.join(work, old), { recursive: true, force: true });
  const files = path.join(work, 'files');
  writeDistinctCopies(files, count);
  console.log(`filling a store with ${count} reports (distinct copies of the typed fixtures), processed in this process…`);
  const t = performance.now();
  const store = await Store.open({ dataDir: dir });
  try {
    let last = 0;
    let shown = -1;
    await runBatch(
      store,
      'local',
      { kind: 'paths', paths: [files] },
      { kind: 'local' },
      {
        onRegistered: ({ items, jobs }) => console.log(`  registered ${items.length} files (${jobs} to process) in ${ago(t).toFixed(0)} s`),
        onProgress: ({ size, done }) => {
          if (done === shown || (done < size && performance.now() - last < 15_000)) return;
          last = performance.now();
          shown = done;
          const s = ago(t);
          console.log(`  ${done}/${size} processed, ${s.toFixed(0)} s${done < size ? `, about ${(((size - done) * s) / Math.max(done, 1)).toFixed(0)} s to go` : ''}`);
        },
      },
    );
    const audits = await store.db.selectFrom('audits').select((e) => e.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const errors = await store.db.selectFrom('audits').where('error_code', 'is not', null).select((e) => e.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    if (Number(audits.n) !== count) throw new Error(`${audits.n} audits for ${count} reports`);
    await sql`pragma wal_checkpoint(truncate)`.execute(store.db);
    const meta: CacheMeta = { count, pipelineVersion: PIPELINE_VERSION, audits: Number(audits.n), errors: Number(errors.n), fillSeconds: Math.round(ago(t)), filledAt: new Date().toISOString() };
    writeFileSync(metaFile, JSON.stringify(meta, null, 2));
    console.log(`  filled in ${meta.fillSeconds} s (${(count / meta.fillSeconds).toFixed(1)} reports/s)`);
    return { dir, meta, cached: false };
  } finally {
    await store.close();
    rmSync(files, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------- the run's own store

interface RunStore {
  env: NodeJS.ProcessEnv;
  config: StoreConfig;
  drop(): Promise<void>;
}

/** Tables copied from the cache into PostgreSQL, parents first (runs without their serial id). */
const TABLES = ['documents', 'files', 'batches', 'batch_items', 'audits', 'flags', 'report_summaries', 'runs'] as const;

async function runStore(cacheDir: string): Promise<RunStore> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'doisoat-bench-web-'));
  copyFileSync(path.join(cacheDir, SQLITE_FILE), path.join(dir, SQLITE_FILE));
  if (!usePostgres) return { env: { DOISOAT_DATA: dir, DATABASE_URL: '' }, config: { dataDir: dir }, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  const db = await createTempDatabase(postgresUrl, 'doisoat_benchweb');
  const t = performance.now();
  const from = await Store.open({ dataDir: dir });
  const to = await Store.open({ databaseUrl: db.url });
  try {
    for (const table of TABLES) {
      const chunk = table === 'files' ? 100 : 1000;
      for (let offset = 0; ; offset += chunk) {
        const { rows } = await sql<Record<string, unknown>>`select * from ${sql.table(table)} order by rowid limit ${chunk} offset ${offset}`.execute(from.db);
        if (rows.length === 0) break;
        const values = table === 'runs' ? rows.map(({ id: _id, ...rest }) => rest) : rows;
        await sql`insert into ${sql.table(table)} ${sql.raw('(' + Object.keys(values[0]!).map((c) => `"${c}"`).join(', ') + ')')} values ${sql.join(
          values.map((r) => sql`(${sql.join(Object.values(r).map((v) => sql`${v}`))})`),
        )}`.execute(to.db);
      }
    }
    // A store in use has its statistics (autovacuum); a freshly filled one not yet.
    await sql`analyze`.execute(to.db);
  } finally {
    await from.close();
    await to.close();
    rmSync(dir, { recursive: true, force: true });
  }
  console.log(`copied the cached store into PostgreSQL in ${ago(t).toFixed(0)} s`);
  return { env: { DATABASE_URL: db.url }, config: { databaseUrl: db.url }, drop: () => db.drop() };
}

// ---------------------------------------------------------------- the server

/** The server's request log: written as `doisoat serve` writes it, then dropped with the run. */
const logDir = mkdtempSync(path.join(os.tmpdir(), 'doisoat-bench-web-log-'));
const logFile = path.join(logDir, 'requests.log');

async function startServer(env: NodeJS.ProcessEnv): Promise<{ base: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'bench/web-server.ts')], {
    cwd: root,
    env: { ...process.env, ...env, REDIS_URL: '', NODE_ENV: 'production', BENCH_LOG: logFile },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (err = (err + d).slice(-4000)));
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout!.setEncoding('utf8').on('data', (d: string) => {
      out += d;
      const m = /\{"port":(\d+)\}/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    child.once('exit', (code) => reject(new Error(`the server exited ${code}: ${err}`)));
  });
  return { base: `http://127.0.0.1:${port}`, child };
}

function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

async function signIn(base: string): Promise<string> {
  const res = await fetch(`${base}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: USER, password: PASSWORD }) });
  if (res.status !== 200) throw new Error(`POST /api/session: ${res.status} ${await res.text()}`);
  const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]!).find((c) => c.startsWith('doisoat_session='));
  if (!cookie) throw new Error('POST /api/session set no session cookie');
  return cookie;
}

// ---------------------------------------------------------------- measuring

/** The process's CPU time so far (ms), from /proc; null where there is none. */
function cpuMs(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return null;
  }
}

/**
 * Waits until the server is idle (under 5% of a core over half a second, at most 60 s): when
 * autocannon stops, requests it sent can still be queued there, and would slow the next page.
 */
async function settle(pid: number): Promise<void> {
  const until = performance.now() + 60_000;
  let before = cpuMs(pid);
  while (before !== null && performance.now() < until) {
    await new Promise((r) => setTimeout(r, 500));
    const now = cpuMs(pid);
    if (now === null || now - before < 25) return;
    before = now;
  }
}

interface Measure {
  p50: number;
  p95: number;
  rps: number;
  requests: number;
  bad: number;
}

/** The q-quantile of sorted values (nearest rank). */
const ms1 = (x: number): string => (Number.isFinite(x) ? x.toFixed(1) : '—');
const quantile = (sorted: readonly number[], q: number): number => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? NaN;

/** autocannon for `seconds`; latency quantiles from every response's own time (ms). */
function measure(url: string, connections: number, seconds: number, cookie: string): Promise<Measure> {
  const times: number[] = [];
  return new Promise((resolve, reject) => {
    const instance = autocannon({ url, connections, duration: seconds, headers: { cookie } }, (err, result) => {
      if (err) return reject(err);
      times.sort((a, b) => a - b);
      resolve({
        p50: quantile(times, 0.5),
        p95: quantile(times, 0.95),
        rps: result.requests.total / seconds,
        requests: result.requests.total,
        bad: result.non2xx + result.errors + result.timeouts,
      });
    });
    instance.on('response', (_client, status, _bytes, ms) => {
      if (status === 200) times.push(ms);
    });
  });
}

// ---------------------------------------------------------------- the run

const { dir: cacheDir, meta, cached } = await filledStore();
console.log(
  `${meta.count} reports (${meta.errors} audits with an error), pipeline ${meta.pipelineVersion}, ${cached ? `cached store from ${meta.filledAt}` : 'store filled now'}; ` +
    `store for the run: ${usePostgres ? 'PostgreSQL' : 'SQLite'}; ${rounds} rounds of ${duration} s per page and connection count; ${os.availableParallelism()} cores`,
);
const store = await runStore(cacheDir);
let server: ChildProcess | null = null;
try {
  const s = await Store.open(store.config);
  let total: number;
  let flagged: string;
  let filtered: number;
  let communes: number;
  try {
    await addUser(s, USER, 'auditor', PASSWORD);
    total = (await s.listReports({ pageSize: 1 })).total;
    const worst = await s.listReports({ flaggedOnly: true, sort: 'errors', direction: 'desc', pageSize: 1 });
    if (!worst.rows[0]) throw new Error('no flagged report');
    flagged = worst.rows[0].sha256;
    filtered = (await s.listReports({ flaggedOnly: true, year: 2024 })).total;
    communes = Number((await sql<{ n: number | string }>`select count(distinct unit_key) as n from report_summaries`.execute(s.db)).rows[0]?.n ?? 0);
  } finally {
    await s.close();
  }
  const pages = Math.max(1, Math.ceil(total / 50));
  console.log(`${total} reports in the list (${pages} pages of 50), ${filtered} flagged for 2024, ${communes} distinct communes (the copies share the fixtures' names)`);

  const started = await startServer(store.env);
  server = started.child;
  const { base } = started;
  const cookie = await signIn(base);
  const targets: Array<{ label: string; path: string }> = [
    { label: 'list, first page', path: '/bao-cao' },
    { label: 'list, flagged 2024 by difference', path: '/bao-cao?co-canh-bao=1&nam=2024&sap-xep=difference&chieu=giam' },
    { label: `list, last page (${pages})`, path: `/bao-cao?trang=${pages}` },
    { label: 'report (most errors)', path: `/bao-cao/${flagged}` },
    { label: 'ranking 2024', path: '/xep-hang?nam=2024' },
  ];
  const notes: string[] = [];
  const live: typeof targets = [];
  for (const t of targets) {
    const res = await fetch(base + t.path, { headers: { cookie }, redirect: 'manual' });
    await res.arrayBuffer();
    if (res.status === 200) live.push(t);
    else if (t.path.startsWith('/xep-hang') && res.status === 404) notes.push(`${t.label} (${t.path}): 404, the page is not there yet; skipped`);
    else throw new Error(`${t.path}: ${res.status}`);
  }
  // Warm-up (JIT, caches), not measured.
  const pid = started.child.pid!;
  for (const t of live) {
    await measure(base + t.path, 20, 2, cookie);
    await settle(pid);
  }

  const results = new Map<string, Measure[]>();
  for (let r = 0; r < rounds; r++) {
    for (const t of live) {
      for (const c of CONNECTIONS) {
        const m = await measure(base + t.path, c, duration, cookie);
        await settle(pid);
        if (m.bad > 0) notes.push(`round ${r + 1}, ${t.label}, ${c} connections: ${m.bad} requests failed or not 200`);
        const key = `${t.label}\0${c}`;
        results.set(key, [...(results.get(key) ?? []), m]);
        console.log(`  round ${r + 1}: ${t.label}, ${c} conn.: median ${m.p50.toFixed(1)} ms, p95 ${m.p95.toFixed(1)} ms, ${m.rps.toFixed(0)} requests/s`);
      }
    }
  }

  console.log(`\nmedians of ${rounds} rounds; target at 20 connections: median < ${TARGET.median} ms, p95 < ${TARGET.p95} ms`);
  for (const t of live) console.log(`  ${t.label}: GET ${t.path}`);
  console.log('\n| page | connections | median (ms) | p95 (ms) | requests/s | target |\n|---|---|---|---|---|---|');
  for (const t of live) {
    for (const c of CONNECTIONS) {
      const ms = results.get(`${t.label}\0${c}`)!;
      const p50 = median(ms.map((m) => m.p50));
      const p95 = median(ms.map((m) => m.p95));
      const verdict = c === 20 ? (p50 < TARGET.median && p95 < TARGET.p95 ? 'PASS' : '**FAIL**') : '';
      console.log(`| ${t.label} | ${c} | ${ms1(p50)} | ${ms1(p95)} | ${median(ms.map((m) => m.rps)).toFixed(0)} | ${verdict} |`);
    }
  }
  for (const n of notes) console.log(`note: ${n}`);
} finally {
  if (server) await stopServer(server);
  await store.drop();
  rmSync(logDir, { recursive: true, force: true });
}
