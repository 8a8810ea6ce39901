/**
 * Waiting says why (issue 16, item 7): `enqueue` on queues no worker serves says so and how to go
 * on; a batch whose process was killed shows as interrupted in `status`, and rerunning the same
 * enqueue resumes it under its own id. The real CLI, Redis of this machine, SQLite in a temp folder.
 */
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { ReportAudit } from '../core/report-audit.js';
import { classifyBatch, stateText, type BatchFacts, type BatchState } from '../batches/batch-state.js';
import { registerInputs } from '../batches/register.js';
import { inputsKey } from '../batches/resume.js';
import { runBatch } from '../batches/run-batch.js';
import { DocumentQueues } from '../runtime/queues.js';
import { writeDistinctCopies } from '../scripts/distinct-copies.js';
import { Store } from '../store/store.js';
import { REPORTS } from './support/paths.js';
import { dropQueuePrefixes, queuePrefix, REDIS_URL, runCliAsync, spawnCli, startWorker, STORE_BACKENDS, tempDir, waitFor, type Spawned } from './support/services.js';

const spawned: Spawned[] = [];
afterEach(async () => {
  for (const s of spawned.splice(0)) {
    if (s.child.exitCode === null && s.child.signalCode === null) s.child.kill('SIGKILL');
    await s.exited;
  }
});
afterAll(() => dropQueuePrefixes());

const NO_WORKER = 'chưa có worker nào nhận việc';
const FILE = path.join(REPORTS, 'quang-trung-2024.docx');

interface StatusBatch {
  id: string;
  size: number;
  done: number;
  state: BatchState;
  stateText: string;
  createdAt: string;
  finishedAt: string | null;
}

async function statusBatches(env: NodeJS.ProcessEnv): Promise<StatusBatch[]> {
  const r = await runCliAsync(['status', '--json'], env);
  expect(r.status, r.stderr).toBe(0);
  return (JSON.parse(r.stdout) as { store: { batches: StatusBatch[] } }).store.batches;
}

describe('batch state (pure)', () => {
  const NOW = Date.parse('2025-01-01T12:00:00Z');
  const fresh = '2025-01-01T11:59:55.000Z';
  const stale = '2025-01-01T11:58:00.000Z';
  const rows: Array<[string, BatchFacts, BatchState]> = [
    ['finished', { finished: true, size: 3, done: 3, heartbeatAt: stale, queue: null }, 'done'],
    ['every result in, waiter gone', { finished: false, size: 3, done: 3, heartbeatAt: stale, queue: null }, 'done'],
    ['every result in, process still registering', { finished: false, size: 3, done: 3, heartbeatAt: fresh, queue: null }, 'running'],
    ['in-process run alive', { finished: false, size: 3, done: 1, heartbeatAt: fresh, queue: null }, 'running'],
    ['killed in-process run', { finished: false, size: 3, done: 1, heartbeatAt: stale, queue: null }, 'interrupted'],
    ['let go (Ctrl-C), no Redis to ask', { finished: false, size: 3, done: 1, heartbeatAt: null, queue: null }, 'interrupted'],
    ['killed before its first files were stored', { finished: false, size: 0, done: 0, heartbeatAt: stale, queue: null }, 'interrupted'],
    ['waiter gone, jobs still queued', { finished: false, size: 3, done: 1, heartbeatAt: null, queue: 'waiting' }, 'queued'],
    ['waiter alive, jobs queued', { finished: false, size: 3, done: 1, heartbeatAt: fresh, queue: 'waiting' }, 'queued'],
    ['a worker on one of its jobs', { finished: false, size: 3, done: 1, heartbeatAt: stale, queue: 'active' }, 'running'],
    ['waiter gone, no job anywhere', { finished: false, size: 3, done: 1, heartbeatAt: stale, queue: 'none' }, 'interrupted'],
  ];
  it.each(rows)('%s', (_what, facts, state) => {
    expect(classifyBatch(facts, NOW, 30_000)).toBe(state);
  });

  it('says how to go on', () => {
    expect(stateText('interrupted', { size: 5, done: 2, finishedAt: null, resumable: true })).toBe(
      'bị gián đoạn (2/5 tệp có kết quả) — chạy lại cùng lệnh enqueue để tiếp tục',
    );
    expect(stateText('interrupted', { size: 5, done: 2, finishedAt: null, resumable: false })).toContain('doisoat reconcile');
    expect(stateText('queued', { size: 5, done: 2, finishedAt: null, resumable: true })).toBe('đang chờ trong hàng đợi (2/5 tệp có kết quả)');
    expect(stateText('done', { size: 5, done: 5, finishedAt: '2025-01-01T12:00:00.000Z', resumable: true })).toBe('xong 2025-01-01T12:00:00.000Z');
  });

  it('keys an enqueue by its absolute paths in order and its force flag', () => {
    const rel = path.relative(process.cwd(), FILE);
    expect(inputsKey([rel, REPORTS], false)).toBe(inputsKey([FILE, REPORTS], false));
    expect(inputsKey([REPORTS, FILE], false)).not.toBe(inputsKey([FILE, REPORTS], false));
    expect(inputsKey([FILE], true)).not.toBe(inputsKey([FILE], false));
  });
});

