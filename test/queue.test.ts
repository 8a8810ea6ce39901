/**
 * The queues end to end, against the real Redis and PostgreSQL of this machine: compiled
 * `doisoat worker` processes, `doisoat enqueue`, `reconcile`, `schedule`, and the store as the
 * judge of what ran how often. Each test has its own Redis key prefix and its own database.
 */
import { copyFileSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ReportAudit } from '../core/report-audit.js';
import { DocumentQueues } from '../runtime/queues.js';
import { QueueWorker } from '../runtime/queue-worker.js';
import { formatOf, sha256Of } from '../pipeline/fingerprint.js';
import { writeDistinctCopies } from '../scripts/distinct-copies.js';
import { Store } from '../store/store.js';
import { BAD, FIXTURES, REPORTS } from './support/paths.js';
import {
  dropQueuePrefixes,
  freshPostgres,
  queuePrefix,
  REDIS_URL,
  runCliAsync,
  spawnCli,
  startRedis,
  startWorker,
  tempDir,
  waitFor,
  type Spawned,
  type TempDatabase,
} from './support/services.js';

const spawned: Spawned[] = [];
const databases: TempDatabase[] = [];

afterEach(async () => {
  for (const s of spawned.splice(0)) {
    if (s.child.exitCode === null && s.child.signalCode === null) s.child.kill('SIGKILL');
    await s.exited;
  }
});
afterAll(async () => {
  for (const db of databases) await db.drop();
  await dropQueuePrefixes();
});

/** A test's own world: a fresh PostgreSQL database and a Redis prefix of its own. */
async function world(extra: NodeJS.ProcessEnv = {}): Promise<{ env: NodeJS.ProcessEnv; store: () => Promise<Store> }> {
  const db = await freshPostgres();
  databases.push(db);
  // Locks of 10 s: a job whose worker died is taken up quickly, yet a worker slowed down by a
  // loaded CI machine keeps its locks (the SIGKILL test shortens them further).
  const env = { REDIS_URL, DATABASE_URL: db.url, DOISOAT_QUEUE_PREFIX: queuePrefix(), DOISOAT_LOCK_MS: '10000', ...extra };
  return { env, store: () => Store.open({ databaseUrl: db.url }) };
}

async function worker(env: NodeJS.ProcessEnv, args: string[] = []): Promise<Spawned> {
  const w = await startWorker(env, args);
  spawned.push(w);
  return w;
}

/** `check --json` of the typed fixtures: what every copy of one must yield. */
let typed: Map<string, ReportAudit>;
beforeAll(async () => {
  const r = await runCliAsync(['check', '--json', REPORTS], {});
  typed = new Map((JSON.parse(r.stdout) as ReportAudit[]).map((a) => [path.basename(a.file), a]));
});

const sourceOf = (file: string): string => path.basename(file).replace(/^\d{5}-/, '');

