/**
 * What the extractors read from a report: plain data that the rules check and the pipeline turns
 * into a ReportAudit. Every figure keeps its exact decimal and its span.
 */
import type { Decimal } from '../core/decimal.js';
import type { ClassificationLevel, Span } from '../core/report-audit.js';

export interface Figure {
  /** Exact value, for arithmetic. */
  readonly exact: Decimal;
  /** As written, e.g. "21,3" or "04". */
  readonly raw: string;
  readonly label?: string;
  readonly at: Span;
  readonly confidence?: number;
}

export interface SubgroupScore {
  /** Section number as written, e.g. "1.1". */
  readonly id: string;
  readonly title?: string;
  readonly score: Figure | null;
  readonly at?: Span;
}

export interface GroupScore {
  /** Roman numeral: I … VI. */
  readonly id: string;
  readonly title?: string;
  readonly score: Figure | null;
  readonly subgroups: readonly SubgroupScore[];
  /** Bonus/penalty lines (penalties negative). */
  readonly items: readonly Figure[];
  /** The group's heading line. */
  readonly at: Span;
  /** True for the bonus/penalty group (Điểm thưởng, phạt). */
  readonly bonus: boolean;
  /**
   * Every further statement of the group's score in the body, after `score`, in document order,
   * equal or not: e.g. "Cộng nhóm tiêu chí I: 21,5 điểm." at the end of a group whose heading
   * stated its score.
   * The closing summary's listing of the group is not one of them: it is `Extraction.summary`.
   */
  readonly restated: readonly Figure[];
  /** The file opens inside this group (a photo of a later page): its heading is on a page the file does not hold. */
  readonly continued?: boolean;
}

export interface SummaryEntry {
  readonly id: string;
  readonly score: Figure | null;
  readonly at: Span;
}

export interface Classification {
  readonly text: string;
  readonly level: ClassificationLevel;
  readonly at: Span;
}

export interface Indicator {
  /** Stable key, e.g. income_per_capita, poverty_rate. */
  readonly key: string;
  readonly value: number;
  readonly unit: string;
  readonly raw: string;
  readonly at: Span;
}

export interface Unit {
  /** xã, phường, thị trấn. */
  readonly type: string;
  readonly name: string;
}

/** A reading the extractor was unsure of, stated rather than silently chosen. */
export interface ReadingNote {
  readonly message: string;
  readonly at: Span;
}

export interface Extraction {
  readonly unit: Unit | null;
  readonly year: number | null;
  /** The grand total: its first statement in document order. */
  readonly total: Figure | null;
  /**
   * Every further statement of the grand total, after `total`, in document order (a summary
   * sentence, a table's "Tổng cộng" row, a closing paragraph), equal or not.
   */
  readonly totalRestated: readonly Figure[];
  readonly classification: Classification | null;
  readonly groups: readonly GroupScore[];
  readonly summary: readonly SummaryEntry[];
  /** Where the summary section begins (for evidence when it lacks an entry). */
  readonly summaryAt: Span | null;
  readonly indicators: readonly Indicator[];
  readonly notes: readonly ReadingNote[];
  /**
   * The file is one OCR'd page from inside a report (a photo of a later page, or of a first page
   * without the summary): what stands on the pages not sent is not missing from the report.
   */
  readonly partial?: boolean;
  /** The format reader's warnings (DocumentModel.warnings), for the reader-warning rule. */
  readonly readerWarnings: readonly string[];
}
