/**
 * Group headings ("Nhóm tiêu chí I …") and the group's own score: however the heading and the
 * score are written, wherever the score stands, and on OCR'd pages where the numeral, the
 * numbering or the heading itself came out damaged.
 */
import { describe, expect, it } from 'vitest';
import { extractReport } from '../../extractors/report.js';
import { docOf, type LineSpec } from '../support/doc.js';
import { groupsOf, ocr, v } from './helpers.js';

describe('group headings and their scores, however written', () => {
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

describe('a group’s score stated apart from its heading', () => {
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
      'a score line naming its sub-group keeps it when OCR lost the heading ("Tự chấm mục 1.4 đạt 3 điểm.")',
      [ocr('1. Nhóm tiêu chí I - Phát triển kinh tế - xã hội (thang điểm 30)'), ocr('Tiểu mục 1.3 - Môi trường (thang điểm 6)'), ocr('Tự chấm mục 1.3 đạt 4 điểm.'), ocr('Tiếu mưc l4 - Quốc phòng, an ninh (thang điểm 4)'), ocr('Tự chấm mục 1:4 đạt 3 điểm.'), ocr('Nhóm tiêu chí I tự chấm đạt 7 điểm.')],
      [['I', 7, [['1.3', 4], ['1.4', 3]], []]],
    ],
    [
      'the first sub-group\'s heading lost: the bare score before "1.2" is 1.1\'s, the group\'s comes at its end',
      [ocr('NHÓM TIÊU CHÍ I. PHÁT TRIỂN KINH TẾ - XÃ HỘI (TỐI ĐA 25 ĐIỂM)'), ocr('sE „ Kinh tế (tối đa 10 điểm)'), ocr('Kết quả: tự chấm 9 điểm.'), ocr('1.2. Văn hóa - xã hội (tối đa 8 điểm)'), ocr('Kết quả: tự chấm 8 điểm.'), ocr('Số điểm của nhóm I: 17 điểm.')],
      [['I', 17, [['1.1', 9], ['1.2', 8]], []]],
    ],
    [
      'a heading in capitals whose "NHÓM" came out as a short token ("HH TIÊU CHÍ II. QUẢN LÝ …")',
      [ocr('NHÓM TIÊU CHÍ I. PHÁT TRIỂN KINH TẾ (TỐI ĐA 25 ĐIỂM)'), ocr('Số điểm của nhóm I: 24 điểm.'), ocr('HH TIÊU CHÍ II. QUẢN LÝ NHÀ NƯỚC TRÊN ĐỊA BÀN (TỐI ĐA 35'), ocr('2.1. Quản lý nhà nước các lĩnh vực (tối đa 25 điểm)'), ocr('Kết quả: tự chấm 25 điểm.'), ocr('Số điểm của nhóm II: 25 điểm.')],
      [['I', 24, [], []], ['II', 25, [['2.1', 25]], []]],
    ],
    [
      'a capitals heading whose numeral came out as another sign, before a dash ("NHÓM TIÊU CHÍ ƒV - TỰ CHẤM 13 ĐIỂM")',
      [ocr('NHÓM TIÊU CHÍ III - TỰ CHẤM 9 ĐIỂM'), ocr('NHÓM TIÊU CHÍ ƒV - TỰ CHẤM 13 ĐIỂM'), ocr('(Cải cách hành chính)'), ocr('NHÓM TIÊU CHÍ V - TỰ CHẤM 8 ĐIỂM')],
      [['III', 9, [], []], ['IV', 13, [], []], ['V', 8, [], []]],
    ],
    [
      'a speck after "CHÍ" ("NHÓM TIÊU CHÍ. II. TIẾP CÔNG DÂN" for III)',
      [ocr('NHÓM TIÊU CHÍ II. QUẢN LÝ NHÀ NƯỚC'), ocr('Số điểm của nhóm II: 34 điểm.'), ocr('NHÓM TIÊU CHÍ. II. TIẾP CÔNG DÂN, PHÒNG CHỐNG'), ocr('Kết quả: tự chấm 6 điểm.'), ocr('Số điểm của nhóm II: 6 điểm.')],
      [['II', 34, [], []], ['III', 6, [], []]],
    ],
    [
      'a photo of one page opening inside a group: its closing line names the group',
      [ocr('Kết quả: tự chấm 9 điểm.'), ocr('Số điểm của nhóm II: 34 điểm.'), ocr('NHÓM TIÊU CHÍ III. THANH TRA (TỐI ĐA 10 ĐIỂM)'), ocr('3.1. Tiếp công dân (tối đa 6 điểm)'), ocr('Kết quả: tự chấm 6 điểm.'), ocr('Số điểm của nhóm III: 6 điểm.')],
      [['II', 34, [], []], ['III', 6, [['3.1', 6]], []]],
    ],
    [
      'a sub-group numbering whose dot came out as a colon ("1:2. Lĩnh vực xã hội")',
      [ocr('Nhóm I. Thực hiện các chỉ tiêu kinh tế - xã hội: tự chấm 12/25 điểm'), ocr('1.1. Lĩnh vực kinh tế: điểm đạt 6,5/10 điểm'), ocr('1:2. Lĩnh vực xã hội: điểm đạt 5,5/8 điểm')],
      [['I', 12, [['1.1', 6.5], ['1.2', 5.5]], []]],
    ],
    [
      'a sub-group numbering whose first dot came out as a space ("1 1. Lĩnh vực kinh tế")',
      [ocr('Nhóm I. Thực hiện các chỉ tiêu kinh tế - xã hội: tự chấm 12/25 điểm'), ocr('1 1. Lĩnh vực kinh tế: điểm đạt 6,5/10 điểm'), ocr('1.2. Lĩnh vực xã hội: điểm đạt 5,5/8 điểm')],
      [['I', 12, [['1.1', 6.5], ['1.2', 5.5]], []]],
    ],
    [
      'a sub-group numbering that lost both dots ("11 Lĩnh vực kinh tế") when it is the next in order',
      [ocr('Nhóm I. Kinh tế - xã hội: tự chấm 12,5/25 điểm'), ocr('11 Lĩnh vực kinh tế: điểm đạt 6,5/10 điểm'), ocr('12 tiểu khu đạt chuẩn: điểm đạt 9 điểm'), ocr('1.2. Lĩnh vực xã hội: điểm đạt 6/8 điểm'), ocr('15 Thôn đạt chuẩn nông thôn mới: điểm đạt 2 điểm')],
      [['I', 12.5, [['1.1', 6.5], ['1.2', 6]], []]],
    ],
    [
      'a group numeral with a stroke read as a digit ("Nhóm I1III." for III)',
      [ocr('Nhóm II. Quản lý nhà nước: tự chấm 27,5/35 điểm'), ocr('Nhóm I1III. Thanh tra, tiếp công dân: tự chấm 7,5/10 điểm')],
      [['II', 27.5, [], []], ['III', 7.5, [], []]],
    ],
    [
      'a numbered heading whose "Nhóm" came out as two short tokens ("4. bi HH tiêu chí IV - Cải cách")',
      [ocr('3. Nhóm tiêu chí III - Thanh tra (thang điểm 10)'), ocr('Nhóm tiêu chí III tự chấm đạt 9,5 điểm.'), ocr('4. bi HH tiêu chí IV - Cải cách hành chính, chuyển đổi số (thang điểm'), ocr('Tiểu mục 4.1 - Thủ tục hành chính (thang điểm 8)'), ocr('Tự chấm mục 4.1 đạt 7,5 điểm.'), ocr('Nhóm tiêu chí IV tự chấm đạt 7,5 điểm.'), ocr('Về nội dung tiêu chí II của huyện, xã thực hiện tốt.')],
      [['III', 9.5, [], []], ['IV', 7.5, [['4.1', 7.5]], []]],
    ],
    [
      'a numbering whose last dot came out as a colon ("1.4: Quốc phòng")',
      [ocr('NHÓM TIÊU CHÍ I: TỰ CHẤM 5 ĐIỂM.'), ocr('1.3. Môi trường. Tự chấm 3 điểm'), ocr('1.4: Quốc phòng - an nh Tự chấm 2 điểm')],
      [['I', 5, [['1.3', 3], ['1.4', 2]], []]],
    ],
    [
      'a page opening on a heading whose numeral is unreadable ("Nhóm I1II."): the group before the next heading',
      [ocr('Nhóm I1II. Thanh tra, tiếp công dân, giải quyết khiếu nại, tố cáo,'), ocr('phòng chống tham nhũng: tự chấm 7,5/10 điểm'), ocr('Nhóm IV. Cải cách hành chính: tự chấm 11/15 điểm')],
      [['III', 7.5, [], []], ['IV', 11, [], []]],
    ],
    [
      'a photo of one page opening inside sub-group 2.1: its bare score, then "2.2." opens group II',
      [ocr('2'), ocr('Cấp 211 giấy chứng nhận quyền sử dụng đất; hoàn thành giải phóng'), ocr('Phường tự chấm: 22 điểm.'), ocr('2.2. Thực hiện nhiệm vụ do thị xã giao'), ocr('Phường tự chấm: 8,5 điểm.'), ocr('3. Nhóm tiêu chí III - Thanh tra (điểm chuẩn 10; phường tự chấm 8,5 điểm)'), ocr('3.1. Tiếp công dân'), ocr('Phường tự chấm: 4,5 điểm.')],
      [['II', null, [['2.1', 22], ['2.2', 8.5]], []], ['III', 8.5, [['3.1', 4.5]], []]],
    ],
    [
      'a photo of one page opening on a line naming its sub-group ("Tự chấm mục 2.1 đạt 24 điểm.")',
      [ocr('dựng không phép; đăng ký khai sinh 384 trường hợp.'), ocr('Tự chấm mục 2.1 đạt 24 điểm.'), ocr('Tiểu mục 2.2 - Thực hiện nhiệm vụ cấp trên giao (thang điểm 10)'), ocr('Tự chấm mục 2.2 đạt 9 điểm.'), ocr('Nhóm tiêu chí II tự chấm đạt 33 điểm.'), ocr('Ê triag tiêu chí III - Thanh tra (thang điểm 10)'), ocr('Tiểu mục 3.1 - Tiếp công dân (thang điểm 6)'), ocr('Tự chấm mục 3.1 đạt 6 điểm.'), ocr('Nhóm tiêu chí III tự chấm đạt 9,5 điểm.'), ocr('Về tiêu chí V - Hỗ trợ doanh nghiệp, xã chưa đạt.')],
      [['II', 33, [['2.1', 24], ['2.2', 9]], []], ['III', 9.5, [['3.1', 6]], []]],
    ],
    [
      'a page of a longer scan does not open a group on a sub-group line',
      [ocr('Phường tự chấm: 22 điểm.'), ocr('2.2. Thực hiện nhiệm vụ do thị xã giao'), '---page---', ocr('Nhóm tiêu chí III. Thanh tra: tự chấm 9 điểm')],
      [['III', 9, [], []]],
    ],
    [
      'a sub-group heading lost after a scored one: its bare score is that sub-group\'s when they add up to the closing line',
      [ocr('NHÓM TIÊU CHÍ II. QUẢN LÝ NHÀ NƯỚC (TỐI ĐA 35 ĐIỂM)'), ocr('2.1. Quản lý nhà nước các lĩnh vực (tối đa 25 điểm).'), ocr('Kết quả: tự chấm 25 điểm.'), ocr('in Nhiệm vụ cấp trên giao, thông tin báo cáo (tối đa 10 điểm)'), ocr('Kết quả: :tự chấm 9 điểm.'), ocr('Số điểm của nhóm II: 34 điểm.'), ocr('NHÓM TIÊU CHÍ III. THANH TRA'), ocr('3.1. Tiếp công dân'), ocr('Kết quả: tự chấm 6 điểm.'), ocr('Kết quả: tự chấm 10 điểm.'), ocr('Số điểm của nhóm III: 10 điểm.')],
      [['II', 34, [['2.1', 25], ['2.2', 9]], []], ['III', 10, [['3.1', 6]], []]],
    ],
    [
      'a bonus group whose title OCR garbled: the "Điểm thưởng:" and "Điểm trừ:" labels say its lines are items',
      [ocr('NHÓM TIÊU CHÍ V - TỰ CHẤM 8 ĐIỂM'), ocr('NHÓM TIÊU CHÍ VI (THƯỞỚNG, lu d TỰ CHẤM 2 ĐIỂM'), ocr('Điểm thưởng:'), ocr('Thu ngân sách vượt dự toán huyện giao: đề nghị thưởng 1,5 điểm.'), ocr('Xã được công nhận đạt chuẩn tiếp cận pháp luật: để nghị'), ocr('thưởng 1 điểm.'), ocr('Điểm trừ:'), ocr('Còn 03 trường hợp lấn chiếm hành lang kênh N6: tự trừ 0,5 điểm.')],
      [['V', 8, [], []], ['VI', 2, [], [1.5, 1, -0.5]]],
    ],
    [
      '"Tựchấm" with its space lost is still a score phrase',
      [ocr('NHÓM TIÊU CHÍ I: TỰ CHẤM 6 ĐIỂM.'), ocr('1.3. Môi trường. Tự chấm 4 điểm'), ocr('1.4. Quốc phòng - an ninh. Tựchấm 2 điểm...')],
      [['I', 6, [['1.3', 4], ['1.4', 2]], []]],
    ],
    [
      'a scored line after the last sub-group that makes the group\'s sum is the next sub-group, its numbering lost',
      [ocr('NHÓM TIÊU CHÍ II - TỰ CHẤM 29,5 ĐIỂM'), ocr('2.1. Quản lý-nhà nước các lĩnh vực. Tự chấm 21,5 điểm'), ocr('Nhiệm vụ cấp trên giao, thông tin báo cáo. Tự chấm 8 điểm'), ocr('Cộng nhóm tiêu chí: 29,5 điểm...'), ocr('NHÓM TIÊU CHÍ III - TỰ CHẤM 9 ĐIỂM'), ocr('3.1. Tiếp công dân. Tự chấm 5 điểm'), ocr('Kê khai tài sản. Tự chấm 3 điểm')],
      [['II', 29.5, [['2.1', 21.5], ['2.2', 8]], []], ['III', 9, [['3.1', 5]], []]],
    ],
    [
      'a bonus amount whose unit wrapped to the next line and came out garbled ("thưởng 1,5" / "lếm.")',
      [ocr('NHÓM TIÊU CHÍ VI (THƯỞNG, TRỪ) - TỰ CHẤM 2 ĐIỂM'), ocr('Điểm thưởng:'), ocr('+ ai ngân sách vượt dự toán huyện giao: đề nghị thưởng 1,5'), ocr('lếm.'), ocr('+ Xã được công nhận đạt chuẩn tiếp cận pháp luật năm 2024: đề'), ocr('nghị thướng 1 điểm.'), ocr('Điểm trừ:'), ocr('+ Sn 03 trường hợp lấn chiếm hành lang kênh N6: tự trừ 0,5'), ocr('iểm.')],
      [['VI', 2, [], [1.5, 1, -0.5]]],
    ],
    [
      'a speck read as a minus before a bonus-only group\'s closing score ("nhóm VI:-1,5 điểm")',
      [ocr('NHÓM TIÊU CHÍ VI. ĐIỂM THƯỞNG'), ocr('- Xã đạt chuẩn nông thôn mới kiểu mẫu: đề nghị thưởng 1 điểm.'), ocr('- Hồ sơ trực tuyến vượt chỉ tiêu: đề nghị thưởng 0,5 điểm.'), ocr('Số điểm của nhóm VI:-1,5 điểm.'), ocr('NHÓM TIÊU CHÍ VII. ĐIỂM TRỪ'), ocr('- Để xảy ra vụ cháy: bị trừ 1 điểm.'), ocr('Số điểm của nhóm VII: -1 điểm.')],
      [['VI', 1.5, [], [1, 0.5]], ['VII', -1, [], [-1]]],
    ],
    [
      'a sub-group number read as a later one that comes again in order ("1:3." for 1.1): the order gives it',
      [ocr('Nhóm I. Kinh tế - xã hội: tự chấm 18/25 điểm'), ocr('1:3. Lĩnh vực kinh tế: điểm đạt 6,5/10 điểm'), ocr('1.2. Lĩnh vực xã hội: điểm đạt 6/8 điểm'), ocr('1.3. Lĩnh vực môi trường: điểm đạt 3/4 điểm'), ocr('1.4. Quốc phòng: điểm đạt 2,5/3 điểm')],
      [['I', 18, [['1.1', 6.5], ['1.2', 6], ['1.3', 3], ['1.4', 2.5]], []]],
    ],
    [
      'a repeated sub-group number read after its own: the next in order ("2.1." for 2.2)',
      [ocr('Nhóm II. Quản lý nhà nước: tự chấm 30/35 điểm'), ocr('2.1. Quản lý các lĩnh vực: điểm đạt 22/25 điểm'), ocr('2.1. Nhiệm vụ cấp trên giao: điểm đạt 8/10 điểm')],
      [['II', 30, [['2.1', 22], ['2.2', 8]], []]],
    ],
    [
      'a closing line that lost its "điểm" ("Số điểm của nhóm VI: 1,5. cA")',
      [ocr('NHÓM TIÊU CHÍ V. HỖ TRỢ DOANH NGHIỆP'), ocr('Số điểm của nhóm V: 9 điểm.'), ocr('NHÓM TIÊU CHÍ VI. ĐIỂM THƯỞNG'), ocr('Số điểm của nhóm VI: 1,5. cA')],
      [['V', 9, [], []], ['VI', 1.5, [], []]],
    ],
    [
      'a heading in capitals whose numeral lost a stroke is the next group, not the open one restated',
      [ocr('NHÓM TIÊU CHÍ II - TỰ CHẤM 29,5 ĐIỂM'), ocr('2.1. Quản lý nhà nước. Tự chấm 21,5 điểm'), ocr('2.2. Nhiệm vụ cấp trên giao. Tự chấm 8 điểm'), ocr('Cộng nhóm tiêu chí II: 29,5 điểm.'), ocr('NHÓM TIÊU CHÍ II - TỰ CHẤM 9 ĐIỂM'), ocr('(Thanh tra, tiếp công dân)')],
      [['II', 29.5, [['2.1', 21.5], ['2.2', 8]], []], ['III', 9, [], []]],
    ],
  ])('%s', (_name, lines, expected) => {
    expect(groupsOf(extractReport(docOf(lines, 'pdf')))).toEqual(expected);
  });
});

