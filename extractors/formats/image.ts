/**
 * A photo or scan of a page (PNG, JPEG, TIFF): straight to OCR, one page. The OCR engine checks
 * the pixel count from the header before decoding anything (too-large) and reports a broken
 * image (corrupt-file).
 */
import { DoisoatError } from '../../core/errors.js';
import type { DocumentModel } from '../document.js';
import { ocrSummary, pageFromOcr } from './ocr-pages.js';
import type { OcrService } from './ocr-service.js';

export async function readImage(bytes: Uint8Array, ocr: OcrService | undefined): Promise<DocumentModel> {
  if (!ocr) {
    throw DoisoatError.withDetail('unsupported-format', 'Ảnh chụp cần nhận dạng chữ (OCR), chưa được bật ở đây.');
  }
  const page = await ocr.recognize(bytes);
  return { format: 'image', pages: [pageFromOcr(1, page)], pageCount: 1, ocr: ocrSummary([page]) };
}
