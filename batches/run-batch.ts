/**
 * The batch use case, one implementation for `enqueue`, `reconcile`, nightly runs and web uploads:
 * register the inputs in the store, dispatch their documents (BullMQ queues or this
 * process), wait until the store holds a result for every item, and hand back the audits.
 * Front doors only choose the inputs and the dispatch and render what comes back.
 */
import type { ReportAudit } from '../core/report-audit.js';
import { runLocal } from '../runtime/local-runner.js';
import type { DocumentJob } from '../runtime/job-processor.js';
import { DocumentQueues, documentQueueFor, pingRedis, queueConfigFromEnv, type QueueConfig } from '../runtime/queues.js';
import { ResultHints } from '../runtime/result-hints.js';
import type { BatchKind, RegisteredItem, Store } from '../store/store.js';
import { Heartbeat, heartbeatStaleMs } from './heartbeat.js';
import { watchForWorkers, type IdleWatch } from './idle-notice.js';
import { jobsFor, registerInputs, type RegisterOptions } from './register.js';
import { inputsKey, reopenInterrupted, resumesByInputs } from './resume.js';
import { uploadItem, type UploadedFile } from './uploads.js';
import { waitForBatch } from './wait.js';

/** Where a batch's documents are parsed. */
export type Dispatch =
  | {
      readonly kind: 'queue';
      readonly config: QueueConfig;
      /** A worker's own queues (a nightly run); without them the batch opens and closes its own. */
      readonly queues?: DocumentQueues;
    }
  | {
      readonly kind: 'local';
      /** Parsing slots (default: one per core). */
      readonly concurrency?: number;
      /** Per-document time limit in ms. */
      readonly timeoutMs?: number;
    };

/** What a batch is made of. */
export type BatchInputs =
  /** Files and folders as the user named them (folders walked). */
  | ({ readonly kind: 'paths'; readonly paths: readonly string[] } & Pick<RegisterOptions, 'force' | 'source' | 'onlyNew' | 'maxBytes'>)
  /** Every stored document without a result under this pipeline version (reconcile). */
  | { readonly kind: 'unfinished' }
  /** Files uploaded through the web, or packed by `--one-report`, in the order given (the name is only a label for people). */
  | { readonly kind: 'uploads'; readonly files: ReadonlyArray<UploadedFile>; readonly maxBytes?: number; readonly force?: boolean };

export interface BatchEvents {
  /**
   * An interrupted batch of the same inputs is taken up again (batches/resume.ts): it keeps its id,
   * its files are registered anew. With its items and items with a result when it stopped.
   */
  onResumed?(batch: { batchId: string; size: number; done: number }): void;
  /** The batch is registered: its items, and the jobs it needs (documents without a result). */
  onRegistered?(batch: { batchId: string; items: readonly RegisteredItem[]; jobs: number }): void;
  /** The jobs are queued, or (in-process) processed. */
  onDispatched?(batch: { batchId: string; jobs: number }): void;
  /** Items with a result so far. */
  onProgress?(progress: { size: number; done: number }): void;
  /**
   * Queued and waited for, but after `idleNoticeMs` no item has progressed and no worker takes jobs
   * of the queues they went to (once): the jobs wait for a worker that is not there.
   */
  onNoWorker?(batch: { batchId: string; jobs: number }): void;
}

export interface RunBatchOptions extends BatchEvents {
  /**
   * Wait for every result (default true). In-process batches are processed inside the call either
   * way; startBatch hands back the batch id before that.
   */
  wait?: boolean;
  /** Give up waiting after this many ms (default: never); the batch goes on without the waiter. */
  waitMs?: number;
  /** How long a queued batch may show no progress before onNoWorker is considered (default 5000). */
  idleNoticeMs?: number;
  /** Heartbeat staleness: when a batch counts as let go (default: batches/heartbeat.ts). */
  staleMs?: number;
}

export interface BatchOutcome {
  /** Null when there was nothing to do and no batch was kept. */
  batchId: string | null;
  items: readonly RegisteredItem[];
  /** Documents dispatched (a document given twice is one job; one with a result, none). */
  jobs: number;
  /** True once every item has a result in the store. */
  finished: boolean;
  /** The items' audits in submission order, when finished or given up on. */
  audits: ReportAudit[] | null;
}

