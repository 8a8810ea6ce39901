import { describe, expect, it } from 'vitest';
import { rule } from '../../rules/group-sum-mismatch.js';
import { ext, g, quangTrung } from './build.js';
import { ruleTester, type InvalidCase, type ValidCase } from './rule-tester.js';

const valid: ValidCase[] = [
  ['the sample report', quangTrung],
  ['8,3 + 9 + 3 + 1 = 21,3 exactly', { groups: [g('I', '21,3', { sub: [['1.1', '8,3'], ['1.2', '9'], ['1.3', '3'], ['1.4', '1']] })] }],
  ['0,1 + 0,2 = 0,3 (not 0.30000000000000004)', { groups: [g('I', '0,3', { sub: [['1.1', '0,1'], ['1.2', '0,2']] })] }],
  ['trailing zero in the declared score: 0,1 + 0,2 = 0,30', { groups: [g('I', '0,30', { sub: [['1.1', '0,1'], ['1.2', '0,2']] })] }],
  ['mixed scales: 8,25 + 1,5 = 9,75', { groups: [g('I', '9,75', { sub: [['1.1', '8,25'], ['1.2', '1,5']] })] }],
  ['dot decimals mixed with comma decimals: 8.25 + 1,5 = 9,75', { groups: [g('I', '9,75', { sub: [['1.1', '8.25'], ['1.2', '1,5']] })] }],
  ['bonus items with a leading zero total: 2 + 2 = 04', { groups: [g('VI', '04', { items: ['2', '2'] })] }],
  ['a penalty counts negative: 2 + 2 − 1 = 3', { groups: [g('VI', '3', { items: ['2', '2', '-1'] })] }],
  ['penalties only: −0,5 − 1 = −1,5', { groups: [g('VI', '-1,5', { items: ['-0,5', '-1'] })] }],
  ['a group without parts is not checked', { groups: [g('III', '10')] }],
  ['a group without a declared score is not checked', { groups: [g('I', null, { sub: [['1.1', '8,3']] })] }],
  ['a missing sub-group score means no claim', { groups: [g('I', '21,3', { sub: [['1.1', '8,3'], ['1.2', null]] })] }],
  ['sub-groups without any score, no items: nothing to add', { groups: [g('I', '21,3', { sub: [['1.1', null], ['1.2', null]] })] }],
];

