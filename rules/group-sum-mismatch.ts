/**
 * group-sum-mismatch (error): a group's declared score differs from the exact sum of its
 * sub-groups' scores (or, for a group without scored sub-groups, of its bonus/penalty items).
 * A warning for a group the file opens inside (GroupScore.continued): its first parts may stand on
 * a page not sent.
 * Checked only when the group declares a score and has scored parts; when some sub-group has no
 * score nothing is claimed here (missing-figure reports the gap).
 */
import { equals, toNumber, type Decimal } from '../core/decimal.js';
import type { Span } from '../core/report-audit.js';
import type { Figure, GroupScore } from '../extractors/extraction.js';
import { addends, gap, idRange, points, where } from './wording.js';
import { partsOf, partsSum } from './recompute.js';
import type { Flag } from '../core/report-audit.js';
import type { Rule } from './types.js';

export const RULE_ID = 'group-sum-mismatch';

function mismatch(group: GroupScore, declared: Figure, sum: Decimal): Flag {
  const evidence: Span[] = [declared.at];
  const values: Decimal[] = [];
  let parts: string;
  if (partsOf(group) === 'subgroups') {
    const ids: string[] = [];
    for (const s of group.subgroups) {
      if (s.score === null) continue; // cannot happen: partsSum is null then
      ids.push(s.id);
      values.push(s.score.exact);
      evidence.push(s.score.at);
    }
    parts = ids.length === 1 ? `tiểu mục ${idRange(ids)}` : `tổng các tiểu mục ${idRange(ids)} (${addends(values)})`;
  } else {
    for (const item of group.items) {
      values.push(item.exact);
      evidence.push(item.at);
    }
    const kind = group.bonus ? 'khoản điểm thưởng, phạt' : 'khoản điểm';
    parts = values.length === 1 ? `${kind} duy nhất` : `tổng ${values.length} ${kind} (${addends(values)})`;
  }
  // A photo of a later page opens inside the group: its first parts may be on a page not sent.
  const partial = group.continued === true;
  const message =
    `Nhóm tiêu chí ${group.id} khai ${points(declared.exact)} (${where(declared.at)}) ` +
    `nhưng ${parts} là ${points(sum)}, ${gap(declared.exact, sum)}` +
    (partial ? '; tệp bắt đầu giữa nhóm này nên các phần ở trang trước có thể không có trong tệp.' : '.');
  return {
    rule: RULE_ID,
    severity: partial ? 'warning' : 'error',
    message,
    group: group.id,
    declared: toNumber(declared.exact),
    recomputed: toNumber(sum),
    evidence,
  };
}

export const rule: Rule = {
  id: RULE_ID,
  description:
    "A criteria group's declared score differs from the exact sum of its sub-groups' scores (or of its bonus/penalty items).",
  check(extraction) {
    const flags: Flag[] = [];
    for (const group of extraction.groups) {
      if (group.score === null) continue;
      const sum = partsSum(group);
      if (sum === null || equals(sum, group.score.exact)) continue;
      flags.push(mismatch(group, group.score, sum));
    }
    return flags;
  },
};
