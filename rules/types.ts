/**
 * A rule is like an ESLint rule: a stable id, a description, and a pure check that returns flags
 * as data. Rules never print and never throw on odd input; they return nothing to say instead.
 */
import type { Extraction } from '../extractors/extraction.js';
import type { Flag } from '../core/report-audit.js';

export interface Rule {
  readonly id: string;
  /** English, for developers (docs/rules.md). */
  readonly description: string;
  /**
   * 'check' (the default): a contradiction in the report. 'reading': how the document was read
   * (notes, reader warnings); these flags follow the checks', in the order they were read.
   */
  readonly kind?: 'check' | 'reading';
  readonly check: (extraction: Extraction) => Flag[];
}
