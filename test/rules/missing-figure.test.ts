import { describe, expect, it } from 'vitest';
import { rule } from '../../rules/missing-figure.js';
import { ext, g, quangTrung } from './build.js';
import { ruleTester, type InvalidCase, type ValidCase } from './rule-tester.js';

const complete = quangTrung;

const valid: ValidCase[] = [
  ['the sample report', complete],
  ['a bonus group whose only item is a penalty', { ...complete, groups: [g('I', '90'), g('VI', '-1', { items: ['-1'] })], total: '89', summary: [['I', '90'], ['VI', '-1']] }],
];

const invalid: InvalidCase[] = [
  [
    'a body group without a score (its sub-groups still add up)',
    { ...complete, groups: [g('I', null, { sub: [['1.1', '8,3'], ['1.2', '13']] })], summary: [['I', '21,3']], total: '21,3' },
    [
      {
        rule: 'missing-figure', severity: 'error', group: 'I', declared: null, recomputed: 21.3, evidence: [[1, 1]],
        message: 'Nhóm tiêu chí I (trang 1, dòng 1) không ghi tổng điểm tự chấm; phần tổng hợp ghi 21,3 điểm (trang 1, dòng 8), tổng các tiểu mục là 21,3 điểm.',
      },
    ],
  ],
  [
    'a photo of a later page opens inside a group: its missing score is a warning, not a discrepancy',
    { ...complete, groups: [g('II', null, { sub: [['2.1', '22'], ['2.2', '8,5']], continued: true }), g('III', '8,5')], summary: [['II', '30,5'], ['III', '8,5']], total: '39' },
    [
      {
        rule: 'missing-figure', severity: 'warning', group: 'II', declared: null, recomputed: 30.5, evidence: [[1, 1]],
        message: 'Tệp bắt đầu giữa nhóm tiêu chí II (trang 1, dòng 1); tiêu đề và điểm tự chấm của nhóm nằm ở trang không có trong tệp (phần tổng hợp ghi 30,5 điểm (trang 1, dòng 9), tổng các tiểu mục là 30,5 điểm).',
      },
    ],
  ],
  [
    'one photographed page from inside a report, without the total: a warning',
    { ...complete, groups: [g('I', '21,3')], summary: [], total: null, summaryAt: null, classification: 'Hoàn thành tốt nhiệm vụ', partial: true },
    [
      { rule: 'missing-figure', severity: 'warning', declared: null, recomputed: 21.3, evidence: [], message: 'Báo cáo không ghi tổng điểm tự chấm, trong khi cộng điểm các nhóm tiêu chí được 21,3 điểm; phần này có thể nằm ở trang không gửi kèm.' },
      { rule: 'missing-figure', severity: 'info', declared: null, recomputed: null, evidence: [] },
    ],
  ],
  [
    'one photographed summary page: no groups is a warning',
    { ...complete, groups: [], partial: true },
    [{ rule: 'missing-figure', severity: 'warning', declared: null, recomputed: null, evidence: [], message: 'Tệp chỉ có một trang của báo cáo, không có phần nội dung các nhóm tiêu chí; phần này có thể nằm ở trang không gửi kèm.' }],
  ],
  [
    'a body group without a score and without parts',
    { ...complete, groups: [g('III', null)], summary: [['III', '10']], total: '10' },
    [
      {
        rule: 'missing-figure', severity: 'error', group: 'III', declared: null, recomputed: null, evidence: [[1, 1]],
        message: 'Nhóm tiêu chí III (trang 1, dòng 1) không ghi tổng điểm tự chấm; phần tổng hợp ghi 10 điểm (trang 1, dòng 4).',
      },
    ],
  ],
  [
    'no grand total (the groups add up to 92,3)',
    { ...complete, total: null },
    [
      {
        rule: 'missing-figure', severity: 'error', declared: null, recomputed: 92.3, evidence: [[1, 21]],
        message: 'Phần tổng hợp (trang 1, dòng 21) không ghi tổng điểm tự chấm, trong khi cộng điểm các nhóm tiêu chí được 92,3 điểm.',
      },
    ],
  ],
  [
    'a sub-group without a score',
    { ...complete, groups: [g('I', '21,3', { sub: [['1.1', '8,3'], ['1.2', null]] })], summary: [['I', '21,3']], total: '21,3' },
    [
      {
        rule: 'missing-figure', severity: 'warning', group: 'I', declared: null, recomputed: null, evidence: [[1, 4]],
        message: 'Tiểu mục 1.2 của nhóm tiêu chí I (trang 1, dòng 4) không ghi điểm tự chấm nên không đối chiếu được tổng điểm của nhóm I.',
      },
    ],
  ],
  [
    'a summary entry without a score',
    { ...complete, summary: [['I', '21,3'], ['II', null]] },
    [
      {
        rule: 'missing-figure', severity: 'warning', group: 'II', declared: null, recomputed: null, evidence: [[1, 24]],
        message: 'Phần tổng hợp nhắc đến nhóm tiêu chí II (trang 1, dòng 24) nhưng không ghi điểm của nhóm này.',
      },
    ],
  ],
  [
    'no classification',
    { ...complete, classification: null },
    [
      {
        rule: 'missing-figure', severity: 'warning', declared: null, recomputed: null, evidence: [[1, 21]],
        message: 'Phần tổng hợp (trang 1, dòng 21) không ghi kết quả xếp loại mức độ hoàn thành nhiệm vụ.',
      },
    ],
  ],
  [
    'no summary: a note, not a fault',
    { ...complete, summary: [] },
    [
      {
        rule: 'missing-figure', severity: 'info', declared: null, recomputed: null, evidence: [[1, 21]],
        message: 'Phần tổng hợp (trang 1, dòng 21) không ghi lại điểm của từng nhóm tiêu chí nên không đối chiếu được với phần nội dung.',
      },
    ],
  ],
  [
    'nothing read at all',
    { groups: [], total: null, summary: [], classification: null },
    [
      {
        rule: 'missing-figure', severity: 'error', declared: null, recomputed: null, evidence: [],
        message: 'Không tìm thấy nhóm tiêu chí nào trong phần nội dung báo cáo nên không kiểm tra được điểm tự chấm.',
      },
      {
        rule: 'missing-figure', severity: 'error', declared: null, recomputed: null, evidence: [],
        message: 'Báo cáo không ghi tổng điểm tự chấm của tất cả các nhóm tiêu chí.',
      },
      {
        rule: 'missing-figure', severity: 'info', declared: null, recomputed: null, evidence: [],
        message: 'Báo cáo không có phần tổng hợp điểm theo từng nhóm tiêu chí nên không đối chiếu được với phần nội dung.',
      },
      {
        rule: 'missing-figure', severity: 'warning', declared: null, recomputed: null, evidence: [],
        message: 'Báo cáo không ghi kết quả xếp loại mức độ hoàn thành nhiệm vụ.',
      },
    ],
  ],
];

