/**
 * total-mismatch (error): the declared grand total differs from the exact sum of the group scores
 * (recomputeTotal: body score, else the summary's, else the group's own parts sum). Checked only
 * when both are known. The message says which groups' values did not come from the body.
 */
import { equals, toNumber, type Decimal } from '../core/decimal.js';
import type { Span } from '../core/report-audit.js';
import type { Extraction, Figure } from '../extractors/extraction.js';
import { addends, gap, idRange, points, where } from './wording.js';
import { partsOf, partsSum, recomputeTotal, summaryOnly, summaryScoreFor } from './recompute.js';
import type { Flag } from '../core/report-audit.js';
import type { Rule } from './types.js';

export const RULE_ID = 'total-mismatch';

function mismatch(extraction: Extraction, declared: Figure, sum: Decimal): Flag {
  const evidence: Span[] = [declared.at];
  const ids: string[] = [];
  const values: Decimal[] = [];
  const notes: string[] = [];
  for (const group of extraction.groups) {
    ids.push(group.id);
    if (group.score !== null) {
      values.push(group.score.exact);
      evidence.push(group.score.at);
      continue;
    }
    const fromSummary = summaryScoreFor(extraction, group.id);
    if (fromSummary !== null) {
      values.push(fromSummary.exact);
      evidence.push(fromSummary.at);
      notes.push(
        `nhóm ${group.id} không ghi điểm ở phần nội dung nên lấy ${points(fromSummary.exact)} ở phần tổng hợp (${where(fromSummary.at)})`,
      );
      continue;
    }
    const parts = partsSum(group);
    if (parts === null) continue; // cannot happen: the total would be null
    values.push(parts);
    evidence.push(group.at);
    const of = partsOf(group) === 'subgroups' ? 'các tiểu mục' : 'các khoản điểm';
    notes.push(`nhóm ${group.id} không ghi điểm (${where(group.at)}) nên lấy tổng ${of} là ${points(parts)}`);
  }
  for (const entry of summaryOnly(extraction)) {
    if (entry.score === null) continue; // cannot happen: the total would be null
    ids.push(entry.id);
    values.push(entry.score.exact);
    evidence.push(entry.score.at);
    notes.push(`nhóm ${entry.id} chỉ có ở phần tổng hợp (${where(entry.score.at)}) nên lấy ${points(entry.score.exact)}`);
  }
  const message =
    `Tổng điểm tự chấm khai ${points(declared.exact)} (${where(declared.at)}) ` +
    `nhưng tổng điểm các nhóm tiêu chí ${idRange(ids)} (${addends(values)}) là ${points(sum)}, ` +
    `${gap(declared.exact, sum)}${notes.length > 0 ? `, trong đó ${notes.join(', ')}` : ''}.`;
  return {
    rule: RULE_ID,
    severity: 'error',
    message,
    declared: toNumber(declared.exact),
    recomputed: toNumber(sum),
    evidence,
  };
}

export const rule: Rule = {
  id: RULE_ID,
  description: 'The declared grand total differs from the exact sum of the criteria groups’ scores.',
  check(extraction) {
    const declared = extraction.total;
    if (declared === null) return [];
    const sum = recomputeTotal(extraction);
    if (sum === null || equals(sum, declared.exact)) return [];
    return [mismatch(extraction, declared, sum)];
  },
};
