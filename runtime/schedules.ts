/**
 * Nightly runs as BullMQ job schedulers (upsertJobScheduler, cron and time zone), one per inbox;
 * a running worker carries each one out (batches/nightly.ts says what a run does).
 */
import { Queue } from 'bullmq';
import { NIGHTLY_QUEUE, redisConnection, type NightlyJob, type QueueConfig } from './queues.js';

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