describe.each(STORE_BACKENDS)('resuming in-process (%s)', (_name, make) => {
  it('takes up a batch its process let go of, never one still held', async () => {
    const backend = await make();
    const store = await Store.open(backend.config);
    try {
      const local = { kind: 'local', concurrency: 1 } as const;
      const [a, b] = writeDistinctCopies(tempDir(), 2);
      // Batches as a killed enqueue leaves them: registered, no result; one still held.
      const held = await registerInputs(store, 'local', [a!], { inputsKey: inputsKey([a!], false) });
      const gone = await registerInputs(store, 'local', [b!], { inputsKey: inputsKey([b!], false) });
      await store.touchBatch(gone.batchId, false);

      const resumed: string[] = [];
      const again = await runBatch(store, 'local', { kind: 'paths', paths: [b!] }, local, { onResumed: ({ batchId }) => resumed.push(batchId) });
      expect(resumed).toEqual([gone.batchId]);
      expect(again).toMatchObject({ batchId: gone.batchId, finished: true });
      expect(again.items).toHaveLength(1);

      const beside = await runBatch(store, 'local', { kind: 'paths', paths: [a!] }, local, { onResumed: ({ batchId }) => resumed.push(batchId) });
      expect(beside.batchId).not.toBe(held.batchId);
      expect(resumed).toHaveLength(1);
      // A nightly run of the same folder never resumes (it has no inputs key).
      const nightly = await runBatch(store, 'nightly', { kind: 'paths', paths: [b!], source: 'x' }, local, { onResumed: ({ batchId }) => resumed.push(batchId) });
      expect(nightly.batchId).not.toBe(gone.batchId);
      expect(resumed).toHaveLength(1);
    } finally {
      await store.close();
      await backend.cleanup();
    }
  });
});

describe('waiting says why', () => {
  it('enqueue on queues no worker serves says so and how to go on; Ctrl-C and --local resume the batch', async () => {
    const env = { REDIS_URL, DATABASE_URL: '', DOISOAT_DATA: tempDir(), DOISOAT_QUEUE_PREFIX: queuePrefix(), DOISOAT_IDLE_NOTICE_MS: '300' };
    const run = spawnCli(['enqueue', FILE], env);
    spawned.push(run);
    await waitFor('the no-worker notice', async () => run.output().includes(NO_WORKER) || (run.child.exitCode !== null && Promise.reject(new Error(run.output()))), 30_000, 50);
    const said = run.output();
    expect(said).toContain('Đã đưa 1 tài liệu vào hàng đợi nhưng chưa có worker nào nhận việc.');
    expect(said).toContain('doisoat worker');
    expect(said).toContain('--local');
    expect(said.match(new RegExp(NO_WORKER, 'g'))).toHaveLength(1);

    // Waiting in the queue, then let go of with Ctrl-C: its job is still queued.
    const [queued] = await statusBatches(env);
    expect(queued).toMatchObject({ size: 1, done: 0, state: 'queued' });
    run.child.kill('SIGINT');
    expect(await run.exited).toBe(130);
    expect(run.output()).toContain(`Lô ${queued!.id.slice(0, 8)} chưa xong; chạy lại cùng lệnh để tiếp tục.`);

    // --local, as the notice says, resumes the same batch at once (no Redis asked, nobody holds it).
    const local = await runCliAsync(['enqueue', '--local', FILE], env);
    expect(local.status, local.stderr).toBe(0);
    expect(local.stderr).toContain(`Tiếp tục lô ${queued!.id.slice(0, 8)} bị gián đoạn (đã có kết quả 0/1 tệp).`);
    expect(await statusBatches(env)).toEqual([expect.objectContaining({ id: queued!.id, state: 'done', done: 1 })]);
  });

  it('no notice while a worker is there', async () => {
    const env = { REDIS_URL, DATABASE_URL: '', DOISOAT_DATA: tempDir(), DOISOAT_QUEUE_PREFIX: queuePrefix(), DOISOAT_IDLE_NOTICE_MS: '20' };
    spawned.push(await startWorker(env, ['-c', '1']));
    const queues = new DocumentQueues({ redisUrl: REDIS_URL, prefix: env.DOISOAT_QUEUE_PREFIX });
    try {
      expect(await queues.workerCount()).toBeGreaterThan(0);
    } finally {
      await queues.close();
    }
    const run = await runCliAsync(['enqueue', FILE, path.join(REPORTS, 'qt-total-mismatch.pdf')], env);
    expect(run.status, run.stderr).toBe(1); // one report has a discrepancy
    expect(run.stderr).not.toContain(NO_WORKER);
  });
});

