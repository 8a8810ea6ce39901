/** The summary section (as a list or a table), the grand total, and the classification (xếp loại). */
import { describe, expect, it } from 'vitest';
import { extractReport } from '../../extractors/report.js';
import { docOf, type LineSpec } from '../support/doc.js';
import { v } from './helpers.js';

describe('summary and grand total', () => {
  const body: LineSpec[] = [
    'Nhóm tiêu chí I: Kinh tế. Tổng điểm tự chấm 21,3 điểm.',
    'Nhóm tiêu chí II: Quản lý nhà nước. Tổng điểm tự chấm: 33 điểm.',
  ];

  it('reads a summary written as a list', () => {
    const ex = extractReport(
      docOf([
        ...body,
        'III. TỔNG HỢP KẾT QUẢ CHẤM ĐIỂM VÀ ĐỀ NGHỊ XẾP LOẠI',
        '1. Kết quả tự đánh giá, chấm điểm theo các tiêu chí: 54,3 điểm, cụ thể:',
        '- Nhóm tiêu chí I: 21,3 điểm (A + B + C);',
        '- Nhóm tiêu chí II: 33 điểm;',
        '2. Đánh giá: Hoàn thành tốt nhiệm vụ năm 2024.',
      ]),
    );
    expect(ex.summary.map((s) => [s.id, v(s.score)])).toEqual([['I', 21.3], ['II', 33]]);
    expect(v(ex.total)).toBe(54.3);
    expect(ex.classification).toMatchObject({ text: 'Hoàn thành tốt nhiệm vụ năm 2024', level: 'good' });
  });

  it('an OCR\'d summary list whose first "1." came out as a stray word, after a heading in capitals', () => {
    const ocr = (text: string): LineSpec => ({ text, confidence: 0.9 });
    const ex = extractReport(
      docOf(
        [
          ...body.map((l) => ocr(l as string)),
          ocr('II. TỔNG HỢP KẾT QUẢ VÀ XẾP LOẠI'),
          ocr('ai Nhóm tiêu chí I: 21,3 điểm.'),
          ocr('2. Nhóm tiêu chí II: 33 điểm.'),
          ocr('Tổng điểm tự chấm: 54,3 điểm.'),
        ],
        'pdf',
      ),
    );
    expect(ex.summary.map((s) => [s.id, v(s.score)])).toEqual([['I', 21.3], ['II', 33]]);
    expect(v(ex.total)).toBe(54.3);
  });

  it('reads a summary written as a table with a score column and a total row', () => {
    const ex = extractReport(
      docOf([
        ...body,
        'III. Tổng hợp kết quả chấm điểm',
        { cells: ['TT', 'Nội dung', 'Điểm tối đa', 'Điểm tự chấm'] },
        { cells: ['I', 'Kinh tế', '25', '21,3'] },
        { cells: ['II', 'Quản lý nhà nước', '35', '33'] },
        { cells: ['Tổng cộng', '', '60', '54,3'] },
        'Xếp loại: Hoàn thành xuất sắc nhiệm vụ',
      ]),
    );
    expect(ex.summary.map((s) => [s.id, v(s.score)])).toEqual([['I', 21.3], ['II', 33]]);
    expect(v(ex.total)).toBe(54.3);
    expect(ex.classification).toMatchObject({ text: 'Hoàn thành xuất sắc nhiệm vụ', level: 'excellent' });
  });

  it('a summary table row whose label wrapped onto the line above its numbers (PDF)', () => {
    const ex = extractReport(
      docOf(
        [
          'Nhóm tiêu chí III: Thanh tra. Điểm tự đánh giá: 9.75 điểm.',
          'Phần III. TỔNG HỢP KẾT QUẢ VÀ ĐỀ NGHỊ XẾP LOẠI',
          'Nhóm tiêu chí III: Thanh tra, kiểm tra,',
          { cells: ['phòng chống tham nhũng, tiêu cực; tiếp', '10', '9.75'] },
          'công dân, giải quyết khiếu nại, tố cáo',
        ],
        'pdf',
      ),
    );
    expect(ex.summary.map((s) => [s.id, v(s.score)])).toEqual([['III', 9.75]]);
  });

  it('a PDF summary row that lost its empty maximum cell: the score is the row’s last number', () => {
    const ex = extractReport(
      docOf(
        [
          'Nhóm tiêu chí VI: Điểm cộng, điểm trừ. Tổng điểm tự chấm: 1,25 điểm.',
          'III. TỔNG HỢP KẾT QUẢ',
          { cells: ['STT', 'Nội dung', 'Điểm tối đa', 'Điểm xã tự chấm'] },
          { cells: ['VI', 'Điểm cộng (+1,5), điểm trừ (-0,25)', '1,25'] },
        ],
        'pdf',
      ),
    );
    expect(ex.summary.map((s) => [s.id, v(s.score)])).toEqual([['VI', 1.25]]);
  });
});

describe('classification', () => {
  const body: LineSpec[] = [
    'Nhóm tiêu chí I: Kinh tế. Tổng điểm tự chấm 21,3 điểm.',
    'Nhóm tiêu chí II: Quản lý nhà nước. Tổng điểm tự chấm: 33 điểm.',
  ];

  it.each([
    ['Đề nghị xếp loại: Hoàn thành nhiệm vụ.', 'pass', 'Hoàn thành nhiệm vụ'],
    ['Tự xếp loại: Không hoàn thành nhiệm vụ năm 2024', 'fail', 'Không hoàn thành nhiệm vụ năm 2024'],
    ['2. Đánh giá: HOÀN THÀNH TỐT NHIỆM VỤ', 'good', 'HOÀN THÀNH TỐT NHIỆM VỤ'],
  ])('classification %s', (line, level, text) => {
    const ex = extractReport(docOf([...body, 'III. TỔNG HỢP KẾT QUẢ', line]));
    expect(ex.classification).toMatchObject({ level, text });
  });

  it('the class is the last phrase of the line, not the subject named before it', () => {
    const ex = extractReport(docOf(['Nhóm tiêu chí I: Kinh tế. Tổng điểm tự chấm 20 điểm.', 'Tự xếp loại mức độ hoàn thành nhiệm vụ năm 2024: Hoàn thành tốt nhiệm vụ.']));
    expect(ex.classification).toMatchObject({ level: 'good', text: 'Hoàn thành tốt nhiệm vụ' });
  });
});
