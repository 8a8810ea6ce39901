/**
 * A pool of document slots (one per core by default) that each run processDocument on compiled
 * JS. A slot is a worker thread or a child process (`slots: 'process'`), the latter started with
 * V8 flags of its own (`v8Flags`), which threads cannot have: V8 flags are process-wide. Parsing
 * is CPU-bound and a hostile file may spin or balloon: in a slot it can be timed out and killed
 * without blocking the caller's event loop (a queue worker's job locks keep being renewed) or
 * taking the batch down. Every run gets an audit: a slot past the time limit is killed
 * (`timeout`), one that runs out of its heap is replaced (`too-large`), one that dies otherwise
 * is replaced too (`internal-error`).
 *
 * Scanned pages are OCR'd by this process's OCR pool whatever the slot (ocr-bridge.ts).
 *
 * Used by `doisoat check` (batches/check-files.ts), by the in-process store runner and by queue workers.
 */
import { fork } from 'node:child_process';
import { createRequire } from 'node:module';
import os from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { DoisoatError, type ErrorCode } from '../core/errors.js';
import { errorAudit, type ReportAudit } from '../core/report-audit.js';
import type { ReadOptions } from '../extractors/formats/index.js';
import type { OcrPage, OcrService } from '../extractors/formats/ocr-service.js';
import { post, serveOcr, transfers, type Channel } from './ocr-bridge.js';
import { formatOf, sha256Of } from '../pipeline/fingerprint.js';

export interface TaskMessage {
  id: number;
  file: string;
  bytes: Uint8Array;
  read?: ReadOptions;
  /** Whether scans may be sent back for OCR. */
  ocr: boolean;
}

export interface ResultMessage {
  id: number;
  /** One per report the file holds (processDocument). */
  audits: ReportAudit[];
}

/** Where documents run: worker threads of this process, or child processes. */
export type SlotKind = 'thread' | 'process';

export interface DocumentSlotsOptions {
  /** Slots (documents at once); default: the number of cores. */
  concurrency?: number;
  /** Per-file time limit in ms (default 180 s). */
  timeoutMs?: number;
  /** Heap limit per slot in MB (default 256). */
  maxHeapMb?: number;
  /** Worker threads or child processes; default: `defaultSlots(concurrency)`. */
  slots?: SlotKind;
  /** V8 flags of each child process (`slots: 'process'` only), e.g. `['--single-threaded']`. */
  v8Flags?: readonly string[];
  read?: ReadOptions;
  /**
   * The process's OCR engine, asked for on the first scanned page. Without it a scan gets an
   * error audit. `'defer'`: scans are not read here; the run reports `needsOcr` instead (queue
   * workers hand such documents to the scans queue).
   */
  ocr?: (() => OcrService) | 'defer';
}

export interface PoolRun {
  /** One per report the file holds; one error audit when it could not be read. */
  audits: ReportAudit[];
  /** The document asked for OCR and the pool was told to defer it: `audits` are not its result. */
  needsOcr: boolean;
}

// Generous for scans: a 10-page scan is OCR'd in well under a minute on 2 cores.
export const DEFAULT_TIMEOUT_MS = 180_000;
const DEFAULT_HEAP_MB = 256;

/** Which slots a pool runs: their kind and, for child processes, their V8 flags. */
export type SlotChoice = Pick<DocumentSlotsOptions, 'slots' | 'v8Flags'>;

/**
 * Child processes' V8 flags by default: `--single-threaded` keeps each slot on one core instead of
 * sharing it with V8's helper threads, and a 32 MB young generation wins back most of what that
 * costs a slot alone (bench/slots.ts; docs/decisions/0003-single-threaded-child-processes-for-slots.md).
 */
export const CHILD_V8_FLAGS: readonly string[] = ['--single-threaded', '--max-semi-space-size=32'];

/** Single-threaded child processes: for pools that, with others, fill the machine's cores. */
export const SINGLE_THREADED_PROCESSES: SlotChoice = { slots: 'process', v8Flags: CHILD_V8_FLAGS };

