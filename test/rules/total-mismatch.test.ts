import { describe, expect, it } from 'vitest';
import { rule } from '../../rules/total-mismatch.js';
import { ext, g, quangTrung } from './build.js';
import { ruleTester, type InvalidCase, type ValidCase } from './rule-tester.js';

const valid: ValidCase[] = [
  ['the sample report: 21,3 + 33 + 10 + 14 + 10 + 04 = 92,3', quangTrung],
  ['0,1 + 0,2 = 0,3 exactly', { groups: [g('I', '0,1'), g('II', '0,2')], total: '0,3' }],
  ['two-decimal total: 21,33 + 33,5 + 38 = 92,83', { groups: [g('I', '21,33'), g('II', '33,5'), g('III', '38')], total: '92,83' }],
  ['dot-decimal total: 92.83', { groups: [g('I', '21,33'), g('II', '33,5'), g('III', '38')], total: '92.83' }],
  ['a penalty group lowers the total', { groups: [g('I', '90'), g('VI', '-2', { items: ['-2'] })], total: '88' }],
  ['no declared total: nothing to compare', { groups: [g('I', '21,3')] }],
  ['no groups: nothing to compare', { total: '92,3' }],
  ['a group with no value anywhere: total unknown', { groups: [g('I', '21,3'), g('II', null)], total: '50' }],
  [
    'a group without a body score counts the summary value',
    { groups: [g('I', '21,3'), g('II', null)], total: '54,3', summary: [['I', '21,3'], ['II', '33']] },
  ],
  [
    'a group without a body or summary score counts its sub-groups',
    { groups: [g('I', '21,3'), g('II', null, { sub: [['2.1', '24'], ['2.2', '9']] })], total: '54,3' },
  ],
  [
    'a group only the summary lists (a photo of the last page) counts with its summary score',
    { groups: [g('IV', '14'), g('V', '9,5')], total: '54,8', summary: [['I', '31,3'], ['IV', '14'], ['V', '9,5']] },
  ],
  [
    'the body score, not the summary, counts when both exist',
    { groups: [g('I', '21,3'), g('II', '33')], total: '54,3', summary: [['I', '21,3'], ['II', '34']] },
  ],
];

