/**
 * The group numbering of summary lines and table rows on OCR'd pages: a numeral that lost a
 * stroke, a numbering lost whole or read as other marks, is read in the groups' order and said in
 * a note. Typed text is never renumbered.
 */
import { describe, expect, it } from 'vitest';
import { extractReport } from '../../extractors/report.js';
import { docOf, type LineSpec } from '../support/doc.js';
import { ocr, row, v } from './helpers.js';

describe('summary numbering on OCR’d pages', () => {
  describe('a summary list whose numeral lost a stroke', () => {
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
  });

  it('summary lines whose numeral came as "fII" or glued to "chí" ("chí!V:13điểm"), or behind specks ("S. „Nhóm")', () => {
    const heads = ['I - KINH TẾ', 'II - QUẢN LÝ', 'III - THANH TRA', 'IV - CẢI CÁCH', 'V - HỖ TRỢ'].map((t, k) => ocr(`NHÓM TIÊU CHÍ ${t} - TỰ CHẤM ${[21, 29.5, 9, 13, 8][k]!.toString().replace('.', ',')} ĐIỂM`));
    const ex = extractReport(docOf([...heads, ocr('II TỔNG HỢP KẾT QUẢ VÀ XẾP LOẠI . :'), ocr('1, Nhóm tiêu chí I: 21 điểm in &'), ocr('2 Nhóm tiêu chí II: 29,5 điểm'), ocr('3 Nhóm tiêu chí fII: 9 điểm'), ocr('Nhóm tiêu chí!V:13điểm . - : : .'), ocr('S. „Nhóm tiêu chí V: 8 điểm | :')], 'pdf'));
    expect(ex.summary.map((e) => [e.id, v(e.score)])).toEqual([['I', 21], ['II', 29.5], ['III', 9], ['IV', 13], ['V', 8]]);
  });

  describe('a numbering cell that lost strokes or was read as letters', () => {
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
  });

  describe('a numbering cell lost whole', () => {
    const body = [ocr('Nhóm tiêu chí I. Kinh tế'), ocr('Nhóm tiêu chí II. Quản lý'), ocr('Nhóm tiêu chí III. Thanh tra'), ocr('III. TỔNG HỢP KẾT QUẢ'), row('TT', 'Nội dung', 'Điểm tối đa', 'Điểm tự chấm')];

    it.each<[string, LineSpec[], Array<[string, number | null]>]>([
      ['the first scored row with its numeral lost whole is group I, the rest follow in order', [row('', 'Kết quả thực hiện các mục tiêu kinh tế', '25', '20.5'), row('1', 'Kết quả thực hiện nhiệm vụ quản lý', '35', '30'), row('II', 'Thanh tra', '10', '9.5')], [['I', 20.5], ['II', 30], ['III', 9.5]]],
      ['a later row with no numbering is no group', [row('I', 'Kinh tế', '25', '20.5'), row('', 'Quản lý', '35', '30'), row('III', 'Thanh tra', '10', '9.5')], [['I', 20.5], ['III', 9.5]]],
      ['a later row whose numbering OCR broke into specks is the next group', [row('', 'Kinh tế', '25', '20.5'), row('..', 'Quản lý', '35', '30'), row('là', 'Thanh tra', '10', '9.5')], [['I', 20.5], ['II', 30], ['III', 9.5]]],
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

  describe('a numbering cell read as other marks', () => {
    const body = [ocr('Nhóm tiêu chí I. Kinh tế'), ocr('Nhóm tiêu chí II. Quản lý'), ocr('Nhóm tiêu chí III. Thanh tra'), ocr('Nhóm tiêu chí IV. Cải cách'), ocr('PHẦN THỨ BA: TỔNG HỢP ĐIỂM VÀ TỰ XẾP LOẠI')];
    const header = row('Nhóm', 'Tên nhóm tiêu chí', 'Thang điểm', 'Điểm tự chấm');

    it.each<[string, LineSpec[], Array<[string, number | null]>]>([
      ['a summary numbering "1" for II, then "II" for III, is read in order', [header, row('J', 'Phát triển kinh tế - xã hội', '25', '21,25'), row('1', 'Quản lý nhà nước trên địa bàn', '35', '31,25'), row('II', 'Thanh tra, kiểm tra', '10', '8,5'), row('IV', 'Cải cách hành chính', '15', '13,25')], [['I', 21.25], ['II', 31.25], ['III', 8.5], ['IV', 13.25]]],
      ['a summary numbering "1H" for II is read in order', [header, row('I', 'Phát triển kinh tế - xã hội', '25', '21,25'), row('1H', 'Quản lý nhà nước trên địa bàn', '35', '32,25'), row('II', 'Thanh tra, kiểm tra', '10', '8,5'), row('IV', 'Cải cách hành chính', '15', '13,25')], [['I', 21.25], ['II', 32.25], ['III', 8.5], ['IV', 13.25]]],
      ['a named group whose last stroke came as L ("Nhóm tiêu chí IIL")', [row('Nhóm tiêu chí', 'Điểm tối đa', 'Điểm tự đánh giá'), row('Nhóm tiêu chí II: Quản lý', '35', '33,25'), row('Nhóm tiêu chí IIL: Thanh tra', '10', '9,75'), row('Nhóm tiêu chí IV: Cải cách', '15', '14,5')], [['II', 33.25], ['III', 9.75], ['IV', 14.5]]],
    ])('%s', (_name, rows, summary) => {
      const ex = extractReport(docOf([...body, ...rows], 'pdf'));
      expect(ex.summary.map((s) => [s.id, v(s.score)])).toEqual(summary);
    });

    it('a speckled summary table: numberings with marks around them, letters in a score cell, a speck read as a minus, the total without its comma', () => {
      const ex = extractReport(
        docOf(
          [...['I. Kinh tế', 'II. Quản lý', 'III. Thanh tra', 'IV. Cải cách', 'V. Hỗ trợ doanh nghiệp', 'VI. Điểm thưởng'].map((t) => ocr(`Nhóm tiêu chí ${t}`)), ocr('II. TỔNG HỢP ĐIỂM VÀ TỰ XẾP LOẠI'), row('TT', 'Nhóm tiêu chí :', 'Tối đa', 'Tự chấm'), row('| *', 'Phát triển kinh tế - xã hội. .', '25', '24'), row('II', 'Quản lý nhà nước trên địa bàn', '35', "34 ' |;"), row('H _.', 'Thanh tra, tiếp công dân, phòng chống tham nhũng su', 'ti 10', 'VU? 10'), row('IV', 'Cải cách hành chính : :', '-... 15', '14'), row("'V", 'Hỗtrợdoanhnghiệp .. ” ”', '10', '-9'), row('- M', 'Điểm thưởng', '', '1,5'), row('', 'TỔNG CỘNG : mm', '.100-', '925')],
          'pdf',
        ),
      );
      expect(ex.summary.map((e) => [e.id, v(e.score)])).toEqual([['I', 24], ['II', 34], ['III', 10], ['IV', 14], ['V', 9], ['VI', 1.5]]);
      expect(v(ex.total)).toBe(92.5);
    });

    it('numberings with dashes and dots round them ("II -", "-. VI:", "; vn."), a score "05" that lost its comma, an OCR’d classification', () => {
      const ex = extractReport(
        docOf(
          [...['I. Kinh tế', 'II. Quản lý', 'III. Thanh tra', 'IV. Cải cách', 'V. Hỗ trợ doanh nghiệp', 'VI. Điểm thưởng, điểm trừ'].map((t) => ocr(`Nhóm tiêu chí ${t}`)), ocr('C. TỔNG HỢP ĐIỂM TỰ CHẤM VÀ ĐỀ NGHỊ XẾP LOẠI'), row('TT', 'TH CC KT P Nhóm tiêu chí', 'Thang điểm', 'Điểm tự chấm'), row('', 'Phát triển kinh tế - xã hội', '30', '26,5'), row('II -', 'Quản lý nhà nước trên địa bàn', '35', '33'), row('II', 'Thanh tra, tiếp công dân, phòng. - chống tham nhũng...', '10', '9,5'), row('IV', 'Cải cách hành chính, chuyển đối số', '15', '14,5'), row('; vn.', 'Hỗ trợ dơanh nghiệp, môitrường kinh... doanh :', '..aA: : 10', '9.'), row('-. VI:', 'Điểm thưởng, điểm trừ niT', '-', '05'), row(': ..', 'Tổng cộng -', '100', '93'), ocr('Đề nghị xếp loại: Hoàn thành xuất sắc rihiệm vụ năm 2024')],
          'pdf',
        ),
      );
      expect(ex.summary.map((e) => [e.id, v(e.score)])).toEqual([['I', 26.5], ['II', 33], ['III', 9.5], ['IV', 14.5], ['V', 9], ['VI', 0.5]]);
      expect(v(ex.total)).toBe(93);
      expect(ex.classification?.level).toBe('excellent');
      expect(ex.classification?.text).toBe('Hoàn thành xuất sắc nhiệm vụ năm 2024');
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

    it('"11" under group I in a summary table is sub-group 1.1 without its dot, not II', () => {
      const ex = extractReport(
        docOf(
          [ocr('1. Nhóm tiêu chí I: Kinh tế (điểm chuẩn 30 điểm; tự chấm 28,5 điểm)'), ocr('2. Nhóm tiêu chí II: Quản lý (điểm chuẩn 35 điểm; tự chấm 33,5 điểm)'), ocr('III. TỔNG HỢP KẾT QUẢ TỰ CHẤM ĐIỂM'), row('STT', 'Nội dung tiêu chí', 'Điểm chuẩn', 'Điểm tự chấm'), row('I', 'Kết quả thực hiện các mục tiêu', '30', '28,5'), row('11', 'Chỉ tiêu về kinh tế', '12', '11,5'), row('"', 'Quản lý nhà nước', '35', '33,5')],
          'pdf',
        ),
      );
      expect(ex.summary.map((s) => [s.id, v(s.score)])).toEqual([['I', 28.5], ['II', 33.5]]);
    });

    it('a body table row numbered "1" stays an item, not a group', () => {
      const ex = extractReport(docOf([ocr('1. Nhóm tiêu chí I: Kinh tế (điểm chuẩn 25 điểm; tự chấm 21 điểm)'), row('TT', 'Nội dung', 'Điểm chuẩn', 'Điểm tự chấm'), row('1', 'Tăng trưởng kinh tế', '10', '9'), row('2', 'Thu ngân sách', '15', '12')], 'pdf'));
      expect(ex.groups.map((g) => g.id)).toEqual(['I']);
      expect(ex.summary).toEqual([]);
    });
  });

  describe('a named row whose numeral lost a stroke', () => {
    const groups = [ocr('Nhóm tiêu chí I. Kinh tế'), ocr('Nhóm tiêu chí II. Quản lý'), ocr('Nhóm tiêu chí III. Thanh tra'), ocr('Nhóm tiêu chí IV. Cải cách'), ocr('III. TỔNG HỢP KẾT QUẢ')];

    it('a named group in a table row with a stroke read as j ("Nhóm tiêu chí IJI")', () => {
      const ex = extractReport(
        docOf(
          [ocr('Nhóm tiêu chí I. Kinh tế'), ocr('Nhóm tiêu chí II. Quản lý'), ocr('Nhóm tiêu chí III. Thanh tra'), ocr('III. TỔNG HỢP KẾT QUẢ'), row('Nhóm tiêu chí', 'Điểm tối đa', 'Điểm tự đánh giá'), row('Nhóm tiêu chí I: Kinh tế', '25', '22,5'), row('Nhóm tiêu chí II: Quản lý', '35', '33,25'), row('Nhóm tiêu chí IJI: Thanh tra', '10', '9,75')],
          'pdf',
        ),
      );
      expect(ex.summary.map((e) => [e.id, v(e.score)])).toEqual([['I', 22.5], ['II', 33.25], ['III', 9.75]]);
    });

    it('a named group in a table row with a stroke read as a bracket ("Nhóm tiêu chí ]V")', () => {
      const ex = extractReport(
        docOf([...groups, row('Nhóm tiêu chí', 'Điểm tối đa', 'Điểm tự đánh giá'), row('Nhóm tiêu chí III: Thanh tra', '10', '9,75'), row('—.„ c1, Nhóm tiêu chí ]V: Cải cách hành chính', '15', '14,5')], 'pdf'),
      );
      expect(ex.summary.map((e) => [e.id, v(e.score)])).toEqual([['III', 9.75], ['IV', 14.5]]);
    });
  });
});

describe('a photo of the summary page alone', () => {
  const page: LineSpec[] = [
    ocr('III. TỔNG HỢP ĐIỂM VÀ TỰ XẾP LOẠI'),
    row('TT', 'Nhóm tiêu chí', 'Tối đa', 'Tự chấm'),
    row('I', 'Phát triển kinh tế - xã hội', '25', '24'),
    row('II', 'Quản lý nhà nước trên địa bàn', '35', '34'),
    row('', 'TỔNG CỘNG', '60', '58'),
    ocr('Tổng số điểm tự chấm năm 2024: 58 điểm.'),
    ocr('Tự xếp loại: Hoàn thành tốt nhiệm vụ.'),
  ];

  it('opens on the summary: its rows, total and classification are read', () => {
    const ex = extractReport(docOf(page, 'image'));
    expect(ex.summary.map((s) => [s.id, v(s.score)])).toEqual([['I', 24], ['II', 34]]);
    expect(v(ex.total)).toBe(58);
    expect(ex.classification?.level).toBe('good');
  });

  it('not in typed text, nor on a page of a longer scan: there a summary follows the groups', () => {
    const typed = page.map((l) => (typeof l === 'string' ? l : l.cells ? { cells: l.cells } : l.text!));
    expect(extractReport(docOf(typed)).summary).toEqual([]);
    expect(extractReport(docOf([ocr('Trang bìa'), '---page---', ...page], 'pdf-scanned')).summary).toEqual([]);
  });
});

describe('a page that opens on the summary list, its heading on the page before', () => {
  it('a table of the groups whose header names them ("Nhóm tiêu chí") is the summary table', () => {
    const ex = extractReport(docOf([row('TT', 'ám tiê : Nhóm tiêu chí', 'Thang điểm', 'Điểm tự chấm'), row('V', 'Hỗ trợ doanh nghiệp, môi trường kinh doanh', '10', '9'), row('VI', 'Điểm thưởng, điểm trừ', '', '0,5'), row('', 'Tổng cộng', '100', '93'), ocr('Tổng điểm tự chấm của UBND phường An Hòa năm 2024 là 93 điểm.')], 'image'));
    expect(ex.groups).toEqual([]);
    expect(ex.summary.map((s) => [s.id, v(s.score)])).toEqual([['V', 9], ['VI', 0.5]]);
    expect(v(ex.total)).toBe(93);
    expect(ex.partial).toBe(true);
  });

  it('a body table of one group\'s sub-groups stays the body', () => {
    const ex = extractReport(docOf([row('TT', 'Nội dung', 'Điểm chuẩn', 'Điểm tự chấm'), row('II', 'Quản lý nhà nước', '35', '33'), row('2.1', 'Quản lý các lĩnh vực', '25', '24'), row('2.2', 'Nhiệm vụ cấp trên giao', '10', '9')], 'image'));
    expect(ex.groups.map((g) => g.id)).toEqual(['II']);
    expect(ex.summary).toEqual([]);
  });

  it.each<[string, LineSpec[], Array<[string, number]>, number]>([
    ['groups named with their titles in brackets', [ocr('3'), ocr('Kết quả tự chấm của phường theo từng nhóm:'), ocr('Nhóm I (Phát triển kinh tế - xã hội): 20,5 điểm;'), ocr('Nhóm II (Quản lý nhà nước): 30,5 điểm;'), ocr('Tổng điểm tự chấm: 51 điểm.')], [['I', 20.5], ['II', 30.5]], 51],
    ['groups named with their scores alone', [ocr('Nhóm tiêu chí V: 8,5.điểm;.'), ocr('Nhóm tiêu chí VI: 3 điểm.'), ocr('2. Tổng điểm tự chấm năm 2024: 11,5 điểm.')], [['V', 8.5], ['VI', 3]], 11.5],
  ])('%s: a summary, not headings', (_name, lines, summary, total) => {
    const ex = extractReport(docOf(lines, 'image'));
    expect(ex.groups).toEqual([]);
    expect(ex.summary.map((s) => [s.id, v(s.score)])).toEqual(summary);
    expect(v(ex.total)).toBe(total);
  });

  it('a heading with its title and score phrase still opens the body', () => {
    const ex = extractReport(docOf([ocr('Nhóm I (Phát triển kinh tế): tự chấm 20,5 điểm'), ocr('1.1. Kinh tế: tự chấm 8 điểm')], 'image'));
    expect(ex.groups.map((g) => g.id)).toEqual(['I']);
    expect(ex.summary).toEqual([]);
  });
});
