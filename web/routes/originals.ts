/**
 * The original file of a report, for signed-in users only: always as an attachment, named by its
 * hash and typed by its sniffed bytes (never by the name or type it was submitted with).
 */
import type { FastifyInstance } from 'fastify';
import { sniff, type SniffResult } from '../../extractors/formats/sniff.js';
import type { Store } from '../../store/store.js';
import { refuse } from '../guards.js';

const TYPES: Partial<Record<SniffResult, [mime: string, ext: string]>> = {
  docx: ['application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'docx'],
  // A password-protected DOCX is an OLE container, but it is the DOCX the commune sent.
  'encrypted-ooxml': ['application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'docx'],
  doc: ['application/msword', 'doc'],
  pdf: ['application/pdf', 'pdf'],
  png: ['image/png', 'png'],
  jpeg: ['image/jpeg', 'jpg'],
  tiff: ['image/tiff', 'tif'],
  heic: ['image/heic', 'heic'],
  // The photos of one report's pages (or any other ZIP that was submitted).
  zip: ['application/zip', 'zip'],
};

export async function originalRoutes(app: FastifyInstance, ctx: { store: Store }): Promise<void> {
  app.get<{ Params: { sha256: string } }>('/bao-cao/:sha256/tep-goc', async (request, reply) => {
    const { sha256 } = request.params;
    const doc = /^[0-9a-f]{64}$/.test(sha256) ? await ctx.store.documentForProcessing(sha256) : null;
    if (!doc) return refuse(request, reply, 404, 'not-found', 'Không có tệp gốc của báo cáo này.');
    const [mime, ext] = TYPES[sniff(doc.bytes)] ?? ['application/octet-stream', 'bin'];
    return reply
      .type(mime)
      .header('content-disposition', `attachment; filename="${sha256.slice(0, 16)}.${ext}"`)
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'private, no-store')
      .send(Buffer.from(doc.bytes.buffer, doc.bytes.byteOffset, doc.bytes.byteLength));
  });
}
