/**
 * ocr-uncertain: the first reading's errors reconciled with a second reading of the same scan, both
 * as the extractor reads them (docOf → extractReport → runRules), in tables of cases.
 */
import { describe, expect, it } from 'vitest';
import type { Flag } from '../../core/report-audit.js';
import { spanOf } from '../../extractors/document.js';
import { extractReport } from '../../extractors/report.js';
import { runRules } from '../../rules/index.js';
import { isContested, reconcile, type LineReading } from '../../rules/ocr-uncertain.js';
import { docOf, type LineSpec } from '../support/doc.js';

const ocr = (text: string, confidence = 0.9): LineSpec => ({ text, confidence });

/** A scanned report whose group VI declares 4 points from two bonus items of 2. */
function report(bonusLine: string, opts: { declared?: string; second?: string } = {}): LineSpec[] {
  return [
    ocr('BÁO CÁO KẾT QUẢ TỰ ĐÁNH GIÁ, CHẤM ĐIỂM NĂM 2024 CỦA XÃ AN BÌNH'),
    ocr('1. NHÓM TIÊU CHÍ I: KINH TẾ. Tổng điểm tự chấm: 20 điểm.'),
    ocr(`6. NHÓM TIÊU CHÍ VI: ĐIỂM THƯỞNG, PHẠT. Tổng điểm tự chấm: ${opts.declared ?? '04'} điểm.`),
    ocr('- Tỷ lệ hộ nghèo giảm: Chỉ tiêu giao 0,89% đạt 0,64%. Đề nghị thưởng 2 điểm.'),
    ocr('- Tỷ lệ hồ sơ trực tuyến: Chỉ tiêu giao 65% đạt 99,7%.'),
    ocr(bonusLine, 0.62),
    ocr(opts.second ?? '- Giải quyết đơn thư đúng hạn.'),
    ocr(`Tổng điểm tự chấm: ${opts.declared === '05' ? '25' : '24'} điểm.`),
  ];
}

const MISREAD = 'Đề nghị thư ởng 2 điểm.';
const RIGHT = 'Đề nghị thưởng 2 điểm.';

interface Case {
  readonly name: string;
  readonly first: LineSpec[];
  /** The second reading's document; null when it gave no report. */
  readonly second: LineSpec[] | null;
  readonly want: 'error' | 'ocr-uncertain' | 'none';
  readonly messageContains?: readonly string[];
  /** The contested error's figures, kept on the warning (default 4 declared, 2 recomputed). */
  readonly values?: { readonly declared: number; readonly recomputed: number };
}

const cases: Case[] = [
  { name: 'both readings miss the item, and no line holds the missing 2 points', first: report('Đề nghị khen.'), second: report('Đề nghị khen.'), want: 'error' },
  {
    name: 'the second reading reads the item: the readings disagree',
    first: report(MISREAD),
    second: report(RIGHT),
    want: 'ocr-uncertain',
    messageContains: ['Cần đối chiếu bản gốc', 'trang 1, dòng 6 lần đầu đọc là “Đề nghị thư ởng 2 điểm.” (độ tin cậy 62%)', 'đọc lại là “Đề nghị thưởng 2 điểm.” (độ tin cậy 62%), có 2 điểm mà lần đọc đầu không thấy', 'Nhóm tiêu chí VI khai 4 điểm'],
  },
  {
    name: 'the second reading reads a figure the error rests on as another number',
    first: report(RIGHT, { declared: '05' }),
    second: report(RIGHT, { declared: '04' }),
    want: 'ocr-uncertain',
    values: { declared: 5, recomputed: 4 },
    messageContains: ['trang 1, dòng 3 lần đầu đọc là 05 (“6. NHÓM TIÊU CHÍ VI', 'độ tin cậy 90%), đọc lại là 04 (“6. NHÓM TIÊU CHÍ VI'],
  },
  {
    name: 'both readings miss the item, but the line holds exactly the missing 2 points',
    first: report(MISREAD),
    second: report(MISREAD),
    want: 'ocr-uncertain',
    messageContains: ['thiếu 2 điểm so với điểm khai', 'trang 1, dòng 6 ghi “Đề nghị thư ởng 2 điểm.”', 'không lần đọc nào nhận là một khoản điểm'],
  },
  {
    name: 'a real discrepancy both readings see (declared 5, items 2 + 2)',
    first: report(RIGHT, { declared: '05' }),
    second: report(RIGHT, { declared: '05' }),
    want: 'error',
  },
  { name: 'the second reading gives no report at all', first: report(MISREAD), second: null, want: 'ocr-uncertain' },
  { name: 'no error to contest', first: report(RIGHT), second: report(RIGHT), want: 'none' },
];

function readingsOf(first: LineSpec[], second: LineSpec[] | null): LineReading[] {
  const a = docOf(first, 'pdf-scanned').pages[0]!;
  const b = second ? docOf(second, 'pdf-scanned').pages[0]! : null;
  return a.lines.map((l, i) => ({ at: spanOf(a, l), confidence: l.confidence, again: b?.lines[i]?.text ?? '', againConfidence: b?.lines[i]?.confidence ?? null }));
}

describe('ocr-uncertain reconciles two readings', () => {
  for (const c of cases) {
    it(c.name, () => {
      const doc = docOf(c.first, 'pdf-scanned');
      const extraction = extractReport(doc);
      const flags = runRules(extraction);
      const contested = flags.filter((f) => isContested(f, () => true, true));
      const secondExtraction = c.second ? extractReport(docOf(c.second, 'pdf-scanned')) : null;
      const secondFlags = secondExtraction ? runRules(secondExtraction) : null;
      const lines = doc.pages.flatMap((p) => p.lines.map((l) => ({ at: spanOf(p, l), confidence: l.confidence })));
      const verdicts = reconcile(contested, { extraction: secondExtraction, flags: secondFlags, lines: readingsOf(c.first, c.second) }, extraction, lines);
      const out = [...verdicts.values()].filter((f) => f.group === 'VI');
      if (c.want === 'none') {
        expect(out).toEqual([]);
        return;
      }
      expect(out).toHaveLength(1);
      const flag = out[0]!;
      if (c.want === 'error') {
        expect(flag).toMatchObject({ rule: 'group-sum-mismatch', severity: 'error', group: 'VI' });
        return;
      }
      expect(flag).toMatchObject({ rule: 'ocr-uncertain', severity: 'warning', group: 'VI', ...(c.values ?? { declared: 4, recomputed: 2 }) });
      expect(flag.evidence.length).toBeGreaterThan(0);
      for (const part of c.messageContains ?? []) expect(flag.message).toContain(part);
    });
  }
});

describe('isContested', () => {
  const error: Flag = { rule: 'total-mismatch', severity: 'error', message: '', evidence: [{ page: 1, line: 3, text: '' }] };
  const table: Array<[string, Flag, boolean, boolean]> = [
    ['an error on an OCR\'d line', error, true, true],
    ['an error on a typed line', error, false, false],
    ['a warning on an OCR\'d line', { ...error, severity: 'warning' }, true, false],
    ['an error of a rule that reads no figures', { ...error, rule: 'reader-warning' }, true, false],
    ['a missing figure in a scan, without evidence', { ...error, rule: 'missing-figure', evidence: [] }, false, true],
  ];
  for (const [name, flag, onOcr, want] of table) it(name, () => expect(isContested(flag, () => onOcr, true)).toBe(want));
});
