import { describe, expect, it } from 'vitest';
import { rule } from '../../rules/missing-figure.js';
import { essentials, ext, g, quangTrung, type ExtSpec, type Expected } from './build.js';

const complete = quangTrung;

const valid: Array<[string, ExtSpec]> = [
  ['the sample report', complete],
  ['a bonus group whose only item is a penalty', { ...complete, groups: [g('I', '90'), g('VI', '-1', { items: ['-1'] })], total: '89', summary: [['I', '90'], ['VI', '-1']] }],
];

const invalid: Array<[string, ExtSpec, Expected[]]> = [
  [
    'a body group without a score (its sub-groups still add up)',
    { ...complete, groups: [g('I', null, { sub: [['1.1', '8,3'], ['1.2', '13']] })], summary: [['I', '21,3']], total: '21,3' },
    [{ rule: 'missing-figure', severity: 'error', group: 'I', declared: null, recomputed: 21.3 }],
  ],
  [
    'a body group without a score and without parts',
    { ...complete, groups: [g('III', null)], summary: [['III', '10']], total: '10' },
    [{ rule: 'missing-figure', severity: 'error', group: 'III', declared: null, recomputed: null }],
  ],
  [
    'no grand total (the groups add up to 92,3)',
    { ...complete, total: null },
    [{ rule: 'missing-figure', severity: 'error', declared: null, recomputed: 92.3 }],
  ],
  [
    'a sub-group without a score',
    { ...complete, groups: [g('I', '21,3', { sub: [['1.1', '8,3'], ['1.2', null]] })], summary: [['I', '21,3']], total: '21,3' },
    [{ rule: 'missing-figure', severity: 'warning', group: 'I', declared: null, recomputed: null }],
  ],
  [
    'a summary entry without a score',
    { ...complete, summary: [['I', '21,3'], ['II', null]] },
    [{ rule: 'missing-figure', severity: 'warning', group: 'II', declared: null, recomputed: null }],
  ],
  [
    'no classification',
    { ...complete, classification: null },
    [{ rule: 'missing-figure', severity: 'warning', declared: null, recomputed: null }],
  ],
  [
    'no summary: a note, not a fault',
    { ...complete, summary: [] },
    [{ rule: 'missing-figure', severity: 'info', declared: null, recomputed: null }],
  ],
  [
    'nothing read at all',
    { groups: [], total: null, summary: [], classification: null },
    [
      { rule: 'missing-figure', severity: 'error', declared: null, recomputed: null },
      { rule: 'missing-figure', severity: 'error', declared: null, recomputed: null },
      { rule: 'missing-figure', severity: 'info', declared: null, recomputed: null },
      { rule: 'missing-figure', severity: 'warning', declared: null, recomputed: null },
    ],
  ],
];

describe('missing-figure', () => {
  it.each(valid)('no flag: %s', (_name, spec) => {
    expect(rule.check(ext(spec))).toEqual([]);
  });

  it.each(invalid)('flags: %s', (_name, spec, expected) => {
    expect(essentials(rule.check(ext(spec)))).toEqual(expected);
  });

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