describe('queued processing', () => {
  it('300 documents through 2 worker processes: each processed exactly once, every result stored', async () => {
    const { env, store: open } = await world();
    const dir = tempDir();
    const files = writeDistinctCopies(dir, 300);
    await worker(env, ['-c', '2']);
    await worker(env, ['-c', '2']);
    const run = await runCliAsync(['enqueue', '--json', dir], env);
    expect(run.status, run.stderr).toBe(1); // the fixtures include reports with discrepancies
    const audits = JSON.parse(run.stdout) as ReportAudit[];
    expect(audits.map((a) => a.file)).toEqual(files);
    for (const a of audits) {
      expect(a.error).toBeNull();
      expect(a.declared).toEqual(typed.get(sourceOf(a.file))!.declared);
      expect(a.flags).toEqual(typed.get(sourceOf(a.file))!.flags);
    }
    const store = await open();
    try {
      const stats = await store.stats();
      expect(stats).toMatchObject({ documents: 300, withResult: 300, withoutResult: 0 });
      const runs = await store.runs();
      expect(runs).toHaveLength(300);
      expect(new Set(runs.map((r) => r.sha256)).size).toBe(300);
      expect(runs.every((r) => r.outcome === 'stored')).toBe(true);
      expect(new Set(runs.map((r) => r.worker)).size).toBe(2);
    } finally {
      await store.close();
    }

    // The same files again, under other names: nothing runs, the stored results are reported.
    const renamed = tempDir();
    for (const f of files.slice(0, 20)) copyFileSync(f, path.join(renamed, `khác-${path.basename(f)}`));
    const again = await runCliAsync(['enqueue', '--json', renamed, files[0]!], env);
    const second = JSON.parse(again.stdout) as ReportAudit[];
    expect(second).toHaveLength(21);
    expect(second.map((a) => ({ ...a, file: '' }))).toEqual([...audits.slice(0, 20), audits[0]!].map((a) => ({ ...a, file: '' })));
    const store2 = await open();
    try {
      expect(await store2.runs()).toHaveLength(300);
    } finally {
      await store2.close();
    }
  });

  it('--force processes a known document again; a file given twice in one batch is one job', async () => {
    const { env, store: open } = await world();
    await worker(env, ['-c', '1']);
    const doc = path.join(REPORTS, 'qt-total-mismatch.pdf');
    const first = await runCliAsync(['enqueue', '--json', doc, doc], env);
    expect(first.status).toBe(1);
    const forced = await runCliAsync(['enqueue', '--json', '--force', doc], env);
    expect(JSON.parse(forced.stdout)).toEqual([JSON.parse(first.stdout)[0]]);
    const store = await open();
    try {
      expect((await store.runs()).map((r) => r.outcome)).toEqual(['stored', 'stored']);
    } finally {
      await store.close();
    }
  });

  it('a scan goes on to the scans queue; a worker killed with SIGKILL mid-job: another finishes it, stored once', async () => {
    const { env, store: open } = await world({ DOISOAT_LOCK_MS: '4000' });
    const scan = path.join(FIXTURES, 'scans/quang-trung-2024.scan300.pdf');
    const expected = JSON.parse(readFileSync(`${scan}.expected.json`, 'utf8')) as { declared: { total: { value: number } } };
    const a = await worker(env, ['-c', '1']);
    const queued = await runCliAsync(['enqueue', '--no-wait', scan], env);
    expect(queued.status, queued.stderr).toBe(0);
    const store = await open();
    try {
      const sha = sha256Of(new Uint8Array(readFileSync(scan)));
      // A's run on the scans queue has started (OCR takes seconds): kill it there.
      await waitFor('worker A to start OCR', async () => (await store.runs(sha)).find((r) => r.queue === 'scans' && r.outcome === null), 60_000, 100);
      await sleep(500);
      a.child.kill('SIGKILL');
      await a.exited;
      expect(await store.getAudit(sha)).toBeNull();
      await worker(env, ['-c', '1']);
      const audit = await waitFor('the result', () => store.getAudit(sha), 180_000, 500);
      expect(audit.format).toBe('pdf-scanned');
      expect(audit.declared.total?.value).toBe(expected.declared.total.value);
      const runs = await store.runs(sha);
      expect(runs.slice(0, 3).map((r) => [r.queue, r.outcome])).toEqual([
        ['typed', 'deferred'],
        ['scans', null], // A, killed
        ['scans', 'stored'], // B
      ]);
      // On a loaded machine B's short lock may lapse mid-OCR and the job run again: its result is
      // then kept, never stored a second time.
      expect(runs.slice(3).map((r) => [r.queue, r.outcome])).toEqual(runs.slice(3).map(() => ['scans', 'kept']));
      expect(runs[1]!.worker).not.toBe(runs[2]!.worker);
      const rows = await store.db.selectFrom('audits').select('sha256').where('sha256', '=', sha).execute();
      expect(rows).toHaveLength(1);
    } finally {
      await store.close();
    }
  }, 300_000);

  it('SIGTERM: the worker finishes the job it is on, then exits', async () => {
    const { env, store: open } = await world();
    const photo = path.join(FIXTURES, 'scans/hoa-binh-2024.summary-photo.jpg');
    const w = await worker(env, ['-c', '1']);
    await runCliAsync(['enqueue', '--no-wait', photo], env);
    const store = await open();
    try {
      const sha = sha256Of(new Uint8Array(readFileSync(photo)));
      await waitFor('the OCR to start', async () => (await store.runs(sha)).find((r) => r.outcome === null), 60_000, 100);
      w.child.kill('SIGTERM');
      expect(await w.exited).toBe(0);
      expect((await store.runs(sha)).map((r) => r.outcome)).toEqual(['stored']);
      expect((await store.getAudit(sha))?.format).toBe('image');
    } finally {
      await store.close();
    }
  }, 180_000);

  it('Redis restarted mid-batch, its data gone: reconcile brings every registered document to a result', async () => {
    const port = 6391 + Math.floor(Math.random() * 500);
    const redisDir = tempDir();
    let redis = await startRedis(port, redisDir);
    const { env, store: open } = await world({ REDIS_URL: `redis://127.0.0.1:${port}` });
    const dir = tempDir();
    writeDistinctCopies(dir, 200);
    try {
      const w = await worker(env, ['-c', '1']);
      const queued = await runCliAsync(['enqueue', '--no-wait', dir], env);
      expect(queued.status, queued.stderr).toBe(0);
      const store = await open();
      try {
        await waitFor('some results', async () => (await store.stats()).withResult >= 10, 60_000, 50);
        redis.kill('SIGKILL');
        await new Promise((r) => redis.once('exit', r));
        redis = await startRedis(port, redisDir);
        // The queue is gone with Redis: what was waiting never runs.
        await sleep(3000);
        const lost = (await store.stats()).withoutResult;
        expect(lost).toBeGreaterThan(0);
        const rec = await runCliAsync(['reconcile', '--wait'], env);
        expect(rec.status, rec.stderr).toBe(0);
        expect(rec.stdout).toContain(`${lost} tài liệu`);
        const stats = await store.stats();
        expect(stats).toMatchObject({ documents: 200, withResult: 200, withoutResult: 0 });
        // Nothing counted twice: one stored run per document (a job cut off by the restart may
        // have run and been answered from the store: 'kept').
        const runs = await store.runs();
        const stored = runs.filter((r) => r.outcome === 'stored');
        expect(stored).toHaveLength(200);
        expect(new Set(stored.map((r) => r.sha256)).size).toBe(200);
        expect(w.child.exitCode).toBeNull(); // the worker rode out the restart
      } finally {
        await store.close();
      }
    } finally {
      redis.kill('SIGKILL');
    }
  }, 240_000);

  it('a nightly run picks up only new inbox files and writes its summary to the outbox', async () => {
    const dataDir = tempDir();
    // The embedded store (SQLite) under a worker process, as on a single machine.
    // DATABASE_URL emptied: CI exports one, and the worker would otherwise use that database.
    const env = { REDIS_URL, DATABASE_URL: '', DOISOAT_DATA: dataDir, DOISOAT_QUEUE_PREFIX: queuePrefix(), DOISOAT_LOCK_MS: '10000' };
    const inbox = tempDir();
    const outbox = tempDir();
    for (const f of ['quang-trung-2024.docx', 'qt-total-mismatch.pdf', 'bac-son-2024.docx']) copyFileSync(path.join(REPORTS, f), path.join(inbox, f));
    const w = await worker(env, ['-c', '1']);
    const sched = await runCliAsync(['schedule', '--inbox', inbox, '--outbox', outbox, '--every', '1'], env);
    expect(sched.status, sched.stderr).toBe(0);
    try {
      const status = await runCliAsync(['status', '--json'], env);
      const report = JSON.parse(status.stdout) as { queues: Array<{ name: string; counts: Record<string, number> }>; schedules: Array<{ id: string; every: number | null }> };
      expect(report.queues.map((q) => q.name)).toEqual(['typed', 'scans', 'nightly']);
      expect(report.queues[0]!.counts).toHaveProperty('waiting');
      expect(report.schedules).toEqual([expect.objectContaining({ id: `nightly:${inbox}`, every: 1000 })]);
      const csvs = (): string[] => readdirSync(outbox).filter((f) => f.endsWith('.csv')).sort();
      // Generous: on a loaded CI machine the worker's threads start slowly. Its log tells why if not.
      await waitFor('the first summary', async () => csvs().length === 1, 180_000).catch((e: Error) => Promise.reject(new Error(`${e.message}\n${w.output()}`)));
      const first = readFileSync(path.join(outbox, csvs()[0]!), 'utf8');
      expect(first.charCodeAt(0)).toBe(0xfeff);
      const lines = first.slice(1).trim().split('\r\n');
      expect(lines).toHaveLength(4);
      expect(lines[0]).toMatch(/^Tệp,Đơn vị,Năm,Tổng điểm tự chấm,Tổng điểm tính lại/);
      const json = JSON.parse(readFileSync(path.join(outbox, csvs()[0]!.replace(/\.csv$/, '.json')), 'utf8')) as { reports: Array<{ file: string; total: number; recomputedTotal: number; flagCount: number }> };
      expect(json.reports.map((r) => path.basename(r.file)).sort()).toEqual(['bac-son-2024.docx', 'qt-total-mismatch.pdf', 'quang-trung-2024.docx']);
      const mismatch = json.reports.find((r) => r.file.endsWith('qt-total-mismatch.pdf'))!;
      const typedMismatch = typed.get('qt-total-mismatch.pdf')!;
      expect(mismatch).toMatchObject({ total: typedMismatch.declared.total!.value, recomputedTotal: typedMismatch.recomputed.total, flagCount: typedMismatch.flags.length });
      expect(first).toContain(`"${String(typedMismatch.declared.total!.value).replace('.', ',')}"`);

      // Runs keep firing; nothing new, nothing written. Then one new file and a known one renamed.
      await sleep(2500);
      expect(csvs()).toHaveLength(1);
      copyFileSync(path.join(REPORTS, 'hoa-binh-2024.pdf'), path.join(inbox, 'hoa-binh-2024.pdf'));
      copyFileSync(path.join(REPORTS, 'bac-son-2024.docx'), path.join(inbox, 'bac-son (bản sao).docx'));
      await waitFor('the second summary', async () => csvs().length === 2, 180_000).catch((e: Error) => Promise.reject(new Error(`${e.message}\n${w.output()}`)));
      const second = JSON.parse(readFileSync(path.join(outbox, csvs()[1]!.replace(/\.csv$/, '.json')), 'utf8')) as { reports: Array<{ file: string }> };
      expect(second.reports.map((r) => path.basename(r.file))).toEqual(['hoa-binh-2024.pdf']);
    } finally {
      await runCliAsync(['schedule', '--inbox', inbox, '--remove'], env);
    }
  }, 420_000);
});

