/** The bonus and penalty group (Điểm thưởng, phạt; điểm cộng, điểm trừ): its items and its sign. */
import { describe, expect, it } from 'vitest';
import { extractReport } from '../../extractors/report.js';
import { docOf } from '../support/doc.js';
import { groupsOf, v } from './helpers.js';

describe('bonus and penalty items', () => {
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
