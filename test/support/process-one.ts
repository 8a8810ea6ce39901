/** processDocument for a file that holds one report: its one audit (a bundle fails the test). */
import type { ReportAudit } from '../../core/report-audit.js';
import { processDocument, type ProcessOptions } from '../../pipeline/process-document.js';

export async function processOne(bytes: Uint8Array, options: ProcessOptions): Promise<ReportAudit> {
  const audits = await processDocument(bytes, options);
  if (audits.length !== 1) throw new Error(`${options.file}: ${audits.length} reports, expected one`);
  return audits[0]!;
}
