/**
 * summary-mismatch: the closing summary (TỔNG HỢP KẾT QUẢ CHẤM ĐIỂM) restates each group's score;
 * it must agree with the body.
 * - error: a summary entry's score differs from the body group's declared score. `declared` is the
 *   summary's value and `recomputed` the body's: the body is where the group is scored (and where
 *   group-sum-mismatch checks it), the summary is the restatement under audit, so the body value is
 *   the reference the summary is compared against.
 * - warning: a summary entry names a group the body does not have (declared = its value or null,
 *   recomputed = null).
 * - warning: a body group is absent from a non-empty summary (declared = null, recomputed = the body
 *   value or null). An empty summary is missing-figure's business.
 * Entries or groups without a score are not compared (missing-figure reports them).
 */
import { equals, toNumber } from '../core/decimal.js';
import type { Span } from '../core/report-audit.js';
import type { Extraction, Figure, GroupScore, SummaryEntry } from '../extractors/extraction.js';
import { points, where } from './wording.js';
import { groupFor, summaryEntryFor } from './recompute.js';
import type { Flag } from '../core/report-audit.js';
import type { Rule } from './types.js';

export const RULE_ID = 'summary-mismatch';

function differs(summaryScore: Figure, bodyScore: Figure, id: string): Flag {
  return {
    rule: RULE_ID,
    severity: 'error',
    message:
      `Phần tổng hợp ghi nhóm tiêu chí ${id} ${points(summaryScore.exact)} (${where(summaryScore.at)}) ` +
      `nhưng phần nội dung khai nhóm này ${points(bodyScore.exact)} (${where(bodyScore.at)}).`,
    group: id,
    declared: toNumber(summaryScore.exact),
    recomputed: toNumber(bodyScore.exact),
    evidence: [summaryScore.at, bodyScore.at],
  };
}

function notInBody(entry: SummaryEntry): Flag {
  const named = entry.score === null ? `nhắc đến nhóm tiêu chí ${entry.id}` : `ghi nhóm tiêu chí ${entry.id} ${points(entry.score.exact)}`;
  const span = entry.score?.at ?? entry.at;
  return {
    rule: RULE_ID,
    severity: 'warning',
    message:
      `Phần tổng hợp ${named} (${where(span)}) ` +
      `nhưng phần nội dung báo cáo không có nhóm tiêu chí ${entry.id}.`,
    group: entry.id,
    declared: entry.score === null ? null : toNumber(entry.score.exact),
    recomputed: null,
    evidence: [span],
  };
}

function notInSummary(group: GroupScore, summaryAt: Span | null): Flag {
  const span = group.score?.at ?? group.at;
  const value = group.score === null ? ' có trong phần nội dung' : ` khai ${points(group.score.exact)}`;
  const summary = summaryAt === null ? 'phần tổng hợp' : `phần tổng hợp (${where(summaryAt)})`;
  return {
    rule: RULE_ID,
    severity: 'warning',
    message: `Nhóm tiêu chí ${group.id}${value} (${where(span)}) nhưng ${summary} không nhắc đến nhóm này.`,
    group: group.id,
    declared: null,
    recomputed: group.score === null ? null : toNumber(group.score.exact),
    evidence: summaryAt === null ? [span] : [span, summaryAt],
  };
}

function check(extraction: Extraction): Flag[] {
  const flags: Flag[] = [];
  if (extraction.summary.length === 0) return flags;
  for (const entry of extraction.summary) {
    const group = groupFor(extraction, entry.id);
    if (group === null) flags.push(notInBody(entry));
    else if (entry.score !== null && group.score !== null && !equals(entry.score.exact, group.score.exact)) {
      flags.push(differs(entry.score, group.score, group.id));
    }
  }
  for (const group of extraction.groups) {
    if (summaryEntryFor(extraction, group.id) === null) flags.push(notInSummary(group, extraction.summaryAt));
  }
  return flags;
}

export const rule: Rule = {
  id: RULE_ID,
  description:
    'A group score restated in the closing summary differs from the body, or the summary and the body do not list the same groups.',
  check,
};
