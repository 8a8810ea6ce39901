/**
 * The positioned document model: every format reader produces one, everything downstream reads
 * it. A line is the unit of evidence: an auditor is shown its page, number and text.
 */
import type { Span } from '../core/report-audit.js';

export type SourceFormat = 'docx' | 'doc' | 'pdf' | 'pdf-scanned' | 'image';

/** How a line was styled in the source, where the format tells (DOCX HTML, not PDF text). */
export type LineKind = 'heading' | 'paragraph' | 'list-item' | 'table-row';

export interface Line {
  /** 1-based, within its page. */
  readonly line: number;
  /** NFC text. For a table row, cells are joined by CELL_SEPARATOR. */
  readonly text: string;
  readonly kind?: LineKind;
  /** Heading level (1–6) for kind 'heading'. */
  readonly level?: number;
  /** Whole line bold or italic-bold in the source (a strong hint of a heading). */
  readonly emphasis?: boolean;
  /** For table rows: the cells, each NFC. */
  readonly cells?: readonly string[];
  /** OCR confidence 0–1, absent for text layers. */
  readonly confidence?: number;
}

export interface Page {
  /** 1-based. Formats without pages (DOCX, DOC) have one page. */
  readonly number: number;
  readonly lines: readonly Line[];
}

export interface DocumentModel {
  readonly format: SourceFormat;
  readonly pages: readonly Page[];
  /** Page count of the source where it has pages (PDF), else null. */
  readonly pageCount: number | null;
  /** Set when some page was read by OCR. */
  readonly ocr?: { readonly engine: string; readonly language: string; readonly meanConfidence: number };
  /** What the reader noticed but read past (mammoth's messages), as the library wrote them. */
  readonly warnings?: readonly string[];
}


/** Cells of a table row are kept apart in `text` by this separator. */
export const CELL_SEPARATOR = ' | ';

export function spanOf(page: Page, line: Line): Span {
  return { page: page.number, line: line.line, text: line.text };
}

/** Every line with its page, in reading order. */
export function* allLines(doc: DocumentModel): Generator<{ page: Page; line: Line }> {
  for (const page of doc.pages) for (const line of page.lines) yield { page, line };
}
