/**
 * One report of a bundle (a file holding several): the key it is stored and addressed under, and
 * how people see it named. A file with one report is keyed by its own sha256.
 */
import { createHash } from 'node:crypto';
import type { ReportAudit, ReportPart } from './report-audit.js';

/**
 * The report's key: the file's sha256, or for a part a hash of the file's and its pages, so the
 * same split of the same file gets the same key again (and keeps its decisions).
 */
export function reportKey(fileSha256: string, part?: ReportPart): string {
  if (!part) return fileSha256;
  return createHash('sha256').update(`${fileSha256}#${part.firstPage}-${part.lastPage}`).digest('hex');
}

/** "trang 11–15": the file's pages a part covers. */
export function pagesLabel(part: ReportPart): string {
  return part.firstPage === part.lastPage ? `trang ${part.firstPage}` : `trang ${part.firstPage}–${part.lastPage}`;
}

/** The name a report is shown under: the file's, and for a part its place in the file. */
export function reportName(audit: Pick<ReportAudit, 'file' | 'part'>): string {
  const { part } = audit;
  return part ? `${audit.file} (báo cáo ${part.index}/${part.count}, ${pagesLabel(part)})` : audit.file;
}
