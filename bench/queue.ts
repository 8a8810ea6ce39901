/**
 * `npm run bench:queue`: documents per second for 1,000 typed reports (distinct copies of the
 * fixtures), in one run:
 *   - in-process (`doisoat enqueue --local -c N`, no Redis) at 1 and 2 slots (a slot per core: single-threaded child processes; fewer: worker threads);
 *   - through the queue (`doisoat enqueue`, waiting for the batch) with 1 and with 2 worker
 *     processes (`doisoat worker -c 1` each), started and ready before the clock starts.
 * Every run registers the files in a fresh store (PostgreSQL from DATABASE_URL, else SQLite) and
 * ends when every result is stored. Each round also parses the same files with no queue and no
 * store, in one process and in two at once (bench/parse-alone.ts): what two parsers gain over one
 * on this machine, the most two workers could. Rounds are interleaved; medians are printed, and
 * the median of each round's own ratios (its modes ran back to back, at one machine speed), then
 * the CPU each kind of process spent per document (bench/cpu.ts).
 *
 *   npm run bench:queue -- [--count 1000] [--rounds 3] [--sqlite]
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { writeDistinctCopies } from '../scripts/distinct-copies.js';
import { createTempDatabase } from '../scripts/temp-postgres.js';
import type { StoreConfig } from '../store/connect.js';
import { CPU_KINDS, CpuMeter, cpuMeterAvailable, type CpuKind, type CpuSeconds } from './cpu.js';
import { childProcessFlags } from '../runtime/document-slots.js';
import { Store } from '../store/store.js';
import { median, numberArg } from './stats.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cli = path.join(root, 'bin/doisoat.js');
const work = path.join(root, 'bench/.work/queue');

const count = numberArg('count', 1000);
const rounds = numberArg('rounds', 3);
const redisUrl = process.env['REDIS_URL'] || 'redis://127.0.0.1:6379';
const postgresUrl = process.argv.includes('--sqlite') ? null : process.env['DATABASE_URL'] || 'postgres://postgres@127.0.0.1:5432/test';

interface BenchStore {
  env: NodeJS.ProcessEnv;
  config: StoreConfig;
  drop(): Promise<void>;
}

async function freshStore(): Promise<BenchStore> {
  if (!postgresUrl) {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'doisoat-bench-'));
    return { env: { DOISOAT_DATA: dir, DATABASE_URL: '' }, config: { dataDir: dir }, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const db = await createTempDatabase(postgresUrl, 'doisoat_bench');
  return { env: { DATABASE_URL: db.url }, config: { databaseUrl: db.url }, drop: () => db.drop() };
}

function run(args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args], { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (err = (err + d).slice(-2000)));
    child.once('exit', (code) => (code === 0 || code === 1 ? resolve() : reject(new Error(`doisoat ${args[0]} exited ${code}: ${err}`))));
  });
}

async function startWorkers(n: number, env: NodeJS.ProcessEnv): Promise<Array<() => Promise<void>>> {
  return Promise.all(
    Array.from({ length: n }, () => {
      const child = spawn(process.execPath, [cli, 'worker', '-c', '1'], { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
      let out = '';
      return new Promise<() => Promise<void>>((resolve, reject) => {
        child.stderr.setEncoding('utf8').on('data', (d: string) => {
          out += d;
          if (out.includes('sẵn sàng')) resolve(() => new Promise<void>((done) => (child.once('exit', () => done()), child.kill('SIGTERM'))));
        });
        child.once('exit', (code) => reject(new Error(`worker exited ${code}: ${out}`)));
      });
    }),
  );
}

type Mode = { label: string; threads: number; queue: boolean };
const modes: Mode[] = [
  { label: 'in-process, 1 slot', threads: 1, queue: false },
  { label: 'in-process, 2 slots', threads: 2, queue: false },
  { label: 'queue, 1 worker', threads: 1, queue: true },
  { label: 'queue, 2 workers', threads: 2, queue: true },
];

/** Seconds from the first document taken to the last result stored (the store's runs). */
async function processingSeconds(config: StoreConfig): Promise<number> {
  const store = await Store.open(config);
  try {
    const runs = await store.db.selectFrom('runs').select(['started_at', 'finished_at']).execute();
    const start = Math.min(...runs.map((r) => Date.parse(r.started_at)));
    const end = Math.max(...runs.map((r) => Date.parse(r.finished_at ?? r.started_at)));
    if (runs.length !== count) throw new Error(`${runs.length} runs for ${count} documents`);
    return (end - start) / 1000;
  } finally {
    await store.close();
  }
}