const invalid: InvalidCase[] = [
  [
    'groups only in the summary count, and the sum still differs',
    { groups: [g('IV', '14')], total: '50', summary: [['I', '31,3'], ['IV', '14']] },
    [
      {
        rule: 'total-mismatch', severity: 'error', declared: 50, recomputed: 45.3, evidence: [[1, 3], [1, 1], [1, 4]],
        message: 'Tổng điểm tự chấm khai 50 điểm (trang 1, dòng 3) nhưng tổng điểm các nhóm tiêu chí IV và I (14 + 31,3) là 45,3 điểm, chênh lệch 4,7 điểm, trong đó nhóm I chỉ có ở phần tổng hợp (trang 1, dòng 4) nên lấy 31,3 điểm.',
      },
    ],
  ],
  [
    'the sample with one group raised by 1',
    { ...quangTrung, groups: [g('I', '22,3'), ...(quangTrung.groups ?? []).slice(1)] },
    [
      {
        rule: 'total-mismatch', severity: 'error', declared: 92.3, recomputed: 93.3, evidence: [[1, 14], [1, 1], [1, 2], [1, 7], [1, 8], [1, 9], [1, 10]],
        message: 'Tổng điểm tự chấm khai 92,3 điểm (trang 1, dòng 14) nhưng tổng điểm các nhóm tiêu chí I–VI (22,3 + 33 + 10 + 14 + 10 + 4) là 93,3 điểm, chênh lệch 1 điểm.',
      },
    ],
  ],
  [
    '0,1 + 0,2 declared 0,4',
    { groups: [g('I', '0,1'), g('II', '0,2')], total: '0,4' },
    [
      {
        rule: 'total-mismatch', severity: 'error', declared: 0.4, recomputed: 0.3, evidence: [[1, 4], [1, 1], [1, 2]],
        message: 'Tổng điểm tự chấm khai 0,4 điểm (trang 1, dòng 4) nhưng tổng điểm các nhóm tiêu chí I và II (0,1 + 0,2) là 0,3 điểm, chênh lệch 0,1 điểm.',
      },
    ],
  ],
  [
    'two-decimal total one hundredth off',
    { groups: [g('I', '21,33'), g('II', '33,5'), g('III', '38')], total: '92,84' },
    [
      {
        rule: 'total-mismatch', severity: 'error', declared: 92.84, recomputed: 92.83, evidence: [[1, 5], [1, 1], [1, 2], [1, 3]],
        message: 'Tổng điểm tự chấm khai 92,84 điểm (trang 1, dòng 5) nhưng tổng điểm các nhóm tiêu chí I–III (21,33 + 33,5 + 38) là 92,83 điểm, chênh lệch 0,01 điểm.',
      },
    ],
  ],
  [
    'a penalty added instead of subtracted',
    { groups: [g('I', '90'), g('VI', '-2', { items: ['-2'] })], total: '92' },
    [
      {
        rule: 'total-mismatch', severity: 'error', declared: 92, recomputed: 88, evidence: [[1, 5], [1, 1], [1, 2]],
        message: 'Tổng điểm tự chấm khai 92 điểm (trang 1, dòng 5) nhưng tổng điểm các nhóm tiêu chí I và VI (90 − 2) là 88 điểm, chênh lệch 4 điểm.',
      },
    ],
  ],
  [
    'with a value taken from the summary',
    { groups: [g('I', '21,3'), g('II', null)], total: '55,3', summary: [['I', '21,3'], ['II', '33']] },
    [
      {
        rule: 'total-mismatch', severity: 'error', declared: 55.3, recomputed: 54.3, evidence: [[1, 4], [1, 1], [1, 6]],
        message: 'Tổng điểm tự chấm khai 55,3 điểm (trang 1, dòng 4) nhưng tổng điểm các nhóm tiêu chí I và II (21,3 + 33) là 54,3 điểm, chênh lệch 1 điểm, trong đó nhóm II không ghi điểm ở phần nội dung nên lấy 33 điểm ở phần tổng hợp (trang 1, dòng 6).',
      },
    ],
  ],
];

ruleTester(rule, { valid, invalid });

describe('total-mismatch: messages and evidence', () => {
  it('names both numbers, where the total stands, and the addition', () => {
    const e = ext({ groups: [g('I', '21,3'), g('II', '33'), g('III', '38,5')], total: '92,3@5:3' });
    const [flag] = rule.check(e);
    expect(flag?.message).toBe(
      'Tổng điểm tự chấm khai 92,3 điểm (trang 5, dòng 3) nhưng tổng điểm các nhóm tiêu chí I–III (21,3 + 33 + 38,5) là 92,8 điểm, chênh lệch 0,5 điểm.',
    );
  });

  it('says when a group value came from the summary or from its sub-groups', () => {
    const e = ext({
      groups: [g('I', '21,3'), g('II', null), g('III', null, { sub: [['3.1', '10']] })],
      total: '70',
      summary: [['I', '21,3'], ['II', '33@5:8']],
    });
    const [flag] = rule.check(e);
    expect(flag?.recomputed).toBe(64.3);
    expect(flag?.message).toContain('nhóm II không ghi điểm ở phần nội dung nên lấy 33 điểm ở phần tổng hợp (trang 5, dòng 8)');
    expect(flag?.message).toContain(`nhóm III không ghi điểm (trang 1, dòng ${e.groups[2]!.at.line}) nên lấy tổng các tiểu mục là 10 điểm`);
  });

  it('cites the total and every group score as evidence', () => {
    const e = ext({ groups: [g('I', '21,3'), g('II', null)], total: '55,3', summary: [['II', '33']] });
    const [flag] = rule.check(e);
    expect(flag?.evidence).toEqual([e.total!.at, e.groups[0]!.score!.at, e.summary[0]!.score!.at]);
  });
});
