/**
 * The structure and score extractor on small documents written the many ways communes write:
 * tables of cases, each a few lines of a report and what must be read from them.
 */
import { describe, expect, it } from 'vitest';
import { toNumber } from '../core/decimal.js';
import { extractReport } from '../extractors/report.js';
import type { Extraction, Figure } from '../extractors/extraction.js';
import { docOf, type LineSpec } from './support/doc.js';

const v = (f: Figure | null): number | null => (f ? toNumber(f.exact) : null);

function groupsOf(ex: Extraction): Array<[string, number | null, Array<[string, number | null]>, number[]]> {
  return ex.groups.map((g) => [g.id, v(g.score), g.subgroups.map((s) => [s.id, v(s.score)]), g.items.map((i) => toNumber(i.exact))]);
}

describe('group headings and their scores', () => {
  const cases: Array<[string, LineSpec[], ReturnType<typeof groupsOf>]> = [
    ['sample wording', ['1. Nhóm tiêu chí I: Kết quả thực hiện các mục tiêu. Tổng điểm tự chấm 21,3 điểm, gồm:'], [['I', 21.3, [], []]]],
    ['dash, đ suffix, parentheses', ['Nhóm tiêu chí I - Kinh tế (Tổng điểm tự chấm: 20.5đ)'], [['I', 20.5, [], []]]],
    ['upper case, no colon', ['NHÓM TIÊU CHÍ II KẾT QUẢ QUẢN LÝ NHÀ NƯỚC TỔNG ĐIỂM TỰ CHẤM 33 ĐIỂM'], [['II', 33, [], []]]],
    ['score on the next line', ['Nhóm tiêu chí III: Thanh tra, kiểm tra', 'Tổng điểm tự chấm: 10 điểm.'], [['III', 10, [], []]]],
    ['heading wrapped over two PDF lines', ['1. Nhóm tiêu chí I: Kết quả thực hiện các mục tiêu phát triển kinh tế - xã hội. Tổng', 'điểm tự chấm 21,3 điểm, gồm:'], [['I', 21.3, [], []]]],
    ['score/max', ['Nhóm tiêu chí IV: Cải cách hành chính. Điểm tự chấm: 13,5/15 điểm'], [['IV', 13.5, [], []]]],
    ['no score stated', ['4. Nhóm tiêu chí IV: Kết quả thực hiện cải cách hành chính.', 'UBND xã bố trí nơi tiếp nhận 25 hồ sơ.'], [['IV', null, [], []]]],
    ['plain wording', ['Nhóm tiêu chí V: Hỗ trợ doanh nghiệp. Tổng điểm tự chấm: 10 điểm.'], [['V', 10, [], []]]],
  ];
  it.each(cases)('%s', (_name, lines, expected) => {
    expect(groupsOf(extractReport(docOf(lines)))).toEqual(expected);
  });
});

describe('sub-groups and bonus items', () => {
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

  it('counts bonuses positive and penalties negative, ignoring percentages', () => {
    const ex = extractReport(
      docOf([
        '6. Nhóm tiêu chí VI: Điểm thưởng, phạt. Tổng điểm tự chấm: 02 điểm.',
        '- Tỷ lệ hộ nghèo giảm bình quân: Chỉ tiêu giao 0,89% đạt 0,64%. Đề nghị thưởng 3 điểm.',
        '- Để xảy ra vụ việc phức tạp: bị trừ 1 điểm.',
      ]),
    );
    expect(groupsOf(ex)).toEqual([['VI', 2, [], [3, -1]]]);
    expect(ex.groups[0]!.bonus).toBe(true);
  });
});

describe('summary, total and classification', () => {
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

  it.each([
    ['Đề nghị xếp loại: Hoàn thành nhiệm vụ.', 'pass', 'Hoàn thành nhiệm vụ'],
    ['Tự xếp loại: Không hoàn thành nhiệm vụ năm 2024', 'fail', 'Không hoàn thành nhiệm vụ năm 2024'],
    ['2. Đánh giá: HOÀN THÀNH TỐT NHIỆM VỤ', 'good', 'HOÀN THÀNH TỐT NHIỆM VỤ'],
  ])('classification %s', (line, level, text) => {
    const ex = extractReport(docOf([...body, 'III. TỔNG HỢP KẾT QUẢ', line]));
    expect(ex.classification).toMatchObject({ level, text });
  });

  it('gives no-report-found for a document with no scores', () => {
    expect(() => extractReport(docOf(['Dear Sir,', 'Please find attached the invoice for 2024.']))).toThrow(/no-report-found/);
  });
});

