/**
 * Hàng đợi: Bull Board under /admin/queues, for admins only, when the server has REDIS_URL.
 * Bull Board's own page needs inline scripts and styles, so its scope alone gets a looser CSP.
 */
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import { Queue } from 'bullmq';
import type { FastifyInstance } from 'fastify';
import { NIGHTLY_QUEUE, redisConnection, SCANS_QUEUE, TYPED_QUEUE, type QueueConfig } from '../../runtime/queues.js';
import { requireRole } from '../guards.js';

export const QUEUES_PATH = '/admin/queues';

const BOARD_CSP = "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'self'; object-src 'none'";

export async function queueRoutes(app: FastifyInstance, ctx: { config: QueueConfig | null }): Promise<void> {
  const { config } = ctx;
  if (!config) return;
  const connection = redisConnection(config);
  const queues = [TYPED_QUEUE, SCANS_QUEUE, NIGHTLY_QUEUE].map((name) => new Queue(name, { connection, prefix: config.prefix }));
  const board = new FastifyAdapter();
  board.setBasePath(QUEUES_PATH);
  createBullBoard({ queues: queues.map((q) => new BullMQAdapter(q, { readOnlyMode: false })), serverAdapter: board, options: { uiConfig: { boardTitle: 'Hàng đợi đối soát' } } });
  await app.register(
    async (scope) => {
      scope.addHook('preHandler', requireRole());
      scope.addHook('onSend', async (_request, reply, payload) => {
        reply.header('content-security-policy', BOARD_CSP);
        return payload;
      });
      await scope.register(board.registerPlugin());
    },
    { prefix: QUEUES_PATH },
  );
  app.addHook('onClose', async () => {
    await Promise.all(queues.map((q) => q.close()));
    connection.disconnect();
  });
}
