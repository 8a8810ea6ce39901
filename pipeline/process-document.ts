/**
 * processDocument: bytes in, one ReportAudit per report the file holds out (one, unless the file is
 * a bundle of several reports: extractors/bundle.ts). The one chain every entry point runs (the
 * CLI's in-process check, the slots of the queue workers and the web upload). Never throws: a file
 * that cannot be read becomes one audit with `error` set.
 */
import { defaultMessage, isDoisoatError } from '../core/errors.js';
import { errorAudit, type AuditFormat, type ReportAudit } from '../core/report-audit.js';
import { readDocument, type ReadOptions } from '../extractors/formats/index.js';
import type { OcrService } from '../extractors/formats/ocr-service.js';
import { splitReports } from '../extractors/bundle.js';
import { runRules } from '../rules/index.js';
import { auditOf } from './audit.js';
import { formatOf, sha256Of } from './fingerprint.js';
import { confirmByRereading } from './second-reading.js';

export interface ProcessOptions {
  /** The path as given by the user, echoed in ReportAudit.file. */
  readonly file: string;
  readonly read?: ReadOptions;
  /** Reads scans and photos; without it they get an error audit. */
  readonly ocr?: OcrService;
}

export async function processDocument(bytes: Uint8Array, options: ProcessOptions): Promise<ReportAudit[]> {
  const sha256 = sha256Of(bytes);
  let format: AuditFormat = 'unknown';
  try {
    format = formatOf(bytes);
    const doc = await readDocument(bytes, { ...options.read, ...(options.ocr ? { ocr: options.ocr } : {}) });
    const parts = splitReports(doc);
    const audits: ReportAudit[] = [];
    for (const [i, p] of parts.entries()) {
      const part = parts.length > 1 ? { index: i + 1, count: parts.length, firstPage: p.firstPage, lastPage: p.lastPage } : undefined;
      let flags = runRules(p.extraction);
      if (options.ocr) flags = await confirmByRereading(bytes, p.doc, p.extraction, flags, options.ocr);
      audits.push(auditOf(options.file, sha256, p.doc, p.extraction, flags, part));
    }
    return audits;
  } catch (e) {
    if (isDoisoatError(e)) return [errorAudit(options.file, sha256, format, e.code, e.userMessage)];
    // A bug, not a bad file: keep the technical detail so the report can be acted on.
    const detail = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    return [errorAudit(options.file, sha256, format, 'internal-error', `${defaultMessage('internal-error')} (${detail})`)];
  }
}
