/**
 * The real services the queue and store tests run against: this machine's Redis and PostgreSQL
 * (REDIS_URL, DATABASE_URL; .ci/run starts them if down), each test with its own PostgreSQL
 * database and its own Redis key prefix, so tests never see each other's data.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { createTempDatabase, type TempDatabase } from '../../scripts/temp-postgres.js';
import type { StoreConfig } from '../../store/connect.js';
import { CLI, ROOT } from './paths.js';

export const REDIS_URL = process.env['REDIS_URL'] || 'redis://127.0.0.1:6379';
export const DATABASE_URL = process.env['DATABASE_URL'] || 'postgres://postgres@127.0.0.1:5432/test';

export type { TempDatabase };

/** A new, empty PostgreSQL database on the server of DATABASE_URL. */
export function freshPostgres(): Promise<TempDatabase> {
  return createTempDatabase(DATABASE_URL);
}

/** Both databases the store runs on, each made fresh for a test file: [name, make]. */
export const STORE_BACKENDS: Array<[string, () => Promise<{ config: StoreConfig; cleanup: () => Promise<void> }>]> = [
  ['sqlite', async () => ({ config: { dataDir: tempDir() }, cleanup: async () => {} })],
  [
    'postgres',
    async () => {
      const db = await freshPostgres();
      return { config: { databaseUrl: db.url }, cleanup: () => db.drop() };
    },
  ],
];

export function tempDir(prefix = 'doisoat-test-'): string {
  return mkdtempSync(path.join(os.tmpdir(), prefix));
}

const prefixes: string[] = [];

/** A Redis key prefix of the test's own (removed by dropQueuePrefixes). */
export function queuePrefix(): string {
  const prefix = `t${randomBytes(4).toString('hex')}`;
  prefixes.push(prefix);
  return prefix;
}

/** Deletes every key the test's prefixes made on the shared Redis. */
export async function dropQueuePrefixes(url = REDIS_URL): Promise<void> {
  const { Redis } = await import('ioredis');
  const redis = new Redis(url, { maxRetriesPerRequest: 1 });
  try {
    for (const prefix of prefixes.splice(0)) {
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
        cursor = next;
        if (keys.length > 0) await redis.del(...keys);
      } while (cursor !== '0');
    }
  } finally {
    redis.disconnect();
  }
}

export async function waitFor<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs = 60_000, everyMs = 200): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(everyMs);
  }
}

export interface Spawned {
  child: ChildProcess;
  output(): string;
  exited: Promise<number | null>;
}

/** Runs the compiled CLI in the background (a worker, say), collecting what it prints. */
export function spawnCli(args: readonly string[], env: NodeJS.ProcessEnv): Spawned {
  const child = spawn(process.execPath, [CLI, ...args], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  // Decoded per stream: a Vietnamese letter may be split between two chunks.
  child.stdout!.setEncoding('utf8').on('data', (d: string) => (out += d));
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (out += d));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => out, exited };
}

/** Starts `doisoat worker` and resolves once it says it is ready. */
export async function startWorker(env: NodeJS.ProcessEnv, args: readonly string[] = []): Promise<Spawned> {
  const w = spawnCli(['worker', ...args], env);
  await waitFor('the worker to start', async () => w.output().includes('sẵn sàng') || (w.child.exitCode !== null && Promise.reject(new Error(w.output()))), 30_000, 100);
  return w;
}

/** Runs the compiled CLI to its end; `input`, when given, is written to its standard input (then closed). */
export async function runCliAsync(args: readonly string[], env: NodeJS.ProcessEnv, timeoutMs = 300_000, input?: string): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [CLI, ...args], { cwd: ROOT, env: { ...process.env, ...env }, stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'] });
  // A child that exits before reading its input must not fail the test with EPIPE.
  if (input !== undefined) child.stdin!.on('error', () => {}).end(input);
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  const status = await new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  clearTimeout(timer);
  return { status, stdout, stderr };
}

/** A redis-server of the test's own, on its own port, keeping nothing on disk. */
export async function startRedis(port: number, dir: string): Promise<ChildProcess> {
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir], { stdio: 'ignore' });
  const { Redis } = await import('ioredis');
  await waitFor(`redis-server on port ${port}`, async () => {
    const r = new Redis({ port, host: '127.0.0.1', lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    r.on('error', () => {});
    try {
      await r.connect();
      return (await r.ping()) === 'PONG';
    } catch {
      return false;
    } finally {
      r.disconnect();
    }
  }, 10_000, 100);
  return child;
}
