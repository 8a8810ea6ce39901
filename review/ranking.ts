/**
 * Xếp hạng: the reports of one year side by side — declared and recomputed totals,
 * classification, confirmed discrepancies and open flags — ranked, the view the office compares.
 */
import type { Store } from '../store/store.js';
import { isZero, vi } from './reports.js';

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
export const RANKING_PAGE_SIZE = 50;

const baseName = (p: string): string => p.split(/[\\/]/).pop() ?? p;

/** Larger first for figures, A to Z for communes; ties by file. A report without the figure comes last. */
const DIRECTION: Record<RankingSort, 'asc' | 'desc'> = { total: 'desc', recomputed: 'desc', confirmed: 'desc', open: 'desc', commune: 'asc' };

/** The readable reports of one year, ranked and paged by the store (the list's rows and indexes). */
export async function ranking(store: Store, options: { year?: number | null; sort?: string | null; page?: number | null; pageSize?: number } = {}): Promise<RankingView> {
  const years = await store.reportYears();
  const year = options.year && years.includes(options.year) ? options.year : (years[0] ?? null);
  const sort = (RANKING_SORTS as readonly string[]).includes(options.sort ?? '') ? (options.sort as RankingSort) : 'total';
  const size = options.pageSize ?? RANKING_PAGE_SIZE;
  const wanted = Math.max(Math.trunc(options.page ?? 1), 1);
  const filter = { ...(year === null ? {} : { year }), readableOnly: true, sort, direction: DIRECTION[sort], pageSize: size } as const;
  let found = year === null ? { rows: [], total: 0 } : await store.listReports({ ...filter, page: wanted });
  const pages = Math.max(1, Math.ceil(found.total / size));
  // A page past the end shows the last one.
  if (wanted > pages && found.total > 0) found = await store.listReports({ ...filter, page: pages });
  const page = Math.min(wanted, pages);
  const from = (page - 1) * size;
  const rows = found.rows.map((r, i) => ({
    rank: from + i + 1,
    sha256: r.sha256,
    commune: r.unitName ?? '—',
    file: baseName(r.firstPath),
    total: r.total,
    recomputed: r.recomputedTotal,
    classification: r.classification ?? '—',
    mismatch: r.difference !== null && !isZero(r.difference),
    confirmed: r.review.confirmed,
    open: r.review.relevant - r.review.decided,
  }));
  return { year, years, sort, rows, total: found.total, page, pages };
}

/** "92,3" for a cell, "—" for none. */
export const cell = (text: string | null): string => vi(text);
