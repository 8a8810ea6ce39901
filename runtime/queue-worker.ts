/**
 * `doisoat worker`: BullMQ workers for the typed, scans and nightly queues in one process.
 * Each document job is parsed in a DocumentSlots slot (a single-threaded child process of compiled
 * JS, with time and heap limits), so this process's event loop only moves messages and keeps the
 * job locks renewed. A typed PDF
 * that turns out to be a scan is handed on to the scans queue, so one slow scan never holds back
 * a hundred typed files. SIGTERM: `close()` lets running jobs finish (or, past the grace time,
 * leaves them to be taken up again by another worker once their lock expires).
 */
import { Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { errorAudit, type AuditFormat } from '../core/report-audit.js';
import type { Store } from '../store/store.js';
import { DocumentSlots, SINGLE_THREADED_PROCESSES, slotsFromEnv } from './document-slots.js';
import { closeProcessOcr, processOcr } from './ocr/process-ocr.js';
import { publishResult } from './result-hints.js';
import { processStoredDocument, WORKER_ID, type DocumentJob, type ProcessOutcome } from './job-processor.js';
import { DOCUMENT_JOB_OPTIONS, DocumentQueues, JOB_NAME, NIGHTLY_QUEUE, redisConnection, SCANS_QUEUE, TYPED_QUEUE, type NightlyJob, type NightlyResult, type QueueConfig } from './queues.js';

export interface QueueWorkerOptions {
  store: Store;
  config: QueueConfig;
  /** Typed documents at once (child processes); default: the number of cores. */
  concurrency?: number;
  /** Scans at once (each OCR'd by the process's tesseract pool, sized to the cores); default 1. */
  scansConcurrency?: number;
  /** Job lock time in ms (BullMQ's default 30 s); a job whose worker died is taken up after it. */
  lockDurationMs?: number;
  /** Per-document time limit in ms. */
  timeoutMs?: number;
  log?: (line: string) => void;
  /** Carries out a nightly run (batches/nightly.ts); without it this worker takes no nightly jobs. */
  nightly?: NightlyRunner;
}

/** What a nightly job runs, given this worker's queues to add the run's documents to. */
export type NightlyRunner = (job: NightlyJob, context: { queues: DocumentQueues; log: (line: string) => void }) => Promise<NightlyResult>;

export class QueueWorker {
  readonly #workers: Worker[] = [];
  readonly #slots: DocumentSlots[] = [];
  readonly #queues: DocumentQueues;
  readonly #connection: Redis;
  #closing: Promise<void> | null = null;

  private constructor(queues: DocumentQueues, connection: Redis) {
    this.#queues = queues;
    this.#connection = connection;
  }

  static async start(options: QueueWorkerOptions): Promise<QueueWorker> {
    const { store, config } = options;
    const log = options.log ?? ((): void => {});
    const connection = redisConnection(config);
    const queues = new DocumentQueues(config, connection);
    const self = new QueueWorker(queues, connection);
    const concurrency = Math.max(1, options.concurrency ?? (await import('node:os')).availableParallelism());
    const scansConcurrency = Math.max(1, options.scansConcurrency ?? 1);
    const timing = {
      ...(options.lockDurationMs ? { lockDuration: options.lockDurationMs, stalledInterval: options.lockDurationMs } : {}),
      // A job whose worker died twice is failed rather than handed round forever.
      maxStalledCount: 2,
    };
    // Documents run in single-threaded child processes whatever -c says: a worker cannot see the
    // other workers on its machine, nor leave V8 helper threads a core that this process's OCR
    // pool (sized to the cores) may need. Two `worker -c 1` on 2 cores then parse as two whole
    // cores rather than each thread with its helpers fighting for both.
    const slotOptions = { ...(slotsFromEnv() ?? SINGLE_THREADED_PROCESSES), ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}) };
    const typedSlots = new DocumentSlots({ concurrency, ocr: 'defer', ...slotOptions });
    const scansSlots = new DocumentSlots({ concurrency: scansConcurrency, ocr: processOcr, ...slotOptions });
    self.#slots.push(typedSlots, scansSlots);

    const documentProcessor =
      (queue: string, slots: DocumentSlots) =>
      async (job: Job<DocumentJob>): Promise<ProcessOutcome> => {
        const outcome = await processStoredDocument(job.data, { store, slots, queue, worker: WORKER_ID });
        if (outcome === 'deferred') {
          await queues.scans.add(JOB_NAME, job.data, { ...DOCUMENT_JOB_OPTIONS, jobId: job.id! });
          log(`Chuyển sang hàng đợi bản scan: ${job.data.sha256.slice(0, 12)}`);
        } else {
          // The result is stored. Not awaited: a lost hint only makes a waiter ask the store later.
          void publishResult(connection, config, job.data.sha256).catch(() => {});
        }
        return outcome;
      };
    const base = { connection, prefix: config.prefix, ...timing };
    // Twice as many typed jobs in flight as threads: while one job's result is written to the
    // store, the thread already parses the next.
    const typed = new Worker<DocumentJob, ProcessOutcome>(TYPED_QUEUE, documentProcessor(TYPED_QUEUE, typedSlots), { ...base, concurrency: concurrency * 2 });
    const scans = new Worker<DocumentJob, ProcessOutcome>(SCANS_QUEUE, documentProcessor(SCANS_QUEUE, scansSlots), { ...base, concurrency: scansConcurrency });
    self.#workers.push(typed, scans);

    for (const w of [typed, scans]) {
      w.on('failed', (job, err) => {
        if (!job) return;
        const attempts = job.opts.attempts ?? 1;
        log(`Lỗi xử lý ${job.data.sha256.slice(0, 12)} (lần ${job.attemptsMade}/${attempts}): ${err.message}`);
        if (job.attemptsMade < attempts) return;
        // Out of retries: the document still gets a result, with the reason, instead of none.
        // (If the store itself is what fails, this fails too, and `reconcile` picks it up later.)
        void (async () => {
          const doc = await store.getDocument(job.data.sha256);
          const message = `Xử lý thất bại sau ${attempts} lần thử (${err.message}).`;
          const audit = errorAudit(doc?.first_path ?? job.data.sha256, job.data.sha256, 'unknown', 'internal-error', message);
          await store.saveAudit(job.data.sha256, doc ? { ...audit, format: doc.format as AuditFormat } : audit, { batchId: job.data.batchId });
          await publishResult(connection, config, job.data.sha256);
        })().catch(() => {});
      });
    }
    const runNightly = options.nightly;
    if (runNightly) {
      const nightly = new Worker<NightlyJob, NightlyResult>(NIGHTLY_QUEUE, async (job) => runNightly(job.data, { queues, log }), { ...base, concurrency: 1 });
      self.#workers.push(nightly);
      nightly.on('failed', (job, err) => log(`Lần chạy định kỳ ${job?.data.inbox ?? ''} lỗi: ${err.message}`));
      nightly.on('completed', (job, result: NightlyResult) => {
        if (result.batchId) log(`Lần chạy định kỳ ${job.data.inbox}: xong lô ${result.batchId}.`);
      });
    }
    for (const w of self.#workers) w.on('error', (err) => log(`Lỗi hàng đợi: ${err.message}`));
    await Promise.all(self.#workers.map((w) => w.waitUntilReady()));
    return self;
  }

  /**
   * Stops taking jobs and lets the running ones finish; past `graceMs` stops at once, and the
   * jobs still running are taken up by another worker when their locks expire.
   */
  close(graceMs = 60_000): Promise<void> {
    this.#closing ??= (async () => {
      const graceful = Promise.all(this.#workers.map((w) => w.close()));
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<'late'>((resolve) => {
        timer = setTimeout(() => resolve('late'), graceMs);
      });
      if ((await Promise.race([graceful, late])) === 'late') await Promise.all(this.#workers.map((w) => w.close(true)));
      clearTimeout(timer);
      await Promise.all(this.#slots.map((p) => p.close()));
      await closeProcessOcr();
      await this.#queues.close();
      this.#connection.disconnect();
    })();
    return this.#closing;
  }
}
