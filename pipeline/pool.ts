/**
 * The in-process runner: a small pool of worker threads (one per core by default) that each run
 * processDocument. Every file gets an audit: a thread that exceeds the time limit is terminated
 * (`timeout`), one that runs out of its heap is replaced (`too-large`), and the batch goes on.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { DoisoatError, type ErrorCode } from '../core/errors.js';
import type { ReportAudit } from '../core/report-audit.js';
import type { ReadOptions } from '../extractors/formats/index.js';
import type { OcrService } from '../extractors/formats/ocr-service.js';
import { errorAudit, NO_FILE_SHA } from './audit.js';
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

export interface PoolOptions {
  /** Worker threads; default: the number of cores. */
  concurrency?: number;
  /** Per-file time limit in ms (default 60 s). */
  timeoutMs?: number;
  /** Heap limit per worker thread in MB (default 256). */
  maxHeapMb?: number;
  /** Largest file read at all, in bytes (default 50 MiB). */
  maxBytes?: number;
  read?: ReadOptions;
  /** The process's OCR engine, created on the first scan; without it scans get an error audit. */
  ocr?: () => OcrService;
  /** Called as each file finishes (in completion order). */
  onResult?: (audit: ReportAudit, index: number) => void;
}

// Generous for scans: a 10-page scan is OCR'd in well under a minute on 2 cores.
const DEFAULT_TIMEOUT_MS = 180_000;
const DEFAULT_HEAP_MB = 256;
const DEFAULT_MAX_BYTES = 50 * 1024 * 1024;

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
  busy: boolean;
}

/** Checks every file and returns their audits in input order. */
export async function checkFiles(paths: readonly string[], options: PoolOptions = {}): Promise<ReportAudit[]> {
  if (paths.length === 0) return [];
  const results: ReportAudit[] = new Array<ReportAudit>(paths.length);
  const concurrency = Math.max(1, Math.min(options.concurrency ?? os.availableParallelism(), paths.length || 1));
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxHeapMb = options.maxHeapMb ?? DEFAULT_HEAP_MB;
  const maxBytes = options.maxBytes ?? options.read?.maxBytes ?? DEFAULT_MAX_BYTES;
  let next = 0;

  const spawn = (): Worker => {
    const worker = startWorker(maxHeapMb);
    if (options.ocr) serveOcr(worker, options.ocr);
    return worker;
  };

  const finish = (index: number, audit: ReportAudit): void => {
    results[index] = audit;
    options.onResult?.(audit, index);
  };

  const runOne = (slot: Slot, index: number): Promise<void> =>
    new Promise<void>((resolve) => {
      const file = paths[index]!;
      void load(file, maxBytes).then((loaded) => {
        if ('audit' in loaded) {
          finish(index, loaded.audit);
          resolve();
          return;
        }
        const { bytes, sha256 } = loaded;
        const format = formatOf(bytes);
        let settled = false;
        const settle = (audit: ReportAudit, replaceWorker: boolean): void => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          slot.worker.off('message', onMessage);
          slot.worker.off('error', onError);
          slot.worker.off('exit', onExit);
          if (replaceWorker) {
            void slot.worker.terminate();
            slot.worker = spawn();
          }
          finish(index, audit);
          resolve();
        };
        const failed = (code: ErrorCode, detail?: string): ReportAudit => {
          const e = detail ? DoisoatError.withDetail(code, detail) : new DoisoatError(code);
          return errorAudit(file, sha256, format, code, e.userMessage);
        };
        const onMessage = (msg: ResultMessage | { type: string }): void => {
          if ('audit' in msg && msg.id === index) settle(msg.audit, false);
        };
        const onError = (err: Error & { code?: string }): void => {
          const oom = err.code === 'ERR_WORKER_OUT_OF_MEMORY';
          settle(oom ? failed('too-large', `Cần quá ${maxHeapMb} MB bộ nhớ để đọc tệp.`) : failed('internal-error'), true);
        };
        const onExit = (): void => settle(failed('internal-error'), true);
        const timer = setTimeout(() => {
          settle(failed('timeout', `Giới hạn ${Math.round(timeoutMs / 1000)} giây.`), true);
        }, timeoutMs);
        slot.worker.on('message', onMessage);
        slot.worker.once('error', onError);
        slot.worker.once('exit', onExit);
        const task: TaskMessage = { id: index, file, bytes: bytes.buffer as ArrayBuffer, ocr: options.ocr !== undefined, ...(options.read ? { read: options.read } : {}) };
        slot.worker.postMessage(task, [task.bytes]);
      });
    });

  const slots: Slot[] = Array.from({ length: concurrency }, () => ({ worker: spawn(), busy: false }));
  try {
    await Promise.all(
      slots.map(async (slot) => {
        while (next < paths.length) {
          const index = next++;
          await runOne(slot, index);
        }
      }),
    );
  } finally {
    await Promise.all(slots.map((s) => s.worker.terminate()));
  }
  return results;
}

/** Reads a file, or says why it gets an error audit without being parsed. */
async function load(file: string, maxBytes: number): Promise<{ bytes: Uint8Array; sha256: string } | { audit: ReportAudit }> {
  try {
    const info = await stat(file);
    if (info.size > maxBytes) {
      const e = DoisoatError.withDetail('too-large', `Tệp ${Math.round(info.size / 1048576)} MB, giới hạn ${Math.round(maxBytes / 1048576)} MB.`);
      return { audit: errorAudit(file, await hashFile(file), 'unknown', e.code, e.userMessage) };
    }
    // A private copy: its buffer is transferred to the worker.
    const data = await readFile(file);
    const bytes = new Uint8Array(data.byteLength);
    bytes.set(data);
    return { bytes, sha256: sha256Of(bytes) };
  } catch (err) {
    const e = DoisoatError.withDetail('read-failed', `Không mở được “${file}”.`, err);
    return { audit: errorAudit(file, NO_FILE_SHA, 'unknown', e.code, e.userMessage) };
  }
}

/** Streams a file too large to load, so even a refused file is identified by its content. */
async function hashFile(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
