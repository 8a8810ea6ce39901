/**
 * readDocument: bytes of any accepted format → DocumentModel, or a DoisoatError with a code.
 * The format is sniffed from the bytes; no exception other than a DoisoatError leaves here.
 */
import { DoisoatError, isDoisoatError } from '../../core/errors.js';
import { MAX_FILE_BYTES } from '../../core/limits.js';
import type { DocumentModel } from '../document.js';
import { readDoc } from './doc.js';
import { readDocx } from './docx.js';
import { readImage } from './image.js';
import type { OcrService } from './ocr-service.js';
import { readPageZip } from './page-zip.js';
import { DEFAULT_MAX_PAGES, readPdf } from './pdf.js';
import { isImage, sniff } from './sniff.js';
import type { ZipLimits } from './zip-guard.js';

export interface ReadOptions {
  /** Larger files → 'too-large'. Default 50 MiB. */
  maxBytes?: number;
  /** PDFs with more pages → 'too-large'. Default 200. */
  maxPages?: number;
  /** Zip-bomb limits for DOCX and ZIPs of page photos; defaults in zip-guard.ts. */
  zipLimits?: Partial<ZipLimits>;
  /** OCR for images and PDF pages without a text layer; without it they cannot be read. */
  ocr?: OcrService;
  /** PDFs with more pages needing OCR → 'too-large'. Default 60. */
  maxOcrPages?: number;
}

export { DEFAULT_MAX_PAGES } from './pdf.js';
export { sniff, isImage, type SniffResult } from './sniff.js';

export async function readDocument(bytes: Uint8Array, options: ReadOptions = {}): Promise<DocumentModel> {
  const maxBytes = options.maxBytes ?? MAX_FILE_BYTES;
  const kind = sniff(bytes);
  if (kind === 'empty') throw new DoisoatError('empty-file');
  if (bytes.length > maxBytes) {
    const mb = (n: number): string => (Math.round((n / 1048576) * 10) / 10).toString().replace('.', ',');
    throw DoisoatError.withDetail('too-large', `Tệp ${mb(bytes.length)} MB, giới hạn ${mb(maxBytes)} MB.`);
  }
  try {
    if (isImage(kind)) {
      if (kind === 'gif' || kind === 'webp') {
        throw DoisoatError.withDetail('unsupported-format', 'Ảnh GIF/WebP không được hỗ trợ; hãy gửi ảnh JPEG, PNG, TIFF hoặc HEIC.');
      }
      return await readImage(bytes, options.ocr, options.maxOcrPages ? { maxOcrPages: options.maxOcrPages } : {});
    }
    switch (kind) {
      case 'docx':
        return await readDocx(bytes, options.zipLimits ? { zipLimits: options.zipLimits } : {});
      case 'doc':
        return await readDoc(bytes);
      case 'encrypted-ooxml':
        throw DoisoatError.withDetail('encrypted-file', 'Đây là tệp Word (DOCX) có mật khẩu mở; hãy gửi bản không đặt mật khẩu.');
      case 'pdf':
        return await readPdf(bytes, {
          maxPages: options.maxPages ?? DEFAULT_MAX_PAGES,
          ...(options.ocr ? { ocr: options.ocr } : {}),
          ...(options.maxOcrPages ? { maxOcrPages: options.maxOcrPages } : {}),
        });
      case 'zip':
        // Not Word: then only the photos of one report's pages (page-zip.ts), or refused with why.
        return await readPageZip(bytes, options.ocr, {
          ...(options.maxOcrPages ? { maxOcrPages: options.maxOcrPages } : {}),
          ...(options.zipLimits ? { zipLimits: options.zipLimits } : {}),
        });
      default:
        throw DoisoatError.withDetail('unsupported-format', 'Không nhận ra định dạng tệp từ nội dung của nó.');
    }
  } catch (e) {
    if (isDoisoatError(e)) throw e;
    // A reader's library failed in a way it did not classify: the file is what we cannot read.
    throw DoisoatError.withDetail('corrupt-file', 'Lỗi khi đọc nội dung tệp.', e);
  }
}
