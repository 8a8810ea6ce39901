/**
 * A pool of worker threads (one per core by default) that each run processDocument on compiled
 * JS. Parsing is CPU-bound and a hostile file may spin or balloon: in a thread it can be timed out
 * and killed without blocking the caller's event loop (a queue worker's job locks keep being
 * renewed) or taking the batch down. Every run gets an audit: a thread past the time limit is
 * terminated (`timeout`), one that runs out of its heap is replaced (`too-large`).
 *
 * Used by `doisoat check` (pipeline/pool.ts), by the in-process store runner and by queue workers.
 */
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { DoisoatError, type ErrorCode } from '../core/errors.js';
import type { ReportAudit } from '../core/report-audit.js';
import type { ReadOptions } from '../extractors/formats/index.js';
import type { OcrPage, OcrService } from '../extractors/formats/ocr-service.js';
import { errorAudit } from './audit.js';
import { serveOcr } from './ocr-bridge.js';
import { formatOf, sha256Of } from './process.js';

export interface TaskMessage {
  id: number;
  file: string;
  bytes: ArrayBuffer;
  read?: ReadOptions;
  /** Whether scans may be sent back for OCR. */
  ocr: boolean;
}

export interface ResultMessage {
  id: number;
  audit: ReportAudit;
}

export interface DocumentPoolOptions {
  /** Worker threads; default: the number of cores. */
  concurrency?: number;
  /** Per-file time limit in ms (default 180 s). */
  timeoutMs?: number;
  /** Heap limit per worker thread in MB (default 256). */
  maxHeapMb?: number;
  read?: ReadOptions;
  /**
   * The process's OCR engine, asked for on the first scanned page. Without it a scan gets an
   * error audit. `'defer'`: scans are not read here; the run reports `needsOcr` instead (queue
   * workers hand such documents to the scans queue).
   */
  ocr?: (() => OcrService) | 'defer';
}

export interface PoolRun {
  audit: ReportAudit;
  /** The document asked for OCR and the pool was told to defer it: `audit` is not its result. */
  needsOcr: boolean;
}

// Generous for scans: a 10-page scan is OCR'd in well under a minute on 2 cores.
export const DEFAULT_TIMEOUT_MS = 180_000;
const DEFAULT_HEAP_MB = 256;

/** Rejects every page at once: the document is marked and handed to a process that does OCR. */
class DeferredOcr extends DoisoatError {}
const deferOcr: OcrService = {
  recognize: (): Promise<OcrPage> => Promise.reject(new DeferredOcr('internal-error', 'OCR deferred to the scans queue')),
};

/**
 * Starts a worker thread running worker-thread.{js,ts}. Built code runs the .js directly; from
 * TypeScript sources (tests, `node --import tsx`) the worker first registers tsx, since Node 20
 * does not apply --import to a worker's entry module.
 */
