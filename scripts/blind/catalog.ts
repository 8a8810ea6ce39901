/**
 * The blind texts (scripts/blind/texts/*.md): reports written for blind sets only, never used by
 * the fixtures. Each has the scores its text declares (a ScoreModel, written by hand, raw strings
 * as typed) and variants that change exactly one declared figure, so that exactly one error flag
 * is expected (derived from the changed model by scripts/fixtures/expected.ts and stated by hand:
 * the two must agree).
 */
import type { ExpectedFlag, ScoreModel } from '../fixtures/expected.js';

/** Which declared figure a variant changes. */
export type Place =
  | { readonly kind: 'subgroup'; readonly group: string; readonly sub: string }
  | { readonly kind: 'item'; readonly group: string; readonly index: number }
  | { readonly kind: 'summary'; readonly group: string }
  | { readonly kind: 'total' }
  | { readonly kind: 'total-restated'; readonly index: number }
  | { readonly kind: 'group-restated'; readonly group: string; readonly index: number };

export interface Variant {
  readonly id: string;
  readonly what: string;
  /** Exactly one occurrence in the text, replaced by `replace`. */
  readonly find: string;
  readonly replace: string;
  readonly place: Place;
  /** The figure's new raw value (items signed: "+1,5", "-1"). */
  readonly raw: string;
  readonly expect: ExpectedFlag;
}

export interface BlindText {
  /** File stem under scripts/blind/texts/. */
  readonly name: string;
  /** What sets the text apart (wording, layout). */
  readonly what: string;
  /** The first block of the body: the title block ends before it. */
  readonly bodyStart: RegExp;
  readonly title: string;
  readonly date: string;
  readonly model: ScoreModel;
  readonly variants: readonly Variant[];
}

const all = (ids: readonly string[], raws: readonly string[]): Record<string, string> => Object.fromEntries(ids.map((id, i) => [id, raws[i]!]));
const SIX = ['I', 'II', 'III', 'IV', 'V', 'VI'];