ruleTester(rule, { valid, invalid });

describe('missing-figure: messages and evidence', () => {
  it('cites the group heading and says what the score would be', () => {
    const e = ext({
      ...complete,
      groups: [g('I', null, { sub: [['1.1', '8,3'], ['1.2', '13']], at: [1, 17] })],
      summary: [['I', '21,3@5:4']],
    });
    const [flag] = rule.check(e);
    expect(flag?.evidence).toEqual([e.groups[0]!.at]);
    expect(flag?.message).toBe(
      'Nhóm tiêu chí I (trang 1, dòng 17) không ghi tổng điểm tự chấm; phần tổng hợp ghi 21,3 điểm (trang 5, dòng 4), tổng các tiểu mục là 21,3 điểm.',
    );
  });

  it('names the sub-group and where it stands', () => {
    const e = ext({ ...complete, groups: [g('I', '21,3', { sub: [['1.1', '8,3'], ['1.2', null]] })], summary: [['I', '21,3']] });
    const [flag] = rule.check(e);
    const sub = e.groups[0]!.subgroups[1]!;
    expect(flag?.evidence).toEqual([sub.at]);
    expect(flag?.message).toBe(
      `Tiểu mục 1.2 của nhóm tiêu chí I (trang 1, dòng ${sub.at!.line}) không ghi điểm tự chấm nên không đối chiếu được tổng điểm của nhóm I.`,
    );
  });

  it('points at the summary section when the total is missing', () => {
    const e = ext({ ...complete, total: null, summaryAt: [5, 1] });
    const [flag] = rule.check(e);
    expect(flag?.evidence).toEqual([{ page: 5, line: 1, text: 'III. TỔNG HỢP KẾT QUẢ CHẤM ĐIỂM VÀ ĐỀ NGHỊ XẾP LOẠI' }]);
    expect(flag?.message).toBe(
      'Phần tổng hợp (trang 5, dòng 1) không ghi tổng điểm tự chấm, trong khi cộng điểm các nhóm tiêu chí được 92,3 điểm.',
    );
  });
});
