/** The report as a whole: who reports for which year, key indicators, OCR confidence, and a document that is no report. */
import { describe, expect, it } from 'vitest';
import { extractReport } from '../../extractors/report.js';
import { docOf } from '../support/doc.js';

describe('unit and year', () => {
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
});

describe('indicators', () => {
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

describe('OCR confidence', () => {
  it('figures carry the confidence of their line', () => {
    const ex = extractReport(docOf([{ text: 'Nhóm tiêu chí I: Kinh tế. Tổng điểm tự chấm 21,3 điểm.', confidence: 0.62 }], 'pdf'));
    expect(ex.groups[0]!.score!.confidence).toBe(0.62);
  });
});

describe('a document that is no report', () => {
  it('gives no-report-found for a document with no scores', () => {
    expect(() => extractReport(docOf(['Dear Sir,', 'Please find attached the invoice for 2024.']))).toThrow(/no-report-found/);
  });
});
