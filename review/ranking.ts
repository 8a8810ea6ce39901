/**
 * Xếp hạng: the reports of one year side by side — declared and recomputed totals,
 * classification, confirmed discrepancies and open flags — ranked, the view the office compares.
 */
import { compare, decimalFromString, type Decimal } from '../core/decimal.js';
import type { ReportRow, Store } from '../store/store.js';
import { vi } from './reports.js';

export const RANKING_SORTS = ['total', 'recomputed', 'confirmed', 'open', 'commune'] as const;
export type RankingSort = (typeof RANKING_SORTS)[number];
export const RANKING_SORT_LABELS: Record<RankingSort, string> = {
  total: 'Tổng khai báo',
  recomputed: 'Tổng tính lại',
  confirmed: 'Sai lệch đã xác nhận',
  open: 'Cảnh báo chưa xem',
  commune: 'Xã',
};

export interface RankingRow {
  rank: number;
  sha256: string;
  commune: string;
  file: string;
  /** Exact decimal text; null when the report states none (or could not be read). */
  total: string | null;
  recomputed: string | null;
  classification: string;
  /** Declared and recomputed totals differ. */
  mismatch: boolean;
  confirmed: number;
  open: number;
}

export interface RankingView {
  year: number | null;
  years: number[];
  sort: RankingSort;
  rows: RankingRow[];
}

const dec = (text: string | null): Decimal | null => (text === null ? null : decimalFromString(text));

/** Larger first, unknown last: a report without a total cannot outrank one with it. */
function byDecimal(a: string | null, b: string | null): number {
  const x = dec(a);
  const y = dec(b);
  if (x === null || y === null) return x === null ? (y === null ? 0 : 1) : -1;
  return compare(y, x);
}

const baseName = (p: string): string => p.split(/[\\/]/).pop() ?? p;

async function allOfYear(store: Store, year: number): Promise<ReportRow[]> {
  const rows: ReportRow[] = [];
  for (let page = 1; ; page++) {
    const { rows: some, total } = await store.listReports({ year, page, pageSize: 500, sort: 'commune', direction: 'asc' });
    rows.push(...some);
    if (rows.length >= total || some.length === 0) return rows;
  }
}

export async function ranking(store: Store, options: { year?: number | null; sort?: string | null } = {}): Promise<RankingView> {
  const years = await store.reportYears();
  const year = options.year && years.includes(options.year) ? options.year : (years[0] ?? null);
  const sort = (RANKING_SORTS as readonly string[]).includes(options.sort ?? '') ? (options.sort as RankingSort) : 'total';
  const rows = year === null ? [] : (await allOfYear(store, year)).filter((r) => r.errorCode === null);
  const view = rows.map((r) => ({
    sha256: r.sha256,
    commune: r.unitName ?? '—',
    file: baseName(r.firstPath),
    total: r.total,
    recomputed: r.recomputedTotal,
    classification: r.classification ?? '—',
    mismatch: r.total !== null && r.recomputedTotal !== null && compare(decimalFromString(r.total), decimalFromString(r.recomputedTotal)) !== 0,
    confirmed: r.review.confirmed,
    open: r.review.relevant - r.review.decided,
  }));
  const order: Record<RankingSort, (a: (typeof view)[number], b: (typeof view)[number]) => number> = {
    total: (a, b) => byDecimal(a.total, b.total),
    recomputed: (a, b) => byDecimal(a.recomputed, b.recomputed),
    confirmed: (a, b) => b.confirmed - a.confirmed,
    open: (a, b) => b.open - a.open,
    commune: (a, b) => a.commune.localeCompare(b.commune, 'vi'),
  };
  view.sort((a, b) => order[sort](a, b) || a.commune.localeCompare(b.commune, 'vi') || a.file.localeCompare(b.file));
  return { year, years, sort, rows: view.map((r, i) => ({ rank: i + 1, ...r })) };
}

/** "92,3" for a cell, "—" for none. */
export const cell = (text: string | null): string => vi(text);
