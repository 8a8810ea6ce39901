/**
 * Bundles: one file holding several reports, as when an office scans a stack of communes' reports
 * into one PDF. A report begins on a page whose head carries the national motto and the title
 * "BÁO CÁO"; the file is cut before each such page, and a cut is kept only where both sides read
 * as reports, so an appendix or a cover letter with its own letterhead stays with its report.
 */
import type { DocumentModel, Page } from './document.js';
import { fold } from './fold.js';
import { extractReport } from './report.js';
import type { Extraction } from './extraction.js';
import { isDoisoatError } from '../core/errors.js';

/** Lines at the top of a page that still count as its letterhead. */
const HEAD_LINES = 14;
const MOTTO = /cong\s*hoa\s+xa\s+hoi\s+chu\s+nghia|doc\s+lap\s*[-–—.,]?\s*tu\s+do\s*[-–—.,]?\s*hanh\s+phuc/;
const TITLE = /^\s*bao\s*cao\s*$|^\s*bao\s+cao\s+(?:ket\s+qua|tu\s+danh\s+gia|tu\s+cham)/;

/** One report of a file: its pages (numbered as in the file) and what was read from them. */
export interface ReportPart {
  readonly firstPage: number;
  readonly lastPage: number;
  readonly doc: DocumentModel;
  readonly extraction: Extraction;
}

/** Whether a page opens a report: the motto and a report title among its first lines. */
export function opensReport(page: Page): boolean {
  const head = page.lines.slice(0, HEAD_LINES).map((l) => fold(l.text));
  const motto = head.findIndex((t) => MOTTO.test(t));
  return motto >= 0 && head.slice(motto + 1).some((t) => TITLE.test(t));
}

/**
 * The reports a document holds, in page order. One report (the common case) is the whole
 * document; a document in which no report is found throws `no-report-found` as extractReport does.
 */
export function splitReports(doc: DocumentModel): ReportPart[] {
  const starts = doc.pages.flatMap((p, i) => (i > 0 && opensReport(p) ? [i] : []));
  if (starts.length === 0) return [whole(doc)];
  const ranges = [0, ...starts].map((from, k, all) => ({ from, to: all[k + 1] ?? doc.pages.length }));
  // Each candidate alone; a range that reads as no report joins the report before it (the first
  // range, the one after it).
  const merged: Array<{ from: number; to: number; extraction: Extraction | null }> = [];
  let orphanFrom: number | null = null;
  for (const r of ranges) {
    const extraction = tryExtract(slice(doc, r.from, r.to));
    const last = merged[merged.length - 1];
    if (extraction === null && last) merged[merged.length - 1] = { from: last.from, to: r.to, extraction: null };
    else if (extraction === null) orphanFrom ??= r.from;
    else {
      merged.push({ from: orphanFrom ?? r.from, to: r.to, extraction: orphanFrom === null ? extraction : null });
      orphanFrom = null;
    }
  }
  if (merged.length <= 1) return [whole(doc)];
  return merged.map(({ from, to, extraction }) => {
    const part = slice(doc, from, to);
    // Re-read only where a range grew by a neighbour.
    return { firstPage: part.pages[0]!.number, lastPage: part.pages[part.pages.length - 1]!.number, doc: part, extraction: extraction ?? extractReport(part) };
  });
}

function whole(doc: DocumentModel): ReportPart {
  const first = doc.pages[0]?.number ?? 1;
  const last = doc.pages[doc.pages.length - 1]?.number ?? first;
  return { firstPage: first, lastPage: last, doc, extraction: extractReport(doc) };
}

/** Pages [from, to) of the document; the pages keep their numbers in the file. */
function slice(doc: DocumentModel, from: number, to: number): DocumentModel {
  return { ...doc, pages: doc.pages.slice(from, to) };
}

function tryExtract(doc: DocumentModel): Extraction | null {
  try {
    return extractReport(doc);
  } catch (e) {
    if (isDoisoatError(e) && e.code === 'no-report-found') return null;
    throw e;
  }
}