/**
 * Chooses the dispatch: the queues when REDIS_URL is set (after checking Redis answers), else this
 * process. `local` forces this process.
 */
export async function dispatchFromEnv(options: { local?: boolean; concurrency?: number; timeoutMs?: number } = {}): Promise<Dispatch> {
  const config = options.local ? null : queueConfigFromEnv();
  if (config) {
    await pingRedis(config);
    return { kind: 'queue', config };
  }
  return {
    kind: 'local',
    ...(options.concurrency ? { concurrency: options.concurrency } : {}),
    ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
  };
}

export async function runBatch(store: Store, kind: BatchKind, inputs: BatchInputs, dispatch: Dispatch, options: RunBatchOptions = {}): Promise<BatchOutcome> {
  const wait = options.wait ?? true;
  const ownQueues = dispatch.kind === 'queue' && !dispatch.queues ? new DocumentQueues(dispatch.config) : null;
  const queues = dispatch.kind === 'queue' ? (dispatch.queues ?? ownQueues) : null;
  let closed: Promise<void> | undefined;
  const closeOwnQueues = (): Promise<void> => (closed ??= ownQueues?.close() ?? Promise.resolve());
  let hints: ResultHints | null = null;
  const staleMs = options.staleMs ?? heartbeatStaleMs();
  // Touched while this call runs or waits for the batch, let go of when it returns.
  const heartbeat = new Heartbeat(store, staleMs);
  let idle: IdleWatch | null = null;
  try {
    const registered = await register(store, kind, inputs, queues, { heartbeat, staleMs, ...(options.onResumed ? { onResumed: options.onResumed } : {}) });
    if (registered === null) return { batchId: null, items: [], jobs: 0, finished: true, audits: [] };
    const { batchId, items, jobs, queued } = registered;
    heartbeat.hold(batchId);
    options.onRegistered?.({ batchId, items, jobs: jobs.length });

    if (dispatch.kind === 'queue') {
      // Listening only while someone waits: every worker process would otherwise hear every result.
      if (wait) hints = await ResultHints.subscribe(dispatch.config);
      if (!queued) await queues!.add(jobs);
      // Kept open while waiting, to ask whether any worker is there.
      if (!wait || !options.onNoWorker || jobs.length === 0) await closeOwnQueues();
      else {
        const onNoWorker = options.onNoWorker;
        const names = jobs.map((j) => documentQueueFor(j.format));
        idle = watchForWorkers(queues!, names, options.idleNoticeMs ?? 5000, () => onNoWorker({ batchId, jobs: jobs.length }));
      }
    } else {
      let done = items.length - jobs.length;
      await runLocal(store, jobs, {
        onDone: () => options.onProgress?.({ size: items.length, done: ++done }),
        ...(dispatch.concurrency ? { concurrency: dispatch.concurrency } : {}),
        ...(dispatch.timeoutMs ? { timeoutMs: dispatch.timeoutMs } : {}),
      });
    }
    options.onDispatched?.({ batchId, jobs: jobs.length });
    if (dispatch.kind === 'queue' && !wait) return { batchId, items, jobs: jobs.length, finished: false, audits: null };

    const onProgress = options.onProgress;
    const progress = await waitForBatch(store, batchId, {
      ...(onProgress || idle
        ? {
            onProgress: (p: { size: number; done: number }) => {
              idle?.progress(p.done);
              onProgress?.(p);
            },
          }
        : {}),
      ...(options.waitMs !== undefined ? { timeoutMs: options.waitMs } : {}),
      ...(hints ? { hints } : {}),
    });
    return { batchId, items, jobs: jobs.length, finished: progress.done >= progress.size, audits: await store.batchAudits(batchId) };
  } finally {
    idle?.stop();
    hints?.close();
    await heartbeat.release();
    await closeOwnQueues();
  }
}

/**
 * Starts a batch and answers as soon as it is registered (before any document is processed), with
 * the run itself to await or log. For front doors that answer at once and follow the batch with
 * followBatch (batches/follow.ts), e.g. web uploads on the in-process default.
 */
