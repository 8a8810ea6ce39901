/** Sub-group scores ("1.1 …: 8,3 điểm"): phrasings, wrapped lines, table rows, OCR'd numberings. */
import { describe, expect, it } from 'vitest';
import { extractReport } from '../../extractors/report.js';
import { docOf, type LineSpec } from '../support/doc.js';
import { groupsOf, ocr, v } from './helpers.js';

describe('sub-group scores', () => {
  it('reads sub-group scores however they are phrased', () => {
    const ex = extractReport(
      docOf([
        '1. Nhóm tiêu chí I: Kinh tế - xã hội. Tổng điểm tự chấm 21,3 điểm, gồm:',
        '1.1 Nhóm tiêu chí về kinh tế:',
        '- Thu nhập bình quân đầu người: 61,6 triệu đồng đạt 102,6% KH.',
        'Kết quả số điểm tự chấm nhóm tiêu chí về kinh tế đạt: 8,3 điểm.',
        '1.2. Nhóm tiêu chí về Văn hóa - xã hội:',
        'Điểm tự chấm: 9đ',
        '1.3 Môi trường',
        'Tự chấm 3 điểm',
        '1.4. An ninh trật tự',
        'Kết quả tự chấm đạt 1 điểm.',
      ]),
    );
    expect(groupsOf(ex)).toEqual([['I', 21.3, [['1.1', 8.3], ['1.2', 9], ['1.3', 3], ['1.4', 1]], []]]);
    expect(ex.groups[0]!.subgroups[0]!.title).toBe('Nhóm tiêu chí về kinh tế');
    expect(ex.groups[0]!.title).toBe('Kinh tế - xã hội');
  });

  it('a sub-group heading wrapped right before its score in PDF text', () => {
    const ex = extractReport(
      docOf(['3. Nhóm tiêu chí III: Thanh tra. Tổng điểm tự chấm: 9,5 điểm.', '3.2. Công tác tiếp công dân, giải quyết khiếu nại, tố cáo: tự chấm', '4,5/5 điểm'], 'pdf'),
    );
    expect(groupsOf(ex)).toEqual([['III', 9.5, [['3.2', 4.5]], []]]);
  });

  it('sub-group rows of the scoring table declare the sub-groups', () => {
    const ex = extractReport(
      docOf([
        'Nhóm tiêu chí I: Kinh tế (điểm chuẩn 30 điểm; tự chấm 28,5 điểm)',
        'III. TỔNG HỢP KẾT QUẢ TỰ CHẤM ĐIỂM',
        { cells: ['STT', 'Nội dung tiêu chí', 'Điểm chuẩn', 'Điểm tự chấm'] },
        { cells: ['I', 'Kinh tế', '30', '28,5'] },
        { cells: ['1.1', 'Chỉ tiêu về kinh tế', '12', '11,5'] },
        { cells: ['1.2', 'Chỉ tiêu về xã hội', '18', '17'] },
        { cells: ['Tổng cộng', '', '30', '28,5'] },
      ]),
    );
    expect(groupsOf(ex)).toEqual([['I', 28.5, [['1.1', 11.5], ['1.2', 17]], []]]);
    expect(ex.summary.map((s) => [s.id, v(s.score)])).toEqual([['I', 28.5]]);
  });

  it.each<[string, LineSpec[], ReturnType<typeof groupsOf>]>([
    [
      'specks read before a sub-group numbering (". 2.2. …")',
      [ocr('2. Nhóm tiêu chí II Quản lý nhà nước'), ocr('2.1. Quản lý: tự chấm đạt 24,5 điểm.'), ocr('. 2.2. Nhiệm vụ cấp trên giao'), ocr('Kết quả số điểm tự chấm đạt: 9,5 điểm.')],
      [['II', null, [['2.1', 24.5], ['2.2', 9.5]], []]],
    ],
  ])('%s', (_name, lines, expected) => {
    expect(groupsOf(extractReport(docOf(lines, 'pdf')))).toEqual(expected);
  });

  it('typed text: a sub-group numbering after a dot stays unread', () => {
    const ex = extractReport(docOf(['2. Nhóm tiêu chí II Quản lý nhà nước', '. 2.2. Nhiệm vụ cấp trên giao', 'Kết quả số điểm tự chấm đạt: 9,5 điểm.'], 'pdf'));
    expect(groupsOf(ex)).toEqual([['II', 9.5, [], []]]);
  });
});