/** A child process's Node options: its V8 flags and heap limit (what bench:queue's parsing-alone baseline starts with too). */
export function childProcessFlags(v8Flags: readonly string[] = CHILD_V8_FLAGS, maxHeapMb: number = DEFAULT_HEAP_MB): string[] {
  return [...v8Flags, `--max-old-space-size=${maxHeapMb}`];
}

/**
 * DOISOAT_SLOTS, if set: `thread`, `process` (V8's default flags), or `process` followed by V8
 * flags (`process --single-threaded`). For measuring; it overrides every default.
 */
export function slotsFromEnv(): SlotChoice | null {
  const env = process.env['DOISOAT_SLOTS']?.trim();
  if (!env) return null;
  const [kind, ...flags] = env.split(/\s+/);
  if (kind === 'thread') return { slots: 'thread' };
  if (kind === 'process') return { slots: 'process', v8Flags: flags };
  throw new Error(`DOISOAT_SLOTS: “${env}” is neither “thread” nor “process [V8 flags]”`);
}

/**
 * The slots of a pool that was not told: DOISOAT_SLOTS, else single-threaded child processes when
 * the pool has a slot per core or more (V8's helper threads would only compete with the other
 * slots), else threads (with a core to spare, V8's helpers make one thread the fastest slot).
 */
export function defaultSlots(concurrency: number, cores = os.availableParallelism()): SlotChoice {
  return slotsFromEnv() ?? (concurrency >= cores ? SINGLE_THREADED_PROCESSES : { slots: 'thread' });
}

/** Rejects every page at once: the document is marked and handed to a process that does OCR. */
class DeferredOcr extends DoisoatError {}
const deferOcr: OcrService = {
  recognize: (): Promise<OcrPage> => Promise.reject(new DeferredOcr('internal-error', 'OCR deferred to the scans queue')),
};

/** How a slot died by itself (not stopped by the pool). */
type Death = 'out-of-memory' | 'crash';

/** A running thread or child process: its channel, and how to give it a task and stop it. */
interface SlotRunner {
  readonly channel: Channel;
  send(task: TaskMessage): void;
  stop(): Promise<void>;
}

interface SlotSpec {
  maxHeapMb: number;
  v8Flags: readonly string[];
  /** Called at most once, when the slot dies without being stopped. */
  died: (death: Death) => void;
}

/** From TypeScript sources (tests, `node --import tsx`) slots run the .ts entry through tsx. */
const fromSources = import.meta.url.endsWith('.ts');
const entry = new URL(fromSources ? './document-worker.ts' : './document-worker.js', import.meta.url);

/**
 * A worker thread. Built code runs the .js directly; from sources the thread first registers
 * tsx, since Node 20 does not apply --import to a worker's entry module.
 */
function startThread(spec: SlotSpec): SlotRunner {
  const resourceLimits = { maxOldGenerationSizeMb: spec.maxHeapMb };
  const boot = `import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(entry.href)}); });`;
  const worker = fromSources ? new Worker(boot, { eval: true, resourceLimits }) : new Worker(entry, { resourceLimits });
  let stopping = false;
  worker.once('error', (err: Error & { code?: string }) => {
    if (!stopping) spec.died(err.code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'out-of-memory' : 'crash');
  });
  worker.once('exit', () => {
    if (!stopping) spec.died('crash');
  });
  return {
    channel: worker,
    // The thread gets its own copy, transferred.
    send: (task) => {
      const bytes = task.bytes.slice();
      post(worker, { ...task, bytes }, [bytes.buffer as ArrayBuffer]);
    },
    stop: async () => {
      stopping = true;
      await worker.terminate();
    },
  };
}