export const TEXTS: readonly BlindText[] = [
  {
    name: 'phu-loc-2024',
    what: 'xã Phú Lộc (Đắk Lắk): "PHẦN MỘT/HAI/BA" parts, group score at the end of its heading ("Tổng điểm tự chấm: 22 điểm"), sub-group scores on their own line ("Điểm tự chấm tiểu nhóm 1.1: 8,5 điểm"), groups III–V without parts, a bonus-only group VI whose "Đề nghị thưởng 2 điểm" stands on its own line, summary as a list',
    bodyStart: /^Thực hiện Kế hoạch/,
    title: 'Báo cáo tự đánh giá, chấm điểm năm 2024 - xã Phú Lộc',
    date: '2024-12-06T02:00:00Z',
    model: {
      unit: { type: 'xã', name: 'Phú Lộc' },
      year: 2024,
      total: '86,5',
      classification: { level: 'good', text: 'Hoàn thành tốt nhiệm vụ năm 2024' },
      groups: {
        I: { score: '22', subgroups: { '1.1': '8,5', '1.2': '7', '1.3': '4,5', '1.4': '2' } },
        II: { score: '31,5', subgroups: { '2.1': '23,5', '2.2': '8' } },
        III: { score: '8' },
        IV: { score: '13,5' },
        V: { score: '8,5' },
        VI: { score: '3', items: ['+2', '+1'] },
      },
      summary: all(SIX, ['22', '31,5', '8', '13,5', '8,5', '3']),
    },
    variants: [
      {
        id: 'sub-1.2',
        what: 'sub-group 1.2 declares 7,5 instead of 7',
        find: 'Điểm tự chấm tiểu nhóm 1.2: 7 điểm.',
        replace: 'Điểm tự chấm tiểu nhóm 1.2: 7,5 điểm.',
        place: { kind: 'subgroup', group: 'I', sub: '1.2' },
        raw: '7,5',
        expect: { rule: 'group-sum-mismatch', group: 'I' },
      },
      {
        id: 'summary-IV',
        what: 'the summary lists group IV with 14,5 instead of 13,5',
        find: '- Nhóm tiêu chí IV: 13,5 điểm;',
        replace: '- Nhóm tiêu chí IV: 14,5 điểm;',
        place: { kind: 'summary', group: 'IV' },
        raw: '14,5',
        expect: { rule: 'summary-mismatch', group: 'IV' },
      },
    ],
  },
  {
    name: 'an-hoa-2024',
    what: 'phường An Hòa (Kiên Giang): sections A/B/C, groups "1. Nhóm tiêu chí I - … (thang điểm 30)" closed by "Nhóm tiêu chí I tự chấm đạt 26,5 điểm.", sub-groups "Tiểu mục 1.1 - …" scored "Tự chấm mục 1.1 đạt 10 điểm.", groups III and V scored at the end of their heading, a bonus and a penalty, summary table with a "Tổng cộng" row and the total restated in a sentence',
    bodyStart: /^Căn cứ Hướng dẫn/,
    title: 'Báo cáo tự chấm điểm năm 2024 - phường An Hòa',
    date: '2024-12-09T01:30:00Z',
    model: {
      unit: { type: 'phường', name: 'An Hòa' },
      year: 2024,
      total: '93',
      totalRestated: ['93'],
      classification: { level: 'excellent', text: 'Hoàn thành xuất sắc nhiệm vụ năm 2024' },
      groups: {
        I: { score: '26,5', subgroups: { '1.1': '10', '1.2': '9,5', '1.3': '4', '1.4': '3' } },
        II: { score: '33', subgroups: { '2.1': '24', '2.2': '9' } },
        III: { score: '9,5' },
        IV: { score: '14,5', subgroups: { '4.1': '7,5', '4.2': '7' } },
        V: { score: '9' },
        VI: { score: '0,5', items: ['+1', '-0,5'] },
      },
      summary: all(SIX, ['26,5', '33', '9,5', '14,5', '9', '0,5']),
    },
    variants: [
      {
        id: 'item-VI-2',
        what: 'the penalty item of group VI is 1 instead of 0,5',
        find: 'bị trừ 0,5 điểm.',
        replace: 'bị trừ 1 điểm.',
        place: { kind: 'item', group: 'VI', index: 1 },
        raw: '-1',
        expect: { rule: 'group-sum-mismatch', group: 'VI' },
      },
      {
        id: 'total-restated',
        what: 'the closing sentence restates the total as 95 (the table row keeps 93)',
        find: 'năm 2024 là 93 điểm.',
        replace: 'năm 2024 là 95 điểm.',
        place: { kind: 'total-restated', index: 0 },
        raw: '95',
        expect: { rule: 'total-conflict' },
      },
    ],
  },
  {
    name: 'muong-khen-2024',
    what: 'thị trấn Mường Khến (Hòa Bình): "PHẦN I/II/III", groups "Nhóm I. …: tự chấm 18/25 điểm", sub-group score inside its heading line ("1.1. Lĩnh vực kinh tế: điểm đạt 6,5/10 điểm"), a penalty-only group VI with "Tự nhận trừ 1 điểm." on its own line and "Tổng điểm trừ: 1,5 điểm.", summary list with maxima, "Hoàn thành nhiệm vụ"',
    bodyStart: /^Thực hiện Công văn/,
    title: 'Báo cáo tự chấm điểm 2024 - TT Mường Khến',
    date: '2024-12-04T03:00:00Z',
    model: {
      unit: { type: 'thị trấn', name: 'Mường Khến' },
      year: 2024,
      total: '70,5',
      classification: { level: 'pass', text: 'Hoàn thành nhiệm vụ' },
      groups: {
        I: { score: '18', subgroups: { '1.1': '6,5', '1.2': '6', '1.3': '3', '1.4': '2,5' } },
        II: { score: '27,5', subgroups: { '2.1': '20', '2.2': '7,5' } },
        III: { score: '7,5' },
        IV: { score: '11' },
        V: { score: '8' },
        VI: { score: '-1,5', items: ['-1', '-0,5'] },
      },
      summary: all(SIX, ['18', '27,5', '7,5', '11', '8', '-1,5']),
    },
    variants: [
      {
        id: 'total',
        what: 'the grand total is 71,5 instead of 70,5',
        find: 'Tổng số điểm tự chấm: 70,5/100 điểm.',
        replace: 'Tổng số điểm tự chấm: 71,5/100 điểm.',
        place: { kind: 'total' },
        raw: '71,5',
        expect: { rule: 'total-mismatch' },
      },
      {
        id: 'sub-2.1',
        what: 'sub-group 2.1 declares 21 instead of 20',
        find: 'điểm đạt 20/25 điểm',
        replace: 'điểm đạt 21/25 điểm',
        place: { kind: 'subgroup', group: 'II', sub: '2.1' },
        raw: '21',
        expect: { rule: 'group-sum-mismatch', group: 'II' },
      },
    ],
  },
  {
    name: 'cam-thach-2024',
    what: 'xã Cẩm Thạch (Hà Tĩnh): ALL CAPS group headings with maxima, integer scores, sub-group scores "Kết quả: tự chấm 9 điểm.", each group closed by "Số điểm của nhóm I: 24 điểm.", group III with sub-groups 3.1/3.2, bonus-only group VI, summary table whose total row has an empty first cell, total restated in a sentence, "Hoàn thành xuất sắc nhiệm vụ"',
    bodyStart: /^Căn cứ Quyết định/,
    title: 'BC tu cham diem nam 2024',
    date: '2024-12-10T07:45:00Z',
    model: {
      unit: { type: 'xã', name: 'Cẩm Thạch' },
      year: 2024,
      total: '92,5',
      totalRestated: ['92,5'],
      classification: { level: 'excellent', text: 'Hoàn thành xuất sắc nhiệm vụ' },
      groups: {
        I: { score: '24', subgroups: { '1.1': '9', '1.2': '8', '1.3': '4', '1.4': '3' } },
        II: { score: '34', subgroups: { '2.1': '25', '2.2': '9' } },
        III: { score: '10', subgroups: { '3.1': '6', '3.2': '4' } },
        IV: { score: '14' },
        V: { score: '9' },
        VI: { score: '1,5', items: ['+1', '+0,5'] },
      },
      summary: all(SIX, ['24', '34', '10', '14', '9', '1,5']),
    },
    variants: [
      {
        id: 'summary-II',
        what: 'the summary table gives group II 33 instead of 34',
        find: '| II | Quản lý nhà nước trên địa bàn | 35 | 34 |',
        replace: '| II | Quản lý nhà nước trên địa bàn | 35 | 33 |',
        place: { kind: 'summary', group: 'II' },
        raw: '33',
        expect: { rule: 'summary-mismatch', group: 'II' },
      },
      {
        id: 'item-VI-2',
        what: 'the second bonus of group VI is 1 instead of 0,5',
        find: 'đề nghị thưởng 0,5 điểm.',
        replace: 'đề nghị thưởng 1 điểm.',
        place: { kind: 'item', group: 'VI', index: 1 },
        raw: '+1',
        expect: { rule: 'group-sum-mismatch', group: 'VI' },
      },
    ],
  },
  {
    name: 'binh-khe-2024',
    what: 'phường Bình Khê (Quảng Ninh): the group score inside the heading\'s parenthesis ("(điểm chuẩn 25; phường tự chấm 20,5 điểm)"), italic sub-group titles without a score and "Phường tự chấm: 7,5 điểm." after them, sub-groups in groups I, II, III and V, bonus lines "Đề nghị thưởng 2 điểm." each on its own line, summary "Nhóm I (Phát triển kinh tế - xã hội): 20,5 điểm;"',
    bodyStart: /^Thực hiện Hướng dẫn/,
    title: 'Báo cáo kết quả tự đánh giá năm 2024 - phường Bình Khê',
    date: '2024-12-02T09:10:00Z',
    model: {
      unit: { type: 'phường', name: 'Bình Khê' },
      year: 2024,
      total: '84',
      classification: { level: 'good', text: 'Hoàn thành tốt nhiệm vụ năm 2024' },
      groups: {
        I: { score: '20,5', subgroups: { '1.1': '7,5', '1.2': '8', '1.3': '3,5', '1.4': '1,5' } },
        II: { score: '30,5', subgroups: { '2.1': '22', '2.2': '8,5' } },
        III: { score: '8,5', subgroups: { '3.1': '4,5', '3.2': '4' } },
        IV: { score: '12,5' },
        V: { score: '8,5', subgroups: { '5.1': '4', '5.2': '4,5' } },
        VI: { score: '3,5', items: ['+2', '+1', '+0,5'] },
      },
      summary: all(SIX, ['20,5', '30,5', '8,5', '12,5', '8,5', '3,5']),
    },
    variants: [
      {
        id: 'sub-3.1',
        what: 'sub-group 3.1 declares 5 instead of 4,5',
        find: 'giải quyết 52/55 đơn (94,5%).\n\nPhường tự chấm: 4,5 điểm.',
        replace: 'giải quyết 52/55 đơn (94,5%).\n\nPhường tự chấm: 5 điểm.',
        place: { kind: 'subgroup', group: 'III', sub: '3.1' },
        raw: '5',
        expect: { rule: 'group-sum-mismatch', group: 'III' },
      },
      {
        id: 'total',
        what: 'the grand total is 85 instead of 84',
        find: 'Tổng điểm phường tự chấm: 84 điểm.',
        replace: 'Tổng điểm phường tự chấm: 85 điểm.',
        place: { kind: 'total' },
        raw: '85',
        expect: { rule: 'total-mismatch' },
      },
      {
        id: 'item-VI-2',
        what: 'the second bonus line is "Đề nghị thưởng 1,5 điểm." instead of 1',
        find: 'Đề nghị thưởng 1 điểm.',
        replace: 'Đề nghị thưởng 1,5 điểm.',
        place: { kind: 'item', group: 'VI', index: 1 },
        raw: '+1,5',
        expect: { rule: 'group-sum-mismatch', group: 'VI' },
      },
    ],
  },
  {
    name: 'nghia-thang-2024',
    what: 'xã Nghĩa Thắng (Quảng Ngãi): short ALL CAPS group headings "NHÓM TIÊU CHÍ I - TỰ CHẤM 21 ĐIỂM" with the group\'s name on the next line, sub-group score in its heading ("1.1. Kinh tế. Tự chấm 8 điểm"), groups I and II restated at their end ("Cộng nhóm tiêu chí I: 21 điểm."), group VI with "Điểm thưởng:" and "Điểm trừ:" lists, summary as numbered paragraphs, "Xếp loại: Hoàn thành tốt nhiệm vụ."',
    bodyStart: /^Thực hiện Kế hoạch/,
    title: 'Bao cao tu danh gia cham diem 2024',
    date: '2024-12-11T04:20:00Z',
    model: {
      unit: { type: 'xã', name: 'Nghĩa Thắng' },
      year: 2024,
      total: '82,5',
      classification: { level: 'good', text: 'Hoàn thành tốt nhiệm vụ' },
      groups: {
        I: { score: '21', subgroups: { '1.1': '8', '1.2': '7,5', '1.3': '3,5', '1.4': '2' }, restated: ['21'] },
        II: { score: '29,5', subgroups: { '2.1': '21,5', '2.2': '8' }, restated: ['29,5'] },
        III: { score: '9' },
        IV: { score: '13' },
        V: { score: '8' },
        VI: { score: '2', items: ['+1,5', '+1', '-0,5'] },
      },
      summary: all(SIX, ['21', '29,5', '9', '13', '8', '2']),
    },
    variants: [
      {
        id: 'restated-II',
        what: 'group II is restated at its end as 30,5 (its heading keeps 29,5)',
        find: '***Cộng nhóm tiêu chí II: 29,5 điểm.***',
        replace: '***Cộng nhóm tiêu chí II: 30,5 điểm.***',
        place: { kind: 'group-restated', group: 'II', index: 0 },
        raw: '30,5',
        expect: { rule: 'total-conflict', group: 'II' },
      },
      {
        id: 'summary-VI',
        what: 'the summary gives group VI 3 points instead of 2',
        find: '6. Nhóm tiêu chí VI: 2 điểm.',
        replace: '6. Nhóm tiêu chí VI: 3 điểm.',
        place: { kind: 'summary', group: 'VI' },
        raw: '3',
        expect: { rule: 'summary-mismatch', group: 'VI' },
      },
      {
        id: 'sub-1.3',
        what: 'sub-group 1.3 declares 4 instead of 3,5',
        find: '### 1.3. Môi trường. Tự chấm 3,5 điểm',
        replace: '### 1.3. Môi trường. Tự chấm 4 điểm',
        place: { kind: 'subgroup', group: 'I', sub: '1.3' },
        raw: '4',
        expect: { rule: 'group-sum-mismatch', group: 'I' },
      },
    ],
  },
  {
    name: 'tan-lap-2024',
    what: 'xã Tân Lập (Bình Phước): "PHẦN THỨ NHẤT/HAI/BA" parts, groups headed "1) Nhóm I - …" (no score in the heading) and closed by "Cộng nhóm I: đạt 21,75/25 điểm.", bold sub-group headings "1.1 Chỉ tiêu kinh tế" without a trailing dot, sub-group scores "Số điểm tự chấm là 8,25 điểm.", quarter points throughout, group VI with a bonus ("cộng 1 điểm") and a penalty ("trừ 0,25 điểm") in one list, summary table "STT | Nội dung chấm điểm | Điểm chuẩn | Điểm tự chấm" whose "Tổng cộng" row is the only total, "tự xếp loại năm 2024: Hoàn thành tốt nhiệm vụ"',
    bodyStart: /^Căn cứ Kế hoạch/,
    title: 'Báo cáo tự đánh giá, chấm điểm năm 2024 - xã Tân Lập',
    date: '2024-12-05T02:15:00Z',
    model: {
      unit: { type: 'xã', name: 'Tân Lập' },
      year: 2024,
      total: '88,25',
      classification: { level: 'good', text: 'Hoàn thành tốt nhiệm vụ' },
      groups: {
        I: { score: '21,75', subgroups: { '1.1': '8,25', '1.2': '7,5', '1.3': '3,75', '1.4': '2,25' } },
        II: { score: '31,25', subgroups: { '2.1': '23,25', '2.2': '8' } },
        III: { score: '12,5' },
        IV: { score: '13,25' },
        V: { score: '8,75' },
        VI: { score: '0,75', items: ['+1', '-0,25'] },
      },
      summary: all(SIX, ['21,75', '31,25', '12,5', '13,25', '8,75', '0,75']),
    },
    variants: [
      {
        id: 'sub-1.2',
        what: 'sub-group 1.2 declares 7,75 instead of 7,5',
        find: 'Số điểm tự chấm là 7,5 điểm.',
        replace: 'Số điểm tự chấm là 7,75 điểm.',
        place: { kind: 'subgroup', group: 'I', sub: '1.2' },
        raw: '7,75',
        expect: { rule: 'group-sum-mismatch', group: 'I' },
      },
      {
        id: 'summary-V',
        what: 'the summary table gives group V 8,5 instead of 8,75',
        find: '| V | Hỗ trợ doanh nghiệp, thu hút đầu tư | 10 | 8,75 |',
        replace: '| V | Hỗ trợ doanh nghiệp, thu hút đầu tư | 10 | 8,5 |',
        place: { kind: 'summary', group: 'V' },
        raw: '8,5',
        expect: { rule: 'summary-mismatch', group: 'V' },
      },
      {
        id: 'item-VI-2',
        what: 'the penalty of group VI is 0,5 instead of 0,25',
        find: 'trừ 0,25 điểm.',
        replace: 'trừ 0,5 điểm.',
        place: { kind: 'item', group: 'VI', index: 1 },
        raw: '-0,5',
        expect: { rule: 'group-sum-mismatch', group: 'VI' },
      },
    ],
  },
  {
    name: 'phuoc-hoa-2024',
    what: 'phường Phước Hòa (Quảng Nam): unnumbered section titles, ALL CAPS group headings "NHÓM TIÊU CHÍ THỨ I: …" without a score, the sub-groups of I, II and IV only as rows of a body table "TT | Nội dung | Điểm chuẩn | Điểm tự chấm", every group closed by "Điểm tự chấm nhóm I: 23,5 điểm.", a bonus-only group VI ("thưởng 1,5 điểm"), summary as unbulleted sentences "Nhóm tiêu chí I đạt 23,5 điểm trên 25 điểm chuẩn.", the total restated in the closing sentence as "tự chấm đạt 92/100 điểm", "Hoàn thành xuất sắc nhiệm vụ"',
    bodyStart: /^Thực hiện Hướng dẫn/,
    title: 'BC tu danh gia cham diem 2024 - P. Phuoc Hoa',
    date: '2024-12-13T08:30:00Z',
    model: {
      unit: { type: 'phường', name: 'Phước Hòa' },
      year: 2024,
      total: '92',
      totalRestated: ['92'],
      classification: { level: 'excellent', text: 'Hoàn thành xuất sắc nhiệm vụ' },
      groups: {
        I: { score: '23,5', subgroups: { '1.1': '9,5', '1.2': '7,5', '1.3': '3,5', '1.4': '3' } },
        II: { score: '34', subgroups: { '2.1': '24,5', '2.2': '9,5' } },
        III: { score: '9,5' },
        IV: { score: '14', subgroups: { '4.1': '7,5', '4.2': '6,5' } },
        V: { score: '9' },
        VI: { score: '2', items: ['+1,5', '+0,5'] },
      },
      summary: all(SIX, ['23,5', '34', '9,5', '14', '9', '2']),
    },
    variants: [
      {
        id: 'sub-4.2',
        what: 'the table row of sub-group 4.2 declares 7 instead of 6,5',
        find: '| 4.2 | Chuyển đổi số, chính quyền số | 7 | 6,5 |',
        replace: '| 4.2 | Chuyển đổi số, chính quyền số | 7 | 7 |',
        place: { kind: 'subgroup', group: 'IV', sub: '4.2' },
        raw: '7',
        expect: { rule: 'group-sum-mismatch', group: 'IV' },
      },
      {
        id: 'summary-III',
        what: 'the summary sentence gives group III 10 instead of 9,5',
        find: 'Nhóm tiêu chí III đạt 9,5 điểm trên 10 điểm chuẩn.',
        replace: 'Nhóm tiêu chí III đạt 10 điểm trên 10 điểm chuẩn.',
        place: { kind: 'summary', group: 'III' },
        raw: '10',
        expect: { rule: 'summary-mismatch', group: 'III' },
      },
      {
        id: 'total-restated',
        what: 'the closing sentence restates the total as 93/100 (the total line keeps 92)',
        find: 'tự chấm đạt 92/100 điểm',
        replace: 'tự chấm đạt 93/100 điểm',
        place: { kind: 'total-restated', index: 0 },
        raw: '93',
        expect: { rule: 'total-conflict' },
      },
    ],
  },
  {
    name: 'yen-lac-2024',
    what: 'thị trấn Yên Lạc (Vĩnh Phúc): groups "Nhóm tiêu chí I. … (tự đánh giá: 19 điểm)" with the score in brackets at the end of the heading, italic sub-group titles whose score closes the prose paragraph ("… không đạt (tự đánh giá: 7 điểm)."), groups I and II restated as "Điểm tự đánh giá của nhóm I: 19 điểm.", a penalty-only group VI "(tự đánh giá: trừ 2,5 điểm)", summary list "Nhóm I: 19 điểm (tối đa 25 điểm);", total "Tổng số điểm tự đánh giá năm 2024: 72 điểm.", "Hoàn thành nhiệm vụ"',
    bodyStart: /^Thực hiện Văn bản/,
    title: 'Báo cáo tự đánh giá, xếp loại năm 2024 - TT Yên Lạc',
    date: '2024-12-17T03:40:00Z',
    model: {
      unit: { type: 'thị trấn', name: 'Yên Lạc' },
      year: 2024,
      total: '72',
      classification: { level: 'pass', text: 'Hoàn thành nhiệm vụ' },
      groups: {
        I: { score: '19', subgroups: { '1.1': '7', '1.2': '6,5', '1.3': '3', '1.4': '2,5' }, restated: ['19'] },
        II: { score: '27', subgroups: { '2.1': '19,5', '2.2': '7,5' }, restated: ['27'] },
        III: { score: '8' },
        IV: { score: '11,5' },
        V: { score: '9' },
        VI: { score: '-2,5', items: ['-1,5', '-1'] },
      },
      summary: all(SIX, ['19', '27', '8', '11,5', '9', '-2,5']),
    },
    variants: [
      {
        id: 'total',
        what: 'the grand total is 73 instead of 72',
        find: 'Tổng số điểm tự đánh giá năm 2024: 72 điểm.',
        replace: 'Tổng số điểm tự đánh giá năm 2024: 73 điểm.',
        place: { kind: 'total' },
        raw: '73',
        expect: { rule: 'total-mismatch' },
      },
      {
        id: 'item-VI-1',
        what: 'the first penalty of group VI is 2 instead of 1,5',
        find: 'trừ 1,5 điểm.',
        replace: 'trừ 2 điểm.',
        place: { kind: 'item', group: 'VI', index: 0 },
        raw: '-2',
        expect: { rule: 'group-sum-mismatch', group: 'VI' },
      },
      {
        id: 'restated-I',
        what: 'group I is restated at its end as 20 (its heading keeps 19)',
        find: 'Điểm tự đánh giá của nhóm I: 19 điểm.',
        replace: 'Điểm tự đánh giá của nhóm I: 20 điểm.',
        place: { kind: 'group-restated', group: 'I', index: 0 },
        raw: '20',
        expect: { rule: 'total-conflict', group: 'I' },
      },
    ],
  },
];
