/**
 * processDocument: bytes in, ReportAudit out. The one chain every entry point runs (the CLI's
 * in-process check, worker threads, later the queue processors and the web upload). Never throws:
 * a file that cannot be read becomes an audit with `error` set.
 */
import { defaultMessage, isDoisoatError } from '../core/errors.js';
import { errorAudit, type AuditFormat, type ReportAudit } from '../core/report-audit.js';
import { readDocument, type ReadOptions } from '../extractors/formats/index.js';
import type { OcrService } from '../extractors/formats/ocr-service.js';
import { extractReport } from '../extractors/report.js';
import { runRules } from '../rules/index.js';
import { auditOf } from './audit.js';
import { formatOf, sha256Of } from './fingerprint.js';

export interface ProcessOptions {
  /** The path as given by the user, echoed in ReportAudit.file. */
  readonly file: string;
  readonly read?: ReadOptions;
  /** Reads scans and photos; without it they get an error audit. */
  readonly ocr?: OcrService;
}

export async function processDocument(bytes: Uint8Array, options: ProcessOptions): Promise<ReportAudit> {
  const sha256 = sha256Of(bytes);
  let format: AuditFormat = 'unknown';
  try {
    format = formatOf(bytes);
    const doc = await readDocument(bytes, { ...options.read, ...(options.ocr ? { ocr: options.ocr } : {}) });
    const extraction = extractReport(doc);
    return auditOf(options.file, sha256, doc, extraction, runRules(extraction));
  } catch (e) {
    if (isDoisoatError(e)) return errorAudit(options.file, sha256, format, e.code, e.userMessage);
    // A bug, not a bad file: keep the technical detail so the report can be acted on.
    const detail = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    return errorAudit(options.file, sha256, format, 'internal-error', `${defaultMessage('internal-error')} (${detail})`);
  }
}
