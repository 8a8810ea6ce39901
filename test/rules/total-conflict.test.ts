import { describe, expect, it } from 'vitest';
import { extractReport } from '../../extractors/report.js';
import { runRules } from '../../rules/index.js';
import { rule } from '../../rules/total-conflict.js';
import { docOf, type LineSpec } from '../support/doc.js';
import { g, quangTrung } from './build.js';
import { ruleTester, type InvalidCase, type ValidCase } from './rule-tester.js';

// In `quangTrung` the total stands on line 22 and a restated total on line 30 (after the
// classification); group III's heading is line 15.
const valid: ValidCase[] = [
  ['the sample report', quangTrung],
  ['the total stated twice, equal', { ...quangTrung, totalRestated: ['92,3'] }],
  ['the total stated three times, equal (92,30 is 92,3)', { ...quangTrung, totalRestated: ['92,30', '92.3'] }],
  ['a group score stated twice in the body, equal', { groups: [g('I', '21,3'), g('III', '10', { restated: ['10'] })] }],
  ['a penalty group restated with its sign', { groups: [g('VI', '-1,5', { restated: ['-1,5'] })] }],
  ['the summary listing another score: summary-mismatch, not this rule', { groups: [g('III', '10')], summary: [['III', '12']] }],
  ['the total differing from the groups: total-mismatch, not this rule', { groups: [g('I', '21,3'), g('II', '33')], total: '55' }],
  ['a restatement without a first statement is not compared', { groups: [g('III', null, { restated: ['12'] })] }],
];

const invalid: InvalidCase[] = [
  [
    'the total 92,3 in the summary, 97,3 in an evaluation paragraph',
    { ...quangTrung, totalRestated: ['97,3'] },
    [
      {
        rule: 'total-conflict', severity: 'error', declared: 97.3, recomputed: 92.3, evidence: [[1, 22], [1, 30]],
        message: 'Tổng điểm tự chấm khai 92,3 điểm (trang 1, dòng 22) nhưng được nêu lại là 97,3 điểm (trang 1, dòng 30), chênh lệch 5 điểm.',
      },
    ],
  ],
  [
    'stated three times: only the one that differs',
    { ...quangTrung, totalRestated: ['92,3', '92,03@3:7'] },
    [{ rule: 'total-conflict', severity: 'error', declared: 92.03, recomputed: 92.3, evidence: [[1, 22], [3, 7]], messageContains: 'chênh lệch 0,27 điểm' }],
  ],
  [
    'two different restatements: one flag each',
    { ...quangTrung, totalRestated: ['97,3', '90'] },
    [
      { rule: 'total-conflict', severity: 'error', declared: 97.3, recomputed: 92.3, evidence: [[1, 22], [1, 30]] },
      { rule: 'total-conflict', severity: 'error', declared: 90, recomputed: 92.3, evidence: [[1, 22], [1, 31]] },
    ],
  ],
  [
    "group III's score 10 in its heading, 12 where the group ends",
    { groups: [g('I', '21,3'), g('III', '10', { restated: ['12'] })] },
    [
      {
        rule: 'total-conflict', severity: 'error', group: 'III', declared: 12, recomputed: 10, evidence: [[1, 2], [1, 3]],
        message: 'Nhóm tiêu chí III khai 10 điểm (trang 1, dòng 2) nhưng được nêu lại là 12 điểm (trang 1, dòng 3), chênh lệch 2 điểm.',
      },
    ],
  ],
  [
    'a penalty group restated without its sign',
    { groups: [g('VI', '-1,5', { restated: ['1,5'] })] },
    [
      {
        rule: 'total-conflict', severity: 'error', group: 'VI', declared: 1.5, recomputed: -1.5, evidence: [[1, 1], [1, 2]],
        message: 'Nhóm tiêu chí VI khai -1,5 điểm (trang 1, dòng 1) nhưng được nêu lại là 1,5 điểm (trang 1, dòng 2), chênh lệch 3 điểm.',
      },
    ],
  ],
  [
    'the total and a group both stated twice differently',
    { groups: [g('I', '21,3', { restated: ['21,5'] }), g('II', '33')], total: '54,3', totalRestated: ['54,5'] },
    [
      { rule: 'total-conflict', severity: 'error', declared: 54.5, recomputed: 54.3 },
      { rule: 'total-conflict', severity: 'error', group: 'I', declared: 21.5, recomputed: 21.3, evidence: [[1, 1], [1, 2]] },
    ],
  ],
];

