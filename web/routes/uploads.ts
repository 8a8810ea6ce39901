/**
 * Tải lên: clerks upload reports (a multi-file form, or POST /api/uploads), which become one batch
 * (batches/run-batch.ts); a progress page follows it item by item over server-sent events, and
 * GET /api/batches/:id answers the same as JSON. Files over a limit are refused one by one with a
 * Vietnamese reason; the rest go on. No file is parsed here.
 */
import { timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { PassThrough, type Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { batchSnapshot, followBatch, type BatchItemState } from '../../batches/follow.js';
import { startBatch, type BatchOutcome, type Dispatch } from '../../batches/run-batch.js';
import { sizeLabel, type UploadedFile } from '../../batches/uploads.js';
import { MAX_FILE_BYTES } from '../../core/limits.js';
import type { Store } from '../../store/store.js';
import { refuse as refusePage, requireRole } from '../guards.js';
import { isApi, page } from '../pages.js';
import { render } from '../templates.js';

export interface UploadLimits {
  /** Bytes per file (default MAX_FILE_BYTES, 50 MiB). */
  fileBytes?: number;
  /** Files per request (default 50). */
  files?: number;
  /** Bytes kept per request (default 200 MiB). */
  requestBytes?: number;
}

export interface UploadContext {
  store: Store;
  dispatch: Dispatch;
  limits?: UploadLimits;
  /** How often a follower asks the store, in ms (default 500). */
  pollMs?: number;
}

const staticFile = (name: string): Buffer =>
  readFileSync(fileURLToPath(new URL(import.meta.url.endsWith('.ts') ? `../static/${name}` : `../../../web/static/${name}`, import.meta.url)));
const scripts: Record<string, Buffer> = { 'upload.js': staticFile('upload.js'), 'progress.js': staticFile('progress.js') };

const STATE_LABELS: Record<BatchItemState['state'], string> = {
  pending: 'Đang xử lý',
  done: 'Đã đối soát',
  refused: 'Không đối soát được',
};

const number = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 2 });
const figure = (n: number | null | undefined): string => (n === null || n === undefined ? 'không thấy' : number.format(n));

/** An item as a row: its state and a one-line result, in Vietnamese. */
export function rowOf(item: BatchItemState): { position: number; name: string; state: string; stateLabel: string; summary: string } {
  let summary = 'Đang chờ kết quả…';
  if (item.state === 'refused' && item.error) summary = `${item.error.message} (${item.error.code})`;
  if (item.state === 'done') {
    const flags = item.errorFlags ? `${item.errorFlags} lỗi` : 'không có lỗi';
    summary = item.reports
      ? `${item.reports} báo cáo trong tệp, mỗi báo cáo được liệt kê riêng · ${flags}`
      : `Tổng tự chấm: ${figure(item.total)} · tính lại: ${figure(item.recomputedTotal)} · ${flags}`;
  }
  return { position: item.position, name: item.name, state: item.state, stateLabel: STATE_LABELS[item.state], summary };
}

