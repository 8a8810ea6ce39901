/** Xếp hạng: one year's reports ranked, as a sortable table and a server-drawn SVG chart. */
import type { FastifyInstance } from 'fastify';
import { cell, ranking, RANKING_SORT_LABELS, RANKING_SORTS } from '../../review/ranking.js';
import type { Store } from '../../store/store.js';
import { rankingChart } from '../chart.js';
import { page } from '../pages.js';
import { render } from '../templates.js';

const toNumber = (text: string | null): number | null => (text === null ? null : Number(text));

export async function rankingRoutes(app: FastifyInstance, ctx: { store: Store }): Promise<void> {
  const view = async (query: Record<string, unknown>) => {
    const year = typeof query['nam'] === 'string' && /^\d{4}$/.test(query['nam']) ? Number(query['nam']) : null;
    const sort = typeof query['sap-xep'] === 'string' ? query['sap-xep'] : null;
    const page = typeof query['trang'] === 'string' && /^\d{1,6}$/.test(query['trang']) ? Number(query['trang']) : 1;
    return ranking(ctx.store, { year, sort, page });
  };

  app.get('/xep-hang', async (request, reply) => {
    const v = await view(request.query as Record<string, unknown>);
    const href = (changes: { year?: number | null; sort?: string; page?: number }): string => {
      const p = new URLSearchParams();
      const year = changes.year === undefined ? v.year : changes.year;
      if (year) p.set('nam', String(year));
      const sort = changes.sort ?? v.sort;
      if (sort !== 'total') p.set('sap-xep', sort);
      if (changes.page && changes.page > 1) p.set('trang', String(changes.page));
      const q = p.toString();
      return q ? `/xep-hang?${q}` : '/xep-hang';
    };
    const chart = rankingChart(
      v.rows.map((r) => ({ label: `${r.rank}. ${r.commune}`, declared: toNumber(r.total), recomputed: toNumber(r.recomputed) })),
      { title: `Tổng điểm khai báo và tính lại, năm ${v.year ?? ''}` },
    );
    const body = render('ranking', {
      ...v,
      chart,
      cell,
      yearLinks: v.years.map((y) => ({ year: y, href: href({ year: y }), current: y === v.year })),
      sortLinks: RANKING_SORTS.map((s) => ({ label: RANKING_SORT_LABELS[s], href: href({ sort: s }), active: s === v.sort })),
      prev: v.page > 1 ? href({ page: v.page - 1 }) : null,
      next: v.page < v.pages ? href({ page: v.page + 1 }) : null,
    });
    return reply.type('text/html; charset=utf-8').send(page(request, 'Xếp hạng', body));
  });

  app.get('/api/ranking', async (request) => view(request.query as Record<string, unknown>));
}
