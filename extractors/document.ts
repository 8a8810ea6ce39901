/**
 * The positioned document model: every format reader produces one, everything downstream reads
 * it. A line is the unit of evidence: an auditor is shown its page, number and text.
 */
import type { Span, SpanBox } from '../core/report-audit.js';

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
  /**
   * The line's box on its page, in Page.size's units: pixels of the page image for OCR'd lines,
   * points for a PDF's text layer. Absent where the format has no geometry (DOCX, DOC).
   */
  readonly box?: PixelBox;
}

export interface PixelBox {
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
}

export interface Page {
  /** 1-based. Formats without pages (DOCX, DOC) have one page. */
  readonly number: number;
  readonly lines: readonly Line[];
  /** Pages whose lines have boxes: the page's size in the same units (image pixels, or PDF points). */
  readonly size?: { readonly width: number; readonly height: number };
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
  const box = line.box && page.size ? fractionBox(line.box, page.size) : null;
  return box ? { page: page.number, line: line.line, text: line.text, box } : { page: page.number, line: line.line, text: line.text };
}

/** A pixel box as fractions of its page (4 decimals, clamped to 0–1); null for a degenerate page or box. */
export function fractionBox(box: PixelBox, size: { readonly width: number; readonly height: number }): SpanBox | null {
  if (!(size.width > 0 && size.height > 0)) return null;
  const f = (v: number, of: number): number => Math.round(Math.max(0, Math.min(1, v / of)) * 10_000) / 10_000;
  const b = { x0: f(box.x0, size.width), y0: f(box.y0, size.height), x1: f(box.x1, size.width), y1: f(box.y1, size.height) };
  return b.x1 > b.x0 && b.y1 > b.y0 ? b : null;
}

/** Every line with its page, in reading order. */
export function* allLines(doc: DocumentModel): Generator<{ page: Page; line: Line }> {
  for (const page of doc.pages) for (const line of page.lines) yield { page, line };
}
