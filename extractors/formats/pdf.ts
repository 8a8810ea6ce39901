/**
 * PDF with a text layer: one Page per PDF page, lines laid out by pdf-layout.ts.
 *
 * Uses pdf.js (pdfjs-dist 5, the copy pdf-parse 2 depends on) directly rather than pdf-parse's
 * getText: getText returns strings without positions, and pdf.js reports a table's cell gap as a
 * whitespace run spanning it, so getText's cellSeparator never fires and "1.1 | Thu nhập | 2"
 * comes out as "1.1 Thu nhập 2" (tried: cellSeparator, cellThreshold, itemJoiner, lineEnforce).
 * Loading, the page limit, password and damage detection are done here; the document is always
 * destroyed.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { TextItem, TextMarkedContent } from 'pdfjs-dist/types/src/display/api.js';
import { DoisoatError } from '../../core/errors.js';
import type { DocumentModel, Page } from '../document.js';
import { pageOf } from './lines.js';
import { ocrSummary, pageFromOcr } from './ocr-pages.js';
import type { OcrPage, OcrService } from './ocr-service.js';
import { pageRenderer } from './render.js';
import { needsOcr } from './text-layer.js';
import { layoutLines, type TextRun } from './pdf-layout.js';

export interface PdfOptions {
  /** More pages than this → 'too-large'. Default 200. */
  readonly maxPages?: number;
  /** Reads pages without a usable text layer; without it, such pages stay empty. */
  readonly ocr?: OcrService;
  /** More pages needing OCR than this → 'too-large'. Default 60. */
  readonly maxOcrPages?: number;
}

export const DEFAULT_MAX_OCR_PAGES = 60;

export const DEFAULT_MAX_PAGES = 200;

// Resolved from pdf-parse's own folder: the very pdfjs-dist it was installed with, hoisted or not.
const fromPdfParse = createRequire(createRequire(import.meta.url).resolve('pdf-parse'));
const pdfjsRoot = path.dirname(fromPdfParse.resolve('pdfjs-dist/package.json'));
// CMaps and standard-font metrics ship with pdfjs-dist; without them, PDFs using predefined CJK
// encodings or non-embedded base fonts lose text.
const CMAP_URL = path.join(pdfjsRoot, 'cmaps') + path.sep;
const STANDARD_FONTS_URL = path.join(pdfjsRoot, 'standard_fonts') + path.sep;

type Pdfjs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
let pdfjsLoading: Promise<Pdfjs> | null = null;

/**
 * pdf.js, loaded on the first PDF only (a DOCX-only batch never pays for it), and its minified
 * build: the same code, but under a TypeScript loader (tsx, vitest) the full 4 MB of sources
 * cost about 150 MB more resident memory to load.
 */
