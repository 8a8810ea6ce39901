/**
 * Rerunning an enqueue resumes it: a batch of the same inputs that is not done and that no process
 * holds any more (its heartbeat is stale, batches/heartbeat.ts) is taken up again under its own id,
 * rather than a new batch being started beside it. Its files are walked again (they may have
 * changed) and only documents without a result are dispatched.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import type { BatchKind, Store } from '../store/store.js';

/** The inputs of an enqueue, as a key: the paths made absolute, in order, and whether forced. */
export function inputsKey(paths: readonly string[], force: boolean): string {
  return createHash('sha256')
    .update(JSON.stringify({ paths: paths.map((p) => path.resolve(p)), force }))
    .digest('hex');
}

/** Only the user's own enqueues resume; nightly runs, uploads and reconciles never. */
export function resumesByInputs(kind: BatchKind): boolean {
  return kind === 'enqueue' || kind === 'local';
}

export interface Resumed {
  batchId: string;
  /** Items and items with a result when it was interrupted. */
  size: number;
  done: number;
  /** Documents this batch has already processed (a forced batch does not force them twice). */
  processed: Set<string>;
}

/** Takes up the interrupted batch of these inputs, if there is one; its items are to be registered again. */
export async function reopenInterrupted(store: Store, kind: BatchKind, key: string, force: boolean, staleMs: number): Promise<Resumed | null> {
  const staleBefore = new Date(Date.now() - staleMs).toISOString();
  const found = await store.resumableBatch(key, staleBefore);
  if (!found) return null;
  const progress = await store.batchProgress(found.id);
  if (progress.size > 0 && progress.done >= progress.size) {
    // All its results are in, only its waiter was gone: it is done, and the rerun a new batch.
    await store.finishBatch(found.id);
    return null;
  }
  const processed = force ? await store.batchResults(found.id) : new Set<string>();
  if (!(await store.reopenBatch(found.id, kind, staleBefore))) return null;
  return { batchId: found.id, size: progress.size, done: progress.done, processed };
}
