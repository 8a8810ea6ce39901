/**
 * A rule is like an ESLint rule: a stable id, a description, and a pure check that returns flags
 * as data. Rules never print and never throw on odd input; they return nothing to say instead.
 */
import type { Extraction } from '../extractors/extraction.js';
import type { Span } from '../extractors/document.js';

export type Severity = 'error' | 'warning' | 'info';

export interface Flag {
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

export interface Rule {
  readonly id: string;
  /** English, for developers and `doisoat rules`. */
  readonly description: string;
  readonly check: (extraction: Extraction) => Flag[];
}
