/**
 * The crop of a page around one of its lines, so an auditor sees the pixels a figure was read from
 * next to the text read from it. Only lines the audit names and that carry a box (OCR'd lines and
 * a PDF's text layer, core/report-audit.ts Span.box, fractions of the page) can be asked for: the route never
 * crops an arbitrary region. The crop is the page's full width and the line's band with about one
 * line's height above and below, as a PNG.
 *
 * The page image is the one OCR read, decoded as OCR decodes it (runtime/ocr/bitmap.ts: a photo in
 * the decoder's child process, page N of a TIFF in JavaScript), or a PDF page rendered as for OCR
 * (extractors/formats/render.ts, 300 dpi). Boxes are in the frame of the
 * page straightened for OCR; on a skewed scan a full-width band with a line's margin still holds
 * the line. Signed-in users only (the server's session hook guards every non-public route).
 */
import type { FastifyInstance } from 'fastify';
import type { SpanBox } from '../../core/report-audit.js';
import { OCR_DPI, pageRenderer } from '../../extractors/formats/render.js';
import { isDoisoatError } from '../../core/errors.js';
import { boxedSpan, reportData } from '../../review/reports.js';
import { loadCanvas, loadPicture, type Picture } from '../../runtime/ocr/bitmap.js';
import type { Store } from '../../store/store.js';
import { refuse } from '../guards.js';

/** Crops kept in memory (PNG bytes), most recently used last. */
export const CROP_CACHE_SIZE = 50;
/** Decoded page images kept for the crops of their other lines (a 300 dpi A4 page is ~35 MB). */
const PAGE_CACHE_SIZE = 2;

/** A small LRU over a Map (insertion order), holding promises so concurrent asks share one render. */
class Lru<V> {
  #map = new Map<string, Promise<V>>();
  constructor(readonly size: number) {}
  get(key: string, make: () => Promise<V>): Promise<V> {
    let hit = this.#map.get(key);
    if (hit) this.#map.delete(key);
    else {
      hit = make();
      // A failure is not kept: the next ask tries again.
      hit.catch(() => {
        if (this.#map.get(key) === hit) this.#map.delete(key);
      });
    }
    this.#map.set(key, hit);
    while (this.#map.size > this.size) this.#map.delete(this.#map.keys().next().value!);
    return hit;
  }
}

/** The band of the page (in pixels) shown for a line: full width, one line's height above and below. */
export function cropBand(box: SpanBox, width: number, height: number): { top: number; bottom: number } {
  const y0 = box.y0 * height;
  const y1 = box.y1 * height;
  const margin = Math.max(y1 - y0, 1);
  const top = Math.max(0, Math.floor(y0 - margin));
  const bottom = Math.min(height, Math.ceil(y1 + margin));
  return { top, bottom: Math.max(bottom, top + 1) };
}

export async function cropRoutes(app: FastifyInstance, ctx: { store: Store }): Promise<void> {
  const crops = new Lru<Buffer | null>(CROP_CACHE_SIZE);
  const pages = new Lru<Picture | null>(PAGE_CACHE_SIZE);

  const pageImage = (sha256: string, format: string, page: number): Promise<Picture | null> =>
    pages.get(`${sha256}/${page}`, async () => {
      const doc = await ctx.store.documentForProcessing(sha256);
      if (!doc) return null;
      // A photo has one page, a TIFF as many as it holds (loadPicture: null or a coded error past them).
      if (format === 'image') return loadPicture(doc.bytes, page, { forReading: true }).catch(() => null);
      if (format !== 'pdf-scanned' && format !== 'pdf') return null;
      const renderer = pageRenderer(doc.bytes, OCR_DPI);
      try {
        return await loadPicture(await renderer.render(page), 1, { forReading: true });
      } finally {
        await renderer.close().catch(() => undefined);
      }
    });

  app.get<{ Params: { sha256: string; page: string; line: string } }>('/bao-cao/:sha256/trang/:page/dong/:line/anh', async (request, reply) => {
    const { sha256 } = request.params;
    const page = Number(request.params.page);
    const line = Number(request.params.line);
    const notFound = (): unknown => refuse(request, reply, 404, 'not-found', 'Không có ảnh của dòng này.');
    if (!/^[0-9a-f]{64}$/.test(sha256) || !Number.isInteger(page) || page < 1 || !Number.isInteger(line) || line < 1) return notFound();
    let audit;
    try {
      audit = (await reportData(ctx.store, sha256)).detail.audit;
    } catch (e) {
      if (isDoisoatError(e) && e.code === 'report-not-found') return notFound();
      throw e;
    }
    const span = boxedSpan(audit, page, line);
    if (!span) return notFound();
    const { box } = span;
    const key = `${sha256}/${page}/${line}/${box.x0},${box.y0},${box.x1},${box.y1}`;
    const png = await crops.get(key, async () => {
      const picture = await pageImage(sha256, audit.format, page);
      if (!picture) return null;
      const { width, height } = picture;
      const { top, bottom } = cropBand(box, width, height);
      const { createCanvas } = await loadCanvas();
      const canvas = createCanvas(width, bottom - top);
      const c = canvas.getContext('2d');
      c.fillStyle = '#fff';
      c.fillRect(0, 0, width, bottom - top);
      c.drawImage(picture.canvas, 0, top, width, bottom - top, 0, 0, width, bottom - top);
      // Synchronously: an async encode may outlive the last reference to its canvas.
      return canvas.toBuffer('image/png');
    });
    if (!png) return notFound();
    return reply.type('image/png').header('cache-control', 'private, max-age=3600').header('x-content-type-options', 'nosniff').send(png);
  });
}
