/**
 * What the exports hold: every report the list's filters select (all pages, in the list's order)
 * and each one's flags with the latest decision on it, as plain rows for exports/review.ts.
 */
import { defaultMessage, type ErrorCode } from '../core/errors.js';
import type { Span } from '../core/report-audit.js';
import type { FlagExportRow, ReportExportRow } from '../exports/review.js';
import type { ReportRow, Store } from '../store/store.js';
import { filterOf, FORMAT_LABELS, SEVERITY_LABELS, type ListQuery } from './reports.js';
import { reviewOf, stateFromCounts, stateLabel } from './state.js';

/** The store's largest page (tests may ask for smaller ones). */
const EXPORT_PAGE = 500;

const DECISION_TEXT = { confirmed: 'Xác nhận sai lệch', dismissed: 'Bỏ qua' } as const;
const UNDECIDED = 'chưa';

/** Exact decimal text → number ('−1.75' → -1.75); null when absent or not a number. */
const num = (text: string | null): number | null => {
  if (text === null || text === '') return null;
  const n = Number(text);
  return Number.isFinite(n) ? n : null;
};

const whereOf = (evidence: readonly Span[]): string => [...new Set(evidence.map((s) => `trang ${s.page}, dòng ${s.line}`))].join('; ');

export async function exportRows(store: Store, query: ListQuery, options: { pageSize?: number } = {}): Promise<{ reports: ReportExportRow[]; flags: FlagExportRow[] }> {
  const filter = filterOf(query);
  const size = Math.min(options.pageSize ?? EXPORT_PAGE, EXPORT_PAGE);
  const listed: ReportRow[] = [];
  const seen = new Set<string>();
  for (let page = 1; ; page++) {
    const { rows, total } = await store.listReports({ ...filter, page, pageSize: size });
    // A report saved between two pages may shift the rest by one: never twice in the export.
    for (const r of rows) {
      if (seen.has(r.sha256)) continue;
      seen.add(r.sha256);
      listed.push(r);
    }
    if (rows.length < size || page * size >= total) break;
  }
  const records = await store.flagsAndDecisions(listed.map((r) => r.sha256));
  const reports: ReportExportRow[] = [];
  const flags: FlagExportRow[] = [];
  for (const r of listed) {
    const state = stateFromCounts(r.review);
    reports.push({
      commune: r.unitName,
      year: r.year,
      format: FORMAT_LABELS[r.format] ?? r.format,
      file: r.firstPath,
      total: num(r.total),
      recomputed: num(r.recomputedTotal),
      difference: num(r.difference),
      classification: r.classification,
      errors: r.flags.error,
      warnings: r.flags.warning,
      infos: r.flags.info,
      state: stateLabel(state, r.errorCode),
      readError: r.errorCode ? `${r.errorCode}: ${defaultMessage(r.errorCode as ErrorCode) ?? ''}`.replace(/: $/, '') : null,
      sha256: r.sha256,
    });
    const record = records.get(r.sha256);
    if (!record) continue;
    for (const { flag, latest, history } of reviewOf(record.flags, record.decisions).flags) {
      flags.push({
        commune: r.unitName,
        year: r.year,
        file: r.firstPath,
        rule: flag.rule,
        severity: SEVERITY_LABELS[flag.severity],
        group: flag.groupId,
        declared: num(flag.declared),
        recomputed: num(flag.recomputed),
        message: flag.message,
        where: whereOf(flag.evidence),
        decision: latest ? DECISION_TEXT[latest.decision] : UNDECIDED,
        decidedBy: latest?.userName ?? null,
        decidedAt: latest?.decidedAt ?? null,
        note: latest?.note ?? '',
        decisionCount: history.length,
        sha256: r.sha256,
      });
    }
  }
  return { reports, flags };
}
