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
];
