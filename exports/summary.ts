/**
 * A batch's summary for the outbox: CSV (UTF-8 with a byte-order mark, so Excel opens the
 * Vietnamese right) and JSON, one row per report: its total, the recomputed total, its flags.
 * Text cells that Excel would take for a formula (= + - @, tab, CR) are escaped with a leading
 * quote; numbers (a negative difference too) stay numbers, with a decimal comma (cells.ts).
 */
import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { stringify } from 'csv-stringify/sync';
import type { ReportAudit, ReportPart } from '../core/report-audit.js';
import { reportName } from '../core/report-part.js';
import { escapeCell, numberCell } from './cells.js';

export { escapeCell } from './cells.js';

export interface SummaryRow {
  /** The file's name; for one report of a bundle, with its place and pages in the file. */
  file: string;
  sha256: string;
  /** Set for one report of a file holding several: which, and the file's pages it covers. */
  part: ReportPart | null;
  unit: string | null;
  year: number | null;
  total: number | null;
  recomputedTotal: number | null;
  classification: string | null;
  flagCount: number;
  errorFlagCount: number;
  error: { code: string; message: string } | null;
}

export interface BatchSummary {
  batchId: string;
  source: string | null;
  createdAt: string;
  finishedAt: string;
  reports: SummaryRow[];
}

export function summaryRow(a: ReportAudit): SummaryRow {
  return {
    file: reportName(a),
    sha256: a.sha256,
    part: a.part ?? null,
    unit: a.unit ? `${a.unit.type} ${a.unit.name}` : null,
    year: a.year,
    total: a.declared.total?.value ?? null,
    recomputedTotal: a.recomputed.total,
    classification: a.declared.classification?.text ?? null,
    flagCount: a.flags.length,
    errorFlagCount: a.flags.filter((f) => f.severity === 'error').length,
    error: a.error,
  };
}

const HEADER = ['Tệp', 'Đơn vị', 'Năm', 'Tổng điểm tự chấm', 'Tổng điểm tính lại', 'Chênh lệch', 'Xếp loại tự đánh giá', 'Số cảnh báo', 'Số lỗi mâu thuẫn', 'Lỗi đọc tệp'];

export function summaryCsv(rows: readonly SummaryRow[]): string {
  const records = rows.map((r) => {
    // Difference in exact hundredths: both figures have at most two decimals.
    const diff = r.total !== null && r.recomputedTotal !== null ? (Math.round(r.total * 100) - Math.round(r.recomputedTotal * 100)) / 100 : null;
    const text = (s: string | null): string => escapeCell(s ?? '');
    return [
      text(r.file),
      text(r.unit),
      numberCell(r.year),
      numberCell(r.total),
      numberCell(r.recomputedTotal),
      numberCell(diff),
      text(r.classification),
      numberCell(r.flagCount),
      numberCell(r.errorFlagCount),
      text(r.error ? `${r.error.code}: ${r.error.message}` : null),
    ];
  });
  return stringify([HEADER, ...records], { bom: true, record_delimiter: 'windows' });
}

/**
 * Writes `<stem>.json` and `<stem>.csv` into the outbox, each atomically (a reader never sees half
 * a file), the CSV last: whoever sees the CSV, which offices open, finds its JSON beside it.
 */
export async function writeSummary(outbox: string, stem: string, summary: BatchSummary): Promise<{ csv: string; json: string }> {
  await mkdir(outbox, { recursive: true });
  const csv = path.join(outbox, `${stem}.csv`);
  const json = path.join(outbox, `${stem}.json`);
  await writeAtomic(json, JSON.stringify(summary, null, 2) + '\n');
  await writeAtomic(csv, summaryCsv(summary.reports));
  return { csv, json };
}

async function writeAtomic(file: string, content: string): Promise<void> {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  await writeFile(tmp, content, 'utf8');
  await rename(tmp, file);
}
