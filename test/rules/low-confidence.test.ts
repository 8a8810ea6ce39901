import type { Extraction, Figure } from '../../extractors/extraction.js';
import { LOW_CONFIDENCE, rule } from '../../rules/low-confidence.js';
import { ext, g } from './build.js';
import { ruleTester } from './rule-tester.js';

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

/** A scan read well, all but what a case lowers. */
const wellRead = read(report, 0.95);

ruleTester(rule, {
  valid: [
    ['a typed document (no confidence)', { extraction: read(report, undefined) }],
    ['OCR at the threshold', { extraction: read(report, LOW_CONFIDENCE) }],
    ['OCR well above it', { extraction: read(report, 0.96) }],
  ],
  invalid: [
    [
      // 2 groups + 2 sub-groups + 2 items + 2 summary entries + the total, each as info with its line
      'every score read below the threshold is pointed out, as info, with its line',
      { extraction: read(report, 0.42) },
      [
        { rule: 'low-confidence', severity: 'info', group: 'I', declared: 21.3, recomputed: null, evidence: [[1, 1]], message: /^Điểm nhóm tiêu chí I đọc từ bản scan là 21,3 điểm \(trang \d+, dòng \d+\)/, messageContains: '42%' },
        { rule: 'low-confidence', severity: 'info', group: 'I', declared: 8.3, recomputed: null, evidence: [[1, 3]], message: 'Điểm tiểu mục 1.1 đọc từ bản scan là 8,3 điểm (trang 1, dòng 3) với độ tin cậy nhận dạng 42%; cần đối chiếu với bản gốc.' },
        { rule: 'low-confidence', severity: 'info', group: 'I', declared: 13, recomputed: null, evidence: [[1, 5]], message: 'Điểm tiểu mục 1.2 đọc từ bản scan là 13 điểm (trang 1, dòng 5) với độ tin cậy nhận dạng 42%; cần đối chiếu với bản gốc.' },
        { rule: 'low-confidence', severity: 'info', group: 'VI', declared: 4, recomputed: null, evidence: [[1, 6]], message: 'Điểm nhóm tiêu chí VI đọc từ bản scan là 4 điểm (trang 1, dòng 6) với độ tin cậy nhận dạng 42%; cần đối chiếu với bản gốc.' },
        { rule: 'low-confidence', severity: 'info', group: 'VI', declared: 2, recomputed: null, evidence: [[1, 7]], message: 'Điểm thưởng/phạt của nhóm VI đọc từ bản scan là 2 điểm (trang 1, dòng 7) với độ tin cậy nhận dạng 42%; cần đối chiếu với bản gốc.' },
        { rule: 'low-confidence', severity: 'info', group: 'VI', declared: 2, recomputed: null, evidence: [[1, 8]], message: 'Điểm thưởng/phạt của nhóm VI đọc từ bản scan là 2 điểm (trang 1, dòng 8) với độ tin cậy nhận dạng 42%; cần đối chiếu với bản gốc.' },
        { rule: 'low-confidence', severity: 'info', group: 'I', declared: 21.3, recomputed: null, evidence: [[1, 11]], message: 'Điểm nhóm I ở phần tổng hợp đọc từ bản scan là 21,3 điểm (trang 1, dòng 11) với độ tin cậy nhận dạng 42%; cần đối chiếu với bản gốc.' },
        { rule: 'low-confidence', severity: 'info', group: 'VI', declared: 4, recomputed: null, evidence: [[1, 12]], message: 'Điểm nhóm VI ở phần tổng hợp đọc từ bản scan là 4 điểm (trang 1, dòng 12) với độ tin cậy nhận dạng 42%; cần đối chiếu với bản gốc.' },
        { rule: 'low-confidence', severity: 'info', declared: 25.3, recomputed: null, evidence: [[1, 10]], message: 'Tổng điểm tự chấm đọc từ bản scan là 25,3 điểm (trang 1, dòng 10) với độ tin cậy nhận dạng 42%; cần đối chiếu với bản gốc.' },
      ],
    ],
    [
      'only the low one among good ones',
      { extraction: { ...wellRead, total: { ...wellRead.total!, confidence: 0.5 } } },
      [{ rule: 'low-confidence', severity: 'info', declared: 25.3, recomputed: null, evidence: [[1, 10]], messageContains: 'Tổng điểm tự chấm' }],
    ],
  ],
});
