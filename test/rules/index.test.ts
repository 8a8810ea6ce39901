import { describe, expect, it } from 'vitest';
import { rules, runRules } from '../../rules/index.js';
import type { Flag } from '../../core/report-audit.js';
import type { Rule } from '../../rules/types.js';
import { ext, g, quangTrung } from './build.js';

describe('rules', () => {
  it('has unique ids in a stable order', () => {
    expect(rules.map((r) => r.id)).toEqual(['group-sum-mismatch', 'total-mismatch', 'summary-mismatch', 'missing-figure', 'low-confidence', 'ambiguous-reading', 'reader-warning']);
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
});