export async function startBatch(
  store: Store,
  kind: BatchKind,
  inputs: BatchInputs,
  dispatch: Dispatch,
  options: Omit<RunBatchOptions, 'wait'> = {},
): Promise<{ batchId: string | null; items: readonly RegisteredItem[]; run: Promise<BatchOutcome> }> {
  let registered: ((batch: { batchId: string | null; items: readonly RegisteredItem[] }) => void) | undefined;
  const started = new Promise<{ batchId: string | null; items: readonly RegisteredItem[] }>((resolve) => (registered = resolve));
  const run = runBatch(store, kind, inputs, dispatch, {
    ...options,
    wait: false,
    onRegistered: (batch) => {
      registered!({ batchId: batch.batchId, items: batch.items });
      options.onRegistered?.(batch);
    },
  });
  // Registration failed (the run rejects first), or nothing was kept (it resolves first).
  const first = await Promise.race([started, run.then((o) => ({ batchId: o.batchId, items: o.items }))]);
  return { ...first, run };
}

interface Registered {
  batchId: string;
  items: RegisteredItem[];
  jobs: Array<DocumentJob & { format: string }>;
  /** The jobs were queued chunk by chunk while the files were still being read. */
  queued: boolean;
}

interface RegisterContext {
  heartbeat: Heartbeat;
  staleMs: number;
  onResumed?: BatchEvents['onResumed'];
}

/** Registers the batch, or returns null when an inbox or the store has nothing new. */
async function register(store: Store, kind: BatchKind, inputs: BatchInputs, queues: DocumentQueues | null, ctx: RegisterContext): Promise<Registered | null> {
  if (inputs.kind === 'unfinished') {
    const missing = await store.documentsWithoutResult();
    if (missing.length === 0) return null;
    const batch = await store.registerBatch(
      kind,
      missing.map((d) => ({ path: d.first_path, stored: { sha256: d.sha256 } })),
    );
    const jobs = missing.map((d) => ({ sha256: d.sha256, format: d.format, batchId: batch.id, force: false }));
    return { batchId: batch.id, items: batch.items, jobs, queued: false };
  }
  if (inputs.kind === 'uploads') {
    // Already in memory (the web bounds a request), so one write.
    const force = Boolean(inputs.force);
    const batch = await store.registerBatch(
      kind,
      inputs.files.map((f) => uploadItem(f, inputs.maxBytes)),
      { force },
    );
    return { batchId: batch.id, items: batch.items, jobs: jobsFor(batch.items, batch.id, force), queued: false };
  }
  // The user's own enqueue of paths: a rerun resumes it when it was interrupted.
  const force = Boolean(inputs.force);
  const key = resumesByInputs(kind) && !inputs.onlyNew && !inputs.source ? inputsKey(inputs.paths, force) : null;
  const resumed = key ? await reopenInterrupted(store, kind, key, force, ctx.staleMs) : null;
  if (resumed) ctx.onResumed?.({ batchId: resumed.batchId, size: resumed.size, done: resumed.done });
  // Jobs are queued chunk by chunk as their documents are stored, so workers start on the first
  // files while the rest are still being read and stored.
  const { batchId, items, jobs } = await registerInputs(store, kind, inputs.paths, {
    onBatch: (id) => ctx.heartbeat.hold(id),
    ...(resumed ? { resume: { batchId: resumed.batchId, processed: resumed.processed } } : key ? { inputsKey: key } : {}),
    ...(inputs.force ? { force: true } : {}),
    ...(inputs.source ? { source: inputs.source } : {}),
    ...(inputs.onlyNew ? { onlyNew: true } : {}),
    ...(inputs.maxBytes ? { maxBytes: inputs.maxBytes } : {}),
    ...(queues ? { onJobs: (chunk) => queues.add(chunk) } : {}),
  });
  if (items.length === 0 && inputs.onlyNew) {
    await store.discardEmptyBatch(batchId);
    return null;
  }
  return { batchId, items, jobs, queued: queues !== null };
}
