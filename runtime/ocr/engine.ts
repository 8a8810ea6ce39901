/**
 * One OCR engine: a tesseract.js worker thread with the Vietnamese model, created fully offline.
 *
 * tesseract.js, left to its defaults, fetches the model from a CDN (and, without a network, then
 * crashes or hangs). Here every path is local and resolved from node_modules, not from the working
 * directory:
 * - `langPath`: the folder of `@tesseract.js-data/vie/4.0.0_best_int/vie.traineddata.gz`, read from
 *   disk because it is a path, not a URL (`gzip: true`);
 * - `cacheMethod: 'none'`: no `vie.traineddata` is read from or written to a cache (its default
 *   cache is the working directory); `cachePath` points into os.tmpdir() all the same;
 * - `workerPath`: tesseract.js's own Node worker script; `corePath`: the tesseract.js-core package
 *   (in Node the WebAssembly core is always `require`d from node_modules, never fetched).
 *
 * Start-up fails with a DoisoatError, never hangs: the model file is checked before a thread is
 * started, tesseract.js's failures (which it otherwise throws from a message handler, crashing the
 * process, while the start-up promise never settles) arrive through `errorHandler`, and a time
 * limit bounds the whole start-up. A thread that fails to start is terminated.
 *
 * Skew: the page's skew is measured here from its ink on a half-size copy (skew.ts: the sharpest
 * horizontal projection; within 0.02° of tesseract's own measure on the scanned fixtures) and the
 * page handed to tesseract.js turned by it (`rotateRadians`, skipped under 0.3°). tesseract.js's
 * `rotateAuto` measures it instead by running tesseract's automatic layout (PSM 3) once before
 * the reading, a whole layout pass more. PSM 4 reads skewed scans well only once they are straightened (docs/ocr.md).
 *
 * Tables: a page with ruled tables (tables.ts) is read with its tables painted out, and each table
 * row read on its own; tesseract's page pass over a table was only ever replaced by those rows.
 */
import diagnostics from 'node:diagnostics_channel';
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import type { Worker as NodeWorker } from 'node:worker_threads';
import type Tesseract from 'tesseract.js';
import { DoisoatError } from '../../core/errors.js';
import { grayOf, grayWithout, loadPicture, pictureOf } from './bitmap.js';
import { mergeCellReadings } from './cell-readings.js';
import { plausibleDpi, shownSize, type ImageInfo } from './image-info.js';
import { estimateSkew } from './skew.js';
import { findTables, INK_AT_HALF, rowImage, toPgm, whitenBoxes, type GrayImage, type TableGrid } from './tables.js';
import type { OcrPage } from '../../extractors/formats/ocr-service.js';
import { parseTsv, parseTsvWords, type OcrBox, type TsvLine } from './tsv.js';

const require = createRequire(import.meta.url);

/** Page segmentation modes worth using on report pages (tesseract's PSM numbers). */
export type OcrPsm = 3 | 4 | 6;

export interface OcrEngineOptions {
  /** Folder holding `vie.traineddata.gz`; default: the `4.0.0_best_int` data of @tesseract.js-data/vie. */
  langPath?: string;
  /** Page segmentation mode (default DEFAULT_PSM). */
  psm?: OcrPsm;
  /** Time limit for starting the worker, loading and initialising the model, in ms (default 30 s). */
  startupTimeoutMs?: number;
}

export interface OcrRecognizeOptions {
  /** Resolution the image was rendered or scanned at, when known (else read from the file, or estimated). */
  dpi?: number;
  /** Detect a skew of a few degrees and straighten the page before reading it (default true). */
  rotateAuto?: boolean;
  /** Page segmentation mode for this page only. */
  psm?: OcrPsm;
  /** Time limit for this page in ms: past it the engine is terminated and the page gets `timeout`. */
  timeoutMs?: number;
  /** Find ruled tables and read their cells one by one (default true). */
  tables?: boolean;
  /**
   * A second reading of these regions of the page only (boxes in the frame of the first reading):
   * each enlarged and read as one block of text; a region on a table row, its cells each alone.
   */
  regions?: readonly OcrBox[];
}

