/**
 * Nightly runs over an inbox folder. `doisoat schedule` registers a BullMQ job scheduler
 * (upsertJobScheduler, cron and time zone); each time it fires, a worker runs `runNightly`: the
 * inbox's files the store has never seen become a batch, are queued, and when the batch ends its
 * summary (CSV and JSON) is written to the outbox.
 */
import { Queue } from 'bullmq';
import { summaryRow, writeSummary } from '../exports/summary.js';
import { itemSha, type Store, type SubmittedItem } from '../store/store.js';
import { waitForBatch } from './batches.js';
import { NIGHTLY_QUEUE, redisConnection, type DocumentQueues, type QueueConfig } from './queues.js';
import { submittedItems } from './submit.js';

export interface NightlyJob {
  inbox: string;
  outbox: string;
}

export interface NightlyResult {
  batchId: string | null;
  files: number;
  csv?: string;
  json?: string;
}

export interface NightlyContext {
  store: Store;
  queues: DocumentQueues;
  log?: (line: string) => void;
  /** How long to wait for the batch before writing what is there (default 12 h). */
  waitMs?: number;
}

export async function runNightly(job: NightlyJob, ctx: NightlyContext): Promise<NightlyResult> {
  const log = ctx.log ?? ((): void => {});
  const all = await submittedItems([job.inbox]);
  const shaOf = (i: SubmittedItem): string | null => itemSha(i) ?? ('sha256' in i && i.sha256 ? i.sha256 : null);
  const known = await ctx.store.knownDocuments(all.flatMap((i) => shaOf(i) ?? []));
  // Seen = the store has these bytes (from any batch, under any name).
  const fresh = all.filter((i) => {
    const sha = shaOf(i);
    return sha === null || !known.has(sha);
  });
  if (fresh.length === 0) {
    log(`Hộp thư ${job.inbox}: không có tệp mới.`);
    return { batchId: null, files: 0 };
  }
  const batch = await ctx.store.registerBatch('nightly', fresh, { source: job.inbox });
  const jobs = fresh.flatMap((i) => ('file' in i ? [{ sha256: i.file.sha256, format: i.file.format, batchId: batch.id, force: false }] : []));
  await ctx.queues.add(jobs);
  log(`Hộp thư ${job.inbox}: ${fresh.length} tệp mới, lô ${batch.id}.`);
  await waitForBatch(ctx.store, batch.id, { pollMs: 1000, timeoutMs: ctx.waitMs ?? 12 * 3600_000 });
  const audits = await ctx.store.batchAudits(batch.id);
  const finishedAt = new Date().toISOString();
  const stem = `doisoat-${finishedAt.slice(0, 19).replace(/[:T]/g, '-')}-${batch.id.slice(0, 8)}`;
  const files = await writeSummary(job.outbox, stem, {
    batchId: batch.id,
    source: job.inbox,
    createdAt: (await ctx.store.batchInfo(batch.id))?.createdAt ?? finishedAt,
    finishedAt,
    reports: audits.map(summaryRow),
  });
  log(`Đã ghi tổng hợp: ${files.csv}`);
  return { batchId: batch.id, files: fresh.length, ...files };
}

export interface ScheduleOptions {
  inbox: string;
  outbox: string;
  /** Cron pattern, e.g. "0 2 * * *"; or `everyMs` (tests, short intervals). */
  cron?: string;
  everyMs?: number;
  tz?: string;
}

/** The scheduler's id: one per inbox, so scheduling the same inbox again updates it. */
export function schedulerId(inbox: string): string {
  return `nightly:${inbox}`;
}

export async function upsertSchedule(config: QueueConfig, options: ScheduleOptions): Promise<void> {
  const connection = redisConnection(config);
  const queue = new Queue<NightlyJob>(NIGHTLY_QUEUE, { connection, prefix: config.prefix });
  try {
    const repeat = options.everyMs ? { every: options.everyMs } : { pattern: options.cron ?? '0 2 * * *', ...(options.tz ? { tz: options.tz } : {}) };
    // One nightly run at a time across all workers: two runs of one inbox at once would both
    // take its new files as theirs.
    await queue.setGlobalConcurrency(1);
    await queue.upsertJobScheduler(schedulerId(options.inbox), repeat, {
      name: 'nightly',
      data: { inbox: options.inbox, outbox: options.outbox },
      opts: { attempts: 3, backoff: { type: 'exponential', delay: 60_000 }, removeOnComplete: 50, removeOnFail: 50 },
    });
  } finally {
    await queue.close();
    connection.disconnect();
  }
}

export async function removeSchedule(config: QueueConfig, inbox: string): Promise<boolean> {
  const connection = redisConnection(config);
  const queue = new Queue<NightlyJob>(NIGHTLY_QUEUE, { connection, prefix: config.prefix });
  try {
    return await queue.removeJobScheduler(schedulerId(inbox));
  } finally {
    await queue.close();
    connection.disconnect();
  }
}
