import { describe, expect, it } from 'vitest';
import { rules, runRules } from '../../rules/index.js';
import type { Flag } from '../../core/report-audit.js';
import type { Rule } from '../../rules/types.js';
import { ext, g, quangTrung } from './build.js';

describe('rules', () => {
  it('has unique ids in a stable order', () => {
    expect(rules.map((r) => r.id)).toEqual(['group-sum-mismatch', 'total-mismatch', 'total-conflict', 'summary-mismatch', 'missing-figure', 'low-confidence', 'ambiguous-reading', 'reader-warning']);
  });

  it('finds nothing in the sample report', () => {
    expect(runRules(ext(quangTrung))).toEqual([]);
  });

  it('sorts flags by page and line of their first evidence, then rule id; no evidence last', () => {
    const e = ext({
      groups: [
        g('I', '21,3@1:17', { sub: [['1.1', '8,3'], ['1.2', '12']] }),
        g('II', '33@2:5', { sub: [['2.1', '24'], ['2.2', '9']] }),
      ],
      total: '55,3@5:3',
      summary: [
        ['I', '21,3@5:4'],
        ['II', '34@5:5'],
      ],
      summaryAt: null,
      classification: null,
    });
    const flags = runRules(e);
    expect(flags.map((f) => [f.rule, f.evidence[0]?.page, f.evidence[0]?.line])).toEqual([
      ['group-sum-mismatch', 1, 17],
      ['total-mismatch', 5, 3],
      ['summary-mismatch', 5, 5],
      ['missing-figure', undefined, undefined],
    ]);
    expect(flags.every((f) => f.message.endsWith('.'))).toBe(true);
  });

  it('breaks ties on the same line by rule id', () => {
    const at = { page: 1, line: 1, text: '' };
    const make = (id: string): Rule => ({ id, description: id, check: (): Flag[] => [{ rule: id, severity: 'info', message: id, evidence: [at] }] });
    expect(runRules(ext({}), [make('b'), make('a'), make('c')]).map((f) => f.rule)).toEqual(['a', 'b', 'c']);
  });

  it('puts the reading flags after the checks’ flags, in the order they were read, even when they stand earlier', () => {
    const e = ext({
      ...quangTrung,
      groups: [g('I', '21,3', { sub: [['1.1', '8,3'], ['1.2', '12']] }), ...(quangTrung.groups ?? []).slice(1)],
      summaryAt: null,
      classification: null,
      notes: [
        ['Đọc “4.980” là 4980 (dấu phân cách hàng nghìn trước đơn vị đếm).', 4, 2],
        ['Đọc “Nhóm tiêu chí II” ở phần tổng hợp là nhóm III (bản scan; theo thứ tự các nhóm).', 1, 1],
      ],
      readerWarnings: ["Unrecognised paragraph style: 'Heading 1 Char' (Style ID: Heading1Char)"],
    });
    expect(runRules(e).map((f) => [f.rule, f.severity, f.evidence[0]?.page, f.evidence[0]?.line])).toEqual([
      ['group-sum-mismatch', 'error', 1, 1],
      ['missing-figure', 'warning', undefined, undefined],
      ['ambiguous-reading', 'info', 4, 2],
      ['ambiguous-reading', 'info', 1, 1],
      ['reader-warning', 'info', undefined, undefined],
    ]);
  });

  it('a reading rule’s flags follow the checks’ whatever the rule order', () => {
    const at = (line: number) => ({ page: 1, line, text: '' });
    const make = (id: string, line: number, kind?: 'check' | 'reading'): Rule => ({
      id,
      description: id,
      ...(kind ? { kind } : {}),
      check: (): Flag[] => [{ rule: id, severity: 'info', message: id, evidence: [at(line)] }],
    });
    expect(runRules(ext({}), [make('r', 1, 'reading'), make('c2', 9, 'check'), make('c1', 5)]).map((f) => f.rule)).toEqual(['c1', 'c2', 'r']);
  });
});
