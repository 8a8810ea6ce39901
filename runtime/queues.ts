/**
 * The BullMQ side: queue names, the Redis connection, job options, and adding a batch's
 * documents. Redis is transport only: everything a job needs is in the store, and a job carries
 * the document's sha256 (its id: the same file queued twice is one job) and its batch id.
 */
import { Queue, type JobsOptions } from 'bullmq';
import { Redis } from 'ioredis';
import { DoisoatError } from '../core/errors.js';
import { maskUrl } from '../core/redact.js';
import type { DocumentJob } from './job-processor.js';

/** Typed documents; a PDF that turns out to need OCR is handed on to the scans queue. */
export const TYPED_QUEUE = 'typed';
/** Scans and photos: OCR, slow; their own queue so they never hold back typed files. */
export const SCANS_QUEUE = 'scans';
/** Nightly inbox runs (job schedulers). */
export const NIGHTLY_QUEUE = 'nightly';

export const JOB_NAME = 'document';

/** A nightly run's job: the inbox to read and the outbox its summary goes to. */
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

/** Transient failures (database, Redis) are retried 5 times, 2 s, 4 s, 8 s…; nothing forever. */
export const DOCUMENT_JOB_OPTIONS: JobsOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 2000 },
  removeOnComplete: true,
  // Kept a week for `doisoat status`; the store holds the error audit in any case.
  removeOnFail: { age: 7 * 24 * 3600 },
};

export interface QueueConfig {
  redisUrl: string;
  /** Key prefix, so several installations (or test runs) can share one Redis. */
  prefix: string;
}

export function queueConfigFromEnv(env: NodeJS.ProcessEnv = process.env): QueueConfig | null {
  const redisUrl = env['REDIS_URL'];
  if (!redisUrl) return null;
  return { redisUrl, prefix: env['DOISOAT_QUEUE_PREFIX'] || 'doisoat' };
}

/**
 * A connection for BullMQ. `maxRetriesPerRequest: null` is what BullMQ requires of a worker's
 * connection: commands wait for Redis to come back instead of failing the worker.
 */
export function redisConnection(config: QueueConfig, options: { failFast?: boolean } = {}): Redis {
  const redis = new Redis(config.redisUrl, {
    maxRetriesPerRequest: options.failFast ? 1 : null,
    enableOfflineQueue: !options.failFast,
    lazyConnect: false,
  });
  // Connection errors are retried by ioredis and reported by BullMQ; without a listener they
  // would be printed as unhandled.
  redis.on('error', () => {});
  return redis;
}

export function documentQueueFor(format: string): typeof TYPED_QUEUE | typeof SCANS_QUEUE {
  // A scanned PDF is only known as one once read: the typed queue hands it on (queue-worker.ts).
  return format === 'image' ? SCANS_QUEUE : TYPED_QUEUE;
}

/** Job ids: the sha256; a forced run gets its own id so it is not merged with a pending one. */
export function jobIdFor(job: DocumentJob): string {
  return job.force && job.batchId ? `${job.sha256}-force-${job.batchId}` : job.sha256;
}

export class DocumentQueues {
  readonly typed: Queue<DocumentJob>;
  readonly scans: Queue<DocumentJob>;
  readonly #connection: Redis;

  constructor(config: QueueConfig, connection: Redis = redisConnection(config)) {
    this.#connection = connection;
    this.typed = new Queue<DocumentJob>(TYPED_QUEUE, { connection, prefix: config.prefix });
    this.scans = new Queue<DocumentJob>(SCANS_QUEUE, { connection, prefix: config.prefix });
  }

  queue(name: string): Queue<DocumentJob> {
    return name === SCANS_QUEUE ? this.scans : this.typed;
  }

  /**
   * Adds one job per document, in one bulk per queue. A job already waiting or running under the
   * same id absorbs the new one; a failed one left from an earlier try is removed first, so the
   * document is tried again.
   */
  async add(jobs: ReadonlyArray<DocumentJob & { format: string }>): Promise<void> {
    const byQueue = new Map<Queue<DocumentJob>, Array<{ name: string; data: DocumentJob; opts: JobsOptions }>>();
    for (let i = 0; i < jobs.length; i += 500) {
      // Looked up together: ioredis sends the commands without waiting for each answer (one at a
      // time, a thousand jobs kept the workers waiting a thousand round trips).
      await Promise.all(
        jobs.slice(i, i + 500).map(async (j) => {
          const old = await this.queue(documentQueueFor(j.format)).getJob(jobIdFor(j));
          if (old && (await old.isFailed())) await old.remove();
        }),
      );
    }
    for (const j of jobs) {
      const queue = this.queue(documentQueueFor(j.format));
      const data: DocumentJob = { sha256: j.sha256, batchId: j.batchId, force: j.force };
      const list = byQueue.get(queue) ?? [];
      list.push({ name: JOB_NAME, data, opts: { ...DOCUMENT_JOB_OPTIONS, jobId: jobIdFor(j) } });
      byQueue.set(queue, list);
    }
    for (const [queue, list] of byQueue) {
      for (let i = 0; i < list.length; i += 500) await queue.addBulk(list.slice(i, i + 500));
    }
  }

  /** Workers connected to Redis that take jobs of these queues (default: both). */
  async workerCount(names: readonly string[] = [TYPED_QUEUE, SCANS_QUEUE]): Promise<number> {
    const counts = await Promise.all([...new Set(names)].map((name) => this.queue(name).getWorkersCount()));
    return counts.reduce((a, b) => a + b, 0);
  }

  /**
   * Where the jobs of these ids are, in either queue: one running ('active'), else one waiting
   * its turn ('waiting': waiting, delayed, prioritized), else 'none' (done, failed or never queued).
   */
  async jobsState(ids: readonly string[]): Promise<'active' | 'waiting' | 'none'> {
    let waiting = false;
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = ids.slice(i, i + 500);
      // Sent together: ioredis pipelines them without waiting for each answer.
      const states = await Promise.all(chunk.flatMap((id) => [this.typed.getJobState(id), this.scans.getJobState(id)]));
      if (states.includes('active')) return 'active';
      waiting ||= states.some((s) => s === 'waiting' || s === 'delayed' || s === 'prioritized' || s === 'waiting-children');
    }
    return waiting ? 'waiting' : 'none';
  }

  async close(): Promise<void> {
    await Promise.all([this.typed.close(), this.scans.close()]);
    this.#connection.disconnect();
  }
}

/** Queues the jobs over a connection of their own (the CLI's one-shot commands). */
export async function queueJobs(config: QueueConfig, jobs: ReadonlyArray<DocumentJob & { format: string }>): Promise<void> {
  const queues = new DocumentQueues(config);
  try {
    await queues.add(jobs);
  } finally {
    await queues.close();
  }
}

/** Fails fast with a Vietnamese message when Redis cannot be reached (the CLI's commands). */
export async function pingRedis(config: QueueConfig): Promise<void> {
  const redis = new Redis(config.redisUrl, { maxRetriesPerRequest: 1, enableOfflineQueue: false, lazyConnect: true, retryStrategy: () => null });
  redis.on('error', () => {});
  try {
    await redis.connect();
    await redis.ping();
  } catch (err) {
    throw DoisoatError.withDetail('connection-failed', `Redis (${maskUrl(config.redisUrl)}) không trả lời; hãy kiểm tra REDIS_URL và máy chủ Redis.`, err);
  } finally {
    redis.disconnect();
  }
}
