/**
 * splitReports (extractors/bundle.ts): where a file holding several reports is cut, as a table of
 * page layouts. A cut needs the motto and a report title at the top of a page, and a report on
 * both sides of it.
 */
import { describe, expect, it } from 'vitest';
import { splitReports } from '../../extractors/bundle.js';
import { docOf, type LineSpec } from '../support/doc.js';
import { v } from './helpers.js';

const PAGE = '---page---';

/** A short report of a commune: letterhead, title, two groups and a total. */
function report(commune: string, total: string, motto = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM'): LineSpec[] {
  return [
    `UBND XÃ ${commune.toUpperCase()}`,
    motto,
    'Độc lập - Tự do - Hạnh phúc',
    `Xã ${commune}, ngày 05 tháng 12 năm 2024`,
    'BÁO CÁO',
    'Kết quả tự đánh giá, chấm điểm và xếp loại mức độ hoàn thành nhiệm vụ năm 2024',
    'Nhóm tiêu chí I: Kết quả thực hiện các mục tiêu. Tổng điểm tự chấm 20 điểm.',
    PAGE,
    'Nhóm tiêu chí II: Quản lý nhà nước. Tổng điểm tự chấm 30 điểm.',
    'III. TỔNG HỢP KẾT QUẢ TỰ CHẤM ĐIỂM',
    `Tổng cộng: ${total} điểm.`,
  ];
}

const parts = (specs: LineSpec[]): Array<[number, number, string | undefined, number | null]> =>
  splitReports(docOf(specs, 'pdf')).map((p) => [p.firstPage, p.lastPage, p.extraction.unit?.name, v(p.extraction.total)]);

describe('splitReports', () => {
  const cases: Array<[string, LineSpec[], Array<[number, number, string | undefined, number | null]>]> = [
    ['one report: the whole file', report('Quang Trung', '50'), [[1, 2, 'Quang Trung', 50]]],
    [
      'three reports: cut before each letterhead',
      [...report('Quang Trung', '50'), PAGE, ...report('Hòa Bình', '51'), PAGE, ...report('Tân Phong', '50')],
      [
        [1, 2, 'Quang Trung', 50],
        [3, 4, 'Hòa Bình', 51],
        [5, 6, 'Tân Phong', 50],
      ],
    ],
    [
      'an OCR-garbled motto still opens a report (“Độc lập – Tự do – Hạnh phúc” alone)',
      [...report('Quang Trung', '50'), PAGE, ...report('Hòa Bình', '50', 'C0NG H0A XA H0I')],
      [
        [1, 2, 'Quang Trung', 50],
        [3, 4, 'Hòa Bình', 50],
      ],
    ],
    [
      'an appendix with its own letterhead but no scores stays with its report',
      [...report('Quang Trung', '50'), PAGE, 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'BÁO CÁO', 'Danh sách các thôn đạt chuẩn văn hóa', 'Thôn 1, Thôn 2'],
      [[1, 3, 'Quang Trung', 50]],
    ],
    [
      'a cover letter before the first report joins it',
      ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'BÁO CÁO', 'Kính gửi: UBND thị xã', PAGE, ...report('Quang Trung', '50'), PAGE, ...report('Hòa Bình', '51')],
      [
        [1, 3, 'Quang Trung', 50],
        [4, 5, 'Hòa Bình', 51],
      ],
    ],
    [
      'the motto lower on a page than its letterhead (quoted in the text) is no cut',
      [...report('Quang Trung', '50'), PAGE, ...Array.from({ length: 20 }, (_, i) => `Dòng nội dung ${i + 1}.`), 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'BÁO CÁO', 'Tổng điểm tự chấm: 40 điểm.'],
      [[1, 3, 'Quang Trung', 50]],
    ],
    [
      'a page with the motto and no report title is no cut',
      [...report('Quang Trung', '50'), PAGE, 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'TỜ TRÌNH', 'Nhóm tiêu chí I: Tổng điểm tự chấm 10 điểm.', 'Tổng điểm tự chấm: 10 điểm.'],
      [[1, 3, 'Quang Trung', 50]],
    ],
  ];

  it.each(cases)('%s', (_name, specs, expected) => {
    expect(parts(specs)).toEqual(expected);
  });

  it('keeps the pages’ numbers in the file, so evidence points at the file’s pages', () => {
    const [, second] = splitReports(docOf([...report('Quang Trung', '50'), PAGE, ...report('Hòa Bình', '51')], 'pdf'));
    expect(second!.extraction.total?.at?.page).toBe(4);
    expect(second!.doc.pages.map((p) => p.number)).toEqual([3, 4]);
  });

  it('a file with no report at all is still no-report-found', () => {
    expect(() => splitReports(docOf(['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'BÁO CÁO', PAGE, 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'BÁO CÁO'], 'pdf'))).toThrow(
      expect.objectContaining({ code: 'no-report-found' }),
    );
  });
});
