/**
 * From page images to pages of the document model through an OcrService: each recognised line
 * repaired (text/ocr-repair.ts) and carrying its confidence; the document's OCR summary.
 */
import type { Page } from '../document.js';
import { repairOcrLine } from '../text/ocr-repair.js';
import { pageOf } from './lines.js';
import { OCR_ENGINE, OCR_LANGUAGE, type OcrPage, type OcrSummary } from './ocr-service.js';

export function pageFromOcr(number: number, ocr: OcrPage): Page {
  return pageOf(
    number,
    ocr.lines.map((l) =>
      l.cells ? { text: '', cells: l.cells.map(repairOcrLine), confidence: l.confidence } : { text: repairOcrLine(l.text), confidence: l.confidence },
    ),
  );
}

export function ocrSummary(pages: readonly OcrPage[]): OcrSummary {
  const mean = pages.length === 0 ? 0 : pages.reduce((s, p) => s + p.meanConfidence, 0) / pages.length;
  return { engine: OCR_ENGINE, language: OCR_LANGUAGE, meanConfidence: Math.round(mean * 10) / 10 };
}
