/**
 * The report's vocabulary as patterns over folded text (see fold.ts): lower case, no diacritics,
 * đ → d. Matching the idea rather than one sentence: "Tổng điểm tự chấm: 21,3đ", "Điểm tự chấm
 * 21.3 điểm", "Kết quả số điểm tự chấm … đạt: 8,3 điểm" all carry a score phrase.
 */

/** "1. Nhóm tiêu chí I: …", "NHÓM TIÊU CHÍ II - …", "- Nhóm tiêu chí III: 10 điểm;". */
export const GROUP_HEAD = /^\s*(?:[-+•*]\s*)?(?:(\d{1,2})\s*[.)/]\s*)?nhom\s+(?:tieu\s+chi\s+)?(?:thu\s+)?([ivxl]+)\b\s*[:.\-–—)]?\s*/;

/** A group's own total, stated where the group ends: "Cộng nhóm tiêu chí I: 21,5 điểm". */
export const GROUP_TOTAL = /^\s*(?:[-+•*]\s*)?(?:cong|tong\s+cong|tong\s+(?:so\s+)?diem(?:\s+tu\s+cham)?|(?:so\s+)?diem(?:\s+tu\s+(?:cham|danh\s+gia))?)\s+(?:cua\s+)?nhom\s+(?:tieu\s+chi\s+)?([ivxl]+)\b/;

/** "1.1 Nhóm tiêu chí về kinh tế:", "2.2. Kết quả thực hiện …", "Tiểu nhóm 4.1 tự chấm đạt 7,25 điểm". */
export const SUBGROUP_HEAD = /^\s*(?:[-+•*]\s*)?(?:(?:tieu\s+nhom|tieu\s+muc|muc)\s+)?(\d{1,2})\.(\d{1,2})\.?\s+(\S.*)$/;

/** A number after one of these is a declared score ("Tựchấm": OCR may drop the space). */
export const SCORE_PHRASE = /tu\s*cham|tu\s+danh\s+gia|tong\s+(?:so\s+)?diem|diem\s+dat/;

/** Phrases that state the grand total rather than a group's score. */
export const TOTAL_PHRASE = /tong\s+cong|ket\s+qua\s+tu\s+danh\s+gia|tong\s+(?:so\s+)?diem|tong\s+hop\s+diem/;

/** The closing summary's heading: "III. TỔNG HỢP KẾT QUẢ CHẤM ĐIỂM VÀ ĐỀ NGHỊ XẾP LOẠI". */
/** The summary's own title, without a section number: "TỔNG HỢP ĐIỂM", "Tổng hợp kết quả". */
export const SUMMARY_TITLE = /tong\s+hop\s+(?:ket\s+qua|diem)/;
export const SUMMARY_HEAD = /tong\s+hop\s+(?:ket\s+qua|diem)|^\s*[ivx]+\s*[.)]\s*.*(?:cham\s+diem|xep\s+loai)/;

/** The bonus/penalty group's title. */
export const BONUS_TITLE = /thuong|phat|\btru\b|cong\s+diem/;

/** Right before a bonus or penalty amount: "Đề nghị thưởng 2 điểm", "Bị trừ 1 điểm". */
export const BONUS_BEFORE = /(thuong|cong|tru|phat)\s*(?:them\s*)?:?\s*$/;
export const PENALTY_WORDS = new Set(['tru', 'phat']);

/** Hoàn thành xuất sắc / tốt / Hoàn thành / Không hoàn thành nhiệm vụ. */
export const CLASSIFICATION = /(khong\s+)?hoan\s+thanh\s+(?:(xuat\s+sac|tot)\s+)?nhiem\s+vu/;

/** Table header cells. */
export const SCORE_COLUMN = /tu\s*cham|tu\s*danh\s*gia|diem\s+dat/;
export const MAX_COLUMN = /toi\s*da|diem\s*chuan|thang\s*diem/;
export const TOTAL_ROW = /^\s*(?:tong\s+cong|tong\s+so|tong\s+diem|tong)\b/;

/** "Xã Quang Trung, ngày …", "UBND PHƯỜNG BẮC SƠN". */
export const UNIT_TYPES: ReadonlyArray<[RegExp, string]> = [
  [/\bthi\s+tran\b/, 'thị trấn'],
  [/\bphuong\b/, 'phường'],
  [/\bxa\b/, 'xã'],
];
