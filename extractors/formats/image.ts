/**
 * A photo or scan of pages (PNG, JPEG, TIFF): straight to OCR. A PNG or JPEG is one page; the OCR
 * engine checks its pixel count from the header before decoding anything (too-large) and reports
 * a broken image (corrupt-file). A TIFF may hold many pages (a scanner's multi-page file): each is
 * decoded here in JavaScript (tiff.ts; native decoders crash on TIFF), checked against the same
 * limits, and handed to OCR as a grayscale PGM, one OCR page per TIFF page.
 */
import { DoisoatError } from '../../core/errors.js';
import type { DocumentModel } from '../document.js';
import { ocrSummary, pageFromOcr } from './ocr-pages.js';
import type { OcrPage, OcrService } from './ocr-service.js';
import { DEFAULT_MAX_OCR_PAGES } from './pdf.js';
import { sniff } from './sniff.js';
import { heicGray } from './heic.js';
import { openTiff, pgmOf, tiffPageGray } from './tiff.js';

export interface ImageReadOptions {
  /** Pages needing OCR at most (a multi-page TIFF); default 60, as for a PDF. */
  maxOcrPages?: number;
}

/**
 * Pages (of a TIFF, of a ZIP of photos) decoded ahead of OCR at most: decoding runs ahead of the pool's reading, but a
 * decoded 300-dpi page is ~9 MB, so a 60-page file is not held whole.
 */
const PAGES_AHEAD = 4;

export async function readImage(bytes: Uint8Array, ocr: OcrService | undefined, options: ImageReadOptions = {}): Promise<DocumentModel> {
  if (!ocr) {
    throw DoisoatError.withDetail('unsupported-format', 'Ảnh chụp cần nhận dạng chữ (OCR), chưa được bật ở đây.');
  }
  if (sniff(bytes) === 'tiff') return readTiff(bytes, ocr, options.maxOcrPages ?? DEFAULT_MAX_OCR_PAGES);
  // Decoded here (WebAssembly) and sent to OCR as a PGM, as TIFF pages are.
  if (sniff(bytes) === 'heic') {
    const page = await ocr.recognize(pgmOf(await heicGray(bytes)));
    return { format: 'image', pages: [pageFromOcr(1, page)], pageCount: 1, ocr: ocrSummary([page]) };
  }
  const page = await ocr.recognize(bytes);
  return { format: 'image', pages: [pageFromOcr(1, page)], pageCount: 1, ocr: ocrSummary([page]) };
}

async function readTiff(bytes: Uint8Array, ocr: OcrService, maxPages: number): Promise<DocumentModel> {
  const tiff = openTiff(bytes);
  const count = tiff.pages.length;
  if (count > maxPages) {
    throw DoisoatError.withDetail('too-large', `Ảnh TIFF có ${count} trang cần nhận dạng chữ (OCR), giới hạn ${maxPages} trang.`);
  }
  const read = await recognizeInTurn(count, (i) => pgmOf(tiffPageGray(tiff, i)), ocr);
  return { format: 'image', pages: read.map((page, i) => pageFromOcr(i + 1, page)), pageCount: count, ocr: ocrSummary(read) };
}

/**
 * Pages 0…count-1 recognised in order, each page's image made by `input` only when it is its turn
 * (at most PAGES_AHEAD ahead of the OCR pool). Every recognition is settled before this returns or
 * throws, so none outlives the document.
 */
export async function recognizeInTurn(count: number, input: (index: number) => Uint8Array | Promise<Uint8Array>, ocr: OcrService): Promise<OcrPage[]> {
  const pending: Array<Promise<OcrPage>> = [];
  try {
    for (let i = 0; i < count; i++) {
      if (i >= PAGES_AHEAD) await pending[i - PAGES_AHEAD];
      const page = ocr.recognize(await input(i));
      page.catch(() => {}); // seen by Promise.all below; not an unhandled rejection meanwhile
      pending.push(page);
    }
    return await Promise.all(pending);
  } finally {
    await Promise.allSettled(pending);
  }
}
