/**
 * A pool of OCR engines, one per core by default: pages queue up and each goes to the next free
 * engine, so the pages of one document are read in parallel and engines are reused from document
 * to document. An engine is recycled (terminated, and a fresh one started when next needed) after
 * a number of pages, since a WebAssembly heap only grows. A page over its time limit gets
 * `timeout` and its engine is terminated; the pool goes on with a new one.
 *
 * The image header is read before anything is decoded: over the pixel limit is `too-large`,
 * an unreadable header `corrupt-file`.
 *
 * Recognition happens in worker threads; the calling thread queues pages, prepares them (decoding,
 * skew, table search: engine.ts) and parses TSV. Idle engines do not keep the process alive.
 */
import os from 'node:os';
import { DoisoatError } from '../../core/errors.js';
import { OcrEngine, type OcrEngineOptions, type RecognizedPage, type OcrPsm, type OcrRecognizeOptions } from './engine.js';
import { checkImage, DEFAULT_MAX_PIXELS, type ImageInfo } from './image-info.js';
import type { OcrBox } from './tsv.js';

export interface OcrPoolOptions extends OcrEngineOptions {
  /** Engines (worker threads) at most; default os.availableParallelism(). */
  size?: number;
  /** Pages an engine reads before it is recycled (default 100). */
  recycleAfterPages?: number;
  /**
   * An engine that has read an image above this many pixels is recycled right after it (default
   * 16 MP, an A4 page at 400 dpi): one 35-MP page leaves its WebAssembly heap over 400 MB larger.
   */
  recycleAbovePixels?: number;
  /** Time limit per page in ms, from when an engine starts on it (default 60 s). */
  pageTimeoutMs?: number;
  /** Largest image accepted, in pixels (default 40 megapixels). */
  maxPixels?: number;
}

export interface OcrPageOptions {
  /** Resolution of the image when known (a rendered PDF page), passed to tesseract. */
  dpi?: number;
  /** Straighten a page scanned a few degrees off (default true). */
  rotateAuto?: boolean;
  psm?: OcrPsm;
  /** Overrides the pool's time limit for this page. */
  timeoutMs?: number;
  /** Read ruled tables cell by cell (default true). */
  tables?: boolean;
  /** Drops the page if it is still queued when the signal aborts. */
  signal?: AbortSignal;
  /** A second reading of these regions only (OcrEngine.recognize). */
  regions?: readonly OcrBox[];
}

export interface OcrPoolStats {
  readonly size: number;
  /** Engines running now (busy or idle). */
  readonly engines: number;
  readonly busy: number;
  readonly queued: number;
  /** Engines started since the pool was made (recycling and timeouts start new ones). */
  readonly started: number;
  readonly pagesDone: number;
}

export const DEFAULT_RECYCLE_AFTER_PAGES = 100;
export const DEFAULT_PAGE_TIMEOUT_MS = 60_000;
export const DEFAULT_RECYCLE_ABOVE_PIXELS = 16_000_000;

interface Job {
  image: Uint8Array;
  info: ImageInfo;
  options: OcrPageOptions;
  resolve: (page: RecognizedPage) => void;
  reject: (err: unknown) => void;
  onAbort?: () => void;
}

export class OcrPool {
  readonly size: number;
  readonly #options: OcrPoolOptions;
  readonly #recycleAfter: number;
  readonly #recycleAbove: number;
  readonly #timeoutMs: number;
  readonly #maxPixels: number;
  readonly #idle: OcrEngine[] = [];
  readonly #queue: Job[] = [];
  /** Engines running or starting, busy or idle. */
  #live = 0;
  #busy = 0;
  #started = 0;
  #pagesDone = 0;
  #closed = false;
  readonly #all = new Set<OcrEngine>();

  constructor(options: OcrPoolOptions = {}) {
    this.#options = options;
    this.size = Math.max(1, Math.floor(options.size ?? os.availableParallelism()));
    this.#recycleAfter = Math.max(1, Math.floor(options.recycleAfterPages ?? DEFAULT_RECYCLE_AFTER_PAGES));
    this.#recycleAbove = options.recycleAbovePixels ?? DEFAULT_RECYCLE_ABOVE_PIXELS;
    this.#timeoutMs = options.pageTimeoutMs ?? DEFAULT_PAGE_TIMEOUT_MS;
    this.#maxPixels = options.maxPixels ?? DEFAULT_MAX_PIXELS;
  }