describe('group headings on OCR’d pages: numerals that lost strokes, specks and stray tokens', () => {
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

  it.each<[string, LineSpec[], ReturnType<typeof groupsOf>]>([
    [
      'a numeral that lost a stroke before its title is still the next group',
      [ocr('Nhóm tiêu chí I. Kinh tế'), ocr('Nhóm tiêu chí II. Quản lý'), ocr('Nhóm tiêu chí II. Thanh tra, kiểm tra - tự chấm đạt 8,5 điểm')],
      [['I', null, [], []], ['II', null, [], []], ['III', 8.5, [], []]],
    ],
    [
      'a capitals group heading whose "1." was read as a word ("cụ NHÓM …") after an unfinished line',
      [ocr('H. KẾT QUÁ TỰ ĐÁNH GIÁ, CHẤM ĐIỂM THEO TỪNG NHÓM'), ocr('cụ NHÓM TIỂU CHÍ L KẾT QUÁ THỰC HIỆN CÁC MỤC TIÊU'), ocr('1.1. Chỉ tiêu kinh tế: tự chấm 7,5/10 điểm'), ocr('Cộng nhóm tiêu chí I: 21,5 điểm.'), ocr('_ NHÓM TIỂU CHÍ H: KẾT QUÁ THỰC HIỆN NHIỆM VỤ'), ocr('2.1. Quản lý: tự chấm 24,5/26 điểm'), ocr('Cộng nhóm tiêu chí II: 33 điểm.')],
      [['I', 21.5, [['1.1', 7.5]], []], ['II', 33, [['2.1', 24.5]], []]],
    ],
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
    [
      'a capitals heading whose numeral came out as marks ("NHÓM TIÊU CHÍ (LỄ KẾT QUẢ") and one after a glued stray token ("6Ù NHÓM …") are read in order',
      [ocr('1. NHÓM TIÊU CHÍ I: KẾT QUẢ THỰC HIỆN CÁC MỤC TIÊU'), ocr('1.1. Kinh tế: tự chấm 7,5/10 điểm'), ocr('Cộng nhóm tiêu chí I: 21,5 điểm.'), ocr('_- NHÓM TIÊU CHÍ (LỄ KẾT QUÁ THỰC HIỆN NHIỆM VỤ'), ocr('2.1. Quản lý: tự chấm 24,5/26 điểm'), ocr('Cộng nhóm tiêu chí II: 33 điểm.'), ocr('6Ù NHÓM TIÊU CHÍ II: CÔNG TÁC THANH TRA, KIỂM TRA,'), ocr('3.1. Thanh tra: tự chấm 5/5 điểm'), ocr('Cộng nhóm tiêu chí III: 9,5 điểm.')],
      [['I', 21.5, [['1.1', 7.5]], []], ['II', 33, [['2.1', 24.5]], []], ['III', 9.5, [['3.1', 5]], []]],
    ],
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

describe('lines that are not group headings', () => {
  it.each<[string, LineSpec[], ReturnType<typeof groupsOf>]>([
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

  it('a lower-case "nhóm tiêu chí" starting a line still continues its sentence', () => {
    const ex = extractReport(docOf([ocr('Nhóm tiêu chí I. Kinh tế'), ocr('Kết quả này là của'), ocr('nhóm tiêu chí II: 21,5 điểm do xã chấm lại')], 'pdf'));
    expect(groupsOf(ex).map((g) => g[0])).toEqual(['I']);
  });
});

describe('an OCR’d line closing the open group with its score again', () => {
  it('is a restatement of that group, not a new group after it', () => {
    const ex = extractReport(
      docOf(
        [
          ocr('1. Nhóm tiêu chí I - Kinh tế (thang điểm 30) - tự chấm đạt 26,5 điểm'),
          ocr('. Nhóm tiêu chí I tự chấm đạt 26,5 điểm.'),
          ocr('2. Nhóm tiêu chí II - Quản lý (thang điểm 35) - tự chấm đạt 33 điểm'),
          ocr('Nhóm tiêu chí II tự chấm đạt 32 điểm.'),
          ocr('3. Nhóm tiêu chí III - Thanh tra - tự chấm đạt 9,5 điểm'),
        ],
        'pdf-scanned',
      ),
    );
    expect(ex.groups.map((g) => [g.id, v(g.score), g.restated.map(v)])).toEqual([['I', 26.5, [26.5]], ['II', 33, [32]], ['III', 9.5, []]]);
    expect(ex.summary).toEqual([]);
  });
});
