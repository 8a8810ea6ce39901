/**
 * The reports of the review desk: the list (GET /bao-cao), one report (GET /bao-cao/:sha256), an
 * auditor's decision on a flag (form, and POST /api/flags/:sha256/:seq/decision), and the JSON
 * API (GET /api/reports, /api/reports/:sha256). Views and decisions come from review/.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { defaultMessage, isDoisoatError, type ErrorCode } from '../../core/errors.js';
import { decide } from '../../review/decide.js';
import { listReports, parseListQuery, reportData, reportDetail } from '../../review/reports.js';
import { REVIEW_STATE_LABELS } from '../../review/state.js';
import type { Store } from '../../store/store.js';
import { refuse, requireRole } from '../guards.js';
import { page } from '../pages.js';
import { render } from '../templates.js';

const SHA = /^[0-9a-f]{64}$/;
const SEQ = /^\d{1,6}$/;

const STATUS: Partial<Record<ErrorCode, number>> = { 'report-not-found': 404, 'flag-not-found': 404, 'not-allowed': 403 };

/** A DoisoatError as the caller understands it; anything else goes on to the server's handler. */
function failed(request: FastifyRequest, reply: FastifyReply, err: unknown): FastifyReply {
  if (!isDoisoatError(err)) throw err;
  return refuse(request, reply, STATUS[err.code] ?? 400, err.code, err.userMessage);
}

const notFound = (request: FastifyRequest, reply: FastifyReply): FastifyReply => refuse(request, reply, 404, 'report-not-found', defaultMessage('report-not-found'));

/** Auditors and admins decide. */
const auditorOnly = requireRole('auditor');

type Params = { sha256: string; seq?: string };

export async function reportRoutes(app: FastifyInstance, ctx: { store: Store }): Promise<void> {
  const { store } = ctx;

  async function detailPage(request: FastifyRequest, reply: FastifyReply, sha256: string, status = 200, formError?: { seq: number; message: string; note: string }): Promise<FastifyReply> {
    const view = await reportDetail(store, sha256, request.session!.user);
    const body = render('report', { ...view, csrfToken: request.session!.csrfToken, formError: formError ?? null });
    return reply.code(status).type('text/html; charset=utf-8').send(page(request, `Báo cáo ${view.commune} ${view.year}`, body));
  }

  app.get('/bao-cao', async (request, reply) => {
    const view = await listReports(store, parseListQuery(request.query as Record<string, unknown>));
    return reply.type('text/html; charset=utf-8').send(page(request, 'Báo cáo', render('reports', { ...view })));
  });

  app.get<{ Params: Params }>('/bao-cao/:sha256', async (request, reply) => {
    if (!SHA.test(request.params.sha256)) return notFound(request, reply);
    try {
      return await detailPage(request, reply, request.params.sha256);
    } catch (err) {
      return failed(request, reply, err);
    }
  });

  app.post<{ Params: Params }>('/bao-cao/:sha256/flags/:seq/quyet-dinh', { preHandler: auditorOnly }, async (request, reply) => {
    const { sha256, seq } = request.params;
    if (!SHA.test(sha256) || !SEQ.test(seq ?? '')) return notFound(request, reply);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const note = typeof body['note'] === 'string' ? body['note'] : '';
    try {
      await decide(store, request.session!.user, sha256, Number(seq), body['decision'], note);
    } catch (err) {
      if (!isDoisoatError(err) || STATUS[err.code]) return failed(request, reply, err);
      // The report again, the reason next to the flag, the note kept.
      return detailPage(request, reply, sha256, 400, { seq: Number(seq), message: err.userMessage, note });
    }
    return reply.redirect(`/bao-cao/${sha256}#canh-bao-${seq}`, 303);
  });

  app.post<{ Params: Params }>('/api/flags/:sha256/:seq/decision', { preHandler: auditorOnly }, async (request, reply) => {
    const { sha256, seq } = request.params;
    if (!SHA.test(sha256) || !SEQ.test(seq ?? '')) return notFound(request, reply);
    const body = (request.body ?? {}) as Record<string, unknown>;
    try {
      const { decision, review } = await decide(store, request.session!.user, sha256, Number(seq), body['decision'], body['note']);
      return reply.code(201).send({ decision, state: review.state, stateLabel: REVIEW_STATE_LABELS[review.state] });
    } catch (err) {
      return failed(request, reply, err);
    }
  });

  app.get('/api/reports', async (request) => {
    const view = await listReports(store, parseListQuery(request.query as Record<string, unknown>));
    return { rows: view.data, total: view.total, page: view.page, pages: view.pages, pageSize: view.pageSize };
  });

  app.get<{ Params: Params }>('/api/reports/:sha256', async (request, reply) => {
    if (!SHA.test(request.params.sha256)) return notFound(request, reply);
    try {
      const { detail, review } = await reportData(store, request.params.sha256);
      return {
        sha256: detail.sha256,
        file: detail.firstPath,
        audit: detail.audit,
        flags: review.flags.map(({ flag, latest }) => ({ ...flag, decision: latest })),
        decisions: detail.decisions,
        notCarried: review.notCarried,
        state: review.state,
        stateLabel: REVIEW_STATE_LABELS[review.state],
      };
    } catch (err) {
      return failed(request, reply, err);
    }
  });
}
