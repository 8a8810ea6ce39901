/** The page frame every HTML answer shares, and what a request is (page or API). */
import type { FastifyRequest } from 'fastify';
import { ROLE_LABELS } from '../core/roles.js';
import type { SessionRecord } from '../store/store.js';
import { render } from './templates.js';

declare module 'fastify' {
  interface FastifyRequest {
    session: SessionRecord | null;
  }
}

export const isApi = (request: FastifyRequest): boolean => request.url.startsWith('/api/') || request.url === '/api';

/** A whole page: the layout around `body`, with the signed-in user and the session's CSRF token. */
export function page(request: FastifyRequest, title: string, body: string): string {
  const s = request.session;
  return render('layout', { title, body, user: s?.user ?? null, roleLabel: s ? ROLE_LABELS[s.user.role] : '', csrfToken: s?.csrfToken ?? '' });
}
