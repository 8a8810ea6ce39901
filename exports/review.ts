/**
 * The review desk's exports: reports and their flags (with the latest decision on each) as CSV and
 * as an Excel workbook. Rows arrive ready to show (labels in Vietnamese); this module only lays
 * them out.
 *
 * CSV: UTF-8 with a byte-order mark, numbers with a decimal comma and never escaped (a negative
 * difference stays a number), text cells Excel would run as a formula (= + - @, tab, CR) escaped
 * with a leading apostrophe. XLSX: numbers and instants as typed cells, text as plain strings
 * (never formulas, so nothing to escape), frozen header row and an autofilter.
 */
import ExcelJS from 'exceljs';
import { stringify } from 'csv-stringify/sync';
import { escapeCell, numberCell } from './cells.js';

export interface ReportExportRow {
  commune: string | null;
  year: number | null;
  format: string;
  file: string;
  total: number | null;
  recomputed: number | null;
  /** total − recomputed, exact to the hundredth; null unless both are known. */
  difference: number | null;
  classification: string | null;
  errors: number;
  warnings: number;
  infos: number;
  state: string;
  /** The reading error ("code: message"), if the file could not be read. */
  readError: string | null;
  sha256: string;
}

export interface FlagExportRow {
  commune: string | null;
  year: number | null;
  file: string;
  rule: string;
  severity: string;
  group: string | null;
  declared: number | null;
  recomputed: number | null;
  message: string;
  /** Where the evidence is, e.g. "trang 1, dòng 104". */
  where: string;
  /** "Xác nhận sai lệch", "Bỏ qua" or "chưa". */
  decision: string;
  decidedBy: string | null;
  /** ISO instant of the latest decision. */
  decidedAt: string | null;
  note: string;
  decisionCount: number;
  sha256: string;
}

type Kind = 'text' | 'score' | 'difference' | 'integer' | 'instant';

interface Column<R> {
  header: string;
  kind: Kind;
  width: number;
  value: (r: R) => string | number | null;
}

const REPORT_COLUMNS: Column<ReportExportRow>[] = [
  { header: 'Xã/phường', kind: 'text', width: 22, value: (r) => r.commune },
  { header: 'Năm', kind: 'integer', width: 7, value: (r) => r.year },
  { header: 'Định dạng', kind: 'text', width: 10, value: (r) => r.format },
  { header: 'Tệp', kind: 'text', width: 34, value: (r) => r.file },
  { header: 'Tổng điểm khai báo', kind: 'score', width: 12, value: (r) => r.total },
  { header: 'Tổng điểm tính lại', kind: 'score', width: 12, value: (r) => r.recomputed },
  { header: 'Chênh lệch', kind: 'difference', width: 11, value: (r) => r.difference },
  { header: 'Xếp loại', kind: 'text', width: 18, value: (r) => r.classification },
  { header: 'Số lỗi', kind: 'integer', width: 8, value: (r) => r.errors },
  { header: 'Số cảnh báo', kind: 'integer', width: 10, value: (r) => r.warnings },
  { header: 'Số lưu ý', kind: 'integer', width: 8, value: (r) => r.infos },
  { header: 'Trạng thái xem xét', kind: 'text', width: 22, value: (r) => r.state },
  { header: 'Lỗi đọc tệp', kind: 'text', width: 24, value: (r) => r.readError },
  { header: 'sha256', kind: 'text', width: 20, value: (r) => r.sha256 },
];

