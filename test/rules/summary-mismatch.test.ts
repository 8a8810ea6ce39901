import { describe, expect, it } from 'vitest';
import { rule } from '../../rules/summary-mismatch.js';
import { ext, g, quangTrung } from './build.js';
import { ruleTester, type InvalidCase, type ValidCase } from './rule-tester.js';

const valid: ValidCase[] = [
  ['the sample report', quangTrung],
  ['04 in the summary equals 4 in the body', { groups: [g('VI', '4')], summary: [['VI', '04']] }],
  ['21,30 in the summary equals 21,3 in the body', { groups: [g('I', '21,3')], summary: [['I', '21,30']] }],
  ['dot decimal in the summary: 92.83 style', { groups: [g('I', '21,33')], summary: [['I', '21.33']] }],
  ['negative group score restated', { groups: [g('VI', '-1,5')], summary: [['VI', '-1,5']] }],
  ['summary order differs from body order', { groups: [g('I', '1'), g('II', '2')], summary: [['II', '2'], ['I', '1']] }],
  ['no summary at all: not this rule', { groups: [g('I', '21,3')] }],
  ['a summary entry without a score is not compared', { groups: [g('I', '21,3')], summary: [['I', null]] }],
  ['a body group without a score is not compared', { groups: [g('I', null)], summary: [['I', '21,3']] }],
  ['ids differing only in case and spaces match', { groups: [g('III', '10')], summary: [[' iii', '10']] }],
];

const invalid: InvalidCase[] = [
  [
    'the summary restates a different score',
    { groups: [g('I', '21,3'), g('II', '33')], summary: [['I', '21,3'], ['II', '32']] },
    [
      {
        rule: 'summary-mismatch', severity: 'error', group: 'II', declared: 32, recomputed: 33, evidence: [[1, 5], [1, 2]],
        message: 'Phần tổng hợp ghi nhóm tiêu chí II 32 điểm (trang 1, dòng 5) nhưng phần nội dung khai nhóm này 33 điểm (trang 1, dòng 2).',
      },
    ],
  ],
  [
    'a hundredth off',
    { groups: [g('I', '21,33')], summary: [['I', '21,3']] },
    [
      {
        rule: 'summary-mismatch', severity: 'error', group: 'I', declared: 21.3, recomputed: 21.33, evidence: [[1, 3], [1, 1]],
        message: 'Phần tổng hợp ghi nhóm tiêu chí I 21,3 điểm (trang 1, dòng 3) nhưng phần nội dung khai nhóm này 21,33 điểm (trang 1, dòng 1).',
      },
    ],
  ],
  [
    'a penalty lost its sign in the summary',
    { groups: [g('VI', '-2')], summary: [['VI', '2']] },
    [
      {
        rule: 'summary-mismatch', severity: 'error', group: 'VI', declared: 2, recomputed: -2, evidence: [[1, 3], [1, 1]],
        message: 'Phần tổng hợp ghi nhóm tiêu chí VI 2 điểm (trang 1, dòng 3) nhưng phần nội dung khai nhóm này -2 điểm (trang 1, dòng 1).',
      },
    ],
  ],
  [
    'the summary lists a group the body does not have',
    { groups: [g('I', '21,3')], summary: [['I', '21,3'], ['VII', '5']] },
    [
      {
        rule: 'summary-mismatch', severity: 'warning', group: 'VII', declared: 5, recomputed: null, evidence: [[1, 4]],
        message: 'Phần tổng hợp ghi nhóm tiêu chí VII 5 điểm (trang 1, dòng 4) nhưng phần nội dung báo cáo không có nhóm tiêu chí VII.',
      },
    ],
  ],
  [
    'a body group is missing from the summary',
    { groups: [g('I', '21,3'), g('II', '33')], summary: [['I', '21,3']] },
    [
      {
        rule: 'summary-mismatch', severity: 'warning', group: 'II', declared: null, recomputed: 33, evidence: [[1, 2], [1, 3]],
        message: 'Nhóm tiêu chí II khai 33 điểm (trang 1, dòng 2) nhưng phần tổng hợp (trang 1, dòng 3) không nhắc đến nhóm này.',
      },
    ],
  ],
  [
    'a body group without a score is missing from the summary',
    { groups: [g('I', '21,3'), g('II', null)], summary: [['I', '21,3']] },
    [
      {
        rule: 'summary-mismatch', severity: 'warning', group: 'II', declared: null, recomputed: null, evidence: [[1, 2], [1, 3]],
        message: 'Nhóm tiêu chí II có trong phần nội dung (trang 1, dòng 2) nhưng phần tổng hợp (trang 1, dòng 3) không nhắc đến nhóm này.',
      },
    ],
  ],
];

ruleTester(rule, { valid, invalid });

describe('summary-mismatch: messages and evidence', () => {
  it('names both numbers and both places', () => {
    const e = ext({ groups: [g('II', '33@2:14')], summary: [['II', '32@5:9']] });
    const [flag] = rule.check(e);
    expect(flag?.message).toBe(
      'Phần tổng hợp ghi nhóm tiêu chí II 32 điểm (trang 5, dòng 9) nhưng phần nội dung khai nhóm này 33 điểm (trang 2, dòng 14).',
    );
    expect(flag?.evidence.map((s) => [s.page, s.line])).toEqual([
      [5, 9],
      [2, 14],
    ]);
  });

  it('points at the summary section when a body group is absent from it', () => {
    const e = ext({ groups: [g('I', '21,3'), g('II', '33')], summary: [['I', '21,3']], summaryAt: [5, 1] });
    const [flag] = rule.check(e);
    expect(flag?.message).toBe(
      `Nhóm tiêu chí II khai 33 điểm (trang 1, dòng ${e.groups[1]!.at.line}) nhưng phần tổng hợp (trang 5, dòng 1) không nhắc đến nhóm này.`,
    );
    expect(flag?.evidence).toEqual([e.groups[1]!.score!.at, e.summaryAt]);
  });

  it('names a summary entry without a score that the body lacks', () => {
    const [flag] = rule.check(ext({ groups: [g('I', '21,3')], summary: [['I', '21,3'], ['VII', null]] }));
    expect(flag?.message).toBe(
      'Phần tổng hợp nhắc đến nhóm tiêu chí VII (trang 1, dòng 4) nhưng phần nội dung báo cáo không có nhóm tiêu chí VII.',
    );
  });
});
