/** Refusals and role guards, shared by every route of the web app. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Role } from '../core/roles.js';
import { isApi, page } from './pages.js';
import { render } from './templates.js';

/** A refusal as the caller understands it: JSON under /api, a page otherwise. */
export function refuse(request: FastifyRequest, reply: FastifyReply, status: number, code: string, message: string): FastifyReply {
  if (isApi(request)) return reply.code(status).send({ code, message });
  return reply
    .code(status)
    .type('text/html; charset=utf-8')
    .send(page(request, 'Không thực hiện được', render('error', { heading: 'Không thực hiện được', message })));
}

/** Role guard for a route: a signed-in user without one of `roles` is answered 403. */
export function requireRole(...roles: Role[]) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> => {
    const role = request.session?.user.role;
    if (role === 'admin' || (role && roles.includes(role))) return undefined;
    return refuse(request, reply, 403, 'forbidden', 'Tài khoản của bạn không có quyền làm việc này.');
  };
}
