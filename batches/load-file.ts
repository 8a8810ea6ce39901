/**
 * Reading a submitted file: its bytes and sha256, or the error audit it gets without being parsed
 * (missing, not allowed, unreadable, over the size limit). Shared by `check` and batch registration.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { DoisoatError } from '../core/errors.js';
import { errorAudit, NO_FILE_SHA, type ReportAudit } from '../core/report-audit.js';
import { sha256Of } from '../pipeline/fingerprint.js';
import { inputError } from './fs-errors.js';

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
    // Gone since the folder was walked, not ours to read, or another failure: each its own code.
    const e = inputError(file, err);
    return { audit: errorAudit(file, NO_FILE_SHA, 'unknown', e.code, e.message) };
  }
}

/** Streams a file too large to load, so even a refused file is identified by its content. */
async function hashFile(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
