/**
 * Several photos (or multi-page TIFFs) of one report's pages, given as files: packed, in the order
 * given, into one ZIP of page photos (stored, as extractors/formats/page-zip.ts reads it), which is
 * then one document like any other, checked in this process (`check --one-report`) or stored and
 * queued as an uploaded file (`enqueue --one-report`). Page N of the report is the Nth page of the
 * files in order: the Nth file when each is one photo. A folder given stands for its files, in
 * natural name order (trang-2 before trang-10).
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { DoisoatError, type ErrorCode } from '../core/errors.js';
import { MAX_FILE_BYTES } from '../core/limits.js';
import type { ReportAudit } from '../core/report-audit.js';
import { hasImageName, naturalOrder } from '../extractors/formats/page-names.js';
import { sniff } from '../extractors/formats/sniff.js';
import { sha256Of } from '../pipeline/fingerprint.js';
import { DocumentSlots, type DocumentSlotsOptions } from '../runtime/document-slots.js';
import { closeProcessOcr, processOcr } from '../runtime/ocr/process-ocr.js';
import { expandInputs, isUnreadable } from './inputs.js';
import { inputError } from './fs-errors.js';
import { storedZip, type ZipEntry } from './stored-zip.js';
import { sizeLabel } from './uploads.js';

/** One report made of page images: the name it goes by and its document's bytes. */
export interface OneReport {
  /** "anh/trang-1.jpg + 2 ảnh khác": the first file and how many more. */
  readonly label: string;
  readonly bytes: Uint8Array;
  readonly sha256: string;
  /** The files packed, in page order. */
  readonly files: readonly string[];
}

/** Why the files given cannot make one report; the message, in Vietnamese, names the file. */
export class OneReportRefused extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'OneReportRefused';
  }
}

const EXTENSIONS: Record<string, string> = { png: 'png', jpeg: 'jpg', tiff: 'tif', heic: 'heic' };
const ONLY_IMAGES = '--one-report chỉ gộp ảnh chụp hoặc ảnh scan (JPEG, PNG, TIFF, HEIC) các trang của một báo cáo.';

function refused(code: ErrorCode, detail: string): OneReportRefused {
  return new OneReportRefused(code, DoisoatError.withDetail(code, detail).userMessage);
}

/** The files the arguments name, folders as their files in natural order. */
async function pageFiles(args: readonly string[]): Promise<string[]> {
  const files: string[] = [];
  for (const arg of args) {
    const inputs = await expandInputs([arg]);
    const paths: string[] = [];
    for (const input of inputs) {
      if (isUnreadable(input)) throw new OneReportRefused(input.error.code, input.error.message);
      paths.push(input.path);
    }
    const folder = !(paths.length === 1 && paths[0] === arg);
    files.push(...(folder ? paths.sort(naturalOrder) : paths));
  }
  return files;
}

/** A file's bytes, refused when it would take the images together over `limit` (`room` bytes left). */
async function readPage(file: string, room: number, limit: number): Promise<Uint8Array> {
  try {
    if ((await stat(file)).size > room) throw refused('too-large', `Các ảnh gộp lại hơn ${sizeLabel(limit)}, giới hạn của một báo cáo (đến “${file}”).`);
    return new Uint8Array(await readFile(file));
  } catch (err) {
    if (err instanceof OneReportRefused) throw err;
    const e = inputError(file, err);
    throw new OneReportRefused(e.code, e.message);
  }
}

/**
 * Reads the files and packs them into one report; rejects with OneReportRefused when a file is
 * missing, not a page image, or the images together exceed `maxBytes` (a document's limit). One
 * file is its own document, as it is.
 */
export async function packOneReport(args: readonly string[], maxBytes: number = MAX_FILE_BYTES): Promise<OneReport> {
  const files = await pageFiles(args);
  if (files.length === 0) throw refused('not-found', 'Không có tệp ảnh nào để gộp thành một báo cáo.');
  const entries: ZipEntry[] = [];
  let total = 0;
  for (const [i, file] of files.entries()) {
    const bytes = await readPage(file, maxBytes - total, maxBytes);
    const kind = sniff(bytes);
    if (kind === 'empty') throw refused('empty-file', `“${file}”.`);
    const ext = EXTENSIONS[kind];
    if (!ext) throw refused('unsupported-format', `“${file}” không phải ảnh trang. ${ONLY_IMAGES}`);
    total += bytes.byteLength;
    // Numbered so that the reader's natural name order is the order given; the name kept for people.
    const base = path.basename(file);
    const name = `${String(i + 1).padStart(3, '0')}-${base}${hasImageName(base) ? '' : `.${ext}`}`;
    entries.push({ name, bytes });
  }
  const bytes = files.length === 1 ? entries[0]!.bytes : storedZip(entries);
  const label = files.length === 1 ? files[0]! : `${files[0]!} + ${files.length - 1} ảnh khác`;
  return { label, bytes, sha256: sha256Of(bytes), files };
}

/** `check --one-report`'s use case: the report's audits (one, or one per report if it holds several), read in this process. */
export async function checkOneReport(report: OneReport, options: Omit<DocumentSlotsOptions, 'ocr' | 'concurrency'> = {}): Promise<ReportAudit[]> {
  const slots = new DocumentSlots({ ...options, concurrency: 1, ocr: processOcr });
  try {
    return (await slots.run(report.label, report.bytes, report.sha256)).audits;
  } finally {
    await slots.close();
    await closeProcessOcr();
  }
}
