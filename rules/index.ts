/**
 * The rule set, in a stable order, and the runner: every check's flags, sorted by where their
 * first evidence stands (page, line), then by rule id; flags without evidence come last. The sort
 * is stable, so ties keep rule order and each rule's own order. Reading rules' flags follow, as
 * read.
 */
import type { Extraction } from '../extractors/extraction.js';
import { rule as ambiguousReading } from './ambiguous-reading.js';
import { rule as groupSumMismatch } from './group-sum-mismatch.js';
import { rule as lowConfidence } from './low-confidence.js';
import { rule as missingFigure } from './missing-figure.js';
import { rule as readerWarning } from './reader-warning.js';
import { rule as summaryMismatch } from './summary-mismatch.js';
import { rule as totalConflict } from './total-conflict.js';
import { rule as totalMismatch } from './total-mismatch.js';
import type { Flag } from '../core/report-audit.js';
import type { Rule } from './types.js';

export type { Rule } from './types.js';
export { recompute, recomputedToJson, type Recomputed, type RecomputedJson } from './recompute.js';

export const rules: readonly Rule[] = Object.freeze([
  groupSumMismatch,
  totalMismatch,
  totalConflict,
  summaryMismatch,
  missingFigure,
  lowConfidence,
  ambiguousReading,
  readerWarning,
]);

function byPosition(a: Flag, b: Flag): number {
  const x = a.evidence[0];
  const y = b.evidence[0];
  if (x !== y) {
    if (x === undefined) return 1;
    if (y === undefined) return -1;
    if (x.page !== y.page) return x.page - y.page;
    if (x.line !== y.line) return x.line - y.line;
  }
  return a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0;
}

export function runRules(extraction: Extraction, ruleSet: readonly Rule[] = rules): Flag[] {
  const checks: Flag[] = [];
  const readings: Flag[] = [];
  for (const rule of ruleSet) {
    const found = rule.check(extraction);
    const into = rule.kind === 'reading' ? readings : checks;
    for (const f of found) into.push(f);
  }
  if (checks.length > 1) checks.sort(byPosition);
  for (const f of readings) checks.push(f);
  return checks;
}
