import { describe, expect, it } from 'vitest';
import { rule } from '../../rules/summary-mismatch.js';
import { essentials, ext, g, quangTrung, type ExtSpec, type Expected } from './build.js';

const valid: Array<[string, ExtSpec]> = [
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

const invalid: Array<[string, ExtSpec, Expected[]]> = [
  [
    'the summary restates a different score',
    { groups: [g('I', '21,3'), g('II', '33')], summary: [['I', '21,3'], ['II', '32']] },
    [{ rule: 'summary-mismatch', severity: 'error', group: 'II', declared: 32, recomputed: 33 }],
  ],
  [
    'a hundredth off',
    { groups: [g('I', '21,33')], summary: [['I', '21,3']] },
    [{ rule: 'summary-mismatch', severity: 'error', group: 'I', declared: 21.3, recomputed: 21.33 }],
  ],
  [
    'a penalty lost its sign in the summary',
    { groups: [g('VI', '-2')], summary: [['VI', '2']] },
    [{ rule: 'summary-mismatch', severity: 'error', group: 'VI', declared: 2, recomputed: -2 }],
  ],
  [
    'the summary lists a group the body does not have',
    { groups: [g('I', '21,3')], summary: [['I', '21,3'], ['VII', '5']] },
    [{ rule: 'summary-mismatch', severity: 'warning', group: 'VII', declared: 5, recomputed: null }],
  ],
  [
    'a body group is missing from the summary',
    { groups: [g('I', '21,3'), g('II', '33')], summary: [['I', '21,3']] },
    [{ rule: 'summary-mismatch', severity: 'warning', group: 'II', declared: null, recomputed: 33 }],
  ],
  [
    'a body group without a score is missing from the summary',
    { groups: [g('I', '21,3'), g('II', null)], summary: [['I', '21,3']] },
    [{ rule: 'summary-mismatch', severity: 'warning', group: 'II', declared: null, recomputed: null }],
  ],
];

describe('summary-mismatch', () => {
  it.each(valid)('no flag: %s', (_name, spec) => {
    expect(rule.check(ext(spec))).toEqual([]);
  });

  it.each(invalid)('flags: %s', (_name, spec, expected) => {
    expect(essentials(rule.check(ext(spec)))).toEqual(expected);
  });

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
