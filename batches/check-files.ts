/**
 * `doisoat check`'s runner: reads each file (or says why it cannot) and runs it through a
 * DocumentSlots. Every file gets an audit, returned in input order.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import os from 'node:os';
import { DoisoatError } from '../core/errors.js';
import { errorAudit, NO_FILE_SHA, type ReportAudit } from '../core/report-audit.js';
import { DocumentSlots, type DocumentSlotsOptions } from '../runtime/document-slots.js';
import { sha256Of } from '../pipeline/fingerprint.js';

export interface CheckFilesOptions extends Omit<DocumentSlotsOptions, 'ocr'> {
  /** Largest file read at all, in bytes (default 50 MiB). */
  maxBytes?: number;
  /** The process's OCR engine, created on the first scan; without it scans get an error audit. */
  ocr?: DocumentSlotsOptions['ocr'];
  /** Called as each file finishes (in completion order). */
  onResult?: (audit: ReportAudit, index: number) => void;
}

export const DEFAULT_MAX_BYTES = 50 * 1024 * 1024;

/** Checks every file and returns their audits in input order. */
export async function checkFiles(paths: readonly string[], options: CheckFilesOptions = {}): Promise<ReportAudit[]> {
  if (paths.length === 0) return [];
  const maxBytes = options.maxBytes ?? options.read?.maxBytes ?? DEFAULT_MAX_BYTES;
  // One slot per core by default, never more than files.
  const concurrency = Math.min(options.concurrency ?? os.availableParallelism(), paths.length);
  const pool = new DocumentSlots({ ...options, concurrency });
  const results: ReportAudit[] = new Array<ReportAudit>(paths.length);
  // Reading files is bounded too: no more loaded and waiting than twice the threads.
  let next = 0;
  try {
    await Promise.all(
      Array.from({ length: Math.min(paths.length, pool.size * 2) }, async () => {
        while (next < paths.length) {
          const index = next++;
          const file = paths[index]!;
          const loaded = await loadFile(file, maxBytes);
          const audit = 'audit' in loaded ? loaded.audit : (await pool.run(file, loaded.bytes, loaded.sha256)).audit;
          results[index] = audit;
          options.onResult?.(audit, index);
        }
      }),
    );
  } finally {
    await pool.close();
  }
  return results;
}

/** Reads a file, or says why it gets an error audit without being parsed. */
export async function loadFile(file: string, maxBytes: number): Promise<{ bytes: Uint8Array; sha256: string } | { audit: ReportAudit }> {
  try {
    const info = await stat(file);
    if (info.size > maxBytes) {
      const e = DoisoatError.withDetail('too-large', `Tệp ${Math.round(info.size / 1048576)} MB, giới hạn ${Math.round(maxBytes / 1048576)} MB.`);
      return { audit: errorAudit(file, await hashFile(file), 'unknown', e.code, e.userMessage) };
    }
    const bytes = new Uint8Array(await readFile(file));
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