/** V8's last words when a heap limit is hit (then it aborts); also a thread's, e.g. tsx's loader's. */
const OOM_LINE = /heap out of memory|Reached heap limit/;
/** Where V8's fatal report starts: from there on the child's stderr is not passed on. */
const FATAL_START = /^(<--- Last few GCs --->|FATAL ERROR:|#\s*Fatal error)/m;

/**
 * A child process (`child_process.fork`, advanced serialization) with its own V8 flags and heap
 * limit. It exits when this process dies (IPC 'disconnect', see document-worker.ts). Its stderr
 * is passed on, except V8's fatal report, which is read to tell running out of heap (`too-large`)
 * from any other death.
 */
function startProcess(spec: SlotSpec): SlotRunner {
  const tsx = fromSources ? ['--import', pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href] : [];
  const child = fork(fileURLToPath(entry), [], {
    execArgv: [...tsx, ...childProcessFlags(spec.v8Flags, spec.maxHeapMb)],
    serialization: 'advanced',
    stdio: ['ignore', 'inherit', 'pipe', 'ipc'],
  });
  let stopping = false;
  let fatal = false;
  let stderrTail = '';
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    stderrTail = (stderrTail + chunk).slice(-4096);
    if (fatal) return;
    const at = chunk.search(FATAL_START);
    fatal = at >= 0;
    process.stderr.write(fatal ? chunk.slice(0, at) : chunk);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.once('exit', (code, signal) => {
    if (stopping) return;
    // V8 aborts when out of heap: SIGABRT (or SIGTRAP/SIGILL from a failed check), exit code 134.
    const oom = OOM_LINE.test(stderrTail) || signal === 'SIGABRT' || signal === 'SIGTRAP' || code === 134;
    spec.died(oom ? 'out-of-memory' : 'crash');
  });
  // A failed fork or kill (died() takes the first word of a slot's death).
  child.on('error', () => {
    if (!stopping) spec.died('crash');
  });
  return {
    channel: child,
    send: (task) => post(child, task),
    stop: async () => {
      stopping = true;
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGKILL');
        await exited;
      }
    },
  };
}

interface Pending {
  file: string;
  bytes: Uint8Array;
  sha256: string;
  resolve: (run: PoolRun) => void;
}

interface Running {
  id: number;
  pending: Pending;
  timer: NodeJS.Timeout;
  /** Set when the document asked for OCR. */
  askedOcr: boolean;
}

interface Slot {
  runner: SlotRunner;
  running: Running | null;
  /** Dead or being stopped: never given a task again. */
  gone: boolean;
}

export class DocumentSlots {
  readonly size: number;
  readonly slotKind: SlotKind;
  readonly #timeoutMs: number;
  readonly #maxHeapMb: number;
  readonly #v8Flags: readonly string[];
  readonly #options: DocumentSlotsOptions;
  readonly #idle: Slot[] = [];
  readonly #queue: Pending[] = [];
  readonly #slots = new Set<Slot>();
  #nextId = 0;
  #closed = false;

  constructor(options: DocumentSlotsOptions = {}) {
    this.size = Math.max(1, options.concurrency ?? os.availableParallelism());
    this.#timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.#maxHeapMb = options.maxHeapMb ?? DEFAULT_HEAP_MB;
    const kind = options.slots ? { slots: options.slots, v8Flags: options.v8Flags } : defaultSlots(this.size);
    this.slotKind = kind.slots ?? 'thread';
    this.#v8Flags = this.slotKind === 'process' ? (kind.v8Flags ?? []) : [];
    this.#options = options;
  }

