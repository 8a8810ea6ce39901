/**
 * Nightly runs over an inbox folder. `doisoat schedule` registers a BullMQ job scheduler
 * (upsertJobScheduler, cron and time zone); each time it fires, a worker runs `runNightly`: the
 * inbox's files the store has never seen become a batch, are queued, and when the batch ends its
 * summary (CSV and JSON) is written to the outbox.
 */
import { Queue } from 'bullmq';
import { summaryRow, writeSummary } from '../exports/summary.js';
import type { Store } from '../store/store.js';
import { waitForBatch } from './wait.js';
import { NIGHTLY_QUEUE, redisConnection, type DocumentQueues, type QueueConfig } from '../runtime/queues.js';
import { ResultHints } from '../runtime/result-hints.js';
import { registerInputs } from './register.js';

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
  /** The queues' Redis, for the result hints the run waits on. */
  config: QueueConfig;
  log?: (line: string) => void;
  /** How long to wait for the batch before writing what is there (default 12 h). */
  waitMs?: number;
}

export async function runNightly(job: NightlyJob, ctx: NightlyContext): Promise<NightlyResult> {
  const log = ctx.log ?? ((): void => {});
  // Seen = the store has these bytes (from any batch, under any name).
  const { batchId, items, jobs } = await registerInputs(ctx.store, 'nightly', [job.inbox], { source: job.inbox, onlyNew: true });
  if (items.length === 0) {
    await ctx.store.discardEmptyBatch(batchId);
    log(`Hộp thư ${job.inbox}: không có tệp mới.`);
    return { batchId: null, files: 0 };
  }
  // Listening only while this run waits: every worker process would otherwise hear every result.
  const hints = await ResultHints.subscribe(ctx.config);
  try {
    await ctx.queues.add(jobs);
    log(`Hộp thư ${job.inbox}: ${items.length} tệp mới, lô ${batchId}.`);
    await waitForBatch(ctx.store, batchId, { timeoutMs: ctx.waitMs ?? 12 * 3600_000, hints });
  } finally {
    hints.close();
  }
  const audits = await ctx.store.batchAudits(batchId);
  const finishedAt = new Date().toISOString();
  const stem = `doisoat-${finishedAt.slice(0, 19).replace(/[:T]/g, '-')}-${batchId.slice(0, 8)}`;
  const files = await writeSummary(job.outbox, stem, {
    batchId: batchId,
    source: job.inbox,
    createdAt: (await ctx.store.batchInfo(batchId))?.createdAt ?? finishedAt,
    finishedAt,
    reports: audits.map(summaryRow),
  });
  log(`Đã ghi tổng hợp: ${files.csv}`);
  return { batchId: batchId, files: items.length, ...files };
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