const invalid: InvalidCase[] = [
  [
    'a photo of a later page opens inside the group at 2.2 (2.1 on the page before): a warning',
    { groups: [g('II', '33', { sub: [['2.2', '9']], continued: true })] },
    [
      {
        rule: 'group-sum-mismatch', severity: 'warning', group: 'II', declared: 33, recomputed: 9,
        message: 'Nhóm tiêu chí II khai 33 điểm (trang 1, dòng 1) nhưng tiểu mục 2.2 là 9 điểm, chênh lệch 24 điểm; tệp bắt đầu giữa nhóm này nên các phần ở trang trước có thể không có trong tệp.',
      },
    ],
  ],
  [
    'sub-groups add up to 22,3, declared 21,3',
    { groups: [g('I', '21,3', { sub: [['1.1', '8,3'], ['1.2', '10'], ['1.3', '3'], ['1.4', '1']] })] },
    [
      {
        rule: 'group-sum-mismatch', severity: 'error', group: 'I', declared: 21.3, recomputed: 22.3, evidence: [[1, 1], [1, 3], [1, 5], [1, 7], [1, 9]],
        message: 'Nhóm tiêu chí I khai 21,3 điểm (trang 1, dòng 1) nhưng tổng các tiểu mục 1.1–1.4 (8,3 + 10 + 3 + 1) là 22,3 điểm, chênh lệch 1 điểm.',
      },
    ],
  ],
  [
    'one hundredth off: 8,25 + 1,5 = 9,75, declared 9,74',
    { groups: [g('I', '9,74', { sub: [['1.1', '8,25'], ['1.2', '1,5']] })] },
    [
      {
        rule: 'group-sum-mismatch', severity: 'error', group: 'I', declared: 9.74, recomputed: 9.75, evidence: [[1, 1], [1, 3], [1, 5]],
        message: 'Nhóm tiêu chí I khai 9,74 điểm (trang 1, dòng 1) nhưng tổng các tiểu mục 1.1 và 1.2 (8,25 + 1,5) là 9,75 điểm, chênh lệch 0,01 điểm.',
      },
    ],
  ],
  [
    '0,1 + 0,2 declared 0,31',
    { groups: [g('I', '0,31', { sub: [['1.1', '0,1'], ['1.2', '0,2']] })] },
    [
      {
        rule: 'group-sum-mismatch', severity: 'error', group: 'I', declared: 0.31, recomputed: 0.3, evidence: [[1, 1], [1, 3], [1, 5]],
        message: 'Nhóm tiêu chí I khai 0,31 điểm (trang 1, dòng 1) nhưng tổng các tiểu mục 1.1 và 1.2 (0,1 + 0,2) là 0,3 điểm, chênh lệch 0,01 điểm.',
      },
    ],
  ],
  [
    'a penalty not deducted: 2 + 2 − 1 = 3, declared 04',
    { groups: [g('VI', '04', { items: ['2', '2', '-1'] })] },
    [
      {
        rule: 'group-sum-mismatch', severity: 'error', group: 'VI', declared: 4, recomputed: 3, evidence: [[1, 1], [1, 2], [1, 3], [1, 4]],
        message: 'Nhóm tiêu chí VI khai 4 điểm (trang 1, dòng 1) nhưng tổng 3 khoản điểm thưởng, phạt (2 + 2 − 1) là 3 điểm, chênh lệch 1 điểm.',
      },
    ],
  ],
  [
    'a single sub-group',
    { groups: [g('III', '10', { sub: [['3.1', '9,5']] })] },
    [
      {
        rule: 'group-sum-mismatch', severity: 'error', group: 'III', declared: 10, recomputed: 9.5, evidence: [[1, 1], [1, 3]],
        message: 'Nhóm tiêu chí III khai 10 điểm (trang 1, dòng 1) nhưng tiểu mục 3.1 là 9,5 điểm, chênh lệch 0,5 điểm.',
      },
    ],
  ],
  [
    'only the wrong group of several is flagged, in document order',
    {
      groups: [
        g('I', '21,3', { sub: [['1.1', '8,3'], ['1.2', '13']] }),
        g('II', '33', { sub: [['2.1', '24'], ['2.2', '8']] }),
        g('VI', '2', { items: ['2', '2'] }),
      ],
    },
    [
      {
        rule: 'group-sum-mismatch', severity: 'error', group: 'II', declared: 33, recomputed: 32, evidence: [[1, 6], [1, 8], [1, 10]],
        message: 'Nhóm tiêu chí II khai 33 điểm (trang 1, dòng 6) nhưng tổng các tiểu mục 2.1 và 2.2 (24 + 8) là 32 điểm, chênh lệch 1 điểm.',
      },
      {
        rule: 'group-sum-mismatch', severity: 'error', group: 'VI', declared: 2, recomputed: 4, evidence: [[1, 11], [1, 12], [1, 13]],
        message: 'Nhóm tiêu chí VI khai 2 điểm (trang 1, dòng 11) nhưng tổng 2 khoản điểm thưởng, phạt (2 + 2) là 4 điểm, chênh lệch 2 điểm.',
      },
    ],
  ],
];

ruleTester(rule, { valid, invalid });

describe('group-sum-mismatch: messages and evidence', () => {
  it('says both numbers, where the declared one stands, and which parts were added', () => {
    const e = ext({ groups: [g('I', '21,3@1:12', { sub: [['1.1', '8,3'], ['1.2', '10'], ['1.3', '3'], ['1.4', '1']] })] });
    const [flag] = rule.check(e);
    expect(flag?.message).toBe(
      'Nhóm tiêu chí I khai 21,3 điểm (trang 1, dòng 12) nhưng tổng các tiểu mục 1.1–1.4 (8,3 + 10 + 3 + 1) là 22,3 điểm, chênh lệch 1 điểm.',
    );
  });

  it('writes penalties as subtractions in the message', () => {
    const [flag] = rule.check(ext({ groups: [g('VI', '04', { items: ['2', '2', '-1'] })] }));
    expect(flag?.message).toContain('tổng 3 khoản điểm thưởng, phạt (2 + 2 − 1) là 3 điểm, chênh lệch 1 điểm');
  });

  it("cites the group's score and every part as evidence", () => {
    const e = ext({ groups: [g('II', '33', { sub: [['2.1', '24'], ['2.2', '8@2:40']] })] });
    const group = e.groups[0]!;
    const [flag] = rule.check(e);
    expect(flag?.evidence).toEqual([group.score!.at, group.subgroups[0]!.score!.at, { page: 2, line: 40, text: 'Kết quả số điểm tự chấm đạt: 8 điểm.' }]);
  });
});