  /** Processes one document (queued while every slot is busy). Never rejects. */
  run(file: string, bytes: Uint8Array, sha256: string = sha256Of(bytes)): Promise<PoolRun> {
    if (this.#closed) return Promise.resolve({ audits: [this.#failed(file, sha256, bytes, 'internal-error', 'Bộ xử lý đã đóng.')], needsOcr: false });
    return new Promise<PoolRun>((resolve) => {
      this.#queue.push({ file, bytes, sha256, resolve });
      this.#pump();
    });
  }

  /** Stops every slot; documents still queued get an error audit. */
  async close(): Promise<void> {
    this.#closed = true;
    for (const p of this.#queue.splice(0)) p.resolve({ audits: [this.#failed(p.file, p.sha256, p.bytes, 'internal-error', 'Bộ xử lý đã đóng.')], needsOcr: false });
    const slots = [...this.#slots];
    this.#slots.clear();
    this.#idle.length = 0;
    await Promise.all(slots.map((s) => this.#stop(s)));
  }

  #spawn(): Slot {
    const start = this.slotKind === 'process' ? startProcess : startThread;
    const slot: Slot = {
      runner: start({ maxHeapMb: this.#maxHeapMb, v8Flags: this.#v8Flags, died: (death) => this.#died(slot, death) }),
      running: null,
      gone: false,
    };
    slot.runner.channel.on('message', (msg: unknown) => {
      const r = msg as Partial<ResultMessage>;
      if (r.audits && slot.running && r.id === slot.running.id) this.#finish(slot, r.audits, false);
    });
    const ocr = this.#options.ocr;
    if (ocr) {
      serveOcr(slot.runner.channel, () => {
        if (slot.running) slot.running.askedOcr = true;
        return ocr === 'defer' ? deferOcr : ocr();
      });
    }
    this.#slots.add(slot);
    return slot;
  }

  #stop(slot: Slot): Promise<void> {
    slot.gone = true;
    return slot.runner.stop().catch(() => {});
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

  #failed(file: string, sha256: string, bytes: Uint8Array, code: ErrorCode, detail?: string): ReportAudit {
    const e = detail ? DoisoatError.withDetail(code, detail) : new DoisoatError(code);
    return errorAudit(file, sha256, formatOf(bytes), code, e.userMessage);
  }

  #start(slot: Slot, pending: Pending): void {
    const id = this.#nextId++;
    const timer = setTimeout(() => {
      const { file, sha256, bytes } = pending;
      this.#finish(slot, [this.#failed(file, sha256, bytes, 'timeout', `Giới hạn ${Math.round(this.#timeoutMs / 1000)} giây.`)], true);
    }, this.#timeoutMs);
    slot.running = { id, pending, timer, askedOcr: false };
    slot.runner.send({
      id,
      file: pending.file,
      bytes: pending.bytes,
      ocr: this.#options.ocr !== undefined,
      ...(this.#options.read ? { read: this.#options.read } : {}),
    });
  }

  /** The slot's document is done (its audits, or an error): the slot goes back or is replaced. */
  #finish(slot: Slot, audits: ReportAudit[], replace: boolean): void {
    const running = slot.running;
    if (!running) return;
    slot.running = null;
    clearTimeout(running.timer);
    if (replace) {
      this.#slots.delete(slot);
      void this.#stop(slot);
    } else if (!this.#closed && !slot.gone) {
      this.#idle.push(slot);
    }
    const needsOcr = running.askedOcr && this.#options.ocr === 'defer';
    this.#pump();
    running.pending.resolve({ audits, needsOcr });
  }

  #died(slot: Slot, death: Death): void {
    if (slot.gone) return;
    slot.gone = true;
    this.#slots.delete(slot);
    const idle = this.#idle.indexOf(slot);
    if (idle >= 0) this.#idle.splice(idle, 1);
    const running = slot.running;
    if (running) {
      const { file, sha256, bytes } = running.pending;
      const audit =
        death === 'out-of-memory'
          ? this.#failed(file, sha256, bytes, 'too-large', `Cần quá ${this.#maxHeapMb} MB bộ nhớ để đọc tệp.`)
          : // A crash of the reader (native code on broken bytes) is this file's result; the slot is replaced.
            this.#failed(file, sha256, bytes, 'read-failed', 'Bộ đọc tệp dừng đột ngột khi đọc tệp này (tệp có thể bị hỏng).');
      this.#finish(slot, [audit], true);
    } else {
      this.#pump();
    }
  }
}
