/**
 * The output contract: ReportAudit, what `doisoat check --json` prints
 * (schema/report-audit.schema.json, validated in the tests), and the types it is built from.
 * Every layer speaks these; this module depends on nothing but the error codes.
 */
import { defaultMessage, type ErrorCode } from './errors.js';

export const SCHEMA_VERSION = 1 as const;

/** Where a figure stands: the unit of evidence an auditor is shown. */
export interface Span {
  readonly page: number;
  readonly line: number;
  readonly text: string;
  /** OCR'd lines and a PDF's text layer: where the line stands on its page, as fractions 0–1 of the page. */
  readonly box?: SpanBox;
}

/**
 * A line's box on its page image, left/top (x0, y0) to right/bottom (x1, y1), each a fraction 0–1
 * of the page's width or height (so it does not depend on the resolution the page was read at).
 */
export interface SpanBox {
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
}

export type Severity = 'error' | 'warning' | 'info';

/** A diagnostic as data (like vfile-message): raised by a rule, never printed by it. */
export interface Flag {
  /** Stable rule id, e.g. "total-mismatch". */
  readonly rule: string;
  readonly severity: Severity;
  /** One Vietnamese sentence naming both numbers and where they stand. */
  readonly message: string;
  readonly group?: string;
  readonly indicator?: string;
  readonly declared?: number | null;
  readonly recomputed?: number | null;
  readonly evidence: readonly Span[];
}

export type ClassificationLevel = 'excellent' | 'good' | 'pass' | 'fail';

export type AuditFormat = 'docx' | 'doc' | 'pdf' | 'pdf-scanned' | 'image' | 'unknown';

export interface FigureJson {
  value: number;
  raw: string;
  decimals?: number;
  label?: string;
  at?: Span;
  confidence?: number;
}

export interface ReportAudit {
  schemaVersion: typeof SCHEMA_VERSION;
  file: string;
  sha256: string;
  format: AuditFormat;
  pages: number | null;
  ocr: { engine: string; language: string; meanConfidence: number } | null;
  unit: { type: string; name: string } | null;
  year: number | null;
  declared: {
    total: FigureJson | null;
    classification: { text: string; level: ClassificationLevel; at?: Span } | null;
    groups: Array<{
      id: string;
      title?: string;
      score: FigureJson | null;
      subgroups: Array<{ id: string; title?: string; score: FigureJson | null }>;
      items: FigureJson[];
    }>;
    summary: Array<{ id: string; score: FigureJson | null }>;
  };
  recomputed: { total: number | null; groups: Record<string, number> };
  indicators: Array<{ key: string; value: number; unit: string; raw?: string; at?: Span }>;
  flags: Flag[];
  /** Readings the extractor was unsure of, in Vietnamese (an extra property the schema allows). */
  notes?: Array<{ message: string; at: Span }>;
  error: { code: string; message: string } | null;
  /**
   * Set only when the file holds several reports (a bundle): which report of the file this is
   * (1-based, of `count`) and the file's pages it covers. `pages` stays the file's page count.
   */
  part?: ReportPart;
}

export interface ReportPart {
  index: number;
  count: number;
  firstPage: number;
  lastPage: number;
}

/** The sha256 field of an audit for a file that could not be opened at all (no bytes to hash). */
export const NO_FILE_SHA = '0'.repeat(64);

/** The audit of a file that could not be read: every section empty, `error` set. */
export function errorAudit(file: string, sha256: string, format: AuditFormat, code: ErrorCode, message?: string): ReportAudit {
  return {
    schemaVersion: SCHEMA_VERSION,
    file,
    sha256,
    format,
    pages: null,
    ocr: null,
    unit: null,
    year: null,
    declared: { total: null, classification: null, groups: [], summary: [] },
    recomputed: { total: null, groups: {} },
    indicators: [],
    flags: [],
    error: { code, message: message ?? defaultMessage(code) },
  };
}
