/** OCR text repairs: digit look-alikes inside numbers only; key phrases restored tolerantly. */
import { describe, expect, it } from 'vitest';
import { repairDigits, repairOcrCell, repairOcrLine, repairPhrases, repairPointsUnit, repairPunctuation, repairSemicolonDecimal, repairSlashedDecimal, repairLoneUnit } from '../extractors/text/ocr-repair.js';

describe('repairDigits', () => {
  it.each([
    ['2l,3 điểm', '21,3 điểm'],
    ['O4 điểm', '04 điểm'],
    ['1O hộ', '10 hộ'],
    ['l0 ha', '10 ha'],
    ['9S,5%', '95,5%'],
    ['120ha/l20ha', '120ha/120ha'],
    ['4.98O con', '4.980 con'],
  ])('repairs %s', (input, expected) => {
    expect(repairDigits(input)).toBe(expected);
  });

  it.each([
    ['ISO 9001:2015'],
    ['Nhóm tiêu chí II và VI'],
    ['Is this'],
    ['2lần'],
    ['Sở Tài chính'],
    ['lO'],
    ['KT3'],
  ])('leaves %s alone', (input) => {
    expect(repairDigits(input)).toBe(input);
  });
});

describe('repairPhrases', () => {
  it.each([
    ['1. Nh6m tiêu chi I: Kết quả', '1. Nhóm tiêu chí I: Kết quả'],
    ['Tông điêm tư châm 21,3 điểm', 'Tổng điểm tự chấm 21,3 điểm'],
    ['Đánh giá: Hoàn thanh tôt nhiệm vu năm 2024', 'Đánh giá: Hoàn thành tốt nhiệm vụ năm 2024'],
    ['III. TONG HOP KET QUA', 'III. TỔNG HỢP KẾT QUẢ'],
    ['Kết quả số điểm tự châm đạt: 8,3 điểm', 'Kết quả số điểm tự chấm đạt: 8,3 điểm'],
    ['giao: điểm đạf 7,5/10 điểm', 'giao: điểm đạt 7,5/10 điểm'],
  ])('restores %s', (input, expected) => {
    expect(repairPhrases(input)).toBe(expected);
  });

  it.each([['điện chiếu sáng'], ['tự chủ'], ['Tổng điểm tự chấm: 21,3 điểm'], ['nhóm thanh niên'], ['Hoàn thành tốt nhiệm vụ']])('leaves %s alone', (input) => {
    expect(repairPhrases(input)).toBe(input);
  });
});

it('repairOcrLine does both', () => {
  expect(repairOcrLine('Nh6m tiêu chi VI: Điểm thưởng, phạt. Tông điêm tự chấm: O4 điểm.')).toBe('Nhóm tiêu chí VI: Điểm thưởng, phạt. Tổng điểm tự chấm: 04 điểm.');
});

describe('repairLoneUnit', () => {
  it.each([
    ['iểm', 'điểm'],
    ['iểm)', 'điểm)'],
    ['IỂM)', 'ĐIỂM)'],
    ['Trang', 'Trang'],
    ['nhập', 'nhập'],
    ['kiểm tra', 'kiểm tra'],
    ['VT.', 'VT.'],
  ])('%s → %s', (input, expected) => {
    expect(repairLoneUnit(input)).toBe(expected);
  });
});

describe('repairSemicolonDecimal', () => {
  it.each([
    ['Tự chấm mục 4. 1 đạt 7;5 điểm.', 'Tự chấm mục 4. 1 đạt 7,5 điểm.'],
    ['giảm 7;9% so với năm 2023', 'giảm 7,9% so với năm 2023'],
    ['Đề nghị thưởng 0, 5 điểm. n |', 'Đề nghị thưởng 0,5 điểm. n |'],
    ['các mục 1, 2 và 3', 'các mục 1, 2 và 3'],
    ['04 vụ; 2 điểm', '04 vụ; 2 điểm'],
    ['đạt 12;15 xã', 'đạt 12;15 xã'],
  ])('%s → %s', (input, expected) => {
    expect(repairSemicolonDecimal(input)).toBe(expected);
  });
});

