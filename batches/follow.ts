/**
 * Following a batch item by item (the web's progress page): what each item has come to so far,
 * and each item's result as the store gets it. The store decides, as for waitForBatch, which this
 * uses to wait between looks.
 */
import { NO_FILE_SHA, type ReportAudit } from '../core/report-audit.js';
import type { ResultHints } from '../runtime/result-hints.js';
import type { Store } from '../store/store.js';
import { waitForBatch } from './wait.js';

/**
 * One item: `pending` until its document has a result; then `done` (audited) or `refused`
 * (refused at registration, or the file could not be read as a report: `error` says why).
 */
export interface BatchItemState {
  position: number;
  /** The name it was submitted under. */
  name: string;
  sha256: string | null;
  format: string;
  state: 'pending' | 'done' | 'refused';
  error?: { code: string; message: string };
  /** Reports in the file, when it holds several (each listed and reviewed on its own). */
  reports?: number;
  /** The declared grand total, the recomputed one (one report), and the error flags (done items). */
  total?: number | null;
  recomputedTotal?: number | null;
  errorFlags?: number;
}

export interface BatchSnapshot {
  batchId: string;
  size: number;
  done: number;
  items: BatchItemState[];
}

/** The batch as the store has it now; null when there is no such batch. */
export async function batchSnapshot(store: Store, batchId: string): Promise<BatchSnapshot | null> {
  if (!(await store.batchInfo(batchId))) return null;
  const progress = await store.batchProgress(batchId);
  const audits = await store.batchItemAudits(batchId);
  // The documents still to come, once per pending item (a file given twice is two items).
  const pending = new Map<string, number>();
  for (const sha of progress.pending) pending.set(sha, (pending.get(sha) ?? 0) + 1);
  const items = audits.map((reports, position) => {
    const sha256 = reports[0]!.sha256;
    const left = pending.get(sha256) ?? 0;
    if (left > 0) pending.set(sha256, left - 1);
    return itemState(reports, position, left > 0);
  });
  return { batchId, size: progress.size, done: progress.done, items };
}

function itemState(reports: readonly ReportAudit[], position: number, pending: boolean): BatchItemState {
  const audit = reports[0]!;
  const base = { position, name: audit.file, sha256: audit.sha256 === NO_FILE_SHA ? null : audit.sha256, format: audit.format };
  if (pending) return { ...base, state: 'pending' };
  if (audit.error) return { ...base, state: 'refused', error: audit.error };
  const errorFlags = reports.reduce((n, a) => n + a.flags.filter((f) => f.severity === 'error').length, 0);
  if (reports.length > 1) return { ...base, state: 'done', reports: reports.length, total: null, recomputedTotal: null, errorFlags };
  return {
    ...base,
    state: 'done',
    total: audit.declared.total?.value ?? null,
    recomputedTotal: audit.recomputed.total,
    errorFlags,
  };
}

export interface FollowOptions {
  /** Each item once it is no longer pending (at the start: every item already finished). */
  onResult?: (item: BatchItemState) => void;
  onProgress?: (progress: { size: number; done: number }) => void;
  /** Stop following (the batch goes on). */
  signal?: AbortSignal;
  /** How often to ask the store for progress, in ms (default 500; with hints, when they say). */
  pollMs?: number;
  hints?: ResultHints;
}

/** Follows a batch until every item is finished or `signal` aborts; resolves with the last snapshot. */
export async function followBatch(store: Store, batchId: string, options: FollowOptions = {}): Promise<BatchSnapshot | null> {
  const told = new Set<number>();
  for (;;) {
    const snapshot = await batchSnapshot(store, batchId);
    if (!snapshot) return null;
    for (const item of snapshot.items) {
      if (item.state === 'pending' || told.has(item.position)) continue;
      told.add(item.position);
      options.onResult?.(item);
    }
    options.onProgress?.({ size: snapshot.size, done: snapshot.done });
    if (snapshot.done >= snapshot.size || options.signal?.aborted) return snapshot;
    // The cheap progress query until more items are done; then the items again.
    const moved = new AbortController();
    const stop = (): void => moved.abort();
    options.signal?.addEventListener('abort', stop, { once: true });
    try {
      await waitForBatch(store, batchId, {
        pollMs: options.pollMs ?? 500,
        signal: moved.signal,
        onProgress: (p) => {
          if (p.done !== snapshot.done) moved.abort();
        },
        ...(options.hints ? { hints: options.hints } : {}),
      });
    } finally {
      options.signal?.removeEventListener('abort', stop);
    }
  }
}
