/**
 * From page images to pages of the document model through an OcrService: each recognised line
 * repaired (text/ocr-repair.ts) and carrying its confidence and, where OCR gave one, its box on the
 * page image (the page keeps the image's size, so spans can place the box as fractions of it); the
 * document's OCR summary.
 */
import type { Line, Page } from '../document.js';
import { repairOcrCell, repairOcrLine } from '../text/ocr-repair.js';
import { pageOf, toLine, type RawLine } from './lines.js';
import { OCR_ENGINE, OCR_LANGUAGE, type OcrLine, type OcrPage, type OcrSummary } from './ocr-service.js';

/** Lines OCR read (a second reading of some regions, say) as the document model's lines, numbered from 1. */
export function linesFromOcr(number: number, ocr: OcrPage): readonly Line[] {
  return pageFromOcr(number, ocr).lines;
}

export function pageFromOcr(number: number, ocr: OcrPage): Page {
  const raws: RawLine[] = ocr.lines.map((l) =>
    l.cells ? { text: '', cells: l.cells.map(repairOcrCell), confidence: l.confidence } : { text: repairOcrLine(l.text), confidence: l.confidence },
  );
  const page = pageOf(number, raws);
  const boxed = withBoxes(page.lines, ocr.lines, raws);
  if (!boxed) return page;
  return { ...page, lines: boxed, size: { width: ocr.width, height: ocr.height } };
}

/**
 * The page's lines with the boxes of the OCR lines they came from. pageOf drops empty lines; the
 * survivors are found again in order. Null when no line has a box, or when the lines cannot be
 * matched one to one (a legacy-encoding decision that changed which lines are empty): the page is
 * then left without boxes rather than given wrong ones.
 */
function withBoxes(lines: readonly Line[], ocrLines: readonly OcrLine[], raws: readonly RawLine[]): Line[] | null {
  if (!ocrLines.some((l) => l.box)) return null;
  const kept = ocrLines.filter((_, i) => toLine(raws[i]!, 1) !== null);
  if (kept.length !== lines.length) return null;
  return lines.map((line, i) => {
    const box = kept[i]!.box;
    return box ? { ...line, box: { x0: box.x0, y0: box.y0, x1: box.x1, y1: box.y1 } } : line;
  });
}

export function ocrSummary(pages: readonly OcrPage[]): OcrSummary {
  const mean = pages.length === 0 ? 0 : pages.reduce((s, p) => s + p.meanConfidence, 0) / pages.length;
  return { engine: OCR_ENGINE, language: OCR_LANGUAGE, meanConfidence: Math.round(mean * 10) / 10 };
}