describe('an interrupted batch', () => {
  it('shows as interrupted, and the same enqueue resumes it under its id to the end', async () => {
    const dir = tempDir();
    const files = writeDistinctCopies(dir, 16);
    const env = { REDIS_URL: '', DATABASE_URL: '', DOISOAT_DATA: tempDir(), DOISOAT_HEARTBEAT_STALE_MS: '1000' };
    const first = spawnCli(['enqueue', '--local', '-c', '1', dir], env);
    spawned.push(first);
    await waitFor('the first result', async () => /Đã xử lý \d+\/16 tệp/.test(first.output()) || (first.child.exitCode !== null && Promise.reject(new Error(first.output()))), 60_000, 10);
    first.child.kill('SIGKILL');
    await first.exited;
    await sleep(1500); // its heartbeat goes stale

    const [stopped] = await statusBatches(env);
    expect(stopped).toMatchObject({ size: 16, state: 'interrupted', finishedAt: null });
    expect(stopped!.done).toBeGreaterThan(0);
    expect(stopped!.done).toBeLessThan(16);
    expect(stopped!.stateText).toBe(`bị gián đoạn (${stopped!.done}/16 tệp có kết quả) — chạy lại cùng lệnh enqueue để tiếp tục`);
    const text = await runCliAsync(['status'], env);
    expect(text.stdout).toContain(`${stopped!.id.slice(0, 8)} local 16 tệp, tạo ${stopped!.createdAt}: bị gián đoạn (${stopped!.done}/16 tệp có kết quả)`);

    const again = await runCliAsync(['enqueue', '--local', '--json', '-c', '1', dir], env);
    expect(again.status, again.stderr).toBe(1); // the fixtures include reports with discrepancies
    expect(again.stderr).toContain(`Tiếp tục lô ${stopped!.id.slice(0, 8)} bị gián đoạn (đã có kết quả ${stopped!.done}/16 tệp).`);
    expect((JSON.parse(again.stdout) as ReportAudit[]).map((a) => a.file)).toEqual(files);

    const batches = await statusBatches(env);
    expect(batches).toEqual([expect.objectContaining({ id: stopped!.id, createdAt: stopped!.createdAt, size: 16, done: 16, state: 'done' })]);
    expect(batches[0]!.stateText).toMatch(/^xong /);
    const store = await Store.open({ dataDir: env.DOISOAT_DATA });
    try {
      const items = await store.db.selectFrom('batch_items').select('path').where('batch_id', '=', stopped!.id).orderBy('position').execute();
      expect(items.map((i) => i.path)).toEqual(files);
      // Each document stored once: the rerun processed only those without a result.
      const stored = (await store.runs()).filter((r) => r.outcome === 'stored');
      expect(new Set(stored.map((r) => r.sha256)).size).toBe(16);
      expect(stored).toHaveLength(16);
    } finally {
      await store.close();
    }
  });
});
