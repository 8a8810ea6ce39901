/**
 * missing-figure: a figure the audit needs is not in the report (or the extractor could not read
 * it), so some check could not be made.
 * - error: no criteria group at all in the body; a body group without a declared score; no grand
 *   total. Each of these leaves a required sum unchecked. A warning instead where the file is one
 *   page from inside a report (Extraction.partial, GroupScore.continued): the figure may stand on
 *   a page not sent.
 * - warning: a sub-group without a score (its group's sum is not checked); a summary entry without
 *   a score; no classification (xếp loại).
 * - info: no summary section (the body cannot be compared with it). Some reports simply omit it,
 *   so this is a note for the auditor, not a fault.
 * `declared` is null; `recomputed` is what the missing figure would have to be, where known.
 * `group` is the criteria group concerned (for a sub-group, its parent group; the message names
 * the sub-group).
 */
import { toNumber, type Decimal } from '../core/decimal.js';
import type { Span } from '../core/report-audit.js';
import type { Extraction, GroupScore, SubgroupScore, SummaryEntry } from '../extractors/extraction.js';
import { points, where } from './wording.js';
import { partsOf, partsSum, recomputeTotal, summaryScoreFor } from './recompute.js';
import type { Flag, Severity } from '../core/report-audit.js';
import type { Rule } from './types.js';

export const RULE_ID = 'missing-figure';

function flag(severity: Severity, message: string, evidence: Span[], group?: string, recomputed?: Decimal | null): Flag {
  return {
    rule: RULE_ID,
    severity,
    message,
    ...(group === undefined ? {} : { group }),
    declared: null,
    recomputed: recomputed == null ? null : toNumber(recomputed),
    evidence,
  };
}

function at(span: Span | null): string {
  return span === null ? '' : ` (${where(span)})`;
}

function groupWithoutScore(extraction: Extraction, group: GroupScore): Flag {
  const hints: string[] = [];
  const fromSummary = summaryScoreFor(extraction, group.id);
  if (fromSummary !== null) hints.push(`phần tổng hợp ghi ${points(fromSummary.exact)}${at(fromSummary.at)}`);
  const sum = partsSum(group);
  if (sum !== null) {
    const of = partsOf(group) === 'subgroups' ? 'các tiểu mục' : 'các khoản điểm';
    hints.push(`tổng ${of} là ${points(sum)}`);
  }
  // A photo of a later page opens inside the group: its score may well be on a page not sent.
  if (group.continued) {
    const message = `Tệp bắt đầu giữa nhóm tiêu chí ${group.id}${at(group.at)}; tiêu đề và điểm tự chấm của nhóm nằm ở trang không có trong tệp` + (hints.length > 0 ? ` (${hints.join(', ')}).` : '.');
    return flag('warning', message, [group.at], group.id, sum);
  }
  const message =
    `Nhóm tiêu chí ${group.id}${at(group.at)} không ghi tổng điểm tự chấm` +
    (hints.length > 0 ? `; ${hints.join(', ')}.` : ' nên không kiểm tra được điểm của nhóm này.');
  return flag('error', message, [group.at], group.id, sum);
}

function subgroupWithoutScore(group: GroupScore, sub: SubgroupScore): Flag {
  const span = sub.at ?? group.at;
  return flag(
    'warning',
    `Tiểu mục ${sub.id} của nhóm tiêu chí ${group.id}${at(span)} không ghi điểm tự chấm nên không đối chiếu được tổng điểm của nhóm ${group.id}.`,
    [span],
    group.id,
  );
}

function summaryEntryWithoutScore(entry: SummaryEntry): Flag {
  return flag(
    'warning',
    `Phần tổng hợp nhắc đến nhóm tiêu chí ${entry.id}${at(entry.at)} nhưng không ghi điểm của nhóm này.`,
    [entry.at],
    entry.id,
  );
}

/** "Báo cáo" or "Phần tổng hợp (trang 5, dòng 1)": who omits a figure that belongs to the summary. */
function summaryOrReport(extraction: Extraction): string {
  return extraction.summaryAt === null ? 'Báo cáo' : `Phần tổng hợp${at(extraction.summaryAt)}`;
}

function summaryEvidence(extraction: Extraction): Span[] {
  return extraction.summaryAt === null ? [] : [extraction.summaryAt];
}

function noTotal(extraction: Extraction): Flag {
  const sum = recomputeTotal(extraction);
  const message =
    `${summaryOrReport(extraction)} không ghi tổng điểm tự chấm` +
    (sum === null ? ' của tất cả các nhóm tiêu chí.' : `, trong khi cộng điểm các nhóm tiêu chí được ${points(sum)}.`);
  return extraction.partial
    ? flag('warning', message.replace(/\.$/, PARTIAL), summaryEvidence(extraction), undefined, sum)
    : flag('error', message, summaryEvidence(extraction), undefined, sum);
}

/** Said of a figure missing from one page of a report (Extraction.partial). */
const PARTIAL = '; phần này có thể nằm ở trang không gửi kèm.';

function check(extraction: Extraction): Flag[] {
  const flags: Flag[] = [];
  if (extraction.groups.length === 0) {
    flags.push(
      extraction.partial
        ? flag('warning', `Tệp chỉ có một trang của báo cáo, không có phần nội dung các nhóm tiêu chí${PARTIAL}`, [])
        : flag('error', 'Không tìm thấy nhóm tiêu chí nào trong phần nội dung báo cáo nên không kiểm tra được điểm tự chấm.', []),
    );
  }
  for (const group of extraction.groups) {
    if (group.score === null) flags.push(groupWithoutScore(extraction, group));
    for (const sub of group.subgroups) if (sub.score === null) flags.push(subgroupWithoutScore(group, sub));
  }
  if (extraction.total === null) flags.push(noTotal(extraction));
  if (extraction.summary.length === 0) {
    const message =
      extraction.summaryAt === null
        ? 'Báo cáo không có phần tổng hợp điểm theo từng nhóm tiêu chí nên không đối chiếu được với phần nội dung.'
        : `Phần tổng hợp${at(extraction.summaryAt)} không ghi lại điểm của từng nhóm tiêu chí nên không đối chiếu được với phần nội dung.`;
    flags.push(flag('info', message, summaryEvidence(extraction)));
  }
  for (const entry of extraction.summary) if (entry.score === null) flags.push(summaryEntryWithoutScore(entry));
  if (extraction.classification === null) {
    const message = `${summaryOrReport(extraction)} không ghi kết quả xếp loại mức độ hoàn thành nhiệm vụ.`;
    flags.push(flag('warning', message, summaryEvidence(extraction)));
  }
  return flags;
}

export const rule: Rule = {
  id: RULE_ID,
  description:
    'A figure the audit needs is missing: a group score, the grand total, a sub-group or summary score, the summary itself, or the classification.',
  check,
};
