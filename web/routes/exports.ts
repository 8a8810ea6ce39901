/**
 * Exports of the reports list for any signed-in user: the reports and their flags with decisions,
 * as CSV (GET /xuat/bao-cao.csv, /xuat/canh-bao.csv) and as one workbook (GET /xuat/bao-cao.xlsx).
 * The query string is the list's (xa, nam, dinh-dang, trang-thai, co-canh-bao, sap-xep, chieu); every
 * page of it is exported.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { flagsCsv, reportsCsv, reviewXlsx } from '../../exports/review.js';
import { exportRows } from '../../review/export.js';
import { parseListQuery } from '../../review/reports.js';
import type { Store } from '../../store/store.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Today in Vietnam (UTC+7), "2026-12-06": ASCII only, safe in any Content-Disposition. */
const today = (): string => new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);

function attachment(reply: FastifyReply, stem: string, ext: 'csv' | 'xlsx', type: string, body: string | Buffer): FastifyReply {
  return reply
    .type(type)
    .header('content-disposition', `attachment; filename="doisoat-${stem}-${today()}.${ext}"`)
    .header('cache-control', 'no-store')
    .send(body);
}

export async function exportRoutes(app: FastifyInstance, ctx: { store: Store }): Promise<void> {
  const { store } = ctx;
  const rowsOf = (request: FastifyRequest) => exportRows(store, parseListQuery(request.query as Record<string, unknown>));

  app.get('/xuat/bao-cao.csv', async (request, reply) => attachment(reply, 'bao-cao', 'csv', 'text/csv; charset=utf-8', reportsCsv((await rowsOf(request)).reports)));

  app.get('/xuat/canh-bao.csv', async (request, reply) => attachment(reply, 'canh-bao', 'csv', 'text/csv; charset=utf-8', flagsCsv((await rowsOf(request)).flags)));

  app.get('/xuat/bao-cao.xlsx', async (request, reply) => attachment(reply, 'bao-cao', 'xlsx', XLSX, await reviewXlsx(await rowsOf(request))));
}
