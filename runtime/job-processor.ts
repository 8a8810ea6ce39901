/**
 * The processor: one stored document in, its audit stored. The same function runs for a BullMQ
 * job (runtime/queue-worker.ts) and in-process (runtime/local-runner.ts); it reads its bytes
 * from the store (jobs carry ids only) and parses them in a DocumentSlots slot, so the caller's
 * event loop stays free. Bad input is a result (an audit with `error`), not a failure: only what
 * may pass (the database, Redis) throws and is retried.
 */
import os from 'node:os';
import type { DocumentSlots } from './document-slots.js';
import type { Store } from '../store/store.js';

/** What a job carries: ids only, no names or content (they may be personal data). */
export interface DocumentJob {
  sha256: string;
  batchId: string | null;
  /** Process again even if the document has a result. */
  force: boolean;
}

export type ProcessOutcome = 'stored' | 'kept' | 'deferred' | 'missing';

export interface ProcessorContext {
  store: Store;
  slots: DocumentSlots;
  /** Queue name, or 'local' in-process. */
  queue: string;
  /** Who ran it (host:pid), recorded with the run. */
  worker?: string;
}

export const WORKER_ID = `${os.hostname()}:${process.pid}`;

export async function processStoredDocument(job: DocumentJob, ctx: ProcessorContext): Promise<ProcessOutcome> {
  const started = performance.now();
  const { runId, doc } = await ctx.store.beginRun({ sha256: job.sha256, batchId: job.batchId, queue: ctx.queue, worker: ctx.worker ?? WORKER_ID });
  try {
    let outcome: ProcessOutcome;
    if (doc?.hasResult && !job.force) {
      // A job may be delivered again (a stalled lock, reconcile after a Redis restart): the
      // stored result is the answer, not a second parse.
      outcome = 'kept';
    } else if (!doc) {
      // Not registered (a job from another installation sharing the prefix, or a wiped
      // database): nothing to process or to store, and retrying will not change that.
      outcome = 'missing';
    } else {
      const run = await ctx.slots.run(doc.firstPath, doc.bytes, job.sha256);
      if (run.needsOcr) outcome = 'deferred';
      else {
        // The run is finished in the same write as the audits.
        return await ctx.store.saveAudits(job.sha256, run.audits, { batchId: job.batchId, replace: job.force, run: { id: runId, startedMs: started } });
      }
    }
    await ctx.store.finishRun(runId, outcome, started);
    return outcome;
  } catch (err) {
    await ctx.store.finishRun(runId, 'failed', started, err instanceof Error ? err.message : String(err)).catch(() => {});
    throw err;
  }
}
