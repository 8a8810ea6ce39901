/**
 * total-conflict (error): the same figure is stated more than once with different values.
 * - The grand total: its first statement (`Extraction.total`, the one total-mismatch checks)
 *   against every later one (`Extraction.totalRestated`): a summary sentence, a table's "Tổng
 *   cộng" row, a closing paragraph ("… tổng số điểm tự chấm đạt 97,3 điểm …").
 * - A group's score in the body: its first statement (`GroupScore.score`) against every later one
 *   (`GroupScore.restated`), e.g. a heading's "Tổng điểm tự chấm: 10 điểm" and a closing "Cộng
 *   nhóm tiêu chí III: 12 điểm". The closing summary's listing of a group is summary-mismatch's
 *   business, not this rule's.
 * One flag per later statement that differs (an equal restatement is fine). As in
 * summary-mismatch, `declared` is the restatement under audit and `recomputed` the first
 * statement, the value the other rules use; the evidence is both places, in document order.
 */
import { equals, toNumber } from '../core/decimal.js';
import type { Flag } from '../core/report-audit.js';
import type { Extraction, Figure } from '../extractors/extraction.js';
import type { Rule } from './types.js';
import { gap, points, where } from './wording.js';

export const RULE_ID = 'total-conflict';

function conflict(subject: string, first: Figure, again: Figure, group?: string): Flag {
  return {
    rule: RULE_ID,
    severity: 'error',
    message:
      `${subject} khai ${points(first.exact)} (${where(first.at)}) ` +
      `nhưng được nêu lại là ${points(again.exact)} (${where(again.at)}), ${gap(again.exact, first.exact)}.`,
    ...(group === undefined ? {} : { group }),
    declared: toNumber(again.exact),
    recomputed: toNumber(first.exact),
    evidence: [first.at, again.at],
  };
}

function check(extraction: Extraction): Flag[] {
  const flags: Flag[] = [];
  const total = extraction.total;
  if (total !== null) {
    for (const again of extraction.totalRestated) {
      if (!equals(again.exact, total.exact)) flags.push(conflict('Tổng điểm tự chấm', total, again));
    }
  }
  for (const group of extraction.groups) {
    if (group.score === null) continue;
    for (const again of group.restated) {
      if (!equals(again.exact, group.score.exact)) flags.push(conflict(`Nhóm tiêu chí ${group.id}`, group.score, again, group.id));
    }
  }
  return flags;
}

export const rule: Rule = {
  id: RULE_ID,
  description:
    'The grand total, or a group’s score in the body, is stated more than once with different values.',
  check,
};