async function once(mode: Mode, dir: string): Promise<{ total: number; processing: number; cpu: CpuSeconds | null }> {
  const store = await freshStore();
  const prefix = `bench${randomBytes(3).toString('hex')}`;
  const env: NodeJS.ProcessEnv = { ...store.env, REDIS_URL: mode.queue ? redisUrl : '', DOISOAT_QUEUE_PREFIX: prefix };
  const meter = cpuMeterAvailable() ? new CpuMeter() : null;
  try {
    let total: number;
    let cpu: CpuSeconds | null = null;
    if (!mode.queue) {
      meter?.start();
      const t = performance.now();
      await run(['enqueue', '--json', '--local', '-c', String(mode.threads), dir], env);
      total = (performance.now() - t) / 1000;
      cpu = meter?.stop() ?? null;
    } else {
      const stops = await startWorkers(mode.threads, env);
      try {
        meter?.start();
        const t = performance.now();
        await run(['enqueue', '--json', dir], env);
        total = (performance.now() - t) / 1000;
        cpu = meter?.stop() ?? null;
      } finally {
        await Promise.all(stops.map((s) => s()));
      }
    }
    return { total, processing: await processingSeconds(store.config), cpu };
  } finally {
    await store.drop();
    if (mode.queue) await dropQueueKeys(prefix);
  }
}

/** The run's queues are the bench's own: their keys go with the run, as its database does. */
async function dropQueueKeys(prefix: string): Promise<void> {
  const redis = new Redis(redisUrl);
  try {
    for await (const keys of redis.scanStream({ match: `${prefix}:*`, count: 500 }) as AsyncIterable<string[]>) if (keys.length > 0) await redis.unlink(...keys);
  } finally {
    redis.disconnect();
  }
}

/**
 * The machine's own limit: the same documents parsed with no queue and no store, by one process
 * and by two at once (half each), each process as the pool starts its children. Seconds from the
 * first process's start of parsing to the last one's end.
 */