describe('repairPunctuation', () => {
  it.each([
    [': .„.. UBND XÃ CẨM THẠCH.', 'UBND XÃ CẨM THẠCH.'],
    ['.Số điểm của nhóm IV: 14 điểm.', 'Số điểm của nhóm IV: 14 điểm.'],
    ['“Kết quả: tự chấm 4 điểm.', 'Kết quả: tự chấm 4 điểm.'],
    ['NHÓM TIÊU CHÍ,II. THANH TRA', 'NHÓM TIÊU CHÍ II. THANH TRA'],
    ['Số điểm của.nhóm II: 34 điểm.', 'Số điểm của nhóm II: 34 điểm.'],
    ['Số điểm -của nhóm II: 34 điểm.', 'Số điểm của nhóm II: 34 điểm.'],
    ['-„ NHÓM TIÊU CHÍ III', '- NHÓM TIÊU CHÍ III'],
    ['. -0,5 điểm', '-0,5 điểm'],
    ["'- Đề nghị thưởng 2 điểm.", '- Đề nghị thưởng 2 điểm.'],
    ['tự chấm: 8,5-điểm', 'tự chấm: 8,5 điểm'],
    ['(điểm trừ): trừ-1,5 điểm.', '(điểm trừ): trừ -1,5 điểm.'],
  ])('%s → %s', (input, expected) => {
    expect(repairPunctuation(input)).toBe(expected);
  });

  it.each([['- Tỷ lệ hộ nghèo 0,98%'], ['(TỐI ĐA 10 ĐIỂM)'], ['|. Phát triển kinh tế'], ['24,5 điểm; 0,5 điểm'], ['Hà Nội, ngày 10 tháng 12'], ['TP.HCM, 2.046 hộ'], ['Độc lập - Tự do - Hạnh phúc'], ['tự trừ -0,5 điểm'], ['COVID-19, 2-3 lần'], ['Nghị định 15-NĐ']])('leaves %s alone', (input) => {
    expect(repairPunctuation(input)).toBe(input);
  });
});

describe('repairPointsUnit', () => {
  it.each([
    ['Tổng điểm tự chấm: 82,5 điển.', 'Tổng điểm tự chấm: 82,5 điểm.'],
    ['Kết quả: tự chấm 9 diém', 'Kết quả: tự chấm 9 điểm'],
    ['tự trừ 0,5 điếm; còn lại', 'tự trừ 0,5 điểm; còn lại'],
  ])('%s → %s', (input, expected) => {
    expect(repairPointsUnit(input)).toBe(expected);
  });

  it.each([['Tổng điểm tự chấm: 82,5 điểm.'], ['NHÓM TIÊU CHÍ II - TỰ CHẤM 9 ĐIỂM'], ['lắp 12 đèn điện chiếu sáng'], ['đạt 3 sao.'], ['có 5 dãy nhà.']])('leaves %s alone', (input) => {
    expect(repairPointsUnit(input)).toBe(input);
  });
});

describe('repairSlashedDecimal', () => {
  it.each([
    ['chống tham nhũng: tự chấm 7/5/10 điểm', 'chống tham nhũng: tự chấm 7,5/10 điểm'],
    ['điểm đạt 22/5/25đ', 'điểm đạt 22,5/25đ'],
  ])('%s → %s', (input, expected) => {
    expect(repairSlashedDecimal(input)).toBe(expected);
  });

  it.each([['ngày 7/5/2024 điểm danh'], ['tự chấm 7,5/10 điểm'], ['9/9/9 thôn'], ['đạt 12/5/10 điểm']])('leaves %s alone', (input) => {
    expect(repairSlashedDecimal(input)).toBe(input);
  });
});

describe('repairOcrCell', () => {
  it.each([
    ['....24', '24'],
    ['93.', '93'],
    ['„ 1,5', '1,5'],
  ])('%s → %s', (input, expected) => {
    expect(repairOcrCell(input)).toBe(expected);
  });

  it.each([['-'], ['—'], ['-0,5'], ['1,5'], ['Tổng cộng'], ['I.'], ['2.1.']])('leaves %s alone', (input) => {
    expect(repairOcrCell(input)).toBe(input);
  });
});
