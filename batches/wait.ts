/**
 * Waiting for a batch: the store, not the queue, says when every document has its result, so a
 * batch survives a Redis restart (reconcile re-queues, the waiter keeps waiting) and a worker
 * on another machine. With result hints (runtime/result-hints.ts) the store is asked again
 * when the hints say the batch's documents are done, and every `pollMs` in case a hint was lost;
 * without them, every `pollMs`.
 */
import type { BatchProgress, Store } from '../store/store.js';
import type { ResultHints } from '../runtime/result-hints.js';

export interface WaitOptions {
  /** How often to ask the store, in ms (default 250; with hints 2000, for hints that were lost). */
  pollMs?: number;
  /** Give up after this many ms (default: never). */
  timeoutMs?: number;
  /** Items done so far: from the store, and in between from the hints. */
  onProgress?: (progress: { size: number; done: number }) => void;
  signal?: AbortSignal;
  hints?: ResultHints;
}

/** Resolves with the final progress once every item is done, or when the time is up. */
export async function waitForBatch(store: Store, batchId: string, options: WaitOptions = {}): Promise<BatchProgress> {
  const { hints, signal } = options;
  const pollMs = options.pollMs ?? (hints ? 2000 : 250);
  const deadline = options.timeoutMs === undefined ? Number.POSITIVE_INFINITY : Date.now() + options.timeoutMs;
  // Between the store's answers: the items each pending document stands for, and how many are left.
  let waiting = new Map<string, number>();
  let size = 0;
  let left = 0;
  // Hints heard while the store is being asked: applied to its answer, which may predate them.
  let heard: string[] = [];
  let wake: (() => void) | null = null;
  const hear = (sha256: string): void => {
    const items = waiting.get(sha256);
    if (items === undefined) return;
    waiting.delete(sha256);
    left -= items;
    options.onProgress?.({ size, done: size - left });
  };
  const stopHearing = hints?.onResult((sha256) => {
    if (!wake) return void heard.push(sha256);
    hear(sha256);
    wake();
  });
  try {
    for (;;) {
      heard = [];
      const progress = await store.batchProgress(batchId);
      options.onProgress?.({ size: progress.size, done: progress.done });
      if (progress.done >= progress.size) {
        await store.finishBatch(batchId);
        return progress;
      }
      if (Date.now() >= deadline || signal?.aborted) return progress;
      waiting = new Map();
      for (const sha256 of progress.pending) waiting.set(sha256, (waiting.get(sha256) ?? 0) + 1);
      size = progress.size;
      left = progress.size - progress.done;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, Math.min(pollMs, deadline - Date.now()));
        signal?.addEventListener('abort', done, { once: true });
        function done(): void {
          clearTimeout(timer);
          signal?.removeEventListener('abort', done);
          wake = null;
          resolve();
        }
        wake = () => {
          if (left <= 0) done();
        };
        for (const sha256 of heard) hear(sha256);
        wake();
      });
    }
  } finally {
    stopHearing?.();
  }
}