function sameToken(a: string | undefined, b: string): boolean {
  if (typeof a !== 'string') return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

async function drain(stream: Readable): Promise<void> {
  for await (const _ of stream) void _;
}

export async function uploadRoutes(app: FastifyInstance, ctx: UploadContext): Promise<void> {
  const { store, dispatch } = ctx;
  const fileBytes = ctx.limits?.fileBytes ?? MAX_FILE_BYTES;
  const maxFiles = ctx.limits?.files ?? 50;
  const requestBytes = ctx.limits?.requestBytes ?? 200 * 1024 * 1024;
  const limitsText = `Tối đa ${maxFiles} tệp một lần, mỗi tệp tối đa ${sizeLabel(fileBytes)}, tổng cộng tối đa ${sizeLabel(requestBytes)}.`;
  const uploads = new WeakMap<FastifyRequest, UploadedFile[]>();
  // Batches run in this process, and the followers streaming them: ended or awaited on close.
  const running = new Set<Promise<BatchOutcome>>();
  const closing = new AbortController();

  function form(request: FastifyRequest, reply: FastifyReply, status = 200, error?: string): FastifyReply {
    const body = render('upload', { csrfToken: request.session?.csrfToken ?? '', limitsText, maxFiles, error });
    return reply.code(status).type('text/html; charset=utf-8').send(page(request, 'Tải lên', body));
  }

  /** A refused upload: JSON under /api, the form again with the reason otherwise. */
  function refuse(request: FastifyRequest, reply: FastifyReply, status: number, code: string, message: string): FastifyReply {
    if (request.method === 'POST' && !isApi(request)) return form(request, reply, status, message);
    return refusePage(request, reply, status, code, message);
  }

  /**
   * Reads a multipart request before the server's CSRF check (which needs the form field), but
   * keeps no file's bytes unless the token came first (header or a `_csrf` field before the files).
   */
  async function readUpload(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> {
    if (!request.isMultipart()) return refuse(request, reply, 415, 'unsupported-media-type', 'Hãy gửi tệp dưới dạng multipart/form-data, trường "files".');
    const expected = request.session!.csrfToken;
    let allowed = sameToken(request.headers['x-csrf-token'] as string | undefined, expected);
    let csrf: string | undefined;
    const files: UploadedFile[] = [];
    let kept = 0;
    try {
      for await (const part of request.parts()) {
        if (part.type === 'field') {
          if (part.fieldname === '_csrf' && typeof part.value === 'string') {
            csrf = part.value;
            allowed ||= sameToken(csrf, expected);
          }
          continue;
        }
        if (!allowed || part.fieldname !== 'files') {
          await drain(part.file);
          continue;
        }
        const chunks: Buffer[] = [];
        let size = 0;
        for await (const chunk of part.file as AsyncIterable<Buffer>) {
          size += chunk.length;
          if (kept + size <= requestBytes) chunks.push(chunk);
        }
        if (!part.filename && size === 0) continue; // the form sent with no file chosen
        const name = part.filename || '(không tên)';
        if (part.file.truncated) files.push({ name, overLimit: 'file', limitBytes: fileBytes });
        else if (kept + size > requestBytes) files.push({ name, overLimit: 'request', limitBytes: requestBytes });
        else {
          kept += size;
          files.push({ name, bytes: Buffer.concat(chunks, size) });
        }
      }
    } catch (err) {
      if ((err as { code?: unknown }).code === 'FST_FILES_LIMIT') {
        reply.header('connection', 'close');
        return refuse(request, reply, 413, 'too-many-files', `Quá nhiều tệp trong một lần tải lên: tối đa ${maxFiles} tệp. Hãy chia thành nhiều lần.`);
      }
      throw err;
    }
    // What the server's CSRF check reads.
    request.body = csrf === undefined ? {} : { _csrf: csrf };
    uploads.set(request, files);
    return undefined;
  }

  /** Registers the files as a batch and answers its id; processing goes on without the request. */
  async function start(request: FastifyRequest, files: UploadedFile[]): Promise<string> {
    const kind = dispatch.kind === 'queue' ? 'enqueue' : 'local';
    const { batchId, run } = await startBatch(store, kind, { kind: 'uploads', files, maxBytes: fileBytes }, dispatch);
    running.add(run);
    run
      .catch((err: unknown) => app.log.error({ err, batchId }, 'upload batch failed'))
      .finally(() => running.delete(run));
    request.log.info({ batchId, files: files.length }, 'upload registered');
    return batchId!;
  }

  await app.register(async (scope) => {
    await scope.register(multipart, {
      // The name as sent, path and all: it is a label, never used as a path.
      preservePath: true,
      throwFileSizeLimit: false,
      limits: { fileSize: fileBytes, files: maxFiles, fields: 10, fieldSize: 1024, parts: maxFiles + 10 },
    });

    scope.addHook('preClose', async () => closing.abort());
    scope.addHook('onClose', async () => {
      await Promise.allSettled([...running]);
    });

    for (const name of Object.keys(scripts)) {
      scope.get(`/static/${name}`, async (_request, reply) =>
        reply.type('text/javascript; charset=utf-8').header('cache-control', 'max-age=3600').send(scripts[name]),
      );
    }

    // Clerks upload; admins may do everything.
    const clerk = requireRole('clerk');

    scope.get('/tai-len', { onRequest: clerk }, async (request, reply) => form(request, reply));

    const upload = async (request: FastifyRequest, reply: FastifyReply): Promise<string | FastifyReply> => {
      const files = uploads.get(request) ?? [];
      if (files.length === 0) return refuse(request, reply, 400, 'no-files', 'Chưa chọn tệp nào để tải lên.');
      return start(request, files);
    };

    scope.post('/tai-len', { onRequest: clerk, preValidation: readUpload }, async (request, reply) => {
      const batchId = await upload(request, reply);
      if (typeof batchId !== 'string') return batchId;
      return reply.code(303).redirect(`/tai-len/${batchId}`);
    });

    scope.post('/api/uploads', { onRequest: clerk, preValidation: readUpload }, async (request, reply) => {
      const batchId = await upload(request, reply);
      if (typeof batchId !== 'string') return batchId;
      return reply.code(202).send({ batchId });
    });

    scope.get<{ Params: { batchId: string } }>('/tai-len/:batchId', async (request, reply) => {
      const snapshot = await batchSnapshot(store, request.params.batchId);
      if (!snapshot) return refusePage(request, reply, 404, 'not-found', 'Không có lần tải lên này.');
      const body = render('upload-progress', {
        batchId: snapshot.batchId,
        size: snapshot.size,
        done: snapshot.done,
        finished: snapshot.done >= snapshot.size,
        rows: snapshot.items.map(rowOf),
      });
      return reply.type('text/html; charset=utf-8').send(page(request, 'Tiến độ tải lên', body));
    });

    scope.get<{ Params: { batchId: string } }>('/tai-len/:batchId/su-kien', async (request, reply) => {
      const batchId = request.params.batchId;
      if (!(await store.batchInfo(batchId))) return refusePage(request, reply, 404, 'not-found', 'Không có lần tải lên này.');
      const stream = new PassThrough();
      const send = (event: string, data: unknown): void => void stream.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
      const stop = new AbortController();
      const end = (): void => stop.abort();
      closing.signal.addEventListener('abort', end, { once: true });
      reply.raw.on('close', end);
      const heartbeat = setInterval(() => stream.write(': …\n\n'), 20_000);
      stream.write('retry: 3000\n\n');
      void followBatch(store, batchId, {
        signal: stop.signal,
        ...(ctx.pollMs ? { pollMs: ctx.pollMs } : {}),
        onResult: (item) => send('item', { ...item, ...rowOf(item) }),
        onProgress: (p) => send('progress', p),
      })
        .then((last) => {
          if (last && last.done >= last.size) send('done', { size: last.size, done: last.done });
        })
        .catch((err: unknown) => request.log.error({ err, batchId }, 'following a batch failed'))
        .finally(() => {
          clearInterval(heartbeat);
          closing.signal.removeEventListener('abort', end);
          stream.end();
        });
      return reply
        .type('text/event-stream; charset=utf-8')
        .header('cache-control', 'no-cache, no-transform')
        .header('x-accel-buffering', 'no')
        .send(stream);
    });

    scope.get<{ Params: { id: string } }>('/api/batches/:id', async (request, reply) => {
      const snapshot = await batchSnapshot(store, request.params.id);
      if (!snapshot) return refusePage(request, reply, 404, 'not-found', 'Không có lô này.');
      return { batchId: snapshot.batchId, size: snapshot.size, done: snapshot.done, items: snapshot.items };
    });
  });
}
