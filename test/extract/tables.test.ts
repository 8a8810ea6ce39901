/**
 * Score tables on OCR'd pages, read cell by cell: numbering cells, the maximum column that bounds
 * a score which lost its decimal mark, and the document's own decimal mark. Typed tables are read
 * as written.
 */
import { describe, expect, it } from 'vitest';
import type { Extraction } from '../../extractors/extraction.js';
import { extractReport } from '../../extractors/report.js';
import { docOf, type LineSpec } from '../support/doc.js';
import { ocr, row, v } from './helpers.js';

describe('OCR’d table rows read cell by cell', () => {
  const body = [
    ocr('1. Nhóm tiêu chí I: Kinh tế (điểm chuẩn 30 điểm tự chấm 28,5 điểm)'),
    ocr('2. Nhóm tiêu chí II: Quản lý (điểm chuẩn 35 điểm tự chấm 33,5 điểm)'),
    ocr('3. Nhóm tiêu chí III: Thanh tra (điểm chuẩn 10 điểm tự chấm 9,5 điểm)'),
    ocr('III. TỔNG HỢP KẾT QUẢ TỰ CHẤM ĐIỂM'),
    row('STT', 'Nội dung tiêu chí', 'Điểm chuẩn', 'Điểm tự chấm'),
  ];
  const read = (...rows: LineSpec[]): Extraction => extractReport(docOf([...body, ...rows], 'pdf'));

  it.each<[string, LineSpec[], Array<[string, number | null]>, Array<[string, number | null]>]>([
    ['a score over its maximum lost its decimal mark', [row('I', 'Kinh tế', '30', '28,5'), row('1.2', 'Văn hóa', '10', '95')], [['I', 28.5]], [['1.2', 9.5]]],
    ['a score over its maximum with a speck read as a first digit', [row('I', 'Kinh tế', '30', '826,5'), row('II', 'Quản lý', '15', '414')], [['I', 26.5], ['II', 14]], []],
    ['a sub-group number that lost its dot, under its group', [row('I', 'Kinh tế', '30', '28,5'), row('12', 'Văn hóa', '10', '9,5')], [['I', 28.5]], [['1.2', 9.5]]],
    ['a group numeral read as letters is the next group', [row('I', 'Kinh tế', '30', '28,5'), row('u', 'Quản lý', '35', '33,5'), row('21', 'Chức năng', '25', '24')], [['I', 28.5], ['II', 33.5]], [['2.1', 24]]],
    ['numerals among specks ("„ 1", "..H") are the groups in order', [row('„ 1', 'Kinh tế', '30', '28,5'), row('..H', 'Quản lý', '35', '33,5')], [['I', 28.5], ['II', 33.5]], []],
    ['a repeated numeral is the next group', [row('I', 'Kinh tế', '30', '28,5'), row('II', 'Quản lý', '35', '33,5'), row('II', 'Thanh tra', '10', '9,5')], [['I', 28.5], ['II', 33.5], ['III', 9.5]], []],
  ])('%s', (_name, rows, summary, subgroups) => {
    const ex = read(...rows);
    expect(ex.summary.map((s) => [s.id, v(s.score)])).toEqual(summary);
    expect(ex.groups.flatMap((g) => g.subgroups.map((s) => [s.id, v(s.score)]))).toEqual(subgroups);
    if (rows.length > 1) expect(ex.notes.length).toBeGreaterThan(0);
  });

  it('a title cell "Điểm thưởng, điểm trừ" split in two gives the score no sign', () => {
    const ex = read(row('I', 'Kinh tế', '30', '28,5'), row('II', 'Quản lý', '35', '33,5'), row('III', '.Điểm thưởng,', 'ciếm trừ.', '', '0,5'));
    expect(ex.summary.map((s) => [s.id, v(s.score)])).toEqual([['I', 28.5], ['II', 33.5], ['III', 0.5]]);
  });

  it.each<[string, LineSpec[], Array<[string, number | null]>, Array<[string, number | null]>]>([
    ['two digits whose first is not the open group stay unread', [row('I', 'Kinh tế', '30', '28,5'), row('21', 'Chức năng', '25', '24')], [['I', 28.5]], []],
    ['"10" is not sub-group 1.0', [row('I', 'Kinh tế', '30', '28,5'), row('10', 'Văn hóa', '10', '9,5')], [['I', 28.5]], []],
    ['letters on a row without a number are no group', [row('I', 'Kinh tế', '30', '28,5'), row('u', 'kinh tế - xã hội', '', '')], [['I', 28.5]], []],
    ['a score within its maximum stays as read', [row('I', 'Kinh tế', '30', '28,5'), row('1.2', 'Văn hóa', '10', '10')], [['I', 28.5]], [['1.2', 10]]],
  ])('%s', (_name, rows, summary, subgroups) => {
    const ex = read(...rows);
    expect(ex.summary.map((s) => [s.id, v(s.score)])).toEqual(summary);
    expect(ex.groups.flatMap((g) => g.subgroups.map((s) => [s.id, v(s.score)]))).toEqual(subgroups);
  });

  it.each<[string, LineSpec[], Array<[string, string | null]>]>([
    ['a decimal mark read as the other one is written as the document writes it', [row('I', 'Kinh tế', '30', '28,5'), row('II', 'Quản lý', '35', '33.5')], [['I', '28,5'], ['II', '33,5']]],
    ['a thousands group is not a decimal', [row('I', 'Kinh tế', '30', '28,5'), row('II', 'Quản lý', '35', '4.980')], [['I', '28,5'], ['II', '4.980']]],
    ['the document’s own mark stays', [row('I', 'Kinh tế', '30', '28,5')], [['I', '28,5']]],
  ])('%s', (_name, rows, summary) => {
    const ex = read(...rows);
    expect(ex.summary.map((s) => [s.id, s.score?.raw ?? null])).toEqual(summary);
  });

  it('a document that writes scores with a dot and percentages with a comma keeps the scores’ dot', () => {
    const dotScores = [
      ocr('1. Nhóm tiêu chí I: Kinh tế (điểm chuẩn 30 điểm tự chấm 28.50 điểm)'),
      ocr('Tỷ lệ hộ nghèo giảm còn 0,64%; bảo hiểm y tế đạt 98,1%; tiêm chủng đạt 97,22%.'),
      ocr('2. Nhóm tiêu chí II: Quản lý (điểm chuẩn 35 điểm tự chấm 33.50 điểm)'),
      ocr('Thu ngân sách đạt 112,5%; giải quyết hồ sơ đúng hạn 99,3%.'),
      ocr('III. TỔNG HỢP KẾT QUẢ TỰ CHẤM ĐIỂM'),
      row('STT', 'Nội dung tiêu chí', 'Điểm chuẩn', 'Điểm tự chấm'),
    ];
    const ex = extractReport(docOf([...dotScores, row('I', 'Kinh tế', '30', '28.50'), row('II', 'Quản lý', '35', '33,50')], 'pdf'));
    expect(ex.summary.map((s) => [s.id, s.score?.raw ?? null])).toEqual([['I', '28.50'], ['II', '33.50']]);
  });

  it('an OCR’d header whose words ran together still names its maximum column', () => {
    const ex = extractReport(docOf([...body.slice(0, 4), row('STT', 'Nội dung tiêu chí', 'Điểmchuẩn', 'Điểm tự chấm'), row('I', 'Kinh tế', '30', '28,5'), row('1.2', 'Văn hóa', '10', '95')], 'pdf'));
    expect(ex.groups.flatMap((g) => g.subgroups.map((s) => [s.id, v(s.score)]))).toEqual([['1.2', 9.5]]);
  });

  it('typed table rows are never renumbered nor re-read', () => {
    const typed = (...cells: string[]): LineSpec => ({ cells });
    const ex = extractReport(
      docOf([...body.map((l) => (typeof l === 'string' ? l : l.cells ? typed(...l.cells) : l.text!)), typed('I', 'Kinh tế', '30', '28,5'), typed('12', 'Văn hóa', '10', '95'), typed('u', 'Quản lý', '35', '33,5'), typed('II', 'Quản lý', '35', '33.5')], 'pdf'),
    );
    expect(ex.summary.map((s) => [s.id, v(s.score), s.score?.raw])).toEqual([['I', 28.5, '28,5'], ['II', 33.5, '33.5']]);
    expect(ex.groups.flatMap((g) => g.subgroups.map((s) => s.id))).toEqual([]);
  });
});