describe('retries', () => {
  it('a transient failure is retried with backoff; bad input is stored with its error, not retried', async () => {
    const db = await freshPostgres();
    databases.push(db);
    const config = { redisUrl: REDIS_URL, prefix: queuePrefix() };
    const store = await Store.open({ databaseUrl: db.url });
    const items = [path.join(REPORTS, 'dong-tien-2024.docx'), path.join(BAD, 'truncated.pdf')].map((p) => {
      const bytes = new Uint8Array(readFileSync(p));
      return { path: p, file: { bytes, sha256: sha256Of(bytes), format: formatOf(bytes) } };
    });
    // The good document's first write fails as a lost database connection would.
    const save = store.saveAudit.bind(store);
    let failures = 1;
    store.saveAudit = async (...args) => {
      if (args[0] === items[0]!.file.sha256 && failures-- > 0) throw new Error('connection terminated unexpectedly');
      return save(...args);
    };
    const w = await QueueWorker.start({ store, config, concurrency: 1 });
    const queues = new DocumentQueues(config);
    try {
      const batch = await store.registerBatch('enqueue', items);
      await queues.add(items.map((i) => ({ sha256: i.file.sha256, format: i.file.format, batchId: batch.id, force: false })));
      const [good, bad] = items.map((i) => i.file.sha256) as [string, string];
      await waitFor('both results', async () => (await store.getAudit(good)) && (await store.getAudit(bad)), 60_000);
      expect((await store.runs(good)).map((r) => r.outcome)).toEqual(['failed', 'stored']);
      expect((await store.runs(bad)).map((r) => r.outcome)).toEqual(['stored']);
      expect((await store.getAudit(bad))?.error?.code).toBe('corrupt-file');
      expect((await store.getAudit(good))?.error).toBeNull();
    } finally {
      await queues.close();
      await w.close();
      await store.close();
    }
  }, 120_000);
});
