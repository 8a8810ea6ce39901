/**
 * Nightly runs over an inbox folder. `doisoat schedule` registers a BullMQ job scheduler
 * (upsertJobScheduler, cron and time zone); each time it fires, a worker runs `runNightly`: the
 * inbox's files the store has never seen become a batch, are queued, and when the batch ends its
 * summary (CSV and JSON) is written to the outbox.
 */
import { summaryRow, writeSummary } from '../exports/summary.js';
import type { DocumentQueues, NightlyJob, NightlyResult, QueueConfig } from '../runtime/queues.js';
import type { Store } from '../store/store.js';
import { runBatch } from './run-batch.js';

export interface NightlyContext {
  store: Store;
  /** The worker's queues the run's documents are added to. */
  queues: DocumentQueues;
  /** The queues' Redis, for the result hints the run waits on. */
  config: QueueConfig;
  log?: (line: string) => void;
  /** How long to wait for the batch before writing what is there (default 12 h). */
  waitMs?: number;
}

export async function runNightly(job: NightlyJob, ctx: NightlyContext): Promise<NightlyResult> {
  const log = ctx.log ?? ((): void => {});
  // Seen = the store has these bytes (from any batch, under any name).
  const batch = await runBatch(
    ctx.store,
    'nightly',
    { kind: 'paths', paths: [job.inbox], source: job.inbox, onlyNew: true },
    { kind: 'queue', config: ctx.config, queues: ctx.queues },
    {
      waitMs: ctx.waitMs ?? 12 * 3600_000,
      onRegistered: ({ batchId, items }) => log(`Hộp thư ${job.inbox}: ${items.length} tệp mới, lô ${batchId}.`),
    },
  );
  const { batchId, audits } = batch;
  if (batchId === null || audits === null) {
    log(`Hộp thư ${job.inbox}: không có tệp mới.`);
    return { batchId: null, files: 0 };
  }
  const finishedAt = new Date().toISOString();
  const stem = `doisoat-${finishedAt.slice(0, 19).replace(/[:T]/g, '-')}-${batchId.slice(0, 8)}`;
  const files = await writeSummary(job.outbox, stem, {
    batchId,
    source: job.inbox,
    createdAt: (await ctx.store.batchInfo(batchId))?.createdAt ?? finishedAt,
    finishedAt,
    reports: audits.map(summaryRow),
  });
  log(`Đã ghi tổng hợp: ${files.csv}`);
  return { batchId, files: batch.items.length, ...files };
}