ruleTester(rule, { valid, invalid });

describe('total-conflict through the extractor', () => {
  const body: LineSpec[] = [
    'Nhóm tiêu chí I: Kinh tế. Tổng điểm tự chấm 21,3 điểm.',
    'Nhóm tiêu chí II: Quản lý nhà nước. Tổng điểm tự chấm: 33 điểm.',
  ];
  const summary = (...after: LineSpec[]): LineSpec[] => [
    'III. TỔNG HỢP KẾT QUẢ CHẤM ĐIỂM VÀ ĐỀ NGHỊ XẾP LOẠI',
    '1. Kết quả tự đánh giá, chấm điểm theo các tiêu chí: 54,3 điểm, cụ thể:',
    '- Nhóm tiêu chí I: 21,3 điểm;',
    '- Nhóm tiêu chí II: 33 điểm;',
    '2. Đánh giá: Hoàn thành tốt nhiệm vụ năm 2024.',
    ...after,
  ];
  const conflicts = (lines: LineSpec[]) => runRules(extractReport(docOf(lines))).filter((f) => f.rule === 'total-conflict');

  it('keeps every statement of the grand total and flags the one that differs, with both lines', () => {
    const ex = extractReport(docOf([...body, ...summary('Với kết quả trên, tổng số điểm tự chấm đạt 57,3 điểm.')]));
    expect(ex.total?.raw).toBe('54,3');
    expect(ex.totalRestated.map((f) => [f.raw, f.at.line])).toEqual([['57,3', 8]]);
    const flags = runRules(ex);
    expect(flags.filter((f) => f.severity === 'error').map((f) => f.rule)).toEqual(['total-conflict']);
    expect(flags.find((f) => f.rule === 'total-conflict')).toMatchObject({
      declared: 57.3,
      recomputed: 54.3,
      evidence: [{ page: 1, line: 4 }, { page: 1, line: 8, text: 'Với kết quả trên, tổng số điểm tự chấm đạt 57,3 điểm.' }],
    });
    // The old reading note is gone: the flag says it.
    expect(flags.some((f) => f.rule === 'ambiguous-reading')).toBe(false);
  });

  it('a total restated equal, in a sentence or a table row, raises nothing', () => {
    expect(conflicts([...body, ...summary('Tổng số điểm tự chấm năm 2024: 54,3/100 điểm.')])).toEqual([]);
    expect(conflicts([...body, ...summary({ cells: ['Tổng cộng', '', '60', '54,30'] })])).toEqual([]);
  });

  it("keeps a group's score stated again where the group ends and flags a different value", () => {
    const ex = extractReport(docOf([body[0]!, 'Nội dung nhóm tiêu chí I.', 'Cộng nhóm tiêu chí I: 22,3 điểm.', body[1]!, ...summary()]));
    expect(ex.groups[0]!.restated.map((f) => f.raw)).toEqual(['22,3']);
    expect(conflicts([body[0]!, 'Cộng nhóm tiêu chí I: 22,3 điểm.', body[1]!, ...summary()])).toMatchObject([
      { group: 'I', declared: 22.3, recomputed: 21.3, evidence: [{ line: 1 }, { line: 2 }] },
    ]);
    expect(conflicts([body[0]!, 'Cộng nhóm tiêu chí I: 21,3 điểm.', body[1]!, ...summary()])).toEqual([]);
  });

  it('reads "Tổng số điểm tự chấm …" in a scored group as its score again', () => {
    const lines: LineSpec[] = [body[0]!, 'Tổng số điểm tự chấm của nhóm đạt 23 điểm.', body[1]!, ...summary()];
    expect(conflicts(lines)).toMatchObject([{ group: 'I', declared: 23, recomputed: 21.3 }]);
  });

  it('a sum that does not name the group is not its score again', () => {
    expect(conflicts([body[0]!, 'Tổng điểm thưởng: 4 điểm.', body[1]!, 'Tổng số điểm tự chấm của xã đạt 54,3 điểm.', ...summary()])).toEqual([]);
  });
});