/** What tesseract read on one page: the readers' OcrPage, with each line's layout and the skew. */
export interface RecognizedPage extends OcrPage {
  /**
   * Tesseract's text lines in reading order, NFC, empty lines left out; `box` is `bbox` again, for
   * the readers (OcrLine), in the frame of the straightened page (the image's own size).
   */
  readonly lines: ReadonlyArray<TsvLine & { readonly box: OcrBox; readonly region?: number }>;
  /** The skew corrected before reading, in radians (0 when none was found). */
  readonly rotateRadians: number;
}

/**
 * PSM 4 (one column of text of variable sizes): of modes 3, 4 and 6 it read typed and scanned
 * report pages with the fewest character errors (bench/ocr.ts --tune; figures in
 * docs/decisions/0005-tesseract-psm-4-by-measurement.md).
 */
export const DEFAULT_PSM: OcrPsm = 4;
export const DEFAULT_STARTUP_TIMEOUT_MS = 30_000;

const MODEL_PACKAGE = '@tesseract.js-data/vie';
const MODEL_FILE = 'vie.traineddata.gz';

/** The folder of the bundled `_best_int` Vietnamese model, resolved from this module, not the cwd. */
export function defaultLangPath(): string {
  try {
    return path.dirname(require.resolve(`${MODEL_PACKAGE}/4.0.0_best_int/${MODEL_FILE}`));
  } catch (err) {
    throw DoisoatError.withDetail(
      'internal-error',
      `Không tìm thấy mô hình nhận dạng chữ tiếng Việt (gói ${MODEL_PACKAGE}, tệp 4.0.0_best_int/${MODEL_FILE}); hãy chạy lại “npm ci”.`,
      err,
    );
  }
}

/**
 * Checks that the model is there and looks like a gzip file of a plausible size, so a missing or
 * broken model fails at once with a clear message instead of inside the worker.
 */
export function checkModel(langPath: string): string {
  const file = path.join(langPath, MODEL_FILE);
  const missing = (why: string, cause?: unknown): DoisoatError =>
    DoisoatError.withDetail('internal-error', `Mô hình nhận dạng chữ tiếng Việt ${why}: ${file}. Hãy cài lại gói ${MODEL_PACKAGE} (“npm ci”).`, cause);
  let size: number;
  try {
    const info = statSync(file);
    if (!info.isFile()) throw missing('không phải là tệp');
    size = info.size;
  } catch (err) {
    if (err instanceof DoisoatError) throw err;
    throw missing('không có', err);
  }
  const head = Buffer.alloc(2);
  try {
    const fd = openSync(file, 'r');
    try {
      readSync(fd, head, 0, 2, 0);
    } finally {
      closeSync(fd);
    }
  } catch (err) {
    throw missing('không đọc được', err);
  }
  if (size < 100_000 || head[0] !== 0x1f || head[1] !== 0x8b) throw missing('bị hỏng');
  return file;
}

type TesseractModule = typeof Tesseract;
let tesseractModule: Promise<TesseractModule> | undefined;

/** tesseract.js is loaded on first use: text documents never pay for it. */
function loadTesseract(): Promise<TesseractModule> {
  tesseractModule ??= import('tesseract.js').then((m) => m.default);
  return tesseractModule;
}

function localPaths(): { workerPath: string; corePath: string } {
  const tesseractRequire = createRequire(require.resolve('tesseract.js'));
  return {
    workerPath: tesseractRequire.resolve('tesseract.js/src/worker-script/node/index.js'),
    corePath: path.dirname(tesseractRequire.resolve('tesseract.js-core/package.json')),
  };
}

let engineCount = 0;

/** One worker thread with the model loaded. Not safe for two pages at once: the pool sees to that. */
export class OcrEngine {
  readonly id: number;
  /** Pages read so far (the pool recycles the engine after a number of them). */
  pagesDone = 0;
  #worker: Tesseract.Worker;
  #thread: NodeWorker;
  #psm: OcrPsm;
  #dead = false;
  #onDeath: ((err: DoisoatError) => void) | undefined;
  /** Rejects when the engine stops, so a page being read never waits on a thread that is gone. */
  #stopped: Promise<never>;
  #stop: (err: DoisoatError) => void = () => {};