describe('identity and indicators', () => {
  it('reads the unit and year from the heading area', () => {
    const ex = extractReport(
      docOf([
        'UBND PHƯỜNG BẮC SƠN',
        'Phường Bắc Sơn, ngày 10 tháng 12 năm 2024',
        'BÁO CÁO',
        'Kết quả tự đánh giá, chấm điểm và xếp loại mức độ hoàn thành nhiệm vụ năm 2024',
        'Nhóm tiêu chí I: Kinh tế. Tổng điểm tự chấm 20 điểm.',
      ]),
    );
    expect(ex.unit).toEqual({ type: 'phường', name: 'Bắc Sơn' });
    expect(ex.year).toBe(2024);
  });

  it('reads key figures, every occurrence, the achieved value rather than the target', () => {
    const ex = extractReport(
      docOf([
        'Xã Quang Trung, ngày tháng năm 2024',
        '- Thu nhập bình quân đầu người: 61,6 triệu đồng đạt 102,6% KH.',
        'kết quả toàn xã số hộ nghèo còn 09 hộ chiếm 0,64% vượt 03 hộ và 09 hộ cận nghèo chiếm 0.64% vượt kế hoạch.',
        'Tuyên truyền vận động người dân tham gia BHYT đạt 96.2%, vượt kế hoạch.',
        '+ Tổng thu: 31 tỷ 263 triệu đồng đạt 69,8% KH thị xã giao.',
        'Nhóm tiêu chí VI: Điểm thưởng, phạt. Tổng điểm tự chấm: 02 điểm.',
        '- Tỷ lệ hộ nghèo giảm bình quân: Chỉ tiêu giao 0,89% đạt 0,64%. Đề nghị thưởng 2 điểm.',
      ]),
    );
    expect(ex.indicators.map((i) => [i.key, i.value, i.unit])).toEqual([
      ['income_per_capita', 61.6, 'triệu đồng'],
      ['poverty_rate', 0.64, '%'],
      ['near_poor_rate', 0.64, '%'],
      ['health_insurance_coverage', 96.2, '%'],
      ['budget_revenue', 31.263, 'tỷ đồng'],
      ['poverty_rate', 0.64, '%'],
    ]);
    expect(ex.indicators[0]!.at).toEqual({ page: 1, line: 2, text: '- Thu nhập bình quân đầu người: 61,6 triệu đồng đạt 102,6% KH.' });
  });
});