const FLAG_COLUMNS: Column<FlagExportRow>[] = [
  { header: 'Xã/phường', kind: 'text', width: 22, value: (r) => r.commune },
  { header: 'Năm', kind: 'integer', width: 7, value: (r) => r.year },
  { header: 'Tệp', kind: 'text', width: 30, value: (r) => r.file },
  { header: 'Quy tắc', kind: 'text', width: 20, value: (r) => r.rule },
  { header: 'Mức độ', kind: 'text', width: 10, value: (r) => r.severity },
  { header: 'Nhóm', kind: 'text', width: 8, value: (r) => r.group },
  { header: 'Khai báo', kind: 'score', width: 10, value: (r) => r.declared },
  { header: 'Tính lại', kind: 'score', width: 10, value: (r) => r.recomputed },
  { header: 'Nội dung', kind: 'text', width: 60, value: (r) => r.message },
  { header: 'Vị trí (trang/dòng)', kind: 'text', width: 22, value: (r) => r.where },
  { header: 'Quyết định mới nhất', kind: 'text', width: 18, value: (r) => r.decision },
  { header: 'Người quyết định', kind: 'text', width: 16, value: (r) => r.decidedBy },
  { header: 'Thời điểm', kind: 'instant', width: 17, value: (r) => r.decidedAt },
  { header: 'Ghi chú', kind: 'text', width: 40, value: (r) => r.note },
  { header: 'Số lần quyết định', kind: 'integer', width: 10, value: (r) => r.decisionCount },
  { header: 'sha256', kind: 'text', width: 20, value: (r) => r.sha256 },
];

/** Vietnam keeps UTC+7 all year (no daylight saving). */
const VN_OFFSET_MS = 7 * 3600_000;

/** An ISO instant as Vietnam's wall-clock time, "05/03/2025 14:07"; the text itself if unparsable. */
function vnTime(iso: string): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  const d = new Date(t + VN_OFFSET_MS);
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${p(d.getUTCDate())}/${p(d.getUTCMonth() + 1)}/${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}`;
}

// ---------------------------------------------------------------- CSV

function csvCell(kind: Kind, v: string | number | null): string {
  if (v === null || v === '') return '';
  if (typeof v === 'number') return kind === 'integer' ? String(v) : numberCell(v);
  if (kind === 'instant') return vnTime(v);
  return escapeCell(v);
}

function csv<R>(columns: readonly Column<R>[], rows: readonly R[]): string {
  const records = rows.map((r) => columns.map((c) => csvCell(c.kind, c.value(r))));
  return stringify([columns.map((c) => c.header), ...records], { bom: true, record_delimiter: 'windows' });
}

export const reportsCsv = (rows: readonly ReportExportRow[]): string => csv(REPORT_COLUMNS, rows);
export const flagsCsv = (rows: readonly FlagExportRow[]): string => csv(FLAG_COLUMNS, rows);

// ---------------------------------------------------------------- XLSX

const NUM_FMT: Partial<Record<Kind, string>> = {
  score: '0.00',
  difference: '+0.00;-0.00;0.00',
  integer: '0',
  instant: 'dd/mm/yyyy hh:mm',
};

function xlsxCell(kind: Kind, v: string | number | null): ExcelJS.CellValue {
  if (v === null || v === '') return null;
  if (kind === 'instant' && typeof v === 'string') {
    const t = Date.parse(v);
    // Excel has no time zones: the wall-clock time in Vietnam, written as if UTC.
    return Number.isNaN(t) ? v : new Date(t + VN_OFFSET_MS);
  }
  return v;
}

function addSheet<R>(book: ExcelJS.Workbook, name: string, columns: readonly Column<R>[], rows: readonly R[]): void {
  const sheet = book.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c) => ({ header: c.header, width: c.width, style: NUM_FMT[c.kind] ? { numFmt: NUM_FMT[c.kind]! } : {} }));
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.alignment = { vertical: 'middle', wrapText: true };
  for (const r of rows) sheet.addRow(columns.map((c) => xlsxCell(c.kind, c.value(r))));
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
}

/** The workbook: sheet "Báo cáo" (one row per report) and "Cảnh báo" (one row per flag). */
export async function reviewXlsx(data: { reports: readonly ReportExportRow[]; flags: readonly FlagExportRow[] }): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'doisoat';
  addSheet(book, 'Báo cáo', REPORT_COLUMNS, data.reports);
  addSheet(book, 'Cảnh báo', FLAG_COLUMNS, data.flags);
  return Buffer.from(await book.xlsx.writeBuffer());
}