  private constructor(worker: Tesseract.Worker, thread: NodeWorker, psm: OcrPsm) {
    this.id = ++engineCount;
    this.#worker = worker;
    this.#thread = thread;
    this.#psm = psm;
    this.#stopped = new Promise<never>((_, reject) => {
      this.#stop = reject;
    });
    this.#stopped.catch(() => {});
    thread.on('error', (err) => this.#die(DoisoatError.withDetail('internal-error', 'Luồng nhận dạng chữ bị lỗi.', err)));
    thread.on('exit', () => this.#die(DoisoatError.withDetail('internal-error', 'Luồng nhận dạng chữ đã dừng.')));
  }

  /** Starts a worker and loads the model; rejects with a DoisoatError within the start-up limit. */
  static async create(options: OcrEngineOptions = {}): Promise<OcrEngine> {
    const langPath = options.langPath ?? defaultLangPath();
    checkModel(langPath);
    const psm = options.psm ?? DEFAULT_PSM;
    const timeoutMs = options.startupTimeoutMs ?? DEFAULT_STARTUP_TIMEOUT_MS;
    const T = await loadTesseract();

    let fail: (err: DoisoatError) => void = () => {};
    const failed = new Promise<never>((_, reject) => {
      fail = reject;
    });
    let starting = true;
    const errorHandler = (data: unknown): void => {
      // During start-up this is the only news of a failed model load (tesseract.js would throw it
      // from its message handler without one); later it duplicates a rejected recognize().
      if (starting) fail(DoisoatError.withDetail('internal-error', `Không khởi động được bộ nhận dạng chữ: ${String(data)}`));
    };

    // tesseract.js starts its thread synchronously inside createWorker(), before its first await,
    // and hands it out only on success: the 'worker_threads' diagnostics channel gives it to us
    // at once, so a thread that fails to start can be terminated rather than left running.
    let thread: NodeWorker | undefined;
    const onThread = (message: unknown): void => {
      thread ??= (message as { worker?: NodeWorker }).worker;
    };
    diagnostics.subscribe('worker_threads', onThread);
    let pending: Promise<Tesseract.Worker>;
    try {
      pending = T.createWorker('vie', T.OEM.LSTM_ONLY, {
        ...localPaths(),
        langPath,
        gzip: true,
        cacheMethod: 'none',
        cachePath: os.tmpdir(),
        legacyCore: false,
        legacyLang: false,
        errorHandler,
      });
    } finally {
      diagnostics.unsubscribe('worker_threads', onThread);
    }
    const onThreadError = (err: unknown): void => fail(DoisoatError.withDetail('internal-error', 'Luồng nhận dạng chữ bị lỗi khi khởi động.', err));
    const onThreadExit = (): void => fail(DoisoatError.withDetail('internal-error', 'Luồng nhận dạng chữ dừng khi đang khởi động.'));
    thread?.once('error', onThreadError);
    thread?.once('exit', onThreadExit);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(DoisoatError.withDetail('timeout', `Bộ nhận dạng chữ không khởi động được trong ${Math.round(timeoutMs / 1000)} giây.`)),
        timeoutMs,
      );
    });
    try {
      const worker = await Promise.race([pending, failed, timeout]);
      await Promise.race([
        worker.setParameters({
          tessedit_pageseg_mode: String(psm) as Tesseract.PSM,
          // Tesseract's diagnostics ("Estimating resolution as …") go to its in-memory /dev/null.
          debug_file: '/dev/null',
        }),
        failed,
        timeout,
      ]);
      const nodeWorker = thread ?? (worker as unknown as { worker: NodeWorker }).worker;
      return new OcrEngine(worker, nodeWorker, psm);
    } catch (err) {
      if (thread) void thread.terminate();
      else void pending.then((w) => w.terminate(), () => {});
      if (err instanceof DoisoatError) throw err;
      throw DoisoatError.withDetail('internal-error', `Không khởi động được bộ nhận dạng chữ: ${String(err)}`, err);
    } finally {
      starting = false;
      clearTimeout(timer);
      thread?.off('error', onThreadError);
      thread?.off('exit', onThreadExit);
    }
  }

  get dead(): boolean {
    return this.#dead;
  }

  /** Called once if the thread dies on its own (crash, exit). */
  onDeath(listener: (err: DoisoatError) => void): void {
    this.#onDeath = listener;
  }

  /** An idle engine does not keep the process alive; a busy one does. */
  ref(): void {
    this.#thread.ref();
  }

  unref(): void {
    this.#thread.unref();
  }

  /**
   * Reads one page image (PNG, JPEG, TIFF, PNM, BMP) whose header was read and size checked
   * (image-info.ts `checkImage`). Lines come from
   * tesseract's own segmentation through its TSV output (the same lines as its `blocks` JSON,
   * at a thirtieth of the size: that JSON carries every symbol's box).
   */
  async recognize(image: Uint8Array, info: ImageInfo, options: OcrRecognizeOptions = {}): Promise<RecognizedPage> {
    // The page as it is meant to be seen (loadPicture turns a photo stored on its side), or as
    // loadPicture prepared it (a photo on a desk, cropped to its page): the boxes' frame.
    let { width, height } = shownSize(info);
    // The file's own resolution when none is given (the page may reach tesseract as a PGM,
    // without it), unless no page could have it.
    const dpi = options.dpi ?? plausibleDpi(info);
    if (this.#dead) throw DoisoatError.withDetail('internal-error', 'Luồng nhận dạng chữ đã dừng.');
    const params: Record<string, string> = {};
    if (options.psm !== undefined && options.psm !== this.#psm) params['tessedit_pageseg_mode'] = String(options.psm);
    if (dpi !== undefined && dpi !== null && dpi > 0) params['user_defined_dpi'] = String(Math.round(dpi));
    const buffer = Buffer.from(image.buffer, image.byteOffset, image.byteLength);
    let timer: NodeJS.Timeout | undefined;
    const timeoutMs = options.timeoutMs;
    const timeout =
      timeoutMs === undefined || !Number.isFinite(timeoutMs)
        ? null
        : new Promise<never>((_, reject) => {
            timer = setTimeout(() => {
              reject(DoisoatError.withDetail('timeout', `Nhận dạng chữ một trang quá ${formatSeconds(timeoutMs)} giây.`));
              // The only way to stop tesseract inside a page is to end its thread (after the
              // rejection above, so that the page's error is the timeout).
              void this.terminate();
            }, timeoutMs);
          });
    let meanConfidence: number;
    let lines: RegionLine[];
    let rotateRadians: number;
    try {
      const reading = (async (): Promise<[number, RegionLine[], number]> => {
        const straighten = options.rotateAuto ?? true;
        const wantTables = options.tables !== false;
        // Decoded where a crash cannot take this process down (bitmap.ts); damaged files refused.
        const picture = await loadPicture(image, 1, { forReading: true });
        if (picture) ({ width, height } = picture);
        if (!picture) {
          // A PNM other than 8-bit PGM (never what the readers send): tesseract.js decodes it
          // and, when asked, measures its skew itself (rotateAuto).
          const page = await this.#worker.recognize(buffer, { rotateAuto: straighten, ...params }, { text: false, tsv: true });
          return [page.data.confidence ?? 0, parseTsv(page.data.tsv ?? ''), page.data.rotateRadians ?? 0];
        }
        // The skew is measured here (skew.ts) rather than by tesseract.js's rotateAuto, which runs
        // a whole layout pass for it; tables are looked for first on the same half-size copy.
        const half = await grayOf(picture, 0, HALF);
        const skew = straighten ? estimateSkew(half) : 0;
        const radians = Math.abs(skew) >= MIN_SKEW_RADIANS ? skew : 0;
        const mayHaveTables = wantTables && findTables(radians === 0 ? half : await grayOf(picture, radians, HALF), INK_AT_HALF).length > 0;
        if (options.regions) {
          // The page straightened as for the first reading, so the regions' boxes fall on their ink.
          const turned = await grayOf(picture, radians);
          const read = await this.#readRegions(turned, mayHaveTables ? tablesOf(turned) : [], options.regions);
          return [100 * mean(read.map((l) => l.confidence)), read, radians];
        }
        const gray = mayHaveTables ? await grayOf(picture, radians) : null;
        const tables = gray ? tablesOf(gray) : [];
        // The page goes to tesseract.js already decoded, as a PGM: its own decoding costs ~0.1 s
        // a page at 300 dpi, and would read untrusted bytes again.
        // tesseract.js still turns the page itself (`rotateRadians`): the fixtures and blind scans
        // were measured with its rotation; the canvas's reads worse ("33, 5" for "33,5"). Tables
        // are painted out: their rows are read on their own below, and the page pass's reading of
        // them would be thrown away.
        const boxes = tables.map((t) => t.box);
        const unturned = radians === 0 ? (gray ?? picture.gray) : null;
        const pageImage = unturned ? whitenBoxes(unturned, boxes, TABLE_MARGIN) : await grayWithout(picture, radians, boxes, TABLE_MARGIN);
        const pageBytes = Buffer.from(toPgm(pageImage));
        const page = await this.#worker.recognize(pageBytes, { rotateAuto: false, rotateRadians: radians, ...params }, { text: false, tsv: true });
        let pageLines = parseTsv(page.data.tsv ?? '');
        for (const table of tables) pageLines = replaceRegion(pageLines, table.box, await this.#readTable(gray!, table));
        return [page.data.confidence ?? 0, pageLines, radians];
      })();
      [meanConfidence, lines, rotateRadians] = await Promise.race(timeout ? [reading, this.#stopped, timeout] : [reading, this.#stopped]);
    } catch (err) {
      if (err instanceof DoisoatError) throw err;
      if (this.#dead) throw DoisoatError.withDetail('internal-error', 'Luồng nhận dạng chữ đã dừng.', err);
      if (/read image/i.test(String(err))) throw DoisoatError.withDetail('corrupt-file', 'Không giải mã được ảnh.', err);
      throw DoisoatError.withDetail('internal-error', `Lỗi khi nhận dạng chữ: ${String(err)}`, err);
    } finally {
      clearTimeout(timer);
      this.pagesDone++;
    }
    return {
      lines: lines.map((l) => ({ ...l, box: l.bbox })),
      meanConfidence: Math.max(0, Math.min(100, meanConfidence)),
      width,
      height,
      rotateRadians,
    };
  }

  /**
   * One ruled table (tables.ts) of the straightened page, read row by row and each narrow cell
   * alone: one line per row, with its cells, as a text layer's table comes.
   */
  async #readTable(gray: GrayImage, table: TableGrid): Promise<TsvLine[]> {
    const rows: TsvLine[] = [];
    for (const row of table.rows) {
      const strip = rowImage(gray, row);
      if (!strip) continue;
      const read = await this.#worker.recognize(Buffer.from(toPgm(strip)), { rotateAuto: false, ...ROW_PARAMS }, { text: false, tsv: true });
      const words = parseTsvWords(read.data.tsv ?? '');
      if (words.length === 0) continue;
      // Each word goes to the cell its centre falls in; a cell's words in reading order.
      const cells: string[] = [];
      const rowWidth = row.box.x1 - row.box.x0;
      for (const cell of row.cells) {
        const mine = words.filter((w) => {
          const cx = strip.offsetX + (w.bbox.x0 + w.bbox.x1) / 2;
          return cx >= cell.x0 && cx < cell.x1;
        });
        const text = mine.map((w) => w.text).join(' ');
        // A narrow cell (a numbering, a number) is read alone too, and the readings merged.
        const alone = cell.x1 - cell.x0 <= rowWidth / 4 ? rowImage(gray, { box: cell, cells: [cell] }, CELL_PAD) : null;
        if (!alone) {
          cells.push(text);
          continue;
        }
        const single = await this.#worker.recognize(Buffer.from(toPgm(alone)), { rotateAuto: false, ...CELL_PARAMS }, { text: false, tsv: true });
        const singleWords = parseTsvWords(single.data.tsv ?? '');
        cells.push(
          mergeCellReadings(
            { text, confidence: mean(mine.map((w) => w.confidence)) },
            { text: singleWords.map((w) => w.text).join(' '), confidence: mean(singleWords.map((w) => w.confidence)) },
          ),
        );
      }
      const confidence = Math.round((words.reduce((a, w) => a + w.confidence, 0) / words.length) * 10) / 1000;
      rows.push({ text: cells.filter((c) => c !== '').join(' '), cells, confidence, bbox: row.box, block: 0, paragraph: 0 });
    }
    return rows;
  }

  /**
   * The second reading (OcrRecognizeOptions.regions) of a straightened page: a region on a table
   * row is that row's cells each read alone, enlarged; any other region is cut out, enlarged and
   * read as one block of text (PSM 6, where the page pass used PSM 4). Boxes come back in the
   * page's frame, each line with its region's index.
   */
  async #readRegions(gray: GrayImage, tables: readonly TableGrid[], regions: readonly OcrBox[]): Promise<RegionLine[]> {
    const out: RegionLine[] = [];
    for (const [region, box] of regions.entries()) {
      const row = tables.flatMap((t) => t.rows).find((r) => contains(r.box, centre(box)));
      if (row) {
        const cells: string[] = [];
        const confidences: number[] = [];
        for (const cell of row.cells) {
          const alone = rowImage(gray, { box: cell, cells: [cell] }, CELL_PAD);
          if (!alone) {
            cells.push('');
            continue;
          }
          const words = await this.#readWords(await enlarged(alone, REREAD_SCALE), cell.x1 - cell.x0 <= (row.box.x1 - row.box.x0) / 4 ? CELL_PARAMS : ROW_PARAMS);
          cells.push(words.map((w) => w.text).join(' '));
          for (const w of words) confidences.push(w.confidence / 100);
        }
        if (cells.every((c) => c === '')) continue;
        out.push({ text: cells.filter((c) => c !== '').join(' '), cells, confidence: mean(confidences), bbox: row.box, block: 0, paragraph: 0, region });
        continue;
      }
      const band = cut(gray, box, REGION_PAD);
      if (!band) continue;
      const read = await this.#worker.recognize(Buffer.from(toPgm(await enlarged(band, REREAD_SCALE))), { rotateAuto: false, ...ROW_PARAMS }, { text: false, tsv: true });
      for (const line of parseTsv(read.data.tsv ?? '')) {
        const b = line.bbox;
        const back = (v: number, offset: number): number => Math.round(v / REREAD_SCALE + offset);
        out.push({ ...line, bbox: { x0: back(b.x0, band.offsetX), y0: back(b.y0, band.offsetY), x1: back(b.x1, band.offsetX), y1: back(b.y1, band.offsetY) }, region });
      }
    }
    return out;
  }

  async #readWords(image: GrayImage, params: Record<string, string>): Promise<Array<{ text: string; confidence: number }>> {
    const read = await this.#worker.recognize(Buffer.from(toPgm(image)), { rotateAuto: false, ...params }, { text: false, tsv: true });
    return parseTsvWords(read.data.tsv ?? '');
  }

  /** Ends the thread (and with it the WebAssembly heap). */
  async terminate(): Promise<void> {
    if (!this.#dead) {
      this.#dead = true;
      this.#onDeath = undefined;
      this.#stop(DoisoatError.withDetail('internal-error', 'Luồng nhận dạng chữ đã bị dừng.'));
    }
    await this.#thread.terminate();
  }

  #die(err: DoisoatError): void {
    if (this.#dead) return;
    this.#dead = true;
    this.#stop(err);
    const listener = this.#onDeath;
    this.#onDeath = undefined;
    listener?.(err);
  }
}

/** The skew is measured, and tables first looked for, on a half-size copy of the page (150 dpi for a 300 dpi page). */
const HALF = 0.5;
/** Below this (0.3°) a page is read as it is, as tesseract.js's rotateAuto does. */
const MIN_SKEW_RADIANS = 0.005;

/** A table row is read as one uniform block of text (its title cell may wrap over lines). */
const ROW_PARAMS: Record<string, string> = { tessedit_pageseg_mode: '6' };
/** A narrow cell read alone is one line of text; white around it as around a printed line. */
const CELL_PARAMS: Record<string, string> = { tessedit_pageseg_mode: '7' };
const CELL_PAD = 30;
/** Pixels around a table's outer rules also left out of the page pass (a rule's thickness and blur). */
const TABLE_MARGIN = 4;

/**
 * The tables of a page the half-size copy says has some: with the full page's ink threshold, or,
 * when its rules are too faint for it (a photo's thin rules, evened out), the half-size copy's.
 */
function tablesOf(gray: GrayImage): TableGrid[] {
  const tables = findTables(gray);
  return tables.length > 0 ? tables : findTables(gray, INK_AT_HALF);
}

/** The second reading enlarges what it reads again: tesseract's best x-height is larger than a 300 dpi page's. */
const REREAD_SCALE = 2;
/** Pixels of page kept around a region read again. */
const REGION_PAD = 10;

type RegionLine = TsvLine & { readonly region?: number };

const centre = (b: OcrBox): { x: number; y: number } => ({ x: (b.x0 + b.x1) / 2, y: (b.y0 + b.y1) / 2 });
const contains = (b: OcrBox, p: { x: number; y: number }): boolean => p.x >= b.x0 && p.x <= b.x1 && p.y >= b.y0 && p.y <= b.y1;

/** The box (grown by `pad`, kept on the page) cut out of the page, with its place on it. */
function cut(img: GrayImage, box: OcrBox, pad: number): (GrayImage & { offsetX: number; offsetY: number }) | null {
  const x0 = Math.max(0, Math.floor(box.x0 - pad));
  const y0 = Math.max(0, Math.floor(box.y0 - pad));
  const x1 = Math.min(img.width, Math.ceil(box.x1 + pad));
  const y1 = Math.min(img.height, Math.ceil(box.y1 + pad));
  if (x1 - x0 < 4 || y1 - y0 < 4) return null;
  const width = x1 - x0;
  const data = new Uint8Array(width * (y1 - y0));
  for (let y = y0; y < y1; y++) data.set(img.data.subarray(y * img.width + x0, y * img.width + x1), (y - y0) * width);
  return { width, height: y1 - y0, data, offsetX: x0, offsetY: y0 };
}

/** The image scaled by `scale`, smoothly (the canvas's bilinear drawing). */
async function enlarged(img: GrayImage, scale: number): Promise<GrayImage> {
  return grayOf(await pictureOf({ width: img.width, height: img.height, data: img.data }), 0, scale);
}

function mean(values: readonly number[]): number {
  return values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length;
}

/** Lines whose centre lies inside `box` are replaced by `rows`, put where the first of them stood. */
export function replaceRegion(lines: readonly TsvLine[], box: OcrBox, rows: readonly TsvLine[]): TsvLine[] {
  const inside = (l: TsvLine): boolean => {
    const cx = (l.bbox.x0 + l.bbox.x1) / 2;
    const cy = (l.bbox.y0 + l.bbox.y1) / 2;
    return cx >= box.x0 && cx <= box.x1 && cy >= box.y0 && cy <= box.y1;
  };
  let at = lines.findIndex(inside);
  if (at < 0) at = lines.findIndex((l) => l.bbox.y0 > box.y0);
  if (at < 0) at = lines.length;
  const kept = lines.filter((l) => !inside(l));
  const before = lines.slice(0, at).filter((l) => !inside(l)).length;
  return [...kept.slice(0, before), ...rows, ...kept.slice(before)];
}

function formatSeconds(ms: number): string {
  const s = ms / 1000;
  return (Number.isInteger(s) ? s.toString() : s.toFixed(1)).replace('.', ',');
}
