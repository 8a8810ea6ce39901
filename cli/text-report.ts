/**
 * The readable Vietnamese report of one audit: declared vs recomputed per group, then the flags
 * with where they stand. Pure: returns text, the caller prints it.
 */
import type { FigureJson, ReportAudit } from '../core/report-audit.js';
import { reportName } from '../core/report-part.js';
import { FORMAT, LEVEL, SEVERITY } from './labels.js';
import { printableName } from './printable.js';

const vn = (n: number | null | undefined): string => (n === null || n === undefined ? '—' : String(n).replace('.', ','));
const fig = (f: FigureJson | null | undefined): string => (f ? vn(f.value) : '—');

function pad(text: string, width: number): string {
  return text.length >= width ? text : text + ' '.repeat(width - text.length);
}

export function renderAudit(audit: ReportAudit): string {
  const out: string[] = [];
  const who = audit.unit ? `${audit.unit.type} ${audit.unit.name}` : 'chưa rõ đơn vị';
  const year = audit.year ? `, năm ${audit.year}` : '';
  out.push(`■ ${printableName(reportName(audit))} (${FORMAT[audit.format] ?? audit.format}${audit.error ? '' : `, ${who}${year}`})`);
  if (audit.error) {
    out.push(`  Không đọc được [${audit.error.code}]: ${audit.error.message}`);
    return out.join('\n');
  }

  const summary = new Map(audit.declared.summary.map((s) => [s.id, s.score]));
  const rows: string[][] = [['Nhóm', 'Khai báo', 'Tính lại', 'Tổng hợp']];
  for (const g of audit.declared.groups) {
    const recomputed = audit.recomputed.groups[g.id];
    rows.push([g.id, fig(g.score), recomputed === undefined ? '' : vn(recomputed), summary.has(g.id) ? fig(summary.get(g.id)) : '']);
  }
  for (const s of audit.declared.summary) {
    if (!audit.declared.groups.some((g) => g.id === s.id)) rows.push([s.id, '', '', fig(s.score)]);
  }
  rows.push(['Tổng', fig(audit.declared.total), vn(audit.recomputed.total), '']);
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)) + 2);
  for (const r of rows) out.push('  ' + r.map((cell, c) => pad(cell, widths[c]!)).join('').trimEnd());

  const cls = audit.declared.classification;
  out.push(`  Xếp loại tự đánh giá: ${cls ? `${cls.text} (${LEVEL[cls.level]})` : 'không thấy'}`);

  const errors = audit.flags.filter((f) => f.severity === 'error').length;
  const warnings = audit.flags.filter((f) => f.severity === 'warning').length;
  if (audit.flags.length === 0) out.push('  Không phát hiện sai lệch.');
  else out.push(`  Phát hiện ${errors} lỗi, ${warnings} cảnh báo, ${audit.flags.length - errors - warnings} lưu ý:`);
  for (const f of audit.flags) {
    out.push(`  [${SEVERITY[f.severity]}] ${f.rule}: ${f.message}`);
    for (const e of f.evidence.slice(0, 4)) out.push(`      trang ${e.page}, dòng ${e.line}: “${clip(e.text)}”`);
  }
  return out.join('\n');
}

export function renderTotals(audits: readonly ReportAudit[]): string {
  const unreadable = audits.filter((a) => a.error).length;
  const discrepant = audits.filter((a) => !a.error && a.flags.some((f) => f.severity === 'error')).length;
  const clean = audits.length - unreadable - discrepant;
  // A file holding several reports counts once as a file, and each of its reports once.
  const files = audits.filter((a) => !a.part || a.part.index === 1).length;
  const counted = files === audits.length ? `${files} tệp` : `${audits.length} báo cáo trong ${files} tệp`;
  return `Tổng cộng ${counted}: ${clean} không có lỗi, ${discrepant} có sai lệch, ${unreadable} không đọc được.`;
}

function clip(text: string, max = 110): string {
  return text.length <= max ? text : text.slice(0, max - 1) + '…';
}