describe('a score bounded by its maximum column (OCR)', () => {
  it('a table score that lost its decimal mark is read within its maximum, and said', () => {
    const ex = extractReport(
      docOf([ocr('Nhóm tiêu chí III: Thanh tra. Tổng điểm tự chấm: 9,5 điểm.'), ocr('III. TỔNG HỢP KẾT QUẢ'), ocr('III Công tác thanh tra, kiểm tra | 10 95')], 'pdf'),
    );
    expect(ex.summary.map((s) => [s.id, v(s.score), s.score?.raw])).toEqual([['III', 9.5, '9,5']]);
    expect(ex.notes.map((n) => n.message)).toEqual([expect.stringContaining('mất dấu thập phân')]);
  });

  const groups = [ocr('Nhóm tiêu chí I. Kinh tế'), ocr('Nhóm tiêu chí II. Quản lý'), ocr('Nhóm tiêu chí III. Thanh tra'), ocr('Nhóm tiêu chí IV. Cải cách'), ocr('III. TỔNG HỢP KẾT QUẢ')];

  it.each<[string, string, number]>([
    ['a letter too many ("Điểmchuầẩn")', 'Điểmchuầẩn', 9.5],
    ['a letter lost ("Điểm tối a")', 'Điểm tối a', 9.5],
    ['no maximum column ("Ghi chú")', 'Ghi chú', 95],
  ])('an OCR’d header’s maximum column named with %s bounds the scores', (_name, header, expected) => {
    const ex = extractReport(docOf([...groups, row('STT', 'Nội dung tiêu chí', header, 'Điểm tự chấm'), row('I', 'Kinh tế', '30', '28,5'), row('1.2', 'Văn hóa', '10', '95')], 'pdf'));
    expect(ex.groups.flatMap((g) => g.subgroups.map((s) => [s.id, v(s.score)]))).toEqual([['1.2', expected]]);
  });
});