describe('what other communes write (held-out variants that first failed)', () => {
  it('a group total stated where the group ends: "Cộng nhóm tiêu chí I: 21,5 điểm"', () => {
    const ex = extractReport(
      docOf([
        '1. NHÓM TIÊU CHÍ I: KẾT QUẢ THỰC HIỆN CHỈ TIÊU KINH TẾ - XÃ HỘI (TỐI ĐA 25 ĐIỂM)',
        '1.1. Chỉ tiêu kinh tế: tự chấm 7,5/10 điểm',
        '1.2. Chỉ tiêu xã hội: tự chấm 14/15 điểm',
        'Cộng nhóm tiêu chí I: 21,5 điểm.',
        '2. NHÓM TIÊU CHÍ II: QUẢN LÝ NHÀ NƯỚC (TỐI ĐA 35 ĐIỂM)',
        'Cộng nhóm tiêu chí II: 33 điểm.',
      ]),
    );
    expect(groupsOf(ex)).toEqual([
      ['I', 21.5, [['1.1', 7.5], ['1.2', 14]], []],
      ['II', 33, [], []],
    ]);
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

  it('a figure in an aside is not the indicator; a number that wrapped to the next line still is', () => {
    const ex = extractReport(
      docOf(
        [
          'Nhóm tiêu chí I: Kinh tế. Tổng điểm tự chấm 20 điểm.',
          '- Giảm nghèo: hộ nghèo đầu năm 41 hộ (1,77%), cuối năm còn 33 hộ, chiếm 1,42%; hộ cận nghèo 51 hộ, chiếm',
          '2,20%.',
        ],
        'pdf',
      ),
    );
    expect(ex.indicators.map((i) => [i.key, i.value])).toEqual([
      ['poverty_rate', 1.42],
      ['near_poor_rate', 2.2],
    ]);
  });
});

describe('blind variants (second round) that first failed', () => {
  it('a penalties-only group: its total and its summary line count negative, the closing line is no item', () => {
    const ex = extractReport(
      docOf([
        '5. Nhóm tiêu chí V (20 điểm): Hỗ trợ doanh nghiệp',
        '=> Số điểm đạt được: 16/20 điểm.',
        '6. Nhóm tiêu chí VI: Điểm trừ',
        '- Chậm nộp báo cáo 02 lần: trừ 0,5 điểm.',
        '- Để xảy ra khiếu nại vượt cấp: trừ 1 điểm.',
        '=> Tổng điểm trừ: 1,5 điểm.',
        'C. TỔNG HỢP KẾT QUẢ',
        '- Nhóm tiêu chí V: 16 điểm;',
        '- Nhóm tiêu chí VI (điểm trừ): trừ 1,5 điểm.',
        'Tổng số điểm: 14,5/100 điểm.',
      ]),
    );
    expect(groupsOf(ex)).toEqual([
      ['V', 16, [], []],
      ['VI', -1.5, [], [-0.5, -1]],
    ]);
    expect(ex.summary.map((s) => [s.id, v(s.score)])).toEqual([['V', 16], ['VI', -1.5]]);
    expect(v(ex.total)).toBe(14.5);
  });

  it('"Tổng điểm thưởng, phạt: 04 điểm" names the group: the score stays positive', () => {
    const ex = extractReport(docOf(['6. Nhóm tiêu chí VI: Điểm thưởng, phạt. Tổng điểm thưởng, phạt: 04 điểm.', '- Đề nghị thưởng 2 điểm.', '- Đề nghị thưởng 2 điểm.']));
    expect(groupsOf(ex)).toEqual([['VI', 4, [], [2, 2]]]);
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
});

describe('OCR readings', () => {
  const ocr = (text: string): LineSpec => ({ text, confidence: 0.9 });
  const body = [ocr('Nhóm tiêu chí I: Kinh tế. Tổng điểm tự chấm 21,3 điểm.'), ocr('Nhóm tiêu chí II: Quản lý. Tổng điểm tự chấm: 33 điểm.'), ocr('Nhóm tiêu chí III: Thanh tra. Tổng điểm tự chấm: 10 điểm.'), ocr('III. TỔNG HỢP KẾT QUẢ')];

  it('a summary numeral that lost a stroke ("II" for "III") is read in order, and said', () => {
    const ex = extractReport(docOf([...body, ocr('- Nhóm tiêu chí I: 21,3 điểm;'), ocr('- Nhóm tiêu chí II: 33 điểm;'), ocr('- Nhóm tiêu chí II: 10 điểm;')], 'pdf'));
    expect(ex.summary.map((s) => [s.id, v(s.score)])).toEqual([['I', 21.3], ['II', 33], ['III', 10]]);
    expect(ex.notes.map((n) => n.message)).toEqual([expect.stringContaining('là nhóm III')]);
  });

  it('typed text is never renumbered: a repeated numeral stays what it says', () => {
    const typed = body.map((l) => (typeof l === 'string' ? l : l.text!));
    const ex = extractReport(docOf([...typed, '- Nhóm tiêu chí I: 21,3 điểm;', '- Nhóm tiêu chí II: 33 điểm;', '- Nhóm tiêu chí II: 10 điểm;']));
    expect(ex.summary.map((s) => s.id)).toEqual(['I', 'II', 'II']);
  });

  it('figures carry the confidence of their line', () => {
    const ex = extractReport(docOf([{ text: 'Nhóm tiêu chí I: Kinh tế. Tổng điểm tự chấm 21,3 điểm.', confidence: 0.62 }], 'pdf'));
    expect(ex.groups[0]!.score!.confidence).toBe(0.62);
  });
});

describe('OCR readings of headings and tables', () => {
  const ocr = (text: string): LineSpec => ({ text, confidence: 0.9 });

  it('body headings whose numerals lost strokes are read in the groups’ order; closings find their group', () => {
    const ex = extractReport(
      docOf(
        [
          ocr('NHÓM TIÊU CHÍ L KẾT QUẢ THỰC HIỆN CÁC MỤC TIÊU'),
          ocr('Cộng nhóm tiêu chí I: 21,5 điểm.'),
          ocr('2. NHÓM TIÊU CHÍ li: KẾT QUẢ THỰC HIỆN NHIỆM VỤ'),
          ocr('Cộng nhóm tiêu chí II: 33 điểm.'),
          ocr('. NHÓM TIÊU CHÍ II: CÔNG TÁC THANH TRA, KIỂM TRA,'),
          ocr('Cộng nhóm tiêu chí Il: 9,5 điểm.'),
          ocr('Lễ NHÓM TIÊU CHÍ IV; CẢI CÁCH HÀNH CHÍNH'),
          ocr('Cộng nhóm tiêu chí IV: 14 điểm.'),
          ocr('III. TỔNG HỢP ĐIỂM TỰ CHẤM'),
          ocr('- Nhóm tiêu chí I: 21,5 điểm;'),
          ocr('- Nhóm tiêu chí II: 33 điểm;'),
          ocr('- Nhóm tiêu chí HI: 9,5 điểm;'),
          ocr('- Nhóm tiêu chí IV: 14 điểm;'),
        ],
        'pdf',
      ),
    );
    expect(groupsOf(ex)).toEqual([
      ['I', 21.5, [], []],
      ['II', 33, [], []],
      ['III', 9.5, [], []],
      ['IV', 14, [], []],
    ]);
    expect(ex.summary.map((s) => [s.id, v(s.score)])).toEqual([['I', 21.5], ['II', 33], ['III', 9.5], ['IV', 14]]);
    expect(ex.notes.length).toBeGreaterThanOrEqual(2);
  });

  it('a table score that lost its decimal mark is read within its maximum, and said', () => {
    const ex = extractReport(
      docOf([ocr('Nhóm tiêu chí III: Thanh tra. Tổng điểm tự chấm: 9,5 điểm.'), ocr('III. TỔNG HỢP KẾT QUẢ'), ocr('III Công tác thanh tra, kiểm tra | 10 95')], 'pdf'),
    );
    expect(ex.summary.map((s) => [s.id, v(s.score), s.score?.raw])).toEqual([['III', 9.5, '9,5']]);
    expect(ex.notes.map((n) => n.message)).toEqual([expect.stringContaining('mất dấu thập phân')]);
  });
});

describe('OCR’d table rows read cell by cell', () => {
  const ocr = (text: string): LineSpec => ({ text, confidence: 0.9 });
  const row = (...cells: string[]): LineSpec => ({ cells, confidence: 0.9 });
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
    ['a sub-group number that lost its dot, under its group', [row('I', 'Kinh tế', '30', '28,5'), row('12', 'Văn hóa', '10', '9,5')], [['I', 28.5]], [['1.2', 9.5]]],
    ['a group numeral read as letters is the next group', [row('I', 'Kinh tế', '30', '28,5'), row('u', 'Quản lý', '35', '33,5'), row('21', 'Chức năng', '25', '24')], [['I', 28.5], ['II', 33.5]], [['2.1', 24]]],
    ['a repeated numeral is the next group', [row('I', 'Kinh tế', '30', '28,5'), row('II', 'Quản lý', '35', '33,5'), row('II', 'Thanh tra', '10', '9,5')], [['I', 28.5], ['II', 33.5], ['III', 9.5]], []],
  ])('%s', (_name, rows, summary, subgroups) => {
    const ex = read(...rows);
    expect(ex.summary.map((s) => [s.id, v(s.score)])).toEqual(summary);
    expect(ex.groups.flatMap((g) => g.subgroups.map((s) => [s.id, v(s.score)]))).toEqual(subgroups);
    if (rows.length > 1) expect(ex.notes.length).toBeGreaterThan(0);
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

describe('blind variants (third round) that first failed', () => {
  it('"Nhóm II tự chấm đạt 31,25/35 điểm." states the open group’s score, it does not start the summary', () => {
    const ex = extractReport(
      docOf([
        'Nhóm tiêu chí II. Quản lý nhà nước trên địa bàn (thang điểm 35)',
        'Nhóm II tự chấm đạt 31,25/35 điểm.',
        'Nhóm tiêu chí III. Thanh tra (thang điểm 10) - tự chấm đạt 8,5 điểm',
        'Nhóm tiêu chí IV. Cải cách hành chính (thang điểm 15)',
        'Tiểu nhóm 4.1 tự chấm đạt 7,25 điểm.',
        'Điểm tự đánh giá nhóm IV: 13,25 điểm.',
      ]),
    );
    expect(groupsOf(ex).map(([id, score]) => [id, score])).toEqual([
      ['II', 31.25],
      ['III', 8.5],
      ['IV', 13.25],
    ]);
    expect(ex.summary).toEqual([]);
  });

  it('the class is the last phrase of the line, not the subject named before it', () => {
    const ex = extractReport(docOf(['Nhóm tiêu chí I: Kinh tế. Tổng điểm tự chấm 20 điểm.', 'Tự xếp loại mức độ hoàn thành nhiệm vụ năm 2024: Hoàn thành tốt nhiệm vụ.']));
    expect(ex.classification).toMatchObject({ level: 'good', text: 'Hoàn thành tốt nhiệm vụ' });
  });
});

describe('blind variants (fourth round) that first failed', () => {
  it('"Điểm nhóm tiêu chí VI (cộng, trừ): 2 điểm" names both: the score stays positive', () => {
    const ex = extractReport(
      docOf([
        'Nhóm tiêu chí VI: Điểm cộng, điểm trừ',
        '- Tỷ lệ hồ sơ trực tuyến đạt 85%: đề xuất được cộng 1,5 điểm.',
        '- Để xảy ra vi phạm trật tự xây dựng: phường tự nhận trừ 0,5 điểm.',
        'Điểm nhóm tiêu chí VI (cộng, trừ): 1 điểm.',
      ]),
    );
    expect(groupsOf(ex)).toEqual([['VI', 1, [], [1.5, -0.5]]]);
  });
});

describe('blind variants (fifth round) that first failed', () => {
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

describe('OCR’d scans of blind typed reports that first failed', () => {
  const ocr = (text: string): LineSpec => ({ text, confidence: 0.9 });
  const row = (...cells: string[]): LineSpec => ({ cells, confidence: 0.9 });

  it.each<[string, LineSpec[], ReturnType<typeof groupsOf>]>([
    [
      'a group stating its own score is no new heading ("Nhóm II tự chấm đạt …")',
      [ocr('Nhóm tiêu chí I. Kinh tế'), ocr('Điểm tự đánh giá nhóm I: 21,25 điểm.'), ocr('Nhóm tiêu chí II. Quản lý'), ocr('2.1. Chức năng (tối đa 25 điểm)'), ocr('Mục 2.1 tự chấm đạt 22,5 điểm.'), ocr('Nhóm II tự chấm đạt 31,25/35 điểm.'), ocr('Nhóm tiêu chí III. Thanh tra - tự chấm đạt 8,5 điểm'), ocr('Nhóm tiêu chí IV. Cải cách hành chính'), ocr('4.1. Thủ tục (tối đa 8 điểm)'), ocr('Tiểu nhóm 4.1 tự chấm đạt 7,25 điểm.')],
      [['I', 21.25, [], []], ['II', 31.25, [['2.1', 22.5]], []], ['III', 8.5, [], []], ['IV', null, [['4.1', 7.25]], []]],
    ],
    [
      'a few words between the group and its score ("Nhóm tiêu chí V, xã tự chấm …")',
      [ocr('Nhóm tiêu chí IV. Cải cách'), ocr('Nhóm tiêu chí IV được xã tự chấm 13,5 điểm.'), ocr('Nhóm tiêu chí V. Hỗ trợ'), ocr('5.1. Sản xuất: xã tự chấm 4,75 điểm.'), ocr('Nhóm tiêu chí V, xã tự chấm tổng cộng 9,25 điểm.')],
      [['IV', 13.5, [], []], ['V', 9.25, [['5.1', 4.75]], []]],
    ],
    [
      'a numeral that lost a stroke before its title is still the next group',
      [ocr('Nhóm tiêu chí I. Kinh tế'), ocr('Nhóm tiêu chí II. Quản lý'), ocr('Nhóm tiêu chí II. Thanh tra, kiểm tra - tự chấm đạt 8,5 điểm')],
      [['I', null, [], []], ['II', null, [], []], ['III', 8.5, [], []]],
    ],
    [
      'specks read before a sub-group numbering (". 2.2. …")',
      [ocr('2. Nhóm tiêu chí II Quản lý nhà nước'), ocr('2.1. Quản lý: tự chấm đạt 24,5 điểm.'), ocr('. 2.2. Nhiệm vụ cấp trên giao'), ocr('Kết quả số điểm tự chấm đạt: 9,5 điểm.')],
      [['II', null, [['2.1', 24.5], ['2.2', 9.5]], []]],
    ],
    [
      'a capitals group heading whose "1." was read as a word ("cụ NHÓM …") after an unfinished line',
      [ocr('H. KẾT QUÁ TỰ ĐÁNH GIÁ, CHẤM ĐIỂM THEO TỪNG NHÓM'), ocr('cụ NHÓM TIỂU CHÍ L KẾT QUÁ THỰC HIỆN CÁC MỤC TIÊU'), ocr('1.1. Chỉ tiêu kinh tế: tự chấm 7,5/10 điểm'), ocr('Cộng nhóm tiêu chí I: 21,5 điểm.'), ocr('_ NHÓM TIỂU CHÍ H: KẾT QUÁ THỰC HIỆN NHIỆM VỤ'), ocr('2.1. Quản lý: tự chấm 24,5/26 điểm'), ocr('Cộng nhóm tiêu chí II: 33 điểm.')],
      [['I', 21.5, [['1.1', 7.5]], []], ['II', 33, [['2.1', 24.5]], []]],
    ],
  ])('%s', (_name, lines, expected) => {
    expect(groupsOf(extractReport(docOf(lines, 'pdf')))).toEqual(expected);
  });

  it.each<[string, LineSpec[], Array<[string, number | null]>, number]>([
    ['"li" in a numbering cell is II when II comes next', [row('I', 'Kinh tế', '25', '21,5'), row('li', 'Quản lý', '35', '31'), row('II', 'Thanh tra', '10', '9')], [['I', 21.5], ['II', 31], ['III', 9]], 2],
    ['"l" in a numbering cell is II when II comes next (a stroke lost)', [row('I', 'Kinh tế', '25', '21,5'), row('l', 'Quản lý', '35', '31'), row('II', 'Thanh tra', '10', '9')], [['I', 21.5], ['II', 31], ['III', 9]], 2],
    ['"II" where III comes next is III (a stroke lost)', [row('I', 'Kinh tế', '25', '21,5'), row('II', 'Quản lý', '35', '31'), row('II', 'Thanh tra', '10', '9')], [['I', 21.5], ['II', 31], ['III', 9]], 1],
    ['"L" stays where IV comes next (no stroke of IV is an I alone)', [row('I', 'Kinh tế', '25', '21,5'), row('II', 'Quản lý', '35', '31'), row('III', 'Thanh tra', '10', '9'), row('L', 'Cải cách', '15', '13')], [['I', 21.5], ['II', 31], ['III', 9], ['L', 13]], 0],
  ])('%s', (_name, rows, summary, notes) => {
    const ex = extractReport(docOf([ocr('Nhóm tiêu chí I. Kinh tế'), ocr('Nhóm tiêu chí II. Quản lý'), ocr('Nhóm tiêu chí III. Thanh tra'), ocr('Nhóm tiêu chí IV. Cải cách'), ocr('III. TỔNG HỢP KẾT QUẢ'), row('STT', 'Nội dung', 'Điểm tối đa', 'Điểm tự chấm'), ...rows], 'pdf'));
    expect(ex.summary.map((s) => [s.id, v(s.score)])).toEqual(summary);
    expect(ex.notes.filter((n) => n.message.startsWith('Đọc')).length).toBe(notes);
  });

  it('a lower-case "nhóm tiêu chí" starting a line still continues its sentence', () => {
    const ex = extractReport(docOf([ocr('Nhóm tiêu chí I. Kinh tế'), ocr('Kết quả này là của'), ocr('nhóm tiêu chí II: 21,5 điểm do xã chấm lại')], 'pdf'));
    expect(groupsOf(ex).map((g) => g[0])).toEqual(['I']);
  });

  it('typed text: a sub-group numbering after a dot stays unread', () => {
    const ex = extractReport(docOf(['2. Nhóm tiêu chí II Quản lý nhà nước', '. 2.2. Nhiệm vụ cấp trên giao', 'Kết quả số điểm tự chấm đạt: 9,5 điểm.'], 'pdf'));
    expect(groupsOf(ex)).toEqual([['II', 9.5, [], []]]);
  });
});

describe('OCR’d scans of a third blind set that first failed', () => {
  const ocr = (text: string): LineSpec => ({ text, confidence: 0.9 });
  const row = (...cells: string[]): LineSpec => ({ cells, confidence: 0.9 });

  it.each<[string, LineSpec[], ReturnType<typeof groupsOf>]>([
    [
      'a number before the heading that the numeral contradicts ("3 NHÓM … L" for "2. NHÓM … II") leaves the order to decide',
      [ocr('¡, NHÓM TIÊU CHÍ L KẾT QUÁ THỰC HIỆN CÁC MỤC TIỂU'), ocr('1.1. Chỉ tiêu kinh tế: tự chấm 7,5/10 điểm'), ocr('Cộng nhóm tiêu chí I: 21,5 điểm.'), ocr('3 NHÓM TIÊU CHÍ L: KẾT QUÁ THỰC HIỆN NHIỆM VỤ'), ocr('2.1. Quản lý: tự chấm 24,5/26 điểm'), ocr('Cộng nhóm tiêu chí II: 33 điểm.'), ocr('. NHÓM TIÊU CHÍ HI: CÔNG TÁC THANH TRA, KIỂM TRA,'), ocr('3.1. Thanh tra: tự chấm 5/5 điểm'), ocr('Cộng nhóm tiêu chí II: 9,5 điểm.'), ocr('4. NHÓM TIÊU CHÍ IV: CẢI CÁCH HÀNH CHÍNH'), ocr('Cộng nhóm tiêu chí IV: 14 điểm.')],
      [['I', 21.5, [['1.1', 7.5]], []], ['II', 33, [['2.1', 24.5]], []], ['III', 9.5, [['3.1', 5]], []], ['IV', 14, [], []]],
    ],
    [
      'specks with an underscore before the "1." of a heading ("_ ...1. Nhóm tiêu chí I")',
      [ocr('II. NỘI DUNG, ĐÁNH GIÁ CHẤM ĐIỂM'), ocr('_ ...1. Nhóm tiêu chí I Kết quả thực hiện các mục tiêu phát triển kinh tế -'), ocr('xã hội'), ocr('1.1 Nhóm tiêu chí về kinh tế:'), ocr('Kết quả số điểm tự chấm nhóm tiêu chí về kinh tế đạt: 8,25 điểm.'), ocr('2. Nhóm tiêu chí II Quản lý nhà nước'), ocr('2.1. Quản lý: tự chấm đạt 24,5 điểm.')],
      [['I', null, [['1.1', 8.25]], []], ['II', null, [['2.1', 24.5]], []]],
    ],
  ])('%s', (_name, lines, expected) => {
    expect(groupsOf(extractReport(docOf(lines, 'pdf')))).toEqual(expected);
  });

  it('a named group in a table row with a stroke read as j ("Nhóm tiêu chí IJI")', () => {
    const ex = extractReport(
      docOf(
        [ocr('Nhóm tiêu chí I. Kinh tế'), ocr('Nhóm tiêu chí II. Quản lý'), ocr('Nhóm tiêu chí III. Thanh tra'), ocr('III. TỔNG HỢP KẾT QUẢ'), row('Nhóm tiêu chí', 'Điểm tối đa', 'Điểm tự đánh giá'), row('Nhóm tiêu chí I: Kinh tế', '25', '22,5'), row('Nhóm tiêu chí II: Quản lý', '35', '33,25'), row('Nhóm tiêu chí IJI: Thanh tra', '10', '9,75')],
        'pdf',
      ),
    );
    expect(ex.summary.map((e) => [e.id, v(e.score)])).toEqual([['I', 22.5], ['II', 33.25], ['III', 9.75]]);
  });

  it('a summary numbering read as a quote mark (II) is the next group in order', () => {
    const ex = extractReport(
      docOf(
        [ocr('Nhóm tiêu chí I. Kinh tế'), ocr('Nhóm tiêu chí II. Quản lý'), ocr('Nhóm tiêu chí III. Thanh tra'), ocr('Nhóm tiêu chí IV. Cải cách'), ocr('III. TỔNG HỢP KẾT QUẢ'), row('STT', 'Nội dung tiêu chí', 'Điểm chuẩn', 'Điểm tự chấm'), row('I', 'Kinh tế', '30', '28,5'), row('"', 'Quản lý nhà nước trên địa bàn', '35', '33,5'), row('II', 'Thanh tra', '10', '9,5'), row('IV', 'Cải cách hành chính', '15', '14,25')],
        'pdf',
      ),
    );
    expect(ex.summary.map((e) => [e.id, v(e.score)])).toEqual([['I', 28.5], ['II', 33.5], ['III', 9.5], ['IV', 14.25]]);
  });
});

describe('OCR’d scans of a fourth blind set that first failed', () => {
  const ocr = (text: string): LineSpec => ({ text, confidence: 0.9 });
  const row = (...cells: string[]): LineSpec => ({ cells, confidence: 0.9 });

  it.each<[string, LineSpec[], ReturnType<typeof groupsOf>]>([
    [
      'a capitals heading whose numeral came out as marks ("NHÓM TIÊU CHÍ (LỄ KẾT QUẢ") and one after a glued stray token ("6Ù NHÓM …") are read in order',
      [ocr('1. NHÓM TIÊU CHÍ I: KẾT QUẢ THỰC HIỆN CÁC MỤC TIÊU'), ocr('1.1. Kinh tế: tự chấm 7,5/10 điểm'), ocr('Cộng nhóm tiêu chí I: 21,5 điểm.'), ocr('_- NHÓM TIÊU CHÍ (LỄ KẾT QUÁ THỰC HIỆN NHIỆM VỤ'), ocr('2.1. Quản lý: tự chấm 24,5/26 điểm'), ocr('Cộng nhóm tiêu chí II: 33 điểm.'), ocr('6Ù NHÓM TIÊU CHÍ II: CÔNG TÁC THANH TRA, KIỂM TRA,'), ocr('3.1. Thanh tra: tự chấm 5/5 điểm'), ocr('Cộng nhóm tiêu chí III: 9,5 điểm.')],
      [['I', 21.5, [['1.1', 7.5]], []], ['II', 33, [['2.1', 24.5]], []], ['III', 9.5, [['3.1', 5]], []]],
    ],
    [
      'a title in lower case after an unreadable token is no heading',
      [ocr('1. NHÓM TIÊU CHÍ I: KẾT QUẢ THỰC HIỆN CÁC MỤC TIÊU'), ocr('1.1. Kinh tế: tự chấm 7,5/10 điểm'), ocr('NHÓM TIÊU CHÍ (LỄ kết quả thực hiện nhiệm vụ'), ocr('Cộng nhóm tiêu chí I: 21,5 điểm.')],
      [['I', 21.5, [['1.1', 7.5]], []]],
    ],
    [
      'typed text: a capitals heading without a numeral stays unread',
      ['1. NHÓM TIÊU CHÍ I: KẾT QUẢ THỰC HIỆN CÁC MỤC TIÊU', '1.1. Kinh tế: tự chấm 7,5/10 điểm', 'NHÓM TIÊU CHÍ (LỄ KẾT QUẢ THỰC HIỆN NHIỆM VỤ', 'Cộng nhóm tiêu chí I: 21,5 điểm.'],
      [['I', 21.5, [['1.1', 7.5]], []]],
    ],
  ])('%s', (_name, lines, expected) => {
    expect(groupsOf(extractReport(docOf(lines, 'pdf')))).toEqual(expected);
  });

  const groups = [ocr('Nhóm tiêu chí I. Kinh tế'), ocr('Nhóm tiêu chí II. Quản lý'), ocr('Nhóm tiêu chí III. Thanh tra'), ocr('Nhóm tiêu chí IV. Cải cách'), ocr('III. TỔNG HỢP KẾT QUẢ')];

  it('a named group in a table row with a stroke read as a bracket ("Nhóm tiêu chí ]V")', () => {
    const ex = extractReport(
      docOf([...groups, row('Nhóm tiêu chí', 'Điểm tối đa', 'Điểm tự đánh giá'), row('Nhóm tiêu chí III: Thanh tra', '10', '9,75'), row('—.„ c1, Nhóm tiêu chí ]V: Cải cách hành chính', '15', '14,5')], 'pdf'),
    );
    expect(ex.summary.map((e) => [e.id, v(e.score)])).toEqual([['III', 9.75], ['IV', 14.5]]);
  });

  it.each<[string, string, number]>([
    ['a letter too many ("Điểmchuầẩn")', 'Điểmchuầẩn', 9.5],
    ['a letter lost ("Điểm tối a")', 'Điểm tối a', 9.5],
    ['no maximum column ("Ghi chú")', 'Ghi chú', 95],
  ])('an OCR’d header’s maximum column named with %s bounds the scores', (_name, header, expected) => {
    const ex = extractReport(docOf([...groups, row('STT', 'Nội dung tiêu chí', header, 'Điểm tự chấm'), row('I', 'Kinh tế', '30', '28,5'), row('1.2', 'Văn hóa', '10', '95')], 'pdf'));
    expect(ex.groups.flatMap((g) => g.subgroups.map((s) => [s.id, v(s.score)]))).toEqual([['1.2', expected]]);
  });
});

describe('OCR’d scans of a fifth blind set that first failed', () => {
  const ocr = (text: string): LineSpec => ({ text, confidence: 0.9 });
  const row = (...cells: string[]): LineSpec => ({ cells, confidence: 0.9 });
  const body = [ocr('Nhóm tiêu chí I. Kinh tế'), ocr('Nhóm tiêu chí II. Quản lý'), ocr('Nhóm tiêu chí III. Thanh tra'), ocr('III. TỔNG HỢP KẾT QUẢ'), row('TT', 'Nội dung', 'Điểm tối đa', 'Điểm tự chấm')];

  it.each<[string, LineSpec[], Array<[string, number | null]>]>([
    ['the first scored row with its numeral lost whole is group I, the rest follow in order', [row('', 'Kết quả thực hiện các mục tiêu kinh tế', '25', '20.5'), row('1', 'Kết quả thực hiện nhiệm vụ quản lý', '35', '30'), row('II', 'Thanh tra', '10', '9.5')], [['I', 20.5], ['II', 30], ['III', 9.5]]],
    ['a later row with no numbering is no group', [row('I', 'Kinh tế', '25', '20.5'), row('', 'Quản lý', '35', '30'), row('III', 'Thanh tra', '10', '9.5')], [['I', 20.5], ['III', 9.5]]],
    ['a first row with no numbers is no group', [row('', 'kinh tế - xã hội', '', ''), row('I', 'Kinh tế', '25', '20.5')], [['I', 20.5]]],
  ])('%s', (_name, rows, summary) => {
    const ex = extractReport(docOf([...body, ...rows], 'pdf'));
    expect(ex.summary.map((s) => [s.id, v(s.score)])).toEqual(summary);
  });

  it('typed text: a first row with no numbering stays unread', () => {
    const typed = (...cells: string[]): LineSpec => ({ cells });
    const ex = extractReport(docOf(['Nhóm tiêu chí I. Kinh tế', 'Nhóm tiêu chí II. Quản lý', 'III. TỔNG HỢP KẾT QUẢ', typed('TT', 'Nội dung', 'Điểm tối đa', 'Điểm tự chấm'), typed('', 'Kinh tế', '25', '20,5'), typed('II', 'Quản lý', '35', '30')], 'pdf'));
    expect(ex.summary.map((s) => [s.id, v(s.score)])).toEqual([['II', 30]]);
  });
});

describe('OCR’d scans of a sixth blind set that first failed', () => {
  const ocr = (text: string): LineSpec => ({ text, confidence: 0.9 });
  const row = (...cells: string[]): LineSpec => ({ cells, confidence: 0.9 });
  const body = [ocr('Nhóm tiêu chí I. Kinh tế'), ocr('Nhóm tiêu chí II. Quản lý'), ocr('Nhóm tiêu chí III. Thanh tra'), ocr('Nhóm tiêu chí IV. Cải cách'), ocr('PHẦN THỨ BA: TỔNG HỢP ĐIỂM VÀ TỰ XẾP LOẠI')];
  const header = row('Nhóm', 'Tên nhóm tiêu chí', 'Thang điểm', 'Điểm tự chấm');

  it.each<[string, LineSpec[], Array<[string, number | null]>]>([
    ['a summary numbering "1" for II, then "II" for III, is read in order', [header, row('J', 'Phát triển kinh tế - xã hội', '25', '21,25'), row('1', 'Quản lý nhà nước trên địa bàn', '35', '31,25'), row('II', 'Thanh tra, kiểm tra', '10', '8,5'), row('IV', 'Cải cách hành chính', '15', '13,25')], [['I', 21.25], ['II', 31.25], ['III', 8.5], ['IV', 13.25]]],
    ['a summary numbering "1H" for II is read in order (a seventh blind set)', [header, row('I', 'Phát triển kinh tế - xã hội', '25', '21,25'), row('1H', 'Quản lý nhà nước trên địa bàn', '35', '32,25'), row('II', 'Thanh tra, kiểm tra', '10', '8,5'), row('IV', 'Cải cách hành chính', '15', '13,25')], [['I', 21.25], ['II', 32.25], ['III', 8.5], ['IV', 13.25]]],
    ['a named group whose last stroke came as L ("Nhóm tiêu chí IIL")', [row('Nhóm tiêu chí', 'Điểm tối đa', 'Điểm tự đánh giá'), row('Nhóm tiêu chí II: Quản lý', '35', '33,25'), row('Nhóm tiêu chí IIL: Thanh tra', '10', '9,75'), row('Nhóm tiêu chí IV: Cải cách', '15', '14,5')], [['II', 33.25], ['III', 9.75], ['IV', 14.5]]],
  ])('%s', (_name, rows, summary) => {
    const ex = extractReport(docOf([...body, ...rows], 'pdf'));
    expect(ex.summary.map((s) => [s.id, v(s.score)])).toEqual(summary);
  });

  it('a body table row numbered "1" stays an item, not a group', () => {
    const ex = extractReport(docOf([ocr('1. Nhóm tiêu chí I: Kinh tế (điểm chuẩn 25 điểm; tự chấm 21 điểm)'), row('TT', 'Nội dung', 'Điểm chuẩn', 'Điểm tự chấm'), row('1', 'Tăng trưởng kinh tế', '10', '9'), row('2', 'Thu ngân sách', '15', '12')], 'pdf'));
    expect(ex.groups.map((g) => g.id)).toEqual(['I']);
    expect(ex.summary).toEqual([]);
  });

  it.each<[string, LineSpec[], ReturnType<typeof groupsOf>]>([
    [
      'a heading whose "2." came as "4" and whose numeral is unreadable is the next group, and the next heading follows it',
      [ocr('1. NHÓM TIÊU CHÍ I: KẾT QUẢ THỰC HIỆN CÁC MỤC TIÊU'), ocr('1.1. Kinh tế: tự chấm 7,5/10 điểm'), ocr('Cộng nhóm tiêu chí I: 21,5 điểm.'), ocr('4 NHÓM TIỂU CHÍ LLE KẾT QUÁ THỰC HIỆN NHIỆM VỤ'), ocr('2.1. Quản lý: tự chấm 24,5/26 điểm'), ocr('Cộng nhóm tiêu chí II: 33 điểm.'), ocr('c8 NHÓM TIÊU CHÍ II: CÔNG TÁC THANH TRA, KIỂM TRA,'), ocr('3.1. Thanh tra: tự chấm 5/5 điểm'), ocr('Cộng nhóm tiêu chí III: 9,5 điểm.')],
      [['I', 21.5, [['1.1', 7.5]], []], ['II', 33, [['2.1', 24.5]], []], ['III', 9.5, [['3.1', 5]], []]],
    ],
    [
      'a number one group ahead still stands for a heading OCR lost whole',
      [ocr('1. NHÓM TIÊU CHÍ I: KẾT QUẢ THỰC HIỆN CÁC MỤC TIÊU'), ocr('1.1. Kinh tế: tự chấm 7,5/10 điểm'), ocr('Cộng nhóm tiêu chí I: 21,5 điểm.'), ocr('3 NHÓM TIÊU CHÍ LLE CÔNG TÁC THANH TRA, KIỂM TRA'), ocr('3.1. Thanh tra: tự chấm 5/5 điểm'), ocr('Cộng nhóm tiêu chí III: 9,5 điểm.')],
      [['I', 21.5, [['1.1', 7.5]], []], ['III', 9.5, [['3.1', 5]], []]],
    ],
  ])('%s', (_name, lines, expected) => {
    expect(groupsOf(extractReport(docOf(lines, 'pdf')))).toEqual(expected);
  });
});

describe('OCR’d summary numberings of digits', () => {
  const ocr = (text: string): LineSpec => ({ text, confidence: 0.9 });
  const row = (...cells: string[]): LineSpec => ({ cells, confidence: 0.9 });
  it('"11" under group I in a summary table is sub-group 1.1 without its dot, not II', () => {
    const ex = extractReport(
      docOf(
        [ocr('1. Nhóm tiêu chí I: Kinh tế (điểm chuẩn 30 điểm; tự chấm 28,5 điểm)'), ocr('2. Nhóm tiêu chí II: Quản lý (điểm chuẩn 35 điểm; tự chấm 33,5 điểm)'), ocr('III. TỔNG HỢP KẾT QUẢ TỰ CHẤM ĐIỂM'), row('STT', 'Nội dung tiêu chí', 'Điểm chuẩn', 'Điểm tự chấm'), row('I', 'Kết quả thực hiện các mục tiêu', '30', '28,5'), row('11', 'Chỉ tiêu về kinh tế', '12', '11,5'), row('"', 'Quản lý nhà nước', '35', '33,5')],
        'pdf',
      ),
    );
    expect(ex.summary.map((s) => [s.id, v(s.score)])).toEqual([['I', 28.5], ['II', 33.5]]);
  });
});
