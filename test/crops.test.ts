/**
 * Issue 15: an OCR'd line's box travels from OCR to the audit's spans (a fake OcrService, fast and
 * deterministic), and the report page shows the crop of the page image around each line that has
 * one (a real server on a real OCR'd photo).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser } from '../accounts/users.js';
import { runBatch } from '../batches/run-batch.js';
import type { ReportAudit, Span } from '../core/report-audit.js';
import { spanOf } from '../extractors/document.js';
import { readDocument } from '../extractors/formats/index.js';
import { pageFromOcr } from '../extractors/formats/ocr-pages.js';
import type { OcrLine, OcrPage, OcrService } from '../extractors/formats/ocr-service.js';
import { processOne } from './support/process-one.js';
import { auditSpans } from '../review/reports.js';
import { loadPicture } from '../runtime/ocr/bitmap.js';
import { Store } from '../store/store.js';
import { cropBand } from '../web/routes/crops.js';
import { FIXTURES, REPORTS } from './support/paths.js';
import { startServer } from './support/http.js';
import { tempDir } from './support/services.js';

const PHOTO = path.join(FIXTURES, 'scans/hoa-binh-2024.summary-photo.jpg');
/** A PDF with text-layer pages and scanned ones. */
const MIXED = path.join(FIXTURES, 'scans/bac-son-2024.mixed.pdf');
const DOCX = path.join(FIXTURES, 'reports/quang-trung-2024.docx');

describe('an OCR line’s box, carried into the spans', () => {
  it('pageFromOcr keeps each kept line’s box and the page size; empty lines dropped, numbering intact', () => {
    const page = pageFromOcr(2, {
      meanConfidence: 90,
      width: 1000,
      height: 2000,
      lines: [
        { text: 'Nhóm I: 10 điểm', confidence: 0.9, box: { x0: 100, y0: 200, x1: 900, y1: 240 } },
        { text: '   ', confidence: 0.1, box: { x0: 0, y0: 300, x1: 10, y1: 310 } },
        { text: '', cells: ['1', 'Thu nhập', '2'], confidence: 0.8, box: { x0: 50, y0: 400, x1: 950, y1: 460 } },
        { text: 'không có hộp', confidence: 0.7 },
      ],
    });
    expect(page.size).toEqual({ width: 1000, height: 2000 });
    expect(page.lines.map((l) => [l.line, l.text, l.box ?? null])).toEqual([
      [1, 'Nhóm I: 10 điểm', { x0: 100, y0: 200, x1: 900, y1: 240 }],
      [2, '1 | Thu nhập | 2', { x0: 50, y0: 400, x1: 950, y1: 460 }],
      [3, 'không có hộp', null],
    ]);
    expect(spanOf(page, page.lines[0]!)).toEqual({ page: 2, line: 1, text: 'Nhóm I: 10 điểm', box: { x0: 0.1, y0: 0.1, x1: 0.9, y1: 0.12 } });
    expect(spanOf(page, page.lines[2]!)).toEqual({ page: 2, line: 3, text: 'không có hộp' });
  });

  it('a page without boxes is built as before (no size, no box)', () => {
    const page = pageFromOcr(1, { meanConfidence: 90, width: 10, height: 10, lines: [{ text: 'a', confidence: 1 }] });
    expect(page).toEqual({ number: 1, lines: [{ line: 1, text: 'a', confidence: 1 }] });
  });

  it('every span of an OCR’d report’s audit carries its line’s box as fractions of the page', async () => {
    // A typed report's lines, handed back by a fake OCR as one photo's lines, each 40 px tall.
    const typed = await readDocument(readFileSync(path.join(REPORTS, 'qt-total-mismatch.docx')));
    const texts = typed.pages.flatMap((p) => p.lines.map((l) => l.cells ? { text: '', cells: l.cells } : { text: l.text }));
    const ocrLines: OcrLine[] = texts.map((t, i) => ({ ...t, confidence: 0.95, box: { x0: 100, y0: 50 + 50 * i, x1: 1900, y1: 90 + 50 * i } }));
    const height = 100 + 50 * texts.length;
    const fake: OcrService = { recognize: async (): Promise<OcrPage> => ({ lines: ocrLines, meanConfidence: 95, width: 2000, height }) };
    const audit = await processOne(readFileSync(PHOTO), { file: 'anh.jpg', ocr: fake });
    expect(audit.error).toBeNull();
    expect(audit.format).toBe('image');
    const spans = [...auditSpans(audit)];
    expect(spans.length).toBeGreaterThan(5);
    expect(audit.flags.some((f) => f.evidence.length > 0)).toBe(true);
    for (const s of spans) {
      const i = s.line - 1;
      expect(s.box).toEqual({ x0: 0.05, y0: round4((50 + 50 * i) / height), x1: 0.95, y1: round4((90 + 50 * i) / height) });
    }
  });
});

const round4 = (v: number): number => Math.round(v * 10_000) / 10_000;

