import { describe, expect, it } from 'vitest';
import type { Extraction, Figure } from '../../extractors/extraction.js';
import { LOW_CONFIDENCE, rule } from '../../rules/low-confidence.js';
import { ext, g } from './build.js';

/** The same extraction with every figure read at confidence `c` (as OCR would give). */
function read(extraction: Extraction, c: number | undefined): Extraction {
  const fig = (f: Figure | null): Figure | null => (f === null ? null : c === undefined ? f : { ...f, confidence: c });
  return {
    ...extraction,
    total: fig(extraction.total),
    groups: extraction.groups.map((gr) => ({
      ...gr,
      score: fig(gr.score),
      subgroups: gr.subgroups.map((s) => ({ ...s, score: fig(s.score) })),
      items: gr.items.map((i) => fig(i)!),
    })),
    summary: extraction.summary.map((s) => ({ ...s, score: fig(s.score) })),
  };
}

const report = ext({
  groups: [g('I', '21,3', { sub: [['1.1', '8,3'], ['1.2', '13']] }), g('VI', '04', { items: ['2', '2'], bonus: true })],
  total: '25,3',
  summary: [['I', '21,3'], ['VI', '04']],
});

describe('low-confidence', () => {
  it.each([
    ['a typed document (no confidence)', undefined],
    ['OCR at the threshold', LOW_CONFIDENCE],
    ['OCR well above it', 0.96],
  ])('valid: %s', (_name, c) => {
    expect(rule.check(read(report, c))).toEqual([]);
  });

  it('invalid: every score read below the threshold is pointed out, as info, with its line', () => {
    const flags = rule.check(read(report, 0.42));
    // 2 groups + 2 sub-groups + 2 items + 2 summary entries + the total
    expect(flags).toHaveLength(9);
    for (const f of flags) {
      expect(f.rule).toBe('low-confidence');
      expect(f.severity).toBe('info');
      expect(f.message).toContain('42%');
      expect(f.evidence).toHaveLength(1);
    }
    expect(flags[0]).toMatchObject({ group: 'I', declared: 21.3 });
    expect(flags[0]!.message).toMatch(/^Điểm nhóm tiêu chí I đọc từ bản scan là 21,3 điểm \(trang \d+, dòng \d+\)/);
  });

  it('invalid: only the low one among good ones', () => {
    const ex = read(report, 0.95);
    const total = { ...ex.total!, confidence: 0.5 };
    expect(rule.check({ ...ex, total }).map((f) => f.message)).toEqual([expect.stringContaining('Tổng điểm tự chấm')]);
  });
});
