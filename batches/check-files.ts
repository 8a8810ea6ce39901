/**
 * `doisoat check`'s runner: reads each file (or says why it cannot) and runs it through a
 * DocumentSlots. Every file gets its audits (one per report it holds; one error audit if it cannot
 * be read), returned in input order.
 */
import os from 'node:os';
import { errorAudit, NO_FILE_SHA, type ReportAudit } from '../core/report-audit.js';
import { DocumentSlots, type DocumentSlotsOptions } from '../runtime/document-slots.js';
import { closeProcessOcr, processOcr } from '../runtime/ocr/process-ocr.js';
import { expandInputs, isUnreadable } from './inputs.js';
import { MAX_FILE_BYTES } from '../core/limits.js';
import { loadFile } from './load-file.js';

export interface CheckFilesOptions extends Omit<DocumentSlotsOptions, 'ocr'> {
  /** Largest file read at all, in bytes (default 50 MiB). */
  maxBytes?: number;
  /** The process's OCR engine, created on the first scan; without it scans get an error audit. */
  ocr?: DocumentSlotsOptions['ocr'];
  /** Called as each file finishes (in completion order) with its audits. */
  onResult?: (audits: readonly ReportAudit[], index: number) => void;
}

/** Checks every file and returns each file's audits, in input order. */
export async function checkFiles(paths: readonly string[], options: CheckFilesOptions = {}): Promise<ReportAudit[][]> {
  if (paths.length === 0) return [];
  const maxBytes = options.maxBytes ?? options.read?.maxBytes ?? MAX_FILE_BYTES;
  // One slot per core by default, never more than files.
  const concurrency = Math.min(options.concurrency ?? os.availableParallelism(), paths.length);
  const slots = new DocumentSlots({ ...options, concurrency });
  const results: ReportAudit[][] = new Array<ReportAudit[]>(paths.length);
  // Reading files is bounded too: no more loaded and waiting than twice the threads.
  let next = 0;
  try {
    await Promise.all(
      Array.from({ length: Math.min(paths.length, slots.size * 2) }, async () => {
        while (next < paths.length) {
          const index = next++;
          const file = paths[index]!;
          const loaded = await loadFile(file, maxBytes);
          const audits = 'audit' in loaded ? [loaded.audit] : (await slots.run(file, loaded.bytes, loaded.sha256)).audits;
          results[index] = audits;
          options.onResult?.(audits, index);
        }
      }),
    );
  } finally {
    await slots.close();
  }
  return results;
}

export interface CheckInputsOptions extends Omit<CheckFilesOptions, 'ocr'> {
  /** Called once the command line is expanded: the files to check, and all inputs (missing ones too). */
  onStart?: (files: number, inputs: number) => void;
}

/**
 * `check`'s use case: the command line's files and folders expanded, every file checked with this
 * process's OCR pool for scans, and one audit per report in input order (a missing path gets one too).
 */
export async function checkInputs(args: readonly string[], options: CheckInputsOptions = {}): Promise<ReportAudit[]> {
  const inputs = await expandInputs(args);
  const paths = inputs.filter((i) => !isUnreadable(i)).map((i) => i.path);
  options.onStart?.(paths.length, inputs.length);
  let checked: ReportAudit[][];
  try {
    checked = await checkFiles(paths, { ...options, ocr: processOcr });
  } finally {
    await closeProcessOcr();
  }
  // Nothing is dropped silently: a path that is not there, or a folder that cannot be read, still
  // gets its audit where its files would have been.
  let next = 0;
  return inputs.flatMap((i) => (isUnreadable(i) ? [errorAudit(i.path, NO_FILE_SHA, 'unknown', i.error.code, i.error.message)] : checked[next++]!));
}
