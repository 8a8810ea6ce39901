/**
 * What a batch is doing, as `status` tells it: done, running, waiting in the queues, or
 * interrupted — not every item has a result, no process has touched its heartbeat lately
 * (batches/heartbeat.ts) and none of its documents is in the queues, so nothing will finish it
 * unless someone reruns it (batches/resume.ts) or reconciles.
 */
import { jobIdFor, type DocumentQueues } from '../runtime/queues.js';
import type { Store, StoreStats } from '../store/store.js';
import { heartbeatStaleMs, isStale } from './heartbeat.js';

export type BatchState = 'done' | 'running' | 'queued' | 'interrupted';

export interface BatchFacts {
  finished: boolean;
  size: number;
  /** Items with a result (or refused at registration). */
  done: number;
  heartbeatAt: string | null;
  /**
   * The jobs of its documents without a result: one running, some waiting, none; null when the
   * queues were not asked (no REDIS_URL, an in-process batch).
   */
  queue: 'active' | 'waiting' | 'none' | null;
}

export function classifyBatch(f: BatchFacts, now: number, staleMs: number): BatchState {
  if (f.finished) return 'done';
  const alive = !isStale(f.heartbeatAt, now, staleMs);
  // Every result is in but the waiter was gone before it could say so. While its process lives it
  // may still be registering files (a batch of 0 items is one whose first files are not stored yet).
  if (!alive && f.size > 0 && f.done >= f.size) return 'done';
  if (f.queue === 'active') return 'running';
  if (f.queue === 'waiting') return 'queued';
  return alive ? 'running' : 'interrupted';
}

/** The state in words, for `status`; an interrupted batch says how to go on. */
export function stateText(state: BatchState, b: { size: number; done: number; finishedAt: string | null; resumable: boolean }): string {
  const counts = `${b.done}/${b.size} tệp có kết quả`;
  switch (state) {
    case 'done':
      return b.finishedAt ? `xong ${b.finishedAt}` : 'xong';
    case 'running':
      return `đang chạy (${counts})`;
    case 'queued':
      return `đang chờ trong hàng đợi (${counts})`;
    case 'interrupted':
      return `bị gián đoạn (${counts}) — ${b.resumable ? 'chạy lại cùng lệnh enqueue để tiếp tục' : 'chạy doisoat reconcile để xử lý nốt'}`;
  }
}

export type RecentBatch = StoreStats['batches'][number];

export interface BatchStatus {
  state: BatchState;
  done: number;
  /** When it was marked finished (maybe just now, by batchStates). */
  finishedAt: string | null;
  stateText: string;
}

/**
 * The state of each of these batches. A batch found done but not marked so (its waiter was killed
 * after the last result) is marked finished on the way. `queues`: asked about the documents of
 * queued batches when given.
 */
export async function batchStates(
  store: Store,
  batches: readonly RecentBatch[],
  queues: DocumentQueues | null,
  options: { now?: number; staleMs?: number } = {},
): Promise<Map<string, BatchStatus>> {
  const now = options.now ?? Date.now();
  const staleMs = options.staleMs ?? heartbeatStaleMs();
  const out = new Map<string, BatchStatus>();
  for (const b of batches) {
    let done = b.size;
    let finishedAt = b.finishedAt;
    let state: BatchState = 'done';
    if (!b.finishedAt) {
      const progress = await store.batchProgress(b.id);
      done = progress.done;
      const facts: BatchFacts = { finished: false, size: progress.size, done, heartbeatAt: b.heartbeatAt, queue: null };
      state = classifyBatch(facts, now, staleMs);
      if (state !== 'done' && queues && b.kind !== 'local') {
        // A job's id is its document's, or for a forced batch its own (jobIdFor).
        const ids = progress.pending.flatMap((sha256) => [sha256, jobIdFor({ sha256, batchId: b.id, force: true })]);
        state = classifyBatch({ ...facts, queue: await queues.jobsState(ids).catch(() => null) }, now, staleMs);
      }
      if (state === 'done') {
        // Best effort: `status` also runs on a store it may not write to.
        await store.finishBatch(b.id).catch(() => {});
        finishedAt = (await store.batchInfo(b.id).catch(() => null))?.finishedAt ?? null;
      }
    }
    out.set(b.id, { state, done, finishedAt, stateText: stateText(state, { size: b.size, done, finishedAt, resumable: b.resumable }) });
  }
  return out;
}
