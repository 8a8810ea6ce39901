import { rule } from '../../rules/ambiguous-reading.js';
import { g, quangTrung } from './build.js';
import { ruleTester } from './rule-tester.js';

const thousands = 'Đọc “4.980” là 4980 (dấu phân cách hàng nghìn trước đơn vị đếm).';
const numeral = 'Đọc “Nhóm tiêu chí II” ở phần tổng hợp là nhóm III (bản scan; theo thứ tự các nhóm).';
const decimalMark = 'Đọc số thứ tự “12” là 1.2 (bản scan mất dấu chấm; dòng thuộc nhóm I).';

ruleTester(rule, {
  valid: [
    ['the sample report', quangTrung],
    ['nothing read at all: no reading chosen', {}],
    ['a report with contradictions but no chosen reading', { groups: [g('I', '21,3', { sub: [['1.1', '8,3'], ['1.2', '10']] })], total: '50' }],
    ['a format reader’s warning is not a reading', { ...quangTrung, readerWarnings: ["Unrecognised paragraph style: 'Heading 1 Char' (Style ID: Heading1Char)"] }],
  ],
  invalid: [
    [
      'a number read as thousands rather than decimals: the note, as info, at its line',
      { notes: [[thousands, 1, 14]] },
      [{ rule: 'ambiguous-reading', severity: 'info', evidence: [[1, 14]], message: thousands }],
    ],
    [
      'a summary numeral that lost a stroke, on a later page',
      { ...quangTrung, notes: [[numeral, 5, 9]] },
      [{ rule: 'ambiguous-reading', severity: 'info', evidence: [[5, 9]], message: numeral }],
    ],
    [
      'several notes: one flag each, in the order they were read (not sorted by place)',
      { notes: [[numeral, 5, 9], [thousands, 1, 14], [decimalMark, 5, 12]] },
      [
        { rule: 'ambiguous-reading', severity: 'info', evidence: [[5, 9]], message: numeral },
        { rule: 'ambiguous-reading', severity: 'info', evidence: [[1, 14]], message: thousands },
        { rule: 'ambiguous-reading', severity: 'info', evidence: [[5, 12]], message: decimalMark },
      ],
    ],
    [
      'the same note at two places is two flags',
      { notes: [[thousands, 1, 14], [thousands, 2, 3]] },
      [
        { rule: 'ambiguous-reading', severity: 'info', evidence: [[1, 14]], message: thousands },
        { rule: 'ambiguous-reading', severity: 'info', evidence: [[2, 3]], message: thousands },
      ],
    ],
    [
      'a sub-group numbering that lost its dot on a scan: the note is the only flag of a sound report',
      { ...quangTrung, notes: [[decimalMark, 5, 12]] },
      [{ rule: 'ambiguous-reading', severity: 'info', evidence: [[5, 12]], message: decimalMark }],
    ],
  ],
});
