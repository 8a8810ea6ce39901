/**
 * Waiting for a batch: the store, not the queue, says when every document has its result, so a
 * batch survives a Redis restart (reconcile re-queues, the waiter keeps waiting) and a worker
 * on another machine.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { BatchProgress, Store } from '../store/store.js';

export interface WaitOptions {
  /** Poll interval in ms (default 250). */
  pollMs?: number;
  /** Give up after this many ms (default: never). */
  timeoutMs?: number;
  onProgress?: (progress: BatchProgress) => void;
  signal?: AbortSignal;
}

/** Resolves with the final progress once every item is done, or when the time is up. */
export async function waitForBatch(store: Store, batchId: string, options: WaitOptions = {}): Promise<BatchProgress> {
  const pollMs = options.pollMs ?? 250;
  const deadline = options.timeoutMs === undefined ? Number.POSITIVE_INFINITY : Date.now() + options.timeoutMs;
  for (;;) {
    const progress = await store.batchProgress(batchId);
    options.onProgress?.(progress);
    if (progress.done >= progress.size) {
      await store.finishBatch(batchId);
      return progress;
    }
    if (Date.now() >= deadline || options.signal?.aborted) return progress;
    await sleep(pollMs, undefined, options.signal ? { signal: options.signal } : undefined).catch(() => {});
  }
}
