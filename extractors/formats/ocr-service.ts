/**
 * What the readers need from OCR: an image in, recognised lines out. The engine (tesseract.js,
 * runtime/ocr/) implements it in the process that owns the OCR workers; document slots get a
 * proxy (runtime/ocr-bridge.ts). Readers never know which.
 */
export interface OcrLine {
  readonly text: string;
  /** 0–1. */
  readonly confidence: number;
  /** A table row read cell by cell: its cells, left to right. */
  readonly cells?: readonly string[];
  /** The line's box, in pixels of the page image as given to OCR (after any straightening). */
  readonly box?: OcrLineBox;
  /** In a second reading (RecognizeRequest.regions): the index of the region the line was read from. */
  readonly region?: number;
}

export interface OcrLineBox {
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
}

export interface OcrPage {
  readonly lines: readonly OcrLine[];
  /** 0–100, tesseract's mean word confidence for the page. */
  readonly meanConfidence: number;
  readonly width: number;
  readonly height: number;
}

/**
 * A second reading of parts of a page already read: each region (a box in the first reading's
 * frame) is read again on its own, enlarged and with another segmentation mode; a table row's
 * cells each alone. The page's lines are then only those of the regions, each with its region.
 */
export interface RecognizeRequest {
  readonly regions?: readonly OcrLineBox[];
}

export interface OcrService {
  recognize(image: Uint8Array, request?: RecognizeRequest): Promise<OcrPage>;
}

/** What a ReportAudit says about the OCR that produced a document. */
export interface OcrSummary {
  readonly engine: string;
  readonly language: string;
  /** 0–100, mean over the OCR'd pages. */
  readonly meanConfidence: number;
}

export const OCR_ENGINE = 'tesseract.js';
export const OCR_LANGUAGE = 'vie';