describe('the crop of a scanned line on the report page', () => {
  let base: string;
  let cookie: string;
  let close: () => Promise<void>;
  let audit: ReportAudit;
  let mixed: ReportAudit;
  let docx: ReportAudit;

  beforeAll(async () => {
    const store = await Store.open({ dataDir: tempDir() });
    const outcome = await runBatch(store, 'local', { kind: 'paths', paths: [PHOTO, MIXED, DOCX] }, { kind: 'local', concurrency: 2 });
    [audit, mixed, docx] = outcome.audits as [ReportAudit, ReportAudit, ReportAudit];
    await addUser(store, 'kiem-tra', 'auditor', 'mat-khau-kiem-tra');
    const server = await startServer({ store });
    base = server.base;
    const res = await fetch(`${base}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'kiem-tra', password: 'mat-khau-kiem-tra' }) });
    cookie = res.headers.getSetCookie()[0]!.split(';')[0]!;
    close = server.close;
  }, 180_000);
  afterAll(async () => close?.());

  it('shows a crop next to an evidence line and serves it as a PNG band of the page', async () => {
    const sha256 = audit.sha256;
    const evidence = audit.flags.flatMap((f) => f.evidence).find((s): s is Span & { box: NonNullable<Span['box']> } => s.box !== undefined);
    expect(evidence, 'an evidence line with a box').toBeDefined();
    const src = `/bao-cao/${sha256}/trang/${evidence!.page}/dong/${evidence!.line}/anh`;

    const html = await (await fetch(`${base}/bao-cao/${sha256}`, { headers: { cookie } })).text();
    expect(html).toContain(`<img src="${src}" alt="Ảnh trang ${evidence!.page}, dòng ${evidence!.line}" loading="lazy" class="crop">`);

    const res = await fetch(`${base}${src}`, { headers: { cookie } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    const png = Buffer.from(await res.arrayBuffer());
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    const [width, height] = [png.readUInt32BE(16), png.readUInt32BE(20)];
    const photo = (await loadPicture(readFileSync(PHOTO)))!;
    const band = cropBand(evidence!.box, photo.width, photo.height);
    expect(width).toBe(photo.width);
    expect(height).toBe(band.bottom - band.top);
    // About three lines tall: the line and one line's height above and below.
    const lineHeight = (evidence!.box.y1 - evidence!.box.y0) * photo.height;
    expect(height).toBeGreaterThanOrEqual(Math.floor(3 * lineHeight) - 2);
    expect(height).toBeLessThanOrEqual(Math.ceil(3 * lineHeight) + 2);
    // Served again from the cache, byte for byte.
    expect(Buffer.from(await (await fetch(`${base}${src}`, { headers: { cookie } })).arrayBuffer()).equals(png)).toBe(true);
  });

  it('crops every line of a PDF, a scanned page’s and a text layer’s alike, rendered as for OCR; a DOCX line gets none', async () => {
    const spans = [...auditSpans(mixed)];
    expect(spans.every((s) => s.box), 'every span of the mixed PDF has a box').toBe(true);
    // Lines of two pages: the mixed PDF's scanned pages and its text layer (bac-son-2024.mixed.pdf).
    const pages = [...new Set(spans.map((s) => s.page))];
    expect(pages.length).toBeGreaterThan(1);
    const html = await (await fetch(`${base}/bao-cao/${mixed.sha256}`, { headers: { cookie } })).text();
    for (const page of pages) {
      const span = spans.find((s) => s.page === page)!;
      const src = `/bao-cao/${mixed.sha256}/trang/${span.page}/dong/${span.line}/anh`;
      expect(html).toContain(`src="${src}"`);
      const res = await fetch(`${base}${src}`, { headers: { cookie } });
      expect(res.status, src).toBe(200);
      const png = Buffer.from(await res.arrayBuffer());
      // An A4 page at 300 dpi: 2480 pixels wide; a band of about three lines.
      expect(Math.abs(png.readUInt32BE(16) - 2480)).toBeLessThanOrEqual(2);
      expect(png.readUInt32BE(20)).toBeGreaterThan(30);
      expect(png.readUInt32BE(20)).toBeLessThan(600);
    }
    const line = [...auditSpans(docx)][0]!;
    expect(line.box).toBeUndefined();
    const docxHtml = await (await fetch(`${base}/bao-cao/${docx.sha256}`, { headers: { cookie } })).text();
    expect(docxHtml).not.toContain('class="crop"');
    expect((await fetch(`${base}/bao-cao/${docx.sha256}/trang/${line.page}/dong/${line.line}/anh`, { headers: { cookie } })).status).toBe(404);
  });

  it('refuses the anonymous, and lines the audit does not name', async () => {
    const sha256 = audit.sha256;
    const src = `/bao-cao/${sha256}/trang/1/dong/${audit.flags[0]!.evidence[0]!.line}/anh`;
    const anon = await fetch(`${base}${src}`, { redirect: 'manual' });
    expect(anon.status).toBe(302);
    expect((await fetch(`${base}/bao-cao/${sha256}/trang/1/dong/9999/anh`, { headers: { cookie } })).status).toBe(404);
    expect((await fetch(`${base}/bao-cao/${'0'.repeat(64)}/trang/1/dong/1/anh`, { headers: { cookie } })).status).toBe(404);
  });
});