function loadPdfjs(): Promise<Pdfjs> {
  pdfjsLoading ??= (async () => {
    const build = path.join(pdfjsRoot, 'legacy/build');
    const pdfjs = (await import(pathToFileURL(path.join(build, 'pdf.min.mjs')).href)) as Pdfjs;
    pdfjs.GlobalWorkerOptions.workerSrc = pathToFileURL(path.join(build, 'pdf.worker.min.mjs')).href;
    return pdfjs;
  })().catch((e: unknown) => {
    pdfjsLoading = null; // not the file's fault: let the next file try again
    throw new DoisoatError('internal-error', `cannot load pdf.js: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
  });
  return pdfjsLoading;
}

export async function readPdf(bytes: Uint8Array, options: PdfOptions = {}): Promise<DocumentModel> {
  const maxPages = options.maxPages ?? DEFAULT_MAX_PAGES;
  const { getDocument, VerbosityLevel } = await loadPdfjs();
  const task = getDocument({
    // A copy: pdf.js takes ownership of (and may detach) the array it is given.
    data: new Uint8Array(bytes),
    verbosity: VerbosityLevel.ERRORS,
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    cMapUrl: CMAP_URL,
    cMapPacked: true,
    standardFontDataUrl: STANDARD_FONTS_URL,
  });
  try {
    let doc: PDFDocumentProxy;
    try {
      doc = await task.promise;
    } catch (e) {
      throw loadError(e);
    }
    if (doc.numPages > maxPages) {
      throw DoisoatError.withDetail('too-large', `Tệp PDF có ${doc.numPages} trang, giới hạn ${maxPages} trang.`);
    }
    const pages: Page[] = [];
    for (let n = 1; n <= doc.numPages; n++) pages.push(await readPage(doc, n));
    const scanned = pages.filter((p) => needsOcr(p.lines.map((l) => l.text))).map((p) => p.number);
    if (options.ocr && scanned.length > 0) {
      const limit = options.maxOcrPages ?? DEFAULT_MAX_OCR_PAGES;
      if (scanned.length > limit) {
        throw DoisoatError.withDetail('too-large', `Tệp PDF có ${scanned.length} trang cần nhận dạng chữ (OCR), giới hạn ${limit} trang.`);
      }
      const read = await ocrPages(bytes, scanned, options.ocr);
      for (const [n, page] of read) pages[n - 1] = pageFromOcr(n, page);
      return { format: 'pdf-scanned', pages, pageCount: doc.numPages, ocr: ocrSummary([...read.values()]) };
    }
    if (pages.every((p) => p.lines.length === 0)) {
      throw DoisoatError.withDetail(
        'no-report-found',
        'Tệp PDF không có lớp chữ (có vẻ là bản scan hoặc ảnh chụp); chưa hỗ trợ nhận dạng chữ (OCR).',
      );
    }
    return { format: 'pdf', pages, pageCount: doc.numPages };
  } finally {
    await task.destroy().catch(() => undefined);
  }
}

/**
 * Renders the pages one after another and hands each to OCR as soon as it is ready, so the OCR
 * pool reads a document's pages in parallel while the next page renders.
 */
async function ocrPages(bytes: Uint8Array, numbers: readonly number[], ocr: OcrService): Promise<Map<number, OcrPage>> {
  const renderer = pageRenderer(bytes);
  const pending: Array<Promise<[number, OcrPage]>> = [];
  try {
    for (const n of numbers) {
      let image: Uint8Array;
      try {
        image = await renderer.render(n);
      } catch (e) {
        throw DoisoatError.withDetail('corrupt-file', `Không dựng được ảnh trang ${n} để nhận dạng chữ.`, e);
      }
      pending.push(ocr.recognize(image).then((page) => [n, page]));
    }
    return new Map(await Promise.all(pending));
  } finally {
    // Settle every page before leaving, so no recognition outlives the document.
    await Promise.allSettled(pending);
    await renderer.close().catch(() => undefined);
  }
}

async function readPage(doc: PDFDocumentProxy, n: number): Promise<Page> {
  try {
    const page = await doc.getPage(n);
    const content = await page.getTextContent();
    page.cleanup();
    const runs = content.items.filter(isTextItem).map(toRun);
    // Boxes for the lines where cheap: an unrotated page, measured in points from its top-left.
    const [left = 0, bottom = 0, right = 0, top = 0] = page.view;
    if (page.rotate % 360 !== 0 || !(right > left && top > bottom)) return pageOf(n, layoutLines(runs));
    return pageOf(n, layoutLines(runs, { left, top }), { width: right - left, height: top - bottom });
  } catch (e) {
    throw DoisoatError.withDetail('corrupt-file', `Không đọc được trang ${n} của tệp PDF.`, e);
  }
}

function isTextItem(item: TextItem | TextMarkedContent): item is TextItem {
  return 'str' in item;
}

function toRun(item: TextItem): TextRun {
  const t = item.transform as number[];
  const [a = 0, b = 0, c = 0, d = 0, x = 0, y = 0] = t;
  // height is 0 for whitespace runs; the matrix's scale is the font size either way.
  const size = item.height > 0 ? item.height : Math.hypot(c, d) || Math.hypot(a, b);
  return { str: item.str, x, y, width: item.width, size };
}

/** pdf.js load failures by name: its exception classes are not all exported. */
function loadError(e: unknown): DoisoatError {
  const name = e instanceof Error ? e.name : '';
  if (name === 'PasswordException') {
    return DoisoatError.withDetail('encrypted-pdf', 'Hãy gửi bản PDF không đặt mật khẩu.', e);
  }
  return DoisoatError.withDetail('corrupt-file', 'Tệp PDF bị hỏng hoặc không đầy đủ.', e);
}