function startWorker(maxHeapMb: number): Worker {
  const resourceLimits = { maxOldGenerationSizeMb: maxHeapMb };
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./worker-thread.js', import.meta.url), { resourceLimits });
  const entry = new URL('./worker-thread.ts', import.meta.url).href;
  const boot = `import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(boot, { eval: true, resourceLimits });
}

interface Slot {
  worker: Worker;
  /** Set when the current document asked for OCR. */
  askedOcr: boolean;
}

interface Pending {
  file: string;
  bytes: Uint8Array;
  sha256: string;
  resolve: (run: PoolRun) => void;
}

export class DocumentPool {
  readonly size: number;
  readonly #timeoutMs: number;
  readonly #maxHeapMb: number;
  readonly #options: DocumentPoolOptions;
  readonly #idle: Slot[] = [];
  readonly #queue: Pending[] = [];
  readonly #slots = new Set<Slot>();
  #nextId = 0;
  #closed = false;

  constructor(options: DocumentPoolOptions = {}) {
    this.size = Math.max(1, options.concurrency ?? os.availableParallelism());
    this.#timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.#maxHeapMb = options.maxHeapMb ?? DEFAULT_HEAP_MB;
    this.#options = options;
  }

  /** Processes one document (queued while every thread is busy). Never rejects. */
  run(file: string, bytes: Uint8Array, sha256: string = sha256Of(bytes)): Promise<PoolRun> {
    if (this.#closed) return Promise.resolve({ audit: this.#failed(file, sha256, bytes, 'internal-error', 'Bộ xử lý đã đóng.'), needsOcr: false });
    return new Promise<PoolRun>((resolve) => {
      this.#queue.push({ file, bytes, sha256, resolve });
      this.#pump();
    });
  }

  /** Stops every thread; documents still queued get an error audit. */
  async close(): Promise<void> {
    this.#closed = true;
    for (const p of this.#queue.splice(0)) p.resolve({ audit: this.#failed(p.file, p.sha256, p.bytes, 'internal-error', 'Bộ xử lý đã đóng.'), needsOcr: false });
    await Promise.all([...this.#slots].map((s) => s.worker.terminate()));
    this.#slots.clear();
    this.#idle.length = 0;
  }

  #spawn(): Slot {
    const slot: Slot = { worker: startWorker(this.#maxHeapMb), askedOcr: false };
    const ocr = this.#options.ocr;
    if (ocr) {
      serveOcr(slot.worker, () => {
        slot.askedOcr = true;
        return ocr === 'defer' ? deferOcr : ocr();
      });
    }
    this.#slots.add(slot);
    return slot;
  }

  #pump(): void {
    while (this.#queue.length > 0 && !this.#closed) {
      let slot = this.#idle.pop();
      if (!slot) {
        if (this.#slots.size >= this.size) return;
        slot = this.#spawn();
      }
      this.#start(slot, this.#queue.shift()!);
    }
  }

  #release(slot: Slot, replace: boolean): void {
    if (replace) {
      this.#slots.delete(slot);
      void slot.worker.terminate();
      if (!this.#closed) this.#idle.push(this.#spawn());
    } else if (!this.#closed) {
      this.#idle.push(slot);
    }
    this.#pump();
  }

  #failed(file: string, sha256: string, bytes: Uint8Array, code: ErrorCode, detail?: string): ReportAudit {
    const e = detail ? DoisoatError.withDetail(code, detail) : new DoisoatError(code);
    return errorAudit(file, sha256, formatOf(bytes), code, e.userMessage);
  }

  #start(slot: Slot, task: Pending): void {
    const id = this.#nextId++;
    const { file, sha256 } = task;
    // The thread gets its own copy: the buffer is transferred.
    const bytes = task.bytes.slice();
    slot.askedOcr = false;
    let settled = false;
    const settle = (audit: ReportAudit, replaceWorker: boolean): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      slot.worker.off('message', onMessage);
      slot.worker.off('error', onError);
      slot.worker.off('exit', onExit);
      const needsOcr = slot.askedOcr && this.#options.ocr === 'defer';
      this.#release(slot, replaceWorker);
      task.resolve({ audit, needsOcr });
    };
    const onMessage = (msg: ResultMessage | { type: string }): void => {
      if ('audit' in msg && msg.id === id) settle(msg.audit, false);
    };
    const onError = (err: Error & { code?: string }): void => {
      const oom = err.code === 'ERR_WORKER_OUT_OF_MEMORY';
      settle(oom ? this.#failed(file, sha256, task.bytes, 'too-large', `Cần quá ${this.#maxHeapMb} MB bộ nhớ để đọc tệp.`) : this.#failed(file, sha256, task.bytes, 'internal-error'), true);
    };
    const onExit = (): void => settle(this.#failed(file, sha256, task.bytes, 'internal-error'), true);
    const timer = setTimeout(() => {
      settle(this.#failed(file, sha256, task.bytes, 'timeout', `Giới hạn ${Math.round(this.#timeoutMs / 1000)} giây.`), true);
    }, this.#timeoutMs);
    slot.worker.on('message', onMessage);
    slot.worker.once('error', onError);
    slot.worker.once('exit', onExit);
    const message: TaskMessage = {
      id,
      file,
      bytes: bytes.buffer as ArrayBuffer,
      ocr: this.#options.ocr !== undefined,
      ...(this.#options.read ? { read: this.#options.read } : {}),
    };
    slot.worker.postMessage(message, [message.bytes]);
  }
}
