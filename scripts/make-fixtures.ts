/**
 * Renders the test fixtures: real DOCX / PDF / DOC files made from the sample report
 * (fixtures/source/quang-trung-2024.md) and from variants of it, each with the result doisoat must
 * give, plus a set of bad inputs. Run with `npm run fixtures`; the output is committed and CI uses
 * it as committed.
 *
 * A variant = text edits on the Markdown + render options + the scores its text declares (written
 * by hand, never read back from the files or from doisoat) + the error flags it must raise.
 *
 * Needs: LibreOffice (soffice), qpdf, poppler-utils (pdftotext, pdftoppm, pdfinfo).
 */
import { copyFile, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { discrepancies, expectedJson, type ExpectedFlag, flagKey, type Format, type ScoreModel } from './fixtures/expected.js';
import { parseMarkdown } from './fixtures/markdown.js';
import { encryptPdf, firstPagePng, pdfPages, pdfToText, sofficeConvert, writeStablePdf } from './fixtures/office.js';
import { renderDocx, type RenderOptions } from './fixtures/render-docx.js';
import { applyEdits, dotDecimals, type Edit, renameLevel, villagesToQuarters } from './fixtures/text-edits.js';
import { writeZipBomb } from './fixtures/zip.js';

// =============================================================================================
// Render styles
// =============================================================================================

const QUANG_TRUNG_STYLE: RenderOptions = {
  font: 'Times New Roman',
  sizePt: 14,
  headings: 'word', // Markdown headings become Word Heading 1–6, as the sample's source had them
  unicode: 'NFC',
  bullet: '-',
  pageNumbers: 'header',
  lineSpacing: 1.15,
  indentFirstLine: true,
  officialLayout: true,
  language: 'vi-VN',
  title: 'Báo cáo kết quả tự đánh giá, chấm điểm và xếp loại mức độ hoàn thành nhiệm vụ năm 2024',
  creator: 'Admin',
  date: '2024-12-04T08:15:00Z',
};

const BAC_SON_STYLE: RenderOptions = {
  ...QUANG_TRUNG_STYLE,
  sizePt: 13,
  headings: 'plain', // no Word headings, no bold: section titles are ordinary paragraphs
  bullet: '–',
  pageNumbers: 'footer',
  lineSpacing: 1.3,
  creator: 'VP-UBND',
  date: '2024-12-06T09:40:00Z',
};

const DONG_TIEN_STYLE: RenderOptions = {
  ...QUANG_TRUNG_STYLE,
  headings: 'bold', // bold paragraphs, not Word headings
  unicode: 'NFD', // every text node decomposed: "ệ" = e + U+0323 + U+0302
  pageNumbers: 'none',
  lineSpacing: 1.0,
  creator: 'Dell',
  date: '2024-12-10T14:05:00Z',
};

/** Xã Hòa Bình: ALL CAPS section and group titles as Word Heading 1–2, sub-groups as Heading 3. */
const HOA_BINH_STYLE: RenderOptions = {
  ...QUANG_TRUNG_STYLE,
  sizePt: 14,
  headings: 'word',
  pageNumbers: 'footer',
  lineSpacing: 1.2,
  title: 'Báo cáo tự đánh giá, chấm điểm năm 2024 - xã Hòa Bình',
  creator: 'UBND-HoaBinh',
  date: '2024-12-05T07:50:00Z',
};

/** Thị trấn Ngọc Lặc: bold paragraphs for titles (no heading styles), 13 pt, single spacing. */
const NGOC_LAC_STYLE: RenderOptions = {
  ...QUANG_TRUNG_STYLE,
  sizePt: 13,
  headings: 'bold',
  pageNumbers: 'header',
  lineSpacing: 1.0,
  title: 'Báo cáo tự đánh giá, chấm điểm, xếp loại năm 2024',
  creator: 'vanphong',
  date: '2024-12-09T16:20:00Z',
};

/**
 * Phường Lam Sơn: section titles "Phần I/II/III" as Word Heading 1, everything else bold/italic
 * paragraphs; a running header on every page but the first, footer "Trang N/M"; the summary table
 * has the group's name in its first column and a "Ghi chú" column last.
 */
const LAM_SON_STYLE: RenderOptions = {
  ...QUANG_TRUNG_STYLE,
  sizePt: 13,
  headings: 'word',
  pageNumbers: 'footer-of-total',
  runningHeader: 'UBND phường Lam Sơn - Báo cáo tự đánh giá, chấm điểm, xếp loại năm 2024',
  bodyStart: /^Thực hiện Hướng dẫn/,
  tableWidths: [0.47, 0.13, 0.16, 0.24],
  tableLeftColumns: [0, 3],
  lineSpacing: 1.1,
  title: 'Báo cáo tự đánh giá, chấm điểm, xếp loại năm 2024 - phường Lam Sơn',
  creator: 'PC-VanPhong',
  date: '2024-12-11T02:30:00Z',
};

/** Xã Tân Phong: sections "A./B./C." and group titles as bold paragraphs, "+" bullets, 13 pt, page numbers at the top. */
const TAN_PHONG_STYLE: RenderOptions = {
  ...QUANG_TRUNG_STYLE,
  sizePt: 13,
  headings: 'bold',
  bullet: '+',
  pageNumbers: 'header',
  bodyStart: /^Căn cứ Quyết định/,
  lineSpacing: 1.0,
  title: 'BC tu cham diem 2024',
  creator: 'Admin-PC',
  date: '2024-12-03T03:10:00Z',
};

/** Xã Yên Lạc: parts "PHẦN THỨ …" as Heading 1, groups Heading 2, sub-groups Heading 3, "•" bullets, footer "Trang N/M". */
const YEN_LAC_STYLE: RenderOptions = {
  ...QUANG_TRUNG_STYLE,
  sizePt: 13,
  headings: 'word',
  bullet: '•',
  pageNumbers: 'footer-of-total',
  bodyStart: /^Thực hiện Kế hoạch/,
  lineSpacing: 1.15,
  title: 'Bao cao tu danh gia cham diem nam 2024 - xa Yen Lac',
  creator: 'UBND-YenLac',
  date: '2024-12-12T01:45:00Z',
};

/** Phường Thạch Sơn: bold (non-heading) titles, "-" bullets, 14 pt, footer "Trang N". */
const THACH_SON_STYLE: RenderOptions = {
  ...QUANG_TRUNG_STYLE,
  sizePt: 14,
  headings: 'bold',
  bullet: '-',
  pageNumbers: 'footer',
  bodyStart: /^Căn cứ Công văn/,
  lineSpacing: 1.15,
  title: 'Bao cao tu cham diem nam 2024 - phuong Thach Son',
  creator: 'VP-ThachSon',
  date: '2024-12-09T02:20:00Z',
};

/** Xã Vĩnh Hùng: sections Heading 1, groups Heading 2, sub-groups Heading 3, "–" bullets, 13 pt, page numbers at the top. */
const VINH_HUNG_STYLE: RenderOptions = {
  ...QUANG_TRUNG_STYLE,
  sizePt: 13,
  headings: 'word',
  bullet: '–',
  pageNumbers: 'header',
  bodyStart: /^Thực hiện Hướng dẫn số 92/,
  lineSpacing: 1.1,
  title: 'Bao cao tu cham diem 2024 - xa Vinh Hung',
  creator: 'UBND-VinhHung',
  date: '2024-12-16T03:40:00Z',
};

// =============================================================================================
// Scores as each report declares them (raw strings exactly as typed in the text)
// =============================================================================================

/** The sample, as it is. */
const QT: ScoreModel = {
  unit: { type: 'xã', name: 'Quang Trung' },
  year: 2024,
  total: '92,3',
  classification: { level: 'good', text: 'Hoàn thành tốt nhiệm vụ năm 2024' },
  groups: {
    I: { score: '21,3', subgroups: { '1.1': '8,3', '1.2': '9', '1.3': '3', '1.4': '1' } },
    II: { score: '33', subgroups: { '2.1': '24', '2.2': '9' } },
    III: { score: '10' },
    IV: { score: '14' },
    V: { score: '10' },
    VI: { score: '04', items: ['+2', '+2'] },
  },
  summary: { I: '21,3', II: '33', III: '10', IV: '14', V: '10', VI: '04' },
};

/** Phường Bắc Sơn: dot decimals, "20.5đ", summary as a table. 20.5 + 32 + 9.5 + 13 + 10 + 2 = 87. */
const BS: ScoreModel = {
  unit: { type: 'phường', name: 'Bắc Sơn' },
  year: 2024,
  total: '87',
  classification: { level: 'good', text: 'Hoàn thành tốt nhiệm vụ' },
  groups: {
    I: { score: '20.5', subgroups: { '1.1': '8', '1.2': '8.5', '1.3': '3', '1.4': '1' } },
    II: { score: '32', subgroups: { '2.1': '23', '2.2': '9' } },
    III: { score: '9.5' },
    IV: { score: '13' },
    V: { score: '10' },
    VI: { score: '2', items: ['+3', '-1'] },
  },
  summary: { I: '20.5', II: '32', III: '9.5', IV: '13', V: '10', VI: '2' },
};

/** Thị trấn Đông Tiến: NFD text, two decimals. 22,75 + 34 + 10 + 14,5 + 9,75 + 3 = 94,00. */
const DT: ScoreModel = {
  unit: { type: 'thị trấn', name: 'Đông Tiến' },
  year: 2024,
  total: '94,00',
  classification: { level: 'excellent', text: 'Hoàn thành xuất sắc nhiệm vụ năm 2024' },
  groups: {
    I: { score: '22,75', subgroups: { '1.1': '8,25', '1.2': '9,5', '1.3': '3,5', '1.4': '1,5' } },
    II: { score: '34', subgroups: { '2.1': '24,5', '2.2': '9,5' } },
    III: { score: '10' },
    IV: { score: '14,5' },
    V: { score: '9,75' },
    VI: { score: '03', items: ['+2', '+1,5', '-0,5'] },
  },
  summary: { I: '22,75', II: '34', III: '10', IV: '14,5', V: '9,75', VI: '3' },
};

/**
 * Xã Hòa Bình (fixtures/source/hoa-binh-2024.md, written for the fixtures): each group's score
 * stated at its end ("Cộng nhóm tiêu chí I: 21,5 điểm."), sub-group scores in the sub-group
 * headings ("1.1. Chỉ tiêu kinh tế: tự chấm 7,5/10 điểm"), group maxima in the group headings
 * ("(TỐI ĐA 25 ĐIỂM)"). Group VI: "Trừ 0,5 điểm", "Trừ 0,5 điểm", "Thưởng 2 điểm" = 01.
 * 21,5 + 33 + 9,5 + 14 + 9,5 + 1 = 88,5.
 */
const HB: ScoreModel = {
  unit: { type: 'xã', name: 'Hòa Bình' },
  year: 2024,
  total: '88,5',
  classification: { level: 'good', text: 'Hoàn thành tốt nhiệm vụ năm 2024' },
  groups: {
    I: { score: '21,5', subgroups: { '1.1': '7,5', '1.2': '9', '1.3': '3', '1.4': '2' } },
    II: { score: '33', subgroups: { '2.1': '24,5', '2.2': '8,5' } },
    III: { score: '9,5', subgroups: { '3.1': '5', '3.2': '4,5' } },
    IV: { score: '14' },
    V: { score: '9,5' },
    VI: { score: '01', items: ['-0,5', '-0,5', '+2'] },
  },
  summary: { I: '21,5', II: '33', III: '9,5', IV: '14', V: '9,5', VI: '01' },
};

/**
 * Thị trấn Ngọc Lặc (fixtures/source/ngoc-lac-2024.md, written for the fixtures): no group VI;
 * body headings "(điểm chuẩn 30 điểm; tự chấm 28,5 điểm)"; the body's sub-parts are "a) … d)"
 * with no scores, sub-group scores are only in the section III table (rows 1.1 … 2.2), which is
 * also the summary. 28,5 + 33,5 + 9,5 + 14,25 + 9,75 = 95,5.
 */
const NL: ScoreModel = {
  unit: { type: 'thị trấn', name: 'Ngọc Lặc' },
  year: 2024,
  total: '95,5',
  classification: { level: 'excellent', text: 'Hoàn thành xuất sắc nhiệm vụ' },
  groups: {
    I: { score: '28,5', subgroups: { '1.1': '11,5', '1.2': '9,5', '1.3': '4,5', '1.4': '3' } },
    II: { score: '33,5', subgroups: { '2.1': '24', '2.2': '9,5' } },
    III: { score: '9,5' },
    IV: { score: '14,25' },
    V: { score: '9,75' },
  },
  summary: { I: '28,5', II: '33,5', III: '9,5', IV: '14,25', V: '9,75' },
};

/**
 * Phường Lam Sơn (fixtures/source/lam-son-2024.md, written for the fixtures): every score typed
 * with a dot and two decimals ("22.50", "92.83") while the prose uses decimal commas ("98,1%");
 * each group's score on the line under its title ("Điểm chuẩn: 25 điểm. Điểm tự đánh giá: 22.50
 * điểm."), each sub-group's at its end ("Điểm tự đánh giá: 8.25/10 điểm (…)"). Group VI: "thưởng
 * 2.00 điểm", "thưởng 1.50 điểm", "trừ 0.50 điểm" = 3.00. The summary table's "Ghi chú" column holds
 * other figures ("Thưởng 3.50; trừ 0.50", "97,22%"), not scores.
 * 22.50 + 33.25 + 9.75 + 14.58 + 9.75 + 3.00 = 92.83.
 */
const LS: ScoreModel = {
  unit: { type: 'phường', name: 'Lam Sơn' },
  year: 2024,
  total: '92.83',
  classification: { level: 'excellent', text: 'Hoàn thành xuất sắc nhiệm vụ năm 2024' },
  groups: {
    I: { score: '22.50', subgroups: { '1.1': '8.25', '1.2': '9.50', '1.3': '2.75', '1.4': '2.00' } },
    II: { score: '33.25', subgroups: { '2.1': '24.75', '2.2': '8.50' } },
    III: { score: '9.75' },
    IV: { score: '14.58' },
    V: { score: '9.75' },
    VI: { score: '3.00', items: ['+2.00', '+1.50', '-0.50'] },
  },
  summary: { I: '22.50', II: '33.25', III: '9.75', IV: '14.58', V: '9.75', VI: '3.00' },
};

/**
 * Xã Tân Phong (fixtures/source/tan-phong-2024.md, written for the fixtures): group titles carry the
 * maximum only ("1. Nhóm tiêu chí I (20 điểm): …"); sub-group scores "Tự chấm: 5,5đ"; each group
 * closed by "=> Số điểm đạt được: 15,25/20 điểm."; group V has sub-groups 5.1/5.2; group VI "Điểm
 * trừ" has penalties only and is closed by "=> Tổng điểm trừ: 1,5 điểm." (so it counts −1,5).
 * 15,25 + 25 + 12 + 11,5 + 16 − 1,5 = 78,25; "ĐỀ NGHỊ XẾP LOẠI: HOÀN THÀNH NHIỆM VỤ".
 */
const TP: ScoreModel = {
  unit: { type: 'xã', name: 'Tân Phong' },
  year: 2024,
  total: '78,25',
  classification: { level: 'pass', text: 'HOÀN THÀNH NHIỆM VỤ' },
  groups: {
    I: { score: '15,25', subgroups: { '1.1': '5,5', '1.2': '5,25', '1.3': '2', '1.4': '2,5' } },
    II: { score: '25', subgroups: { '2.1': '17,25', '2.2': '7,75' } },
    III: { score: '12' },
    IV: { score: '11,5' },
    V: { score: '16', subgroups: { '5.1': '8,5', '5.2': '7,5' } },
    VI: { score: '-1,5', items: ['-0,5', '-1'] },
  },
  summary: { I: '15,25', II: '25', III: '12', IV: '11,5', V: '16', VI: '-1,5' },
};

/**
 * Xã Yên Lạc (fixtures/source/yen-lac-2024.md, written for the fixtures): group titles carry the
 * maximum ("(thang điểm 25)"); sub-group scores at their end ("Tiểu nhóm 1.1 tự chấm đạt 8,5 điểm.",
 * "Mục 2.1 tự chấm đạt 22,5 điểm."); group scores closed in different ways ("Điểm tự đánh giá nhóm I:
 * 21,25 điểm.", "Nhóm II tự chấm đạt 31,25/35 điểm.", III's in its title "- tự chấm đạt 8,5 điểm",
 * "Nhóm V tự chấm đạt 9 điểm."); group IV has sub-groups 4.1/4.2; group VI "(tự chấm: 2 điểm)" with
 * "cộng 1,5 điểm", "cộng 1 điểm", "tự trừ 0,5 điểm". Summary table `Nhóm | Tên nhóm tiêu chí |
 * Thang điểm | Điểm tự chấm`. 21,25 + 31,25 + 8,5 + 13,25 + 9 + 2 = 85,25.
 */
const YL: ScoreModel = {
  unit: { type: 'xã', name: 'Yên Lạc' },
  year: 2024,
  total: '85,25',
  classification: { level: 'good', text: 'Hoàn thành tốt nhiệm vụ' },
  groups: {
    I: { score: '21,25', subgroups: { '1.1': '8,5', '1.2': '7', '1.3': '3,25', '1.4': '2,5' } },
    II: { score: '31,25', subgroups: { '2.1': '22,5', '2.2': '8,75' } },
    III: { score: '8,5' },
    IV: { score: '13,25', subgroups: { '4.1': '7,25', '4.2': '6' } },
    V: { score: '9' },
    VI: { score: '2', items: ['+1,5', '+1', '-0,5'] },
  },
  summary: { I: '21,25', II: '31,25', III: '8,5', IV: '13,25', V: '9', VI: '2' },
};

/**
 * Phường Thạch Sơn (fixtures/source/thach-son-2024.md, written for the fixtures): group titles carry
 * the maximum ("(điểm tối đa: 25)"), every sub-group closed by "Số điểm tự chấm: 8,75 điểm."; group
 * scores "Số điểm tự chấm cả nhóm tiêu chí I: 22,5/25 điểm.", "… tự đánh giá đạt 32,75 điểm/35 điểm.",
 * "Tự đánh giá nhóm tiêu chí III: 9,25 điểm/10 điểm.", "Số điểm tự chấm nhóm tiêu chí IV: 13,75 điểm."
 * (IV has 4.1/4.2), V like III; group VI "cộng 1,5 điểm", "cộng 1 điểm", "trừ 0,5 điểm" closed by
 * "Điểm nhóm tiêu chí VI (cộng, trừ): 2 điểm.". Summary list "Nhóm tiêu chí I: đạt 22,5/25 điểm;".
 * 22,5 + 32,75 + 9,25 + 13,75 + 9,5 + 2 = 89,75.
 */
const TS: ScoreModel = {
  unit: { type: 'phường', name: 'Thạch Sơn' },
  year: 2024,
  total: '89,75',
  classification: { level: 'good', text: 'Hoàn thành tốt nhiệm vụ năm 2024' },
  groups: {
    I: { score: '22,5', subgroups: { '1.1': '8,75', '1.2': '7,5', '1.3': '3,5', '1.4': '2,75' } },
    II: { score: '32,75', subgroups: { '2.1': '24,25', '2.2': '8,5' } },
    III: { score: '9,25' },
    IV: { score: '13,75', subgroups: { '4.1': '7,5', '4.2': '6,25' } },
    V: { score: '9,5' },
    VI: { score: '2', items: ['+1,5', '+1', '-0,5'] },
  },
  summary: { I: '22,5', II: '32,75', III: '9,25', IV: '13,75', V: '9,5', VI: '2' },
};

/**
 * Xã Vĩnh Hùng (fixtures/source/vinh-hung-2024.md, written for the fixtures): group titles carry the
 * maximum ("(khung điểm: 25)"), sub-groups closed by "UBND xã tự chấm phần kinh tế: 8,25 điểm.", group
 * scores "Tổng điểm nhóm I xã tự chấm: 21,5 điểm (…)", "Nhóm tiêu chí II được xã tự chấm 31 điểm trên
 * tổng số 35 điểm.", "Kết quả nhóm III: tự chấm 9 điểm/10.", "Điểm tự chấm của nhóm tiêu chí IV là 13,5
 * điểm.", "Nhóm tiêu chí V, xã tự chấm tổng cộng 9,25 điểm." (IV and V have sub-groups); group VI
 * "đề nghị cộng 1 điểm", "đề nghị cộng 0,5 điểm", "nhận bị trừ 0,25 điểm" = 1,25. Summary table
 * `STT | Nội dung | Điểm tối đa | Điểm xã tự chấm`. 21,5 + 31 + 9 + 13,5 + 9,25 + 1,25 = 85,5.
 */
const VH: ScoreModel = {
  unit: { type: 'xã', name: 'Vĩnh Hùng' },
  year: 2024,
  total: '85,5',
  classification: { level: 'good', text: 'Hoàn thành tốt nhiệm vụ' },
  groups: {
    I: { score: '21,5', subgroups: { '1.1': '8,25', '1.2': '7', '1.3': '3,5', '1.4': '2,75' } },
    II: { score: '31', subgroups: { '2.1': '23', '2.2': '8' } },
    III: { score: '9' },
    IV: { score: '13,5', subgroups: { '4.1': '7,5', '4.2': '6' } },
    V: { score: '9,25', subgroups: { '5.1': '4,75', '5.2': '4,5' } },
    VI: { score: '1,25', items: ['+1', '+0,5', '-0,25'] },
  },
  summary: { I: '21,5', II: '31', III: '9', IV: '13,5', V: '9,25', VI: '1,25' },
};

/** A copy of `m` changed by `f` (models are plain data). */
function changed(m: ScoreModel, f: (m: Mutable<ScoreModel>) => void): ScoreModel {
  const copy = structuredClone(m) as Mutable<ScoreModel>;
  f(copy);
  return copy;
}
type Mutable<T> = T extends object ? { -readonly [K in keyof T]: Mutable<T[K]> } : T;

// =============================================================================================
// Text edits
// =============================================================================================

const BAC_SON_SUMMARY = `### III. TỔNG HỢP KẾT QUẢ CHẤM ĐIỂM VÀ ĐỀ NGHỊ XẾP LOẠI

1. Kết quả tự đánh giá, chấm điểm theo các nhóm tiêu chí

Tổng số điểm tự chấm: 87 điểm

| TT | Nội dung | Điểm tối đa | Điểm tự chấm |
|---|---|---|---|
| I | Kết quả thực hiện các mục tiêu phát triển kinh tế - xã hội | 25 | 20.5 |
| II | Kết quả thực hiện nhiệm vụ quản lý nhà nước trên địa bàn | 35 | 32 |
| III | Công tác thanh tra, kiểm tra, phòng chống tham nhũng, giải quyết khiếu nại, tố cáo | 10 | 9.5 |
| IV | Cải cách hành chính | 15 | 13 |
| V | Hỗ trợ doanh nghiệp, cải thiện môi trường đầu tư kinh doanh | 10 | 10 |
| VI | Điểm thưởng, phạt | 5 | 2 |
| Tổng cộng | | 100 | 87 |

2. Xếp loại: Hoàn thành tốt nhiệm vụ.`;

/** The sample rewritten the way phường Bắc Sơn writes. Edits are applied in order, on the sample's text. */
const BAC_SON_EDITS: Edit[] = [
  // Title block.
  [
    'Số: /BC-UBND\n\nXã Quang Trung, ngày tháng năm 2024',
    '**UBND PHƯỜNG BẮC SƠN**\n\n**CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**\n\n**Độc lập - Tự do - Hạnh phúc**\n\nSố: 168/BC-UBND\n\nPhường Bắc Sơn, ngày 06 tháng 12 năm 2024',
  ],
  // Group headings: "Nhóm tiêu chí I - … (Tổng điểm tự chấm: 20.5đ)", no bold.
  [
    '**1. Nhóm tiêu chí I: Kết quả thực hiện các mục tiêu phát triển kinh tế - xã hội. Tổng điểm tự chấm 21,3 điểm, gồm:**',
    'Nhóm tiêu chí I - Kết quả thực hiện các mục tiêu phát triển kinh tế - xã hội (Tổng điểm tự chấm: 20.5đ)',
  ],
  [
    '**2. Nhóm tiêu chí II: Kết quả thực hiện nhiệm vụ Quản lý nhà nước trên địa bàn: Tổng điểm tự chấm: 33 điểm, gồm:**',
    'Nhóm tiêu chí II - Kết quả thực hiện nhiệm vụ quản lý nhà nước trên địa bàn (Tổng điểm tự chấm: 32đ)',
  ],
  [
    '## **3. Nhóm tiêu chí III: Kết quả thực hiện công tác Thanh tra, kiểm tra và phòng chống tham nhũng theo kế hoạch, giải quyết khiếu nại, tố cáo. Tổng điểm tự chấm: 10 điểm.**',
    '## Nhóm tiêu chí III - Kết quả thực hiện công tác thanh tra, kiểm tra và phòng chống tham nhũng theo kế hoạch, giải quyết khiếu nại, tố cáo (Tổng điểm tự chấm: 9.5đ)',
  ],
  [
    '**4. Nhóm tiêu chí IV: Kết quả thực hiện cải cách hành chính. Tổng điểm tự chấm: 14 điểm.**',
    'Nhóm tiêu chí IV - Kết quả thực hiện cải cách hành chính (Tổng điểm tự chấm: 13đ)',
  ],
  [
    '**5. Nhóm tiêu chí V: Kết quả hỗ trợ doanh nghiệp và cải thiện môi trường đầu tư kinh doanh. Tổng điểm tự chấm: 10 điểm.**',
    'Nhóm tiêu chí V - Kết quả hỗ trợ doanh nghiệp và cải thiện môi trường đầu tư kinh doanh (Tổng điểm tự chấm: 10đ)',
  ],
  ['**6. Nhóm tiêu chí VI: Điểm thưởng, phạt. Tổng điểm tự chấm: 04 điểm.**', 'Nhóm tiêu chí VI - Điểm thưởng, phạt (Tổng điểm tự chấm: 2đ)'],
  // Sub-group scores: "Điểm tự chấm: 8đ" / "Tự chấm 8.5 điểm".
  ['**Kết quả số điểm tự chấm nhóm tiêu chí về kinh tế đạt: 8,3 điểm.**', 'Điểm tự chấm: 8đ'],
  ['***Kết quả số điểm tự chấm nhóm tiêu chí văn hóa- xã hội đạt: 9 điểm.***', 'Tự chấm 8.5 điểm'],
  ['**Kết quả số điểm tự chấm đạt: 3 điểm.**', 'Điểm tự chấm: 3đ'],
  ['***Kết quả số điểm tự chấm nhóm tiêu chí về ANTT đạt: 1 điểm.***', 'Tự chấm 1 điểm'],
  ['***Kết quả số điểm tự chấm đạt: 24 điểm.***', 'Điểm tự chấm: 23đ'],
  ['***Kết quả số điểm tự chấm đạt: 9 điểm.***', 'Tự chấm 9 điểm'],
  // Bonus and penalty.
  [
    '- Tỷ lệ hộ nghèo giảm bình quân: Chỉ tiêu giao 0,89% đạt 0,64%. Đề nghị thưởng 2 điểm.',
    '- Tỷ lệ hộ nghèo: Chỉ tiêu giao 1.25% đạt 1.12%. Đề nghị thưởng 3 điểm.',
  ],
  [
    '- Tỷ lệ hộp hồ sơ trực tuyến và trực tuyến toàn trình: Chỉ tiêu giao 65% đạt 99,7%. Đề nghị thưởng 2 điểm.',
    '- Để xảy ra 01 trường hợp xây dựng công trình trái phép chưa được xử lý dứt điểm trên địa bàn. Bị trừ 1 điểm.',
  ],
  // The closing summary becomes a sentence and a table.
  { find: /### \*\*III\. TỔNG HỢP KẾT QUẢ[\s\S]*?#### \*\*2\. Đánh giá: Hoàn thành tốt nhiệm vụ năm 2024\.\*\*/u, replace: BAC_SON_SUMMARY },
  ['**Nguyễn Văn Thắng**', '**Lê Thị Hồng Nhung**'],
  // Indicators: other figures than the sample (each stated the same wherever it recurs).
  ['61,6 triệu đồng đạt 102,6% KH', '58.4 triệu đồng đạt 101.6% KH'],
  ['cả năm: 805,2 tấn', 'cả năm: 656.2 tấn'],
  [
    'đạt 147,2ha, trong đó diện tích lúa 120ha/120ha = 100%KH, năng suất đạt 61,5 tạ/ha, sản lượng 738 tấn, diện tích rau của quả các loại: 27,2 ha, năng suất rau, củ quả đạt 131,9 tạ/ha, sản lượng 358,7 tấn.',
    'đạt 120ha, trong đó diện tích lúa 95ha/95ha = 100%KH, năng suất đạt 62 tạ/ha, sản lượng 589 tấn, diện tích rau củ quả các loại: 25 ha, năng suất rau, củ quả đạt 132 tạ/ha, sản lượng 330 tấn.',
  ],
  ['bò 220 con, tổng đàn lợn ước đạt 4.980 con, tổng đàn gia cầm ước đạt 45.226 con', 'bò 185 con, tổng đàn lợn ước đạt 3.150 con, tổng đàn gia cầm ước đạt 38.470 con'],
  ['thủy sản cả năm: 318 tấn', 'thủy sản cả năm: 126 tấn'],
  ['địa bàn: 46 Doanh nghiệp', 'địa bàn: 58 Doanh nghiệp'],
  ['hiện có 46 doanh nghiệp', 'hiện có 58 doanh nghiệp'],
  ['31 tỷ 263 triệu đồng đạt 69,8% KH thị xã giao, 69,8% kế hoạch', '28 tỷ 540 triệu đồng đạt 72.4% KH thị xã giao, 72.4% kế hoạch'],
  ['18 tỷ đồng đạt 40%KH thị xã giao, 40% kế hoạch', '16 tỷ đồng đạt 38%KH thị xã giao, 38% kế hoạch'],
  ['Thu đầu tư phát triển: 24,1 tỷ đồng.', 'Thu đầu tư phát triển: 12.6 tỷ đồng.'],
  ['Chi cho đầu tư phát triển: 24,1 tỷ đồng.', 'Chi cho đầu tư phát triển: 9.8 tỷ đồng.'],
  ['Gia đình văn hóa đạt 90,8% tăng 0,5% so với năm 2023', 'Gia đình văn hóa đạt 91.5% tăng 0.7% so với năm 2023'],
  ['văn hóa cho 6/6 thôn', 'văn hóa cho 8/8 thôn'],
  ['BHYT đạt 96.2%, vượt vượt kế hoạch', 'BHYT đạt 95.4%, vượt kế hoạch'],
  [
    'số hộ nghèo còn 09 hộ chiếm 0,64% vượt 03 hộ so với chỉ tiêu thị xã giao và 09 hộ cận nghèo chiếm 0.64%',
    'số hộ nghèo còn 14 hộ chiếm 1.12% vượt 02 hộ so với chỉ tiêu thị xã giao và 16 hộ cận nghèo chiếm 1.28%',
  ],
  [
    '- **Xây dựng Nông thôn mới:** Duy trì các tiêu chí xã NTM nâng cao. Họp Ban phát triển xây dựng NTM xã, rà soát các chỉ tiêu xây dựng thôn Nông thôn mới kiểu mẫu thôn 4,5,6. Hướng dẫn thôn 4, 5, 6 rà soát các hộ sản xuất nông nghiệp ứng dụng công nghệ cao cũng như tham gia chuỗi cung ứng sản phẩm.',
    '- **Xây dựng đô thị văn minh:** Duy trì các tiêu chí phường đạt chuẩn đô thị văn minh. Họp Ban chỉ đạo xây dựng đô thị văn minh phường, rà soát các tiêu chí khu phố văn minh đô thị tại khu phố 4, 5, 6. Hướng dẫn các hộ kinh doanh trên các tuyến phố chính thực hiện nếp sống văn minh đô thị.',
  ],
  // Whole-document wording: the ward's name and level, its quarters, its decimal dots.
  { find: 'xã Quang Trung', replace: 'phường Bắc Sơn', count: 'some' },
  { find: 'Xã Quang Trung', replace: 'Phường Bắc Sơn', count: 'some' },
  renameLevel('phường'),
  villagesToQuarters,
  dotDecimals,
];

/** The sample rewritten the way thị trấn Đông Tiến writes (comma decimals, two decimals, no colon). */
const DONG_TIEN_EDITS: Edit[] = [
  ['Số: /BC-UBND\n\nXã Quang Trung, ngày tháng năm 2024', '**UBND THỊ TRẤN ĐÔNG TIẾN**\n\nSố: 95/BC-UBND\n\nThị trấn Đông Tiến, ngày 10 tháng 12 năm 2024'],
  // Group headings: bold, no colon after the group name.
  [
    '**1. Nhóm tiêu chí I: Kết quả thực hiện các mục tiêu phát triển kinh tế - xã hội. Tổng điểm tự chấm 21,3 điểm, gồm:**',
    '**1. Nhóm tiêu chí I Kết quả thực hiện các mục tiêu phát triển kinh tế - xã hội. Tổng điểm tự chấm 22,75 điểm, gồm:**',
  ],
  [
    '**2. Nhóm tiêu chí II: Kết quả thực hiện nhiệm vụ Quản lý nhà nước trên địa bàn: Tổng điểm tự chấm: 33 điểm, gồm:**',
    '**2. Nhóm tiêu chí II Kết quả thực hiện nhiệm vụ Quản lý nhà nước trên địa bàn. Tổng điểm tự chấm: 34 điểm, gồm:**',
  ],
  [
    '## **3. Nhóm tiêu chí III: Kết quả thực hiện công tác Thanh tra, kiểm tra và phòng chống tham nhũng theo kế hoạch, giải quyết khiếu nại, tố cáo. Tổng điểm tự chấm: 10 điểm.**',
    '**3. Nhóm tiêu chí III Kết quả thực hiện công tác Thanh tra, kiểm tra và phòng chống tham nhũng theo kế hoạch, giải quyết khiếu nại, tố cáo. Tổng điểm tự chấm: 10 điểm.**',
  ],
  [
    '**4. Nhóm tiêu chí IV: Kết quả thực hiện cải cách hành chính. Tổng điểm tự chấm: 14 điểm.**',
    '**4. Nhóm tiêu chí IV Kết quả thực hiện cải cách hành chính. Tổng điểm tự chấm: 14,5 điểm.**',
  ],
  [
    '**5. Nhóm tiêu chí V: Kết quả hỗ trợ doanh nghiệp và cải thiện môi trường đầu tư kinh doanh. Tổng điểm tự chấm: 10 điểm.**',
    '**5. Nhóm tiêu chí V Kết quả hỗ trợ doanh nghiệp và cải thiện môi trường đầu tư kinh doanh. Tổng điểm tự chấm: 9,75 điểm.**',
  ],
  ['**6. Nhóm tiêu chí VI: Điểm thưởng, phạt. Tổng điểm tự chấm: 04 điểm.**', '**6. Nhóm tiêu chí VI Điểm thưởng, phạt. Tổng điểm tự chấm: 03 điểm.**'],
  // Sub-group scores.
  ['nhóm tiêu chí về kinh tế đạt: 8,3 điểm.', 'nhóm tiêu chí về kinh tế đạt: 8,25 điểm.'],
  ['văn hóa- xã hội đạt: 9 điểm.', 'văn hóa- xã hội đạt: 9,5 điểm.'],
  ['**Kết quả số điểm tự chấm đạt: 3 điểm.**', '**Kết quả số điểm tự chấm đạt: 3,5 điểm.**'],
  ['về ANTT đạt: 1 điểm.', 'về ANTT đạt: 1,5 điểm.'],
  ['***Kết quả số điểm tự chấm đạt: 24 điểm.***', '***Kết quả số điểm tự chấm đạt: 24,5 điểm.***'],
  ['***Kết quả số điểm tự chấm đạt: 9 điểm.***', '***Kết quả số điểm tự chấm đạt: 9,5 điểm.***'],
  // Bonus, bonus, penalty.
  ['Chỉ tiêu giao 0,89% đạt 0,64%. Đề nghị thưởng 2 điểm.', 'Chỉ tiêu giao 0,89% đạt 0,57%. Đề nghị thưởng 2 điểm.'],
  [
    'Chỉ tiêu giao 65% đạt 99,7%. Đề nghị thưởng 2 điểm.',
    'Chỉ tiêu giao 65% đạt 98,5%. Đề nghị thưởng 1,5 điểm.\n\n- Để xảy ra 01 vụ khai thác cát trái phép trên sông Hoàng chưa được xử lý kịp thời. Bị trừ 0,5 điểm.',
  ],
  // Summary and classification.
  ['theo các tiêu chí: 92,3 điểm, cụ thể:', 'theo các tiêu chí: 94,00 điểm, cụ thể:'],
  ['- Nhóm tiêu chí I: 21,3 điểm (A + B + C);', '- Nhóm tiêu chí I: 22,75 điểm (A + B + C);'],
  ['- Nhóm tiêu chí II: 33 điểm;', '- Nhóm tiêu chí II: 34 điểm;'],
  ['- Nhóm tiêu chí IV: 14 điểm;', '- Nhóm tiêu chí IV: 14,5 điểm;'],
  ['- Nhóm tiêu chí V: 10 điểm;', '- Nhóm tiêu chí V: 9,75 điểm;'],
  ['- Nhóm tiêu chí VI: 04 điểm;', '- Nhóm tiêu chí VI: 3 điểm;'],
  ['#### **2. Đánh giá: Hoàn thành tốt nhiệm vụ năm 2024.**', '**2. Đánh giá: Hoàn thành xuất sắc nhiệm vụ năm 2024.**'],
  ['**Nguyễn Văn Thắng**', '**Trịnh Văn Hùng**'],
  // Indicators.
  ['61,6 triệu đồng đạt 102,6% KH', '64,25 triệu đồng đạt 103,6% KH'],
  ['số hộ nghèo còn 09 hộ chiếm 0,64% vượt 03 hộ', 'số hộ nghèo còn 08 hộ chiếm 0,57% vượt 04 hộ'],
  ['(từ giáp phường Đông Sơn đến giáp phường Phú Sơn)', '(từ giáp thôn Hòa Bình đến giáp thôn Tiến Lợi)'],
  // A township of a district (huyện), not of a town (thị xã).
  { find: 'xã Quang Trung', replace: 'thị trấn Đông Tiến', count: 'some' },
  { find: 'Xã Quang Trung', replace: 'Thị trấn Đông Tiến', count: 'some' },
  { find: 'thị xã', replace: 'huyện', count: 'some' },
  { find: 'Thị xã', replace: 'Huyện', count: 'some' },
  { find: 'Thị uỷ', replace: 'Huyện uỷ' },
  { find: 'Bim Sơn', replace: 'Đông Sơn', count: 'some' },
  renameLevel('thị trấn'),
];

// =============================================================================================
// The reports
// =============================================================================================

interface ReportVariant {
  readonly name: string;
  /** One line for fixtures/README.md. */
  readonly what: string;
  /**
   * 'sample' (fixtures/source/quang-trung-2024.md), another Markdown file under fixtures/source
   * ('source/<file>.md', a whole report of its own, with `style` giving all of its render options),
   * or the name of the variant whose final text and style this one starts from.
   */
  readonly from: string;
  readonly edits: readonly Edit[];
  readonly style?: Partial<RenderOptions>;
  readonly formats: readonly Format[];
  /** Where the closing summary starts (a line of the Markdown, asterisks removed); default: see checkText. */
  readonly summaryStart?: RegExp;
  /** Keep the PDF only if LibreOffice exported the text still decomposed (NFD). */
  readonly pdfOnlyIfStillNfd?: boolean;
  readonly model: ScoreModel;
  /** Exactly the error-severity flags expected. */
  readonly errors: readonly ExpectedFlag[];
}

const REPORTS: readonly ReportVariant[] = [
  // --- A. Clean ------------------------------------------------------------------------------
  {
    name: 'quang-trung-2024',
    what: 'The sample as it is: xã Quang Trung, comma decimals, Word headings where the Markdown has them, 14 pt.',
    from: 'sample',
    edits: [],
    style: QUANG_TRUNG_STYLE,
    formats: ['docx', 'pdf', 'doc'],
    model: QT,
    errors: [],
  },
  {
    name: 'bac-son-2024',
    what: 'Phường Bắc Sơn: dot decimals ("20.5đ", "95.4%"), plain (non-bold, non-heading) section titles, "Nhóm tiêu chí I - … (Tổng điểm tự chấm: 20.5đ)", sub-group scores "Điểm tự chấm: 8đ" / "Tự chấm 8.5 điểm", a penalty item, summary as a Word table, 13 pt, "–" bullets, other indicator figures.',
    from: 'sample',
    edits: BAC_SON_EDITS,
    style: BAC_SON_STYLE,
    formats: ['docx', 'pdf'],
    model: BS,
    errors: [],
  },
  {
    name: 'dong-tien-2024',
    what: 'Thị trấn Đông Tiến: all text decomposed Unicode (NFD), comma decimals with two places ("8,25", "94,00"), bold group headings with no colon after the group name, two bonuses and a penalty, "Hoàn thành xuất sắc".',
    from: 'sample',
    edits: DONG_TIEN_EDITS,
    style: DONG_TIEN_STYLE,
    formats: ['docx', 'pdf'],
    pdfOnlyIfStillNfd: true,
    model: DT,
    errors: [],
  },
  {
    name: 'hoa-binh-2024',
    what: 'Xã Hòa Bình, written afresh (not from the sample): ALL CAPS section and group titles as Word headings, group maxima in the group titles ("(TỐI ĐA 25 ĐIỂM)"), sub-group scores inside the sub-group heading ("1.1. Chỉ tiêu kinh tế: tự chấm 7,5/10 điểm"), each group\'s score at its end ("Cộng nhóm tiêu chí I: 21,5 điểm."), group III with sub-groups 3.1/3.2, group VI with two penalties then a bonus ("Trừ 0,5 điểm: …", "Thưởng 2 điểm: …"), summary list, "Tổng cộng: 88,5 điểm.", footer page numbers.',
    from: 'source/hoa-binh-2024.md',
    edits: [],
    style: HOA_BINH_STYLE,
    formats: ['docx', 'pdf'],
    model: HB,
    errors: [],
  },
  {
    name: 'ngoc-lac-2024',
    what: 'Thị trấn Ngọc Lặc, written afresh: no group VI, bold (non-heading) titles, body group titles "(điểm chuẩn 30 điểm; tự chấm 28,5 điểm)", unscored body sub-parts "a) … d)", one scoring table in section III (`STT | Nội dung tiêu chí | Điểm chuẩn | Điểm tự chấm`, group rows I–V with sub-group rows 1.1–1.4, 2.1–2.2 under them, a `Tổng cộng` row), total also as "95,5/100 điểm", "Hoàn thành xuất sắc nhiệm vụ", a section "IV. KIẾN NGHỊ, ĐỀ XUẤT" after it.',
    from: 'source/ngoc-lac-2024.md',
    edits: [],
    style: NGOC_LAC_STYLE,
    formats: ['docx', 'pdf'],
    model: NL,
    errors: [],
  },
  {
    name: 'lam-son-2024',
    what: 'Phường Lam Sơn, written afresh: sections "Phần I/II/III" (Word Heading 1), group titles as bold italic paragraphs with no score, the group\'s score on the next line ("Điểm chuẩn: 25 điểm. Điểm tự đánh giá: 22.50 điểm."), every score with a dot and two decimals in a comma document, sub-group scores at their end ("Điểm tự đánh giá: 8.25/10 điểm (…)"), group VI "thưởng 2.00 điểm", "thưởng 1.50 điểm", "trừ 0.50 điểm", summary table `Nhóm tiêu chí | Điểm tối đa | Điểm tự đánh giá | Ghi chú` with figures in the notes, "Tổng điểm tự đánh giá năm 2024: 92.83 điểm.", running header and footer "Trang N/M".',
    from: 'source/lam-son-2024.md',
    edits: [],
    style: LAM_SON_STYLE,
    formats: ['docx', 'pdf'],
    model: LS,
    errors: [],
  },
  {
    name: 'tan-phong-2024',
    what: 'Xã Tân Phong, written afresh: sections "A./B./C.", group titles with the maximum only ("1. Nhóm tiêu chí I (20 điểm): …"), sub-group scores "Tự chấm: 5,5đ", groups closed by "=> Số điểm đạt được: 15,25/20 điểm.", sub-groups in group V, a penalties-only group "Nhóm tiêu chí VI: Điểm trừ" (−1,5), summary list "Nhóm tiêu chí I: 15,25/20 điểm;" … "trừ 1,5 điểm", "Tổng số điểm: 78,25/100 điểm.", classification as a heading "ĐỀ NGHỊ XẾP LOẠI: HOÀN THÀNH NHIỆM VỤ", "+" bullets, place-and-date line without the level ("Tân Phong, ngày …").',
    from: 'source/tan-phong-2024.md',
    edits: [],
    style: TAN_PHONG_STYLE,
    summaryStart: /^C\. TỔNG HỢP/u,
    formats: ['docx', 'pdf'],
    model: TP,
    errors: [],
  },
  {
    name: 'yen-lac-2024',
    what: 'Xã Yên Lạc, written afresh: parts "PHẦN THỨ NHẤT/HAI/BA" (Heading 1), group titles with the maximum ("Nhóm tiêu chí I. … (thang điểm 25)"), sub-group scores at their end ("Tiểu nhóm 1.1 tự chấm đạt 8,5 điểm.", "Mục 2.1 tự chấm đạt 22,5 điểm."), group scores stated variously ("Điểm tự đánh giá nhóm I: 21,25 điểm.", "Nhóm II tự chấm đạt 31,25/35 điểm.", III in its title, "Nhóm V tự chấm đạt 9 điểm."), sub-groups in group IV, group VI "(tự chấm: 2 điểm)" with "cộng 1,5 điểm", "cộng 1 điểm", "tự trừ 0,5 điểm", summary table `Nhóm | Tên nhóm tiêu chí | Thang điểm | Điểm tự chấm`, "tổng số điểm … tự chấm năm 2024 là 85,25 điểm", "Tự xếp loại …: Hoàn thành tốt nhiệm vụ.", "•" bullets, footer "Trang N/M".',
    from: 'source/yen-lac-2024.md',
    edits: [],
    style: YEN_LAC_STYLE,
    summaryStart: /^PHẦN THỨ BA/u,
    formats: ['docx', 'pdf'],
    model: YL,
    errors: [],
  },
  {
    name: 'thach-son-2024',
    what: 'Phường Thạch Sơn, written afresh: bold (non-heading) titles, group titles with the maximum ("Nhóm tiêu chí I - … (điểm tối đa: 25)"), sub-group scores "Số điểm tự chấm: 8,75 điểm.", group scores "Số điểm tự chấm cả nhóm tiêu chí I: 22,5/25 điểm.", "… tự đánh giá đạt 32,75 điểm/35 điểm.", "Tự đánh giá nhóm tiêu chí III: 9,25 điểm/10 điểm.", sub-groups in group IV, group VI "cộng 1,5 điểm", "cộng 1 điểm", "trừ 0,5 điểm" = 2, summary list "Nhóm tiêu chí I: đạt 22,5/25 điểm;", "Tổng số điểm tự chấm năm 2024 …: 89,75 điểm.", "Hoàn thành tốt nhiệm vụ năm 2024", footer "Trang N".',
    from: 'source/thach-son-2024.md',
    edits: [],
    style: THACH_SON_STYLE,
    formats: ['docx', 'pdf'],
    model: TS,
    errors: [],
  },
  {
    name: 'vinh-hung-2024',
    what: 'Xã Vĩnh Hùng, written afresh: sections and groups as Word headings, group titles with the maximum ("Nhóm tiêu chí I. … (khung điểm: 25)"), sub-group scores "UBND xã tự chấm phần kinh tế: 8,25 điểm.", group scores stated variously ("Tổng điểm nhóm I xã tự chấm: 21,5 điểm (8,25 + 7 + 3,5 + 2,75).", "… được xã tự chấm 31 điểm trên tổng số 35 điểm.", "Kết quả nhóm III: tự chấm 9 điểm/10.", "… là 13,5 điểm.", "… tự chấm tổng cộng 9,25 điểm."), sub-groups in groups IV and V, group VI "đề nghị cộng 1 điểm", "đề nghị cộng 0,5 điểm", "nhận bị trừ 0,25 điểm" = 1,25, summary table `STT | Nội dung | Điểm tối đa | Điểm xã tự chấm` with a VI row "Điểm cộng (+1,5), điểm trừ (-0,25)", "tổng điểm tự chấm … là 85,5 điểm", "… xếp loại ở mức: Hoàn thành tốt nhiệm vụ.", "–" bullets, page numbers at the top.',
    from: 'source/vinh-hung-2024.md',
    edits: [],
    style: VINH_HUNG_STYLE,
    formats: ['docx', 'pdf'],
    model: VH,
    errors: [],
  },
  // --- B. One discrepancy each ---------------------------------------------------------------
  {
    name: 'qt-total-mismatch',
    what: 'Sample with the grand total 93,3 (groups and summary unchanged, they add up to 92,3).',
    from: 'quang-trung-2024',
    edits: [['theo các tiêu chí: 92,3 điểm, cụ thể:', 'theo các tiêu chí: 93,3 điểm, cụ thể:']],
    formats: ['docx', 'pdf'],
    model: changed(QT, (m) => {
      m.total = '93,3';
    }),
    errors: [{ rule: 'total-mismatch' }],
  },
  {
    name: 'qt-group-sum-mismatch',
    what: "Sample with sub-group 1.3's score 4 instead of 3; group I still declares 21,3 (its parts now add up to 22,3).",
    from: 'quang-trung-2024',
    edits: [['**Kết quả số điểm tự chấm đạt: 3 điểm.**', '**Kết quả số điểm tự chấm đạt: 4 điểm.**']],
    formats: ['docx', 'pdf'],
    model: changed(QT, (m) => {
      m.groups.I!.subgroups!['1.3'] = '4';
    }),
    errors: [{ rule: 'group-sum-mismatch', group: 'I' }],
  },
  {
    name: 'qt-summary-mismatch',
    what: "Sample with the summary's line for group III at 12 (the body says 10; total 92,3 unchanged).",
    from: 'quang-trung-2024',
    edits: [['- Nhóm tiêu chí III: 10 điểm;', '- Nhóm tiêu chí III: 12 điểm;']],
    formats: ['docx', 'pdf'],
    model: changed(QT, (m) => {
      m.summary.III = '12';
    }),
    errors: [{ rule: 'summary-mismatch', group: 'III' }],
  },
  {
    name: 'qt-missing-figure',
    what: "Sample with group IV's heading stating no score (\"… cải cách hành chính.\"); the summary still lists IV: 14.",
    from: 'quang-trung-2024',
    edits: [
      [
        '**4. Nhóm tiêu chí IV: Kết quả thực hiện cải cách hành chính. Tổng điểm tự chấm: 14 điểm.**',
        '**4. Nhóm tiêu chí IV: Kết quả thực hiện cải cách hành chính.**',
      ],
    ],
    formats: ['docx', 'pdf'],
    model: changed(QT, (m) => {
      m.groups.IV!.score = null;
    }),
    errors: [{ rule: 'missing-figure', group: 'IV' }],
  },
  {
    name: 'bs-summary-mismatch',
    what: "Bắc Sơn with the summary table's cell for group II at 30 (the body says 32; total 87 unchanged).",
    from: 'bac-son-2024',
    edits: [
      [
        '| II | Kết quả thực hiện nhiệm vụ quản lý nhà nước trên địa bàn | 35 | 32 |',
        '| II | Kết quả thực hiện nhiệm vụ quản lý nhà nước trên địa bàn | 35 | 30 |',
      ],
    ],
    formats: ['docx', 'pdf'],
    model: changed(BS, (m) => {
      m.summary.II = '30';
    }),
    errors: [{ rule: 'summary-mismatch', group: 'II' }],
  },
  {
    name: 'bs-group-sum-mismatch',
    what: 'Bắc Sơn with the bonus group VI declaring 3 while its items are +3 and −1; summary VI: 3, total 88 (so the total still equals the sum of the declared groups).',
    from: 'bac-son-2024',
    edits: [
      ['(Tổng điểm tự chấm: 2đ)', '(Tổng điểm tự chấm: 3đ)'],
      ['| VI | Điểm thưởng, phạt | 5 | 2 |', '| VI | Điểm thưởng, phạt | 5 | 3 |'],
      ['Tổng số điểm tự chấm: 87 điểm', 'Tổng số điểm tự chấm: 88 điểm'],
      ['| Tổng cộng | | 100 | 87 |', '| Tổng cộng | | 100 | 88 |'],
    ],
    formats: ['docx', 'pdf'],
    model: changed(BS, (m) => {
      m.groups.VI!.score = '3';
      m.summary.VI = '3';
      m.total = '88';
    }),
    errors: [{ rule: 'group-sum-mismatch', group: 'VI' }],
  },
  {
    name: 'hh-total-mismatch',
    what: 'Hòa Bình with the grand total 89 (the groups and the summary list are unchanged and add up to 88,5).',
    from: 'hoa-binh-2024',
    edits: [['Tổng cộng: 88,5 điểm.', 'Tổng cộng: 89 điểm.']],
    formats: ['docx', 'pdf'],
    model: changed(HB, (m) => {
      m.total = '89';
    }),
    errors: [{ rule: 'total-mismatch' }],
  },
  {
    name: 'nl-summary-mismatch',
    what: "Ngọc Lặc with the table's row for group IV at 13,75 (the body says 14,25; the table's Tổng cộng 95,5 and the sentence \"95,5/100 điểm\" unchanged).",
    from: 'ngoc-lac-2024',
    edits: [['| **IV** | **Cải cách hành chính** | **15** | **14,25** |', '| **IV** | **Cải cách hành chính** | **15** | **13,75** |']],
    formats: ['docx', 'pdf'],
    model: changed(NL, (m) => {
      m.summary.IV = '13,75';
    }),
    errors: [{ rule: 'summary-mismatch', group: 'IV' }],
  },
  {
    name: 'ts-group-sum-mismatch',
    what: "Tân Phong with sub-group 5.2's score 7 instead of 7,5; group V still declares 16 (its parts now add up to 15,5; summary and total 78,25 unchanged).",
    from: 'tan-phong-2024',
    summaryStart: /^C\. TỔNG HỢP/u,
    edits: [['Tự chấm: 7,5đ', 'Tự chấm: 7đ']],
    formats: ['docx', 'pdf'],
    model: changed(TP, (m) => {
      m.groups.V!.subgroups!['5.2'] = '7';
    }),
    errors: [{ rule: 'group-sum-mismatch', group: 'V' }],
  },
  {
    name: 'yl-summary-mismatch',
    what: "Yên Lạc with the summary table's cell for group II at 32,25 (the body says 31,25; the table's Tổng cộng and the sentence \"85,25 điểm\" unchanged).",
    from: 'yen-lac-2024',
    summaryStart: /^PHẦN THỨ BA/u,
    edits: [['| II | Quản lý nhà nước trên địa bàn | 35 | 31,25 |', '| II | Quản lý nhà nước trên địa bàn | 35 | 32,25 |']],
    formats: ['docx', 'pdf'],
    model: changed(YL, (m) => {
      m.summary.II = '32,25';
    }),
    errors: [{ rule: 'summary-mismatch', group: 'II' }],
  },
  {
    name: 'qt-total-restated',
    what: 'Sample with a closing sentence after "2. Đánh giá: …" that states the grand total again as 97,3 ("Với kết quả trên, tổng số điểm tự chấm đạt 97,3 điểm, …"); the summary\'s "… theo các tiêu chí: 92,3 điểm" and the groups (92,3) unchanged.',
    from: 'quang-trung-2024',
    edits: [
      [
        '#### **2. Đánh giá: Hoàn thành tốt nhiệm vụ năm 2024.**\n',
        '#### **2. Đánh giá: Hoàn thành tốt nhiệm vụ năm 2024.**\n\nVới kết quả trên, tổng số điểm tự chấm đạt 97,3 điểm, UBND xã Quang Trung kính đề nghị UBND thị xã xem xét, thẩm định.\n',
      ],
    ],
    formats: ['docx', 'pdf'],
    model: changed(QT, (m) => {
      m.totalRestated = ['97,3'];
    }),
    errors: [{ rule: 'total-conflict' }],
  },
  {
    name: 'qt-group-restated',
    what: 'Sample with group III\'s score stated again where its part ends as 12 ("Tổng số điểm tự chấm của nhóm tiêu chí III: 12 điểm."); its heading (10), the summary (III: 10) and the total 92,3 unchanged.',
    from: 'quang-trung-2024',
    edits: [
      [
        '**4. Nhóm tiêu chí IV: Kết quả thực hiện cải cách hành chính. Tổng điểm tự chấm: 14 điểm.**',
        '***Tổng số điểm tự chấm của nhóm tiêu chí III: 12 điểm.***\n\n**4. Nhóm tiêu chí IV: Kết quả thực hiện cải cách hành chính. Tổng điểm tự chấm: 14 điểm.**',
      ],
    ],
    formats: ['docx', 'pdf'],
    model: changed(QT, (m) => {
      m.groups.III!.restated = ['12'];
    }),
    errors: [{ rule: 'total-conflict', group: 'III' }],
  },
];

// =============================================================================================
// Bad inputs
// =============================================================================================

const BAD: Readonly<Record<string, { code: string; what: string }>> = {
  'empty.docx': { code: 'empty-file', what: '0 bytes.' },
  'photo-renamed.docx': { code: 'unsupported-format', what: 'A real PNG (page 1 of quang-trung-2024.pdf at 50 dpi) named .docx.' },
  'truncated.pdf': { code: 'corrupt-file', what: 'The first 45% of the bytes of quang-trung-2024.pdf (no xref, no trailer, no catalog).' },
  'encrypted.pdf': { code: 'encrypted-pdf', what: 'bac-son-2024.pdf encrypted by qpdf, AES-256, user password "doisoat".' },
  'zip-bomb.docx': {
    code: 'too-large',
    what: 'A valid zip with [Content_Types].xml, _rels/.rels and a word/document.xml of repeated XML that inflates to about 1.1 GiB (declared sizes are true).',
  },
  'english.pdf': { code: 'no-report-found', what: 'A real text PDF (LibreOffice) of a short English business letter.' },
};

const ENGLISH_LETTER = `**NORTHFIELD OFFICE SUPPLIES LTD**

14 Harbour Road, Bristol BS1 5TT, United Kingdom · +44 117 496 0321

3 March 2025

Ms Laura Carter, Procurement Manager

Westbrook Dental Clinic, 2 Mill Lane, Bath BA1 2QH

**Re: Your order WB-2025-0117 and our revised delivery schedule**

Dear Ms Carter,

Thank you for your order of 24 February 2025 for 40 boxes of A4 copier paper, 12 toner cartridges and 6 ergonomic chairs. We are pleased to confirm that the paper and the toner are in stock and will be delivered on Thursday, 6 March, between 9 am and 1 pm.

The chairs are currently on back order from our manufacturer. We expect them to arrive at our warehouse in the week of 17 March and will deliver them within two working days of arrival, at no additional charge.

Your invoice, which we will send separately, amounts to £1,284.60 including VAT. Payment is due within 30 days of delivery. If you would prefer us to invoice the chairs separately, please let us know and we will split the invoice.

We apologise for the delay and thank you for your continued custom. Should you have any questions, please contact me directly at the number above.

Yours sincerely,

Daniel Hughes

Customer Accounts Manager`;

const LETTER_STYLE: RenderOptions = {
  ...QUANG_TRUNG_STYLE,
  font: 'Arial',
  sizePt: 11,
  headings: 'bold',
  pageNumbers: 'none',
  lineSpacing: 1.15,
  indentFirstLine: false,
  officialLayout: false,
  language: 'en-GB',
  title: 'Order WB-2025-0117',
  creator: 'dhughes',
  date: '2025-03-03T10:00:00Z',
};

// =============================================================================================
// Generator
// =============================================================================================

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const FIXTURES = join(ROOT, 'fixtures');
const SOURCE = join(FIXTURES, 'source', 'quang-trung-2024.md');
const REPORTS_DIR = join(FIXTURES, 'reports');
const BAD_DIR = join(FIXTURES, 'bad');

const log = (s: string): void => void process.stdout.write(`${s}\n`);
const json = (v: unknown): string => `${JSON.stringify(v, null, 2)}\n`;

/**
 * A light check that the text says what the model says: some line of the body that names the
 * group ("Nhóm tiêu chí I", any case: its heading, or a closing "Cộng nhóm tiêu chí I: …") states
 * its score, or else a line of the group's part labels it ("Điểm tự đánh giá: 22.50 điểm",
 * "Số điểm đạt được: 15,25/20 điểm", "Tổng điểm trừ: 1,5 điểm"); its line in the summary (list
 * line or table row) holds the listed score, and every sub-group score and bonus/penalty item
 * appears as a number somewhere in the text.
 */
function checkText(v: ReportVariant, markdown: string): void {
  const text = markdown.normalize('NFC').replace(/\*/g, '');
  const lines = text.split('\n');
  const summaryAt = lines.findIndex((l) => (v.summaryStart ? v.summaryStart.test(l.replace(/^#+\s*/, '')) : /TỔNG HỢP KẾT QUẢ|^#*\s*III\.\s/u.test(l)));
  if (summaryAt < 0) throw new Error(`${v.name}: no summary section`);
  const problems: string[] = [];
  const number = (raw: string): string => `(?<![\\d.,])${raw.replace(/^[+-]/, '').replace(/[.,]/, '[.,]')}(?![\\d.,]\\d)`;
  const anyGroup = /Nhóm tiêu chí ([IVX]+)(?!\p{L})/iu;
  for (const [id, g] of Object.entries(v.model.groups)) {
    const re = new RegExp(`Nhóm tiêu chí ${id}(?!\\p{L})`, 'iu');
    const mentions = lines.slice(0, summaryAt).filter((l) => re.test(l));
    if (mentions.length === 0) problems.push(`no heading for group ${id}`);
    else if (
      g.score !== null &&
      !mentions.some((l) => new RegExp(`${number(g.score!)}\\s*(điểm|đ)`, 'iu').test(l)) &&
      !partOf(lines.slice(0, summaryAt), re, anyGroup).some((l) =>
        new RegExp(`(tự đánh giá|tự chấm|đạt được|điểm trừ)\\D*${number(g.score!)}(\\s*/\\s*\\d+)?\\s*(điểm|đ)`, 'iu').test(l),
      )
    ) {
      problems.push(`group ${id}: no line naming it states ${g.score}: ${mentions.join(' / ')}`);
    } else if (g.score === null && mentions.some((l) => /\d\s*(điểm|đ\b)/iu.test(l))) problems.push(`group ${id} heading states a score: ${mentions.join(' / ')}`);
    const listed = v.model.summary[id];
    const row = lines.slice(summaryAt).find((l) => re.test(l) || new RegExp(`^\\| ${id} \\|`).test(l));
    if (listed !== undefined && (!row || !row.includes(listed === null ? '' : listed.replace(/^[+-]/, '')))) problems.push(`summary line for ${id} lacks ${listed}`);
    for (const raw of [...Object.values(g.subgroups ?? {}), ...(g.items ?? []).map((i) => i.replace(/^[+-]/, '')), ...(g.restated ?? []).map((r) => r.replace(/^[+-]/, ''))]) {
      if (raw !== null && !new RegExp(number(raw)).test(text)) problems.push(`group ${id}: ${raw} is nowhere in the text`);
    }
  }
  if (v.model.total !== null && !lines.slice(summaryAt).some((l) => l.includes(v.model.total!))) problems.push(`summary lacks total ${v.model.total}`);
  for (const raw of v.model.totalRestated ?? []) if (!new RegExp(`${number(raw)}\\s*điểm`, 'u').test(text)) problems.push(`the restated total ${raw} is nowhere in the text`);
  if (v.model.classification && !text.includes(v.model.classification.text)) problems.push('classification text not found');
  if (!new RegExp(`^(${v.model.unit.type[0]!.toUpperCase()}${v.model.unit.type.slice(1)} )?${v.model.unit.name}, ngày`, 'mu').test(text)) problems.push('no place-and-date line');
  if (problems.length > 0) throw new Error(`${v.name}: the text disagrees with the model:\n  ${problems.join('\n  ')}`);
}

/** The lines from the first that names the group (`re`) up to the next that names another group. */
function partOf(lines: readonly string[], re: RegExp, anyGroup: RegExp): string[] {
  const start = lines.findIndex((l) => re.test(l));
  if (start < 0) return [];
  const next = lines.findIndex((l, i) => i > start && anyGroup.test(l) && !re.test(l));
  return lines.slice(start, next < 0 ? lines.length : next);
}

/** Deletes what a previous run left in `dir` that this run did not write. */
/** Files of fixtures/bad made by scripts of their own (`npm run fixtures` runs them after this one). */
const OTHER_GENERATORS = ['encrypted.docx'];

async function removeStale(dir: string, keep: ReadonlySet<string>): Promise<string[]> {
  const stale = (await readdir(dir)).filter((f) => !keep.has(f));
  for (const f of stale) await rm(join(dir, f), { recursive: true, force: true });
  return stale;
}

async function main(): Promise<void> {
  const started = performance.now();
  const work = await mkdtemp(join(tmpdir(), 'doisoat-fixtures-'));
  try {
    const sample = await readFile(SOURCE, 'utf8');
    await mkdir(REPORTS_DIR, { recursive: true });
    await mkdir(BAD_DIR, { recursive: true });

    // 1. Text and expected results of every variant; the hand-written flags must match the model.
    const markdownOf = new Map<string, string>();
    const styleOf = new Map<string, RenderOptions>();
    for (const v of REPORTS) {
      const own = v.from.startsWith('source/');
      const baseText = v.from === 'sample' ? sample : own ? await readFile(join(FIXTURES, v.from), 'utf8') : markdownOf.get(v.from);
      const baseStyle = v.from === 'sample' || own ? QUANG_TRUNG_STYLE : styleOf.get(v.from);
      if (baseText === undefined || baseStyle === undefined) throw new Error(`${v.name}: unknown base ${v.from}`);
      const text = applyEdits(baseText, v.edits, v.name);
      if (/Quang Trung/.test(text) && v.model.unit.name !== 'Quang Trung') throw new Error(`${v.name}: "Quang Trung" left in the text`);
      markdownOf.set(v.name, text);
      styleOf.set(v.name, { ...baseStyle, ...v.style });
      checkText(v, text);
      const derived = discrepancies(v.model).map(flagKey).sort();
      const declared = v.errors.map(flagKey).sort();
      if (derived.join() !== declared.join()) {
        throw new Error(`${v.name}: declared flags [${declared.join(', ')}] but the model implies [${derived.join(', ')}]`);
      }
    }

    // 2. DOCX.
    const docxPaths = new Map<string, string>();
    for (const v of REPORTS) {
      const path = join(work, `${v.name}.docx`);
      await writeFile(path, await renderDocx(parseMarkdown(markdownOf.get(v.name)!), styleOf.get(v.name)!));
      docxPaths.set(v.name, path);
      if (v.formats.includes('docx')) await copyFile(path, join(REPORTS_DIR, `${v.name}.docx`));
    }
    const letterDocx = join(work, 'english.docx');
    await writeFile(letterDocx, await renderDocx(parseMarkdown(ENGLISH_LETTER), LETTER_STYLE));
    log(`docx: ${REPORTS.length} rendered (${Math.round(performance.now() - started)} ms)`);

    // 3. PDF and DOC through LibreOffice (one process per target format).
    const pdfVariants = REPORTS.filter((v) => v.formats.includes('pdf'));
    const pdfOut = join(work, 'pdf');
    await mkdir(pdfOut);
    const pdfs = await sofficeConvert([...pdfVariants.map((v) => docxPaths.get(v.name)!), letterDocx], 'pdf', pdfOut);
    const written = new Map<string, Format[]>();
    const notes: string[] = [];
    for (const [i, v] of pdfVariants.entries()) {
      const target = join(REPORTS_DIR, `${v.name}.pdf`);
      await writeStablePdf(pdfs[i]!, target, styleOf.get(v.name)!.date);
      const text = await pdfToText(target);
      const pages = await pdfPages(target);
      const decomposed = /\p{M}/u.test(text);
      if (v.pdfOnlyIfStillNfd && !decomposed) {
        await rm(target);
        notes.push(`${v.name}.pdf dropped: LibreOffice composed the NFD text`);
        continue;
      }
      if (v.pdfOnlyIfStillNfd) notes.push(`${v.name}.pdf kept: pdftotext shows combining marks (the text layer is still NFD)`);
      const flat = text.normalize('NFC');
      for (const must of [v.model.unit.name, v.model.total ?? '', v.model.classification?.text ?? '']) {
        if (!flat.replace(/\s+/g, ' ').includes(must)) throw new Error(`${v.name}.pdf: pdftotext output lacks "${must}"`);
      }
      log(`pdf:  ${v.name}.pdf, ${pages} pages`);
    }
    for (const v of REPORTS) {
      const formats = v.formats.filter((f) => f !== 'pdf' || (v.pdfOnlyIfStillNfd ? !notes.some((n) => n.startsWith(`${v.name}.pdf dropped`)) : true));
      written.set(v.name, formats);
    }
    const letterPdf = join(BAD_DIR, 'english.pdf');
    await writeStablePdf(pdfs[pdfs.length - 1]!, letterPdf, LETTER_STYLE.date);

    const docVariants = REPORTS.filter((v) => v.formats.includes('doc'));
    const docOut = join(work, 'doc');
    await mkdir(docOut);
    const docs = await sofficeConvert(docVariants.map((v) => docxPaths.get(v.name)!), 'doc', docOut);
    for (const [i, v] of docVariants.entries()) await copyFile(docs[i]!, join(REPORTS_DIR, `${v.name}.doc`));
    log(`doc:  ${docVariants.map((v) => `${v.name}.doc`).join(', ')}`);

    // 4. Expected results.
    for (const v of REPORTS) {
      for (const f of written.get(v.name)!) {
        await writeFile(join(REPORTS_DIR, `${v.name}.${f}.expected.json`), json(expectedJson(v.model, f, v.errors)));
      }
    }

    // 5. Bad inputs.
    await writeFile(join(BAD_DIR, 'empty.docx'), Buffer.alloc(0));
    const qtPdf = join(REPORTS_DIR, 'quang-trung-2024.pdf');
    await writeFile(join(BAD_DIR, 'photo-renamed.docx'), await firstPagePng(qtPdf, 50));
    const qtBytes = await readFile(qtPdf);
    await writeFile(join(BAD_DIR, 'truncated.pdf'), qtBytes.subarray(0, Math.floor(qtBytes.length * 0.45)));
    const encrypted = await encryptPdf(join(REPORTS_DIR, 'bac-son-2024.pdf'), join(BAD_DIR, 'encrypted.pdf'), 'doisoat', 'doisoat-owner');
    log(`pdf:  encrypted.pdf ${encrypted === 'kept' ? 'kept (same content as before)' : 'written'}`);
    const bomb = await writeZipBomb(join(BAD_DIR, 'zip-bomb.docx'), {
      small: [
        {
          name: '[Content_Types].xml',
          data: Buffer.from(
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
          ),
        },
        {
          name: '_rels/.rels',
          data: Buffer.from(
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
          ),
        },
      ],
      bombName: 'word/document.xml',
      prefix:
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>',
      unit: `<w:p><w:r><w:t>${'0'.repeat(65_536)}</w:t></w:r></w:p>`,
      repeat: 18_000,
      suffix: '</w:body></w:document>',
      mtime: new Date('2024-12-01T00:00:00Z'),
    });
    log(`bomb: zip-bomb.docx ${bomb.bytes} bytes, word/document.xml inflates to ${bomb.inflated} bytes (${(bomb.inflated / 2 ** 30).toFixed(2)} GiB)`);
    await writeFile(join(BAD_DIR, 'expected.json'), json(Object.fromEntries(Object.entries(BAD).map(([f, b]) => [f, b.code]))));
    for (const f of Object.keys(BAD)) await readFile(join(BAD_DIR, f)); // every listed file exists

    // 6. README; files of earlier runs that this one did not write go.
    await writeFile(join(FIXTURES, 'README.md'), readme(written));
    const reportFiles = new Set(REPORTS.flatMap((v) => written.get(v.name)!.flatMap((f) => [`${v.name}.${f}`, `${v.name}.${f}.expected.json`])));
    const stale = [...(await removeStale(REPORTS_DIR, reportFiles)), ...(await removeStale(BAD_DIR, new Set([...Object.keys(BAD), 'expected.json', ...OTHER_GENERATORS])))];
    if (stale.length > 0) log(`removed stale: ${stale.join(', ')}`);
    for (const n of notes) log(`note: ${n}`);
    log(`done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

function readme(written: ReadonlyMap<string, readonly Format[]>): string {
  const rows = REPORTS.map((v) => {
    const files = written.get(v.name)!.map((f) => `\`${v.name}.${f}\``).join(', ');
    const errors = v.errors.length === 0 ? 'none (clean)' : v.errors.map((e) => `\`${e.rule}\`${e.group ? ` (group ${e.group})` : ''}`).join(', ');
    return `| ${files} | ${v.what} | ${errors} |`;
  });
  const bad = Object.entries(BAD).map(([f, b]) => `| \`${f}\` | ${b.what} | \`${b.code}\` |`);
  return `# Test fixtures

Generated by \`scripts/make-fixtures.ts\` — **do not edit by hand**; change the variant data at the
top of that script and run \`npm run fixtures\` (needs LibreOffice, qpdf and poppler-utils). The
generated files are committed; CI uses them as committed and never runs the generator.

## Layout

- \`source/quang-trung-2024.md\` — the real sample report (Markdown) the \`quang-trung\`, \`bac-son\`,
  \`dong-tien\` and \`qt-*\`/\`bs-*\` reports are made from.
- \`source/hoa-binh-2024.md\`, \`source/ngoc-lac-2024.md\` — two reports written for the fixtures
  (invented figures, not real documents) the way other communes lay them out, to test that doisoat
  generalises beyond the sample; the \`hh-*\` and \`nl-*\` variants are made from them.
- \`source/lam-son-2024.md\`, \`source/tan-phong-2024.md\` — two more reports written the same way
  (invented figures), unlike the four above in wording and layout; \`ts-*\` is made from Tân Phong.
- \`source/yen-lac-2024.md\` — one more report written the same way (invented figures), in wording
  of its own; \`yl-*\` is made from it.
- \`source/thach-son-2024.md\` — one more report written the same way (invented figures), in wording
  of its own; no variants are made from it.
- \`source/vinh-hung-2024.md\` — one more report written the same way (invented figures), in wording
  of its own; no variants are made from it.
- \`reports/<name>.<ext>\` — a report as DOCX (written with the \`docx\` package), PDF (exported
  from that DOCX by LibreOffice: a real text layer, several A4 pages) or DOC (LibreOffice, Word 97).
- \`reports/<name>.<ext>.expected.json\` — what doisoat must report for that file: a subset of
  ReportAudit (\`format\`, \`unit\`, \`year\`, \`declared\`, \`recomputed\`) that must match exactly,
  plus \`errorFlags\`, exactly the set of error-severity flags expected (\`[]\` for a clean file;
  warnings and infos are not listed). Written from the scores each variant is built from, by hand,
  never by running doisoat. Text in it is NFC, also for the NFD document.
- \`bad/\` — inputs that cannot be read; \`bad/expected.json\` maps file name → \`error.code\`.
- \`scans/\` — scanned PDFs and a photo made from the typed PDFs here, each with its
  \`.expected.json\`; \`bad-scans/\` — images and scans that must be refused. Generated by
  \`scripts/make-scans.ts\` (\`npm run fixtures:scans\`); see [\`scans/README.md\`](scans/README.md).
- \`tiff/\` — TIFFs made from scan fixtures (one page LZW, 16-bit grey, three pages LZW, three pages
  CCITT G4) and a blank 50×50 page (\`tiff/blank/\`). Generated by \`scripts/make-tiffs.ts\`
  (\`npm run fixtures:tiff\`); the one-page ones carry their twin's \`.expected.json\`.
- \`bundles/\` — several report PDFs joined into one by qpdf (three typed reports, three scanned ones;
  the middle report states a wrong total). Generated by \`scripts/make-bundles.ts\`
  (\`npm run fixtures:bundles\`); each \`.expected.json\` lists its reports' own expected results in
  order, each with \`part\` (its pages in the file).
- \`photos/\` — phone-style JPEG photos of a page: stored on its side or upside down with an EXIF
  Orientation tag and a 72 dpi header, and a page on a dark desk (turned, in perspective, lit
  from one corner), and a HEIC photo. Generated by \`scripts/make-photos.ts\` (\`npm run fixtures:photos\`); each
  carries its twin's \`.expected.json\` (the summary photo in \`scans/\`).

## Reports

| files | what it is | expected error flags |
|---|---|---|
${rows.join('\n')}

Every injected variant changes exactly one figure of an otherwise consistent report (for
\`bs-group-sum-mismatch\` the total is raised with it, so only the group sum disagrees).
Note that in \`qt-summary-mismatch\`, \`bs-summary-mismatch\` and \`nl-summary-mismatch\` the summary's
own column no longer adds up to the total stated next to it; the body still does, and the expected
error is the summary-vs-body mismatch only.

How the reports are laid out (to know what the readers face):

- \`quang-trung-2024\`: the sample's Markdown headings (\`##\`…\`#####\`, at inconsistent levels, as
  in the source) are Word Heading 1–6 styles; bold-only lines stay bold paragraphs. Dash lists
  are Word bullet lists with the bullet "-", nested items ("  - + Tổng thu …") a second level with
  bullet "+". Page numbers at the top from page 2 (in the PDF text they are lines holding only
  a number).
- \`bac-son-2024\`: no heading styles and no bold in section titles; a title block with
  "UBND PHƯỜNG BẮC SƠN" and "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"; bullets "–"; footer
  "Trang N"; the summary is a 4-column table (\`TT | Nội dung | Điểm tối đa | Điểm tự chấm\`,
  rows I–VI, last row \`Tổng cộng | | 100 | 87\`). Dot thousands remain ("3.150 con",
  "300.850.000 đồng") next to dot decimals ("1.12%").
- \`dong-tien-2024\`: every text node in word/document.xml is NFD. ${
    written.get('dong-tien-2024')?.includes('pdf')
      ? 'LibreOffice keeps it decomposed in the PDF text layer too (checked on every run: pdftotext shows combining marks, e.g. "ố" = o + U+0302 + U+0301), so the PDF is kept.'
      : 'LibreOffice composed it on export, so there is no PDF of it.'
  } Group headings are bold paragraphs, not heading styles.
- \`hoa-binh-2024\` (own source): title block "UBND HUYỆN VŨ THƯ / UBND XÃ HÒA BÌNH"; sections
  "I. KHÁI QUÁT TÌNH HÌNH CHUNG" … "III. TỔNG HỢP ĐIỂM TỰ CHẤM VÀ ĐỀ NGHỊ XẾP LOẠI" as Heading 1, groups
  as Heading 2 in ALL CAPS with their maximum and no score ("1. NHÓM TIÊU CHÍ I: … (TỐI ĐA 25 ĐIỂM)"),
  sub-groups as Heading 3 with the score in the heading ("1.1. Chỉ tiêu kinh tế: tự chấm 7,5/10 điểm"),
  each group closed by a bold italic "Cộng nhóm tiêu chí I: 21,5 điểm." (the only statement of the
  group's score in the body). Group III has sub-groups (3.1, 3.2), IV and V have none. Group VI
  "ĐIỂM THƯỞNG, ĐIỂM TRỪ": "Trừ 0,5 điểm: …", "Trừ 0,5 điểm: …", "Thưởng 2 điểm: …", closed by
  "Cộng nhóm tiêu chí VI: 01 điểm.". Summary: a list "- Nhóm tiêu chí I: 21,5 điểm;" …, then
  "Tổng cộng: 88,5 điểm." and "UBND xã Hòa Bình tự xếp loại: Hoàn thành tốt nhiệm vụ năm 2024.".
  Footer "Trang N". Prose numbers: "12.456.780.000 đồng", "9 tỷ 870 triệu đồng", "2.172,2 tấn", one
  dot decimal "98.2%" in a comma document, dates "07/9/2024", ranks "4/27", "Km 12+300", "ĐT.454",
  a congress "lần thứ V" (a roman numeral that is not a group).
- \`ngoc-lac-2024\` (own source): no heading styles, titles are bold paragraphs; no group VI. Body
  group titles state maximum then score: "1. Nhóm tiêu chí I: … (điểm chuẩn 30 điểm; tự chấm 28,5
  điểm)"; the body's sub-parts are "a) Về kinh tế" … "d) …" with no score. Section "III. TỔNG HỢP KẾT
  QUẢ TỰ CHẤM ĐIỂM" holds the only table: \`STT | Nội dung tiêu chí | Điểm chuẩn | Điểm tự chấm\`,
  bold group rows I–V, sub-group rows 1.1–1.4 under I and 2.1–2.2 under II (the only place the
  sub-group scores are stated, so they are the declared sub-groups), last row
  \`| Tổng cộng | 100 | 95,5\` with an empty STT; then "Tổng số điểm tự chấm năm 2024: 95,5/100 điểm.",
  "… đề nghị xếp loại: Hoàn thành xuất sắc nhiệm vụ." and a further section "IV. KIẾN NGHỊ, ĐỀ XUẤT".
  Prose has "01 điểm tập kết rác" (điểm = a place, not points), "45 tỷ 620 triệu đồng",
  "28.934.500.000 đồng", "97,56%".
- \`lam-son-2024\` (own source): title block "UBND THÀNH PHỐ HƯNG YÊN / UBND PHƯỜNG LAM SƠN", "Kính
  gửi: …" centred; sections "Phần I. KHÁI QUÁT ĐẶC ĐIỂM, TÌNH HÌNH", "Phần II. …", "Phần III. TỔNG HỢP
  KẾT QUẢ VÀ ĐỀ NGHỊ XẾP LOẠI" as Heading 1; group titles are bold italic paragraphs with no number and
  no score ("Nhóm tiêu chí I. Kết quả thực hiện …"), the next line, in italics, gives maximum and score
  ("Điểm chuẩn: 25 điểm. Điểm tự đánh giá: 22.50 điểm."); sub-groups are italic paragraphs
  ("1.1. Lĩnh vực kinh tế (điểm chuẩn 10 điểm)") closed by "Điểm tự đánh giá: 8.25/10 điểm (…)".
  Every score is typed with a dot and two decimals ("2.00", "22.50", "92.83") while the prose uses
  decimal commas ("98,1%", "1.284,6 tỷ đồng") and one dot percentage ("95.6%"). Group IV states
  how its score was derived ("15 x 97,22% = 14.58 điểm"). Group VI: "thưởng 2.00 điểm", "thưởng 1.50
  điểm", "trừ 0.50 điểm" at the ends of list items. Summary: a table \`Nhóm tiêu chí | Điểm tối đa |
  Điểm tự đánh giá | Ghi chú\` whose first column is "Nhóm tiêu chí I: …" (no TT column), whose notes
  hold figures that are not scores ("Thu nhập bình quân đạt 98,1% KH", "Thưởng 3.50; trừ 0.50"), last
  row \`Tổng cộng | 100 | 92.83 |\`; then "2. Tổng điểm tự đánh giá năm 2024: 92.83 điểm." and
  "… xếp loại: Hoàn thành xuất sắc nhiệm vụ năm 2024.". A running header "UBND phường Lam Sơn - Báo
  cáo tự đánh giá, chấm điểm, xếp loại năm 2024" on every page but the first, footer "Trang N/M".
- \`tan-phong-2024\` (own source): title block "ỦY BAN NHÂN DÂN / XÃ TÂN PHONG", a place-and-date
  line without the level ("Tân Phong, ngày 03 tháng 12 năm 2024"); sections "A. ĐẶC ĐIỂM TÌNH HÌNH",
  "B. KẾT QUẢ TỰ ĐÁNH GIÁ, CHẤM ĐIỂM", "C. TỔNG HỢP ĐIỂM VÀ ĐỀ NGHỊ XẾP LOẠI" as bold paragraphs; group
  titles carry the maximum only ("1. Nhóm tiêu chí I (20 điểm): …"); sub-groups "1.1. Chỉ tiêu về
  kinh tế (8 điểm)" in italics, each closed by "Tự chấm: 5,5đ"; each group closed by a bold italic
  "=> Số điểm đạt được: 15,25/20 điểm."; groups III and IV have no sub-groups, V has 5.1/5.2. Group
  VI "Điểm trừ" has only penalties ("…: trừ 0,5 điểm.", "…: trừ 1 điểm.") and is closed by "=> Tổng
  điểm trừ: 1,5 điểm." — it counts −1,5. Summary list "Nhóm tiêu chí I: 15,25/20 điểm;" … "Nhóm tiêu
  chí VI (điểm trừ): trừ 1,5 điểm.", then "Tổng số điểm: 78,25/100 điểm." and the classification as
  a bold heading "2. ĐỀ NGHỊ XẾP LOẠI: HOÀN THÀNH NHIỆM VỤ" (text expected as written, upper case).
  Bullets "+", page numbers at the top from page 2.
- \`yen-lac-2024\` (own source): title block "UBND HUYỆN NHƯ THANH / UBND XÃ YÊN LẠC", "Xã Yên Lạc, ngày
  12 tháng 12 năm 2024"; parts "PHẦN THỨ NHẤT/HAI/BA: …" as Heading 1, groups as Heading 2 with their
  maximum ("Nhóm tiêu chí I. Phát triển kinh tế - xã hội (thang điểm 25)"), sub-groups as Heading 3
  ("1.1. Về kinh tế (tối đa 10 điểm)") closed by an italic "Tiểu nhóm 1.1 tự chấm đạt 8,5 điểm." /
  "Mục 2.1 tự chấm đạt 22,5 điểm.". Each group's score in its own words: a bold closing "Điểm tự đánh
  giá nhóm I: 21,25 điểm.", "Nhóm II tự chấm đạt 31,25/35 điểm.", group III's at the end of its title
  ("(thang điểm 10) - tự chấm đạt 8,5 điểm"), "Điểm tự đánh giá nhóm IV: 13,25 điểm." (IV has
  sub-groups 4.1/4.2), "Nhóm V tự chấm đạt 9 điểm.", group VI's in its title "(tự chấm: 2 điểm)" with
  items "đề nghị cộng 1,5 điểm", "đề nghị cộng 1 điểm", "tự trừ 0,5 điểm". Summary: a table
  \`Nhóm | Tên nhóm tiêu chí | Thang điểm | Điểm tự chấm\` (rows I–VI, \`Tổng cộng | | 100 | 85,25\`),
  then "… tổng số điểm UBND xã Yên Lạc tự chấm năm 2024 là 85,25 điểm (thang điểm 100)." and "Tự xếp
  loại mức độ hoàn thành nhiệm vụ năm 2024: Hoàn thành tốt nhiệm vụ.". Bullets "•", footer "Trang N/M".

## Reading the PDFs (what pdftotext showed)

- Default \`pdftotext\` de-hyphenates: a line ending in " -" is joined to the next with the dash
  dropped ("kinh tế -⏎xã hội" → "kinh tế xã hội"). \`-raw\` and \`-layout\` keep the dash; pdf.js
  (pdf-parse) keeps it too.
- Tables: default \`pdftotext\` prints the Bắc Sơn summary table column by column (all of
  "Nội dung", then all scores, then I…VI); \`-raw\` and pdf.js give row order, but a wrapped
  "Nội dung" cell puts the row's numbers on its last line ("tế - xã hội 25 20.5"), and
  \`-layout\` puts them on the middle line of the wrapped cell.
- Page numbers appear as lines of their own ("2", "Trang 9"), between the body lines.
- Phrases that carry a score wrap across lines ("Tổng⏎điểm tự chấm: 14,5 điểm."); in
  \`hoa-binh-2024.pdf\` a sub-group heading wraps right before its score ("3.2. Công tác tiếp công
  dân, giải quyết khiếu nại, tố cáo: tự chấm⏎4,5/5 điểm").
- The \`ngoc-lac-2024\` table breaks across pages 2–3 inside row I: LibreOffice splits the row,
  repeats the header row on page 3, and the rest of row I's text ("kinh tế - xã hội") comes after the
  page number and the repeated header. Default \`pdftotext\` prints the table column by column;
  \`-raw\` gives rows, with a wrapped "Nội dung" cell's STT on a line before it and its two scores on
  a line after it ("II⏎Kết quả … nhà⏎nước trên địa bàn⏎35 33,5").
- The \`lam-son-2024\` summary table (4 pages) breaks across pages 3–4 inside row V: "Nhóm tiêu chí V:
  Hỗ trợ doanh nghiệp, | 10 | 9.75" ends page 3 (then "Trang 3/4"); page 4 starts with the running
  header, the repeated header row, and the rest of row V's text ("cải thiện môi trường đầu tư kinh
  doanh"). With \`-layout\`, a three-line "Nhóm tiêu chí" cell (row III) has its numbers on its middle
  line, a two-line one (rows II, V) on its first line, and the notes column wraps on its own
  ("Thưởng 3.50; trừ⏎0.50"). Group IV's "15 x 97,22% =⏎14.58 điểm." wraps before the score.
- In \`tan-phong-2024.pdf\` (3 pages) a page break falls between sub-group 5.2's text and its
  "Tự chấm: 7,5đ" (the page number "3" comes in between), and between the sub-group title
  "1.4. Chỉ tiêu về quốc phòng - an ninh (3 điểm)" and its text.

## Known quirks of the real sample (kept in the reports made from it)

The expected \`errorFlags\` of the clean files are \`[]\` although the sample's prose has two
figures that a strict prose-arithmetic check could question: "27,2 ha … 131,9 tạ/ha, sản lượng
358,7 tấn" (27,2 × 131,9 = 3 587,68 tạ = 358,768 t: truncated, not rounded) and "Chi cho đầu tư
phát triển: 24,1 tỷ đồng" next to "Tổng chi: 18 tỷ đồng". They are in the sample, in the \`qt-*\`
variants and in \`dong-tien-2024\`; \`bac-son-2024\`, \`hoa-binh-2024\`, \`ngoc-lac-2024\`,
\`lam-son-2024\`, \`tan-phong-2024\` and \`yen-lac-2024\` (and their variants) have consistent figures instead: parts
add up to their totals, area × yield = output (rounded to the written decimal), percentages of plan are the written ratios rounded, each bonus's
indicator beats its target, and an indicator stated twice has one value.

## Bad inputs

| file | what it is | expected \`error.code\` |
|---|---|---|
${bad.join('\n')}

## Regenerating

\`\`\`
npm run fixtures
\`\`\`

Re-running with unchanged inputs rewrites every file byte for byte: DOCX zips get fixed entry
dates and fixed created/modified dates; each PDF's /CreationDate is set to the document's date and
its /ID and /DocChecksum are derived from its content; LibreOffice's .doc output turned out to be
stable as it is. AES-256 encryption always draws fresh random salts, so \`bad/encrypted.pdf\` is
kept when its decrypted content still equals \`reports/bac-son-2024.pdf\` and re-encrypted otherwise.
Files of earlier runs that the generator no longer writes are deleted.
`;
}

await main();
