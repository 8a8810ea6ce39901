/**
 * low-confidence (info): a declared score that OCR read with a line confidence below the
 * threshold, so an auditor looks at the page before trusting it. Typed documents carry no
 * confidence and never raise it.
 */
import { toNumber } from '../core/decimal.js';
import type { Extraction, Figure } from '../extractors/extraction.js';
import { points, where } from './wording.js';
import type { Flag } from '../core/report-audit.js';
import type { Rule } from './types.js';

export const RULE_ID = 'low-confidence';

/** Line confidence (0–1) below which a score read by OCR is pointed out. */
export const LOW_CONFIDENCE = 0.75;

function percent(c: number): string {
  return `${Math.round(c * 100)}%`;
}

function flag(figure: Figure, what: string, group?: string): Flag {
  return {
    rule: RULE_ID,
    severity: 'info',
    message: `${what} đọc từ bản scan là ${points(figure.exact)} (${where(figure.at)}) với độ tin cậy nhận dạng ${percent(figure.confidence!)}; cần đối chiếu với bản gốc.`,
    ...(group ? { group } : {}),
    declared: toNumber(figure.exact),
    recomputed: null,
    evidence: [figure.at],
  };
}

const low = (f: Figure | null): f is Figure => f !== null && f.confidence !== undefined && f.confidence < LOW_CONFIDENCE;

export const rule: Rule = {
  id: RULE_ID,
  description: 'A declared score read by OCR with low confidence: check it against the page.',
  check(extraction: Extraction): Flag[] {
    const flags: Flag[] = [];
    for (const g of extraction.groups) {
      if (low(g.score)) flags.push(flag(g.score, `Điểm nhóm tiêu chí ${g.id}`, g.id));
      for (const s of g.subgroups) if (low(s.score)) flags.push(flag(s.score, `Điểm tiểu mục ${s.id}`, g.id));
      for (const item of g.items) if (low(item)) flags.push(flag(item, `Điểm thưởng/phạt của nhóm ${g.id}`, g.id));
    }
    for (const s of extraction.summary) if (low(s.score)) flags.push(flag(s.score, `Điểm nhóm ${s.id} ở phần tổng hợp`, s.id));
    if (low(extraction.total)) flags.push(flag(extraction.total, 'Tổng điểm tự chấm'));
    return flags;
  },
};
