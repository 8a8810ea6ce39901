/**
 * Xếp hạng: the reports of one year side by side — declared and recomputed totals,
 * classification, confirmed discrepancies and open flags — ranked, the view the office compares.
 */
import { compare, decimalFromString, type Decimal } from '../core/decimal.js';
import type { Store, YearReport } from '../store/store.js';
import { vi } from './reports.js';
import { reviewOf } from './state.js';

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
  /** This page's rows, in rank order. */
  rows: RankingRow[];
  /** Reports ranked in all, and the page shown (RANKING_PAGE_SIZE rows a page). */
  total: number;
  page: number;
  pages: number;
}

/** Rows a page: a town's communes fit on one; a larger store is paged, table and chart alike. */
export const RANKING_PAGE_SIZE = 100;

const dec = (text: string | null): Decimal | null => (text === null ? null : decimalFromString(text));

/** Larger first, unknown last: a report without a total cannot outrank one with it. */
function byDecimal(a: string | null, b: string | null): number {
  const x = dec(a);
  const y = dec(b);
  if (x === null || y === null) return x === null ? (y === null ? 0 : 1) : -1;
  return compare(y, x);
}

const baseName = (p: string): string => p.split(/[\\/]/).pop() ?? p;

/** Each report's confirmed discrepancies and open (undecided error or warning) flags. */
async function reviewCounts(store: Store, reports: readonly YearReport[]): Promise<Map<string, { confirmed: number; open: number }>> {
  const out = new Map<string, { confirmed: number; open: number }>();
  const found = await store.flagsAndDecisions(reports.map((r) => r.sha256));
  for (const [sha256, { flags, decisions }] of found) {
    const { counts } = reviewOf(flags, decisions);
    out.set(sha256, { confirmed: counts.confirmed, open: counts.relevant - counts.decided });
  }
  return out;
}

export async function ranking(store: Store, options: { year?: number | null; sort?: string | null; page?: number | null; pageSize?: number } = {}): Promise<RankingView> {
  const years = await store.reportYears();
  const year = options.year && years.includes(options.year) ? options.year : (years[0] ?? null);
  const sort = (RANKING_SORTS as readonly string[]).includes(options.sort ?? '') ? (options.sort as RankingSort) : 'total';
  const rows = year === null ? [] : await store.reportsOfYear(year);
  const counts = await reviewCounts(store, rows);
  const view = rows.map((r) => ({
    sha256: r.sha256,
    commune: r.unitName ?? '—',
    file: baseName(r.firstPath),
    total: r.total,
    recomputed: r.recomputedTotal,
    classification: r.classification ?? '—',
    mismatch: r.total !== null && r.recomputedTotal !== null && compare(decimalFromString(r.total), decimalFromString(r.recomputedTotal)) !== 0,
    confirmed: counts.get(r.sha256)?.confirmed ?? 0,
    open: counts.get(r.sha256)?.open ?? 0,
  }));
  const order: Record<RankingSort, (a: (typeof view)[number], b: (typeof view)[number]) => number> = {
    total: (a, b) => byDecimal(a.total, b.total),
    recomputed: (a, b) => byDecimal(a.recomputed, b.recomputed),
    confirmed: (a, b) => b.confirmed - a.confirmed,
    open: (a, b) => b.open - a.open,
    commune: (a, b) => a.commune.localeCompare(b.commune, 'vi'),
  };
  view.sort((a, b) => order[sort](a, b) || a.commune.localeCompare(b.commune, 'vi') || a.file.localeCompare(b.file));
  const size = options.pageSize ?? RANKING_PAGE_SIZE;
  const pages = Math.max(1, Math.ceil(view.length / size));
  const page = Math.min(Math.max(Math.trunc(options.page ?? 1), 1), pages);
  const from = (page - 1) * size;
  const ranked = view.slice(from, from + size).map((r, i) => ({ rank: from + i + 1, ...r }));
  return { year, years, sort, rows: ranked, total: view.length, page, pages };
}

/** "92,3" for a cell, "—" for none. */
export const cell = (text: string | null): string => vi(text);
