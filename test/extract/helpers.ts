/** Shared by the extractor tests (test/extract/*.test.ts): figures as numbers, groups as tuples, OCR'd lines. */
import { toNumber } from '../../core/decimal.js';
import type { Extraction, Figure } from '../../extractors/extraction.js';
import type { LineSpec } from '../support/doc.js';

export const v = (f: Figure | null): number | null => (f ? toNumber(f.exact) : null);

export function groupsOf(ex: Extraction): Array<[string, number | null, Array<[string, number | null]>, number[]]> {
  return ex.groups.map((g) => [g.id, v(g.score), g.subgroups.map((s) => [s.id, v(s.score)]), g.items.map((i) => toNumber(i.exact))]);
}

/** A line as OCR gives it: with a confidence, so the extractor may re-read it (typed text never). */
export const ocr = (text: string): LineSpec => ({ text, confidence: 0.9 });

/** A table row as OCR gives it, cell by cell. */
export const row = (...cells: string[]): LineSpec => ({ cells, confidence: 0.9 });
