/**
 * ambiguous-reading (info): a reading the extractor had to choose ("4.980" as thousands or
 * decimals, a group numeral that lost a stroke), stated rather than silently chosen.
 */
import type { Flag } from '../core/report-audit.js';
import type { Extraction } from '../extractors/extraction.js';
import type { Rule } from './types.js';

export const RULE_ID = 'ambiguous-reading';

export const rule: Rule = {
  id: RULE_ID,
  description: 'A number or heading whose reading the extractor had to choose: shown, never silent.',
  kind: 'reading',
  check(extraction: Extraction): Flag[] {
    return extraction.notes.map((n) => ({ rule: RULE_ID, severity: 'info', message: n.message, evidence: [n.at] }));
  },
};