  /**
   * Reads one page image. Rejects with DoisoatError: `too-large` (over the pixel limit, before any
   * decoding), `corrupt-file`, `unsupported-format`, `timeout`, or `internal-error` (the model is
   * missing, an engine failed).
   */
  recognize(image: Uint8Array, options: OcrPageOptions = {}): Promise<RecognizedPage> {
    if (this.#closed) return Promise.reject(DoisoatError.withDetail('internal-error', 'Bộ nhận dạng chữ đã đóng.'));
    let info;
    try {
      info = checkImage(image, this.#maxPixels);
    } catch (err) {
      return Promise.reject(err);
    }
    if (options.signal?.aborted) return Promise.reject(aborted());
    return new Promise<RecognizedPage>((resolve, reject) => {
      const job: Job = { image, info, options, resolve, reject };
      const signal = options.signal;
      if (signal) {
        job.onAbort = () => {
          const at = this.#queue.indexOf(job);
          if (at >= 0) {
            this.#queue.splice(at, 1);
            reject(aborted());
          }
        };
        signal.addEventListener('abort', job.onAbort, { once: true });
      }
      this.#queue.push(job);
      this.#pump();
    });
  }

  /** Reads the pages of one document in parallel; results in page order. */
  recognizeAll(images: readonly Uint8Array[], options: OcrPageOptions = {}): Promise<RecognizedPage[]> {
    return Promise.all(images.map((image) => this.recognize(image, options)));
  }

  /** Starts engines ahead of the first page (up to `count`, default the pool's size). */
  async warmUp(count: number = this.size): Promise<void> {
    const want = Math.min(count, this.size) - this.#live;
    const started = await Promise.allSettled(Array.from({ length: Math.max(0, want) }, () => this.#start()));
    for (const s of started) if (s.status === 'fulfilled') this.#release(s.value);
    this.#pump();
    const failed = started.find((s) => s.status === 'rejected');
    if (failed) throw failed.reason;
  }

  stats(): OcrPoolStats {
    return {
      size: this.size,
      engines: this.#live,
      busy: this.#busy,
      queued: this.#queue.length,
      started: this.#started,
      pagesDone: this.#pagesDone,
    };
  }

  /** Terminates every engine; queued pages are rejected. */
  async close(): Promise<void> {
    this.#closed = true;
    if (singleton === this) singleton = undefined;
    for (const job of this.#queue.splice(0)) this.#settle(job, DoisoatError.withDetail('internal-error', 'Bộ nhận dạng chữ đã đóng.'));
    this.#idle.length = 0;
    await Promise.all([...this.#all].map((e) => e.terminate()));
    this.#all.clear();
  }

  #pump(): void {
    while (this.#queue.length > 0) {
      const engine = this.#idle.pop();
      if (engine) {
        this.#run(engine, this.#queue.shift()!);
      } else if (this.#live < this.size) {
        const job = this.#queue.shift()!;
        this.#start().then(
          (e) => this.#run(e, job),
          (err: unknown) => {
            // The page that asked for the engine gets its start-up error; the others try anew.
            this.#settle(job, err);
            this.#pump();
          },
        );
      } else {
        return;
      }
    }
  }

  async #start(): Promise<OcrEngine> {
    this.#live++;
    try {
      const engine = await OcrEngine.create(this.#options);
      this.#started++;
      if (this.#closed) {
        void engine.terminate();
        throw DoisoatError.withDetail('internal-error', 'Bộ nhận dạng chữ đã đóng.');
      }
      this.#all.add(engine);
      engine.onDeath(() => this.#retire(engine));
      return engine;
    } catch (err) {
      this.#live--;
      throw err;
    }
  }

  #run(engine: OcrEngine, job: Job): void {
    if (this.#closed) {
      this.#settle(job, DoisoatError.withDetail('internal-error', 'Bộ nhận dạng chữ đã đóng.'));
      return;
    }
    this.#busy++;
    engine.ref();
    const { options } = job;
    const pageOptions: OcrRecognizeOptions = {
      ...(options.dpi !== undefined ? { dpi: options.dpi } : {}),
      ...(options.rotateAuto !== undefined ? { rotateAuto: options.rotateAuto } : {}),
      ...(options.psm !== undefined ? { psm: options.psm } : {}),
      ...(options.tables !== undefined ? { tables: options.tables } : {}),
      ...(options.regions ? { regions: options.regions } : {}),
      timeoutMs: options.timeoutMs ?? this.#timeoutMs,
    };
    if (job.onAbort) options.signal?.removeEventListener('abort', job.onAbort);
    const large = job.info.width * job.info.height > this.#recycleAbove;
    engine.recognize(job.image, job.info, pageOptions).then(
      (page) => {
        this.#pagesDone++;
        this.#busy--;
        this.#release(engine, large);
        job.resolve(page);
        this.#pump();
      },
      (err: unknown) => {
        this.#busy--;
        this.#release(engine, large);
        job.reject(err);
        this.#pump();
      },
    );
  }

  /** Back to the idle list, or retired if dead, worn, or grown by a large page. */
  #release(engine: OcrEngine, grown = false): void {
    if (grown || engine.dead || engine.pagesDone >= this.#recycleAfter || this.#closed) {
      this.#retire(engine);
      return;
    }
    engine.unref();
    this.#idle.push(engine);
  }

  #retire(engine: OcrEngine): void {
    if (!this.#all.delete(engine)) return;
    this.#live--;
    const at = this.#idle.indexOf(engine);
    if (at >= 0) this.#idle.splice(at, 1);
    void engine.terminate();
    this.#pump();
  }

  #settle(job: Job, err: unknown): void {
    if (job.onAbort) job.options.signal?.removeEventListener('abort', job.onAbort);
    job.reject(err);
  }
}

function aborted(): DoisoatError {
  return DoisoatError.withDetail('internal-error', 'Việc nhận dạng trang đã bị hủy.');
}

let singleton: OcrPool | undefined;

/**
 * The process's pool, made on first use with the options of that first call (later options are
 * ignored until it is closed).
 */
export function getOcrPool(options?: OcrPoolOptions): OcrPool {
  singleton ??= new OcrPool(options);
  return singleton;
}