async function parseAlone(processes: number, files: readonly string[]): Promise<number> {
  const windows = await Promise.all(
    Array.from({ length: processes }, (_, i) => {
      const list = path.join(os.tmpdir(), `doisoat-parse-alone-${process.pid}-${i}.txt`);
      writeFileSync(list, files.filter((_, n) => n % processes === i).join('\n'));
      return new Promise<{ start: number; end: number }>((resolve, reject) => {
        const child = spawn(process.execPath, [...childProcessFlags(), '--import', 'tsx', path.join(root, 'bench/parse-alone.ts'), list], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
        let out = '';
        child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
        child.once('exit', (code) => {
          rmSync(list, { force: true });
          if (code === 0) resolve(JSON.parse(out) as { start: number; end: number });
          else reject(new Error(`parse-alone exited ${code}`));
        });
      });
    }),
  );
  return (Math.max(...windows.map((w) => w.end)) - Math.min(...windows.map((w) => w.start))) / 1000;
}

rmSync(work, { recursive: true, force: true });
writeDistinctCopies(work, count);
const files = readdirSync(work).sort().map((f) => path.join(work, f));
const alone = new Map<number, number[]>([[1, []], [2, []]]);
console.log(`${count} typed reports (DOCX and PDF), store: ${postgresUrl ? 'PostgreSQL' : 'SQLite'}, ${rounds} rounds, ${os.availableParallelism()} cores`);
const seconds = new Map<string, number[]>(modes.map((m) => [m.label, []]));
const processing = new Map<string, number[]>(modes.map((m) => [m.label, []]));
const cpus = new Map<string, CpuSeconds[]>(modes.map((m) => [m.label, []]));
for (let r = 0; r < rounds; r++) {
  for (const mode of modes) {
    const t = await once(mode, work);
    seconds.get(mode.label)!.push(t.total);
    processing.get(mode.label)!.push(t.processing);
    if (t.cpu) cpus.get(mode.label)!.push(t.cpu);
    console.log(`  round ${r + 1}: ${mode.label}: ${t.total.toFixed(1)} s in all (${(count / t.total).toFixed(1)} documents/s), ${t.processing.toFixed(1)} s processing`);
  }
  for (const n of [1, 2]) {
    const t = await parseAlone(n, files);
    alone.get(n)!.push(t);
    console.log(`  round ${r + 1}: parsing alone, ${n} process${n > 1 ? 'es' : ''}: ${t.toFixed(1)} s (${(count / t).toFixed(1)} documents/s)`);
  }
}
const rate = (label: string, of = seconds): number => count / median(of.get(label)!);
// The medians may come from different rounds, minutes apart on a machine whose speed drifts; a
// round's own modes ran back to back, so its ratio is read at one machine speed.
const roundRatios = (over: readonly number[], under: readonly number[]): number[] => over.map((x, r) => x / under[r]!);
console.log('\n| run | documents/s, enqueue to batch end | documents/s, first job to last result |\n|---|---|---|');
for (const m of modes) console.log(`| ${m.label} | ${rate(m.label).toFixed(1)} | ${rate(m.label, processing).toFixed(1)} |`);
for (const [what, of] of [['enqueue to batch end', seconds], ['processing only', processing]] as const) {
  const q1 = rate('queue, 1 worker', of);
  const q2 = rate('queue, 2 workers', of);
  const p2 = rate('in-process, 2 slots', of);
  console.log(`\n${what}:`);
  console.log(`  queue, 2 workers / 1 worker: ${(q2 / q1).toFixed(2)}× (target ≥ 1.7×)`);
  console.log(`  queue, 2 workers against in-process, 2 slots: ${(((q2 - p2) / p2) * 100).toFixed(1)}% (target ≥ −15%)`);
  const paired = (slower: string, faster: string): number => median(roundRatios(of.get(slower)!, of.get(faster)!));
  const vsInProcess = (paired('in-process, 2 slots', 'queue, 2 workers') - 1) * 100;
  console.log(`  median of each round's own: 2 workers / 1 worker ${paired('queue, 1 worker', 'queue, 2 workers').toFixed(2)}×, against in-process at 2 slots ${vsInProcess.toFixed(1)}%`);
}
// What two parsers gain over one on this machine with nothing else running: the most two
// workers could gain, whatever the queue did.
{
  const a1 = count / median(alone.get(1)!);
  const a2 = count / median(alone.get(2)!);
  const q = rate('queue, 2 workers', processing) / rate('queue, 1 worker', processing);
  console.log(`\nparsing alone (no queue, no store): 1 process ${a1.toFixed(1)}, 2 processes ${a2.toFixed(1)} documents/s: ${(a2 / a1).toFixed(2)}×`);
  const aloneRounds = roundRatios(alone.get(1)!, alone.get(2)!);
  const queueRounds = roundRatios(processing.get('queue, 1 worker')!, processing.get('queue, 2 workers')!);
  console.log(`  queue's 2/1 (processing only) against it: ${((q / (a2 / a1)) * 100).toFixed(0)}%`);
  console.log(`  per round: ${aloneRounds.map((x) => x.toFixed(2) + '×').join(', ')}; the queue's against it in its own round, median: ${(median(roundRatios(queueRounds, aloneRounds)) * 100).toFixed(0)}%`);
}
// Where the CPU went: milliseconds per document by kind of process (medians over rounds).
if (cpuMeterAvailable()) {
  const perDoc = (label: string, kind: CpuKind | 'all'): number => {
    const runs = cpus.get(label)!;
    return (median(runs.map((c) => (kind === 'all' ? CPU_KINDS.reduce((s, k) => s + c[k], 0) : c[kind]))) / count) * 1000;
  };
  console.log(`\nCPU per document, ms (from /proc; medians):\n| run | ${CPU_KINDS.join(' | ')} | all |\n|---|${CPU_KINDS.map(() => '---|').join('')}---|`);
  for (const m of modes) console.log(`| ${m.label} | ${CPU_KINDS.map((k) => perDoc(m.label, k).toFixed(1)).join(' | ')} | ${perDoc(m.label, 'all').toFixed(1)} |`);
  // Two parsers on two cores each run slower than one alone, whatever the queue does. (A lone
  // in-process slot is a thread of the enqueuer, so its parsing is in the enqueue column.)
  const pct = ((perDoc('queue, 2 workers', 'parse') - perDoc('queue, 1 worker', 'parse')) / perDoc('queue, 1 worker', 'parse')) * 100;
  console.log(`  parsing CPU per document, 2 workers against 1: ${pct >= 0 ? '+' : ''}${pct.toFixed(0)}%`);
  // Two workers can keep at most two cores busy, fewer on a smaller machine.
  const cores = Math.min(2, os.availableParallelism());
  const ceiling = (cores * 1000) / perDoc('queue, 2 workers', 'all') / rate('queue, 1 worker');
  console.log(`  2 workers / 1 worker if ${cores} cores were busy all the time at that CPU per document: ${ceiling.toFixed(2)}×`);
}
rmSync(work, { recursive: true, force: true });
