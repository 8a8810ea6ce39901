/**
 * Page images of a PDF for OCR, rendered through pdf-parse 2 (getScreenshot, pdf.js on
 * @napi-rs/canvas). One page at a time, so a long scan never holds every bitmap at once.
 */
import type { PDFParse as PDFParseType } from 'pdf-parse';

/** The resolution pages are rendered at for OCR (chosen by bench:ocr). */
export const OCR_DPI = 300;

export interface PageRenderer {
  render(pageNumber: number): Promise<Uint8Array>;
  close(): Promise<void>;
}

export function pageRenderer(bytes: Uint8Array, dpi = OCR_DPI): PageRenderer {
  // Loaded on the first scan only: pdf-parse brings its own pdf.js build and canvas.
  let loading: Promise<PDFParseType> | null = null;
  const parserOf = (): Promise<PDFParseType> =>
    (loading ??= import('pdf-parse').then(({ PDFParse }) => new PDFParse({ data: new Uint8Array(bytes) })));
  return {
    async render(pageNumber: number): Promise<Uint8Array> {
      const parser = await parserOf();
      const shot = await parser.getScreenshot({ partial: [pageNumber], scale: dpi / 72, imageBuffer: true, imageDataUrl: false });
      const page = shot.pages[0];
      if (!page) throw new Error(`page ${pageNumber} was not rendered`);
      return page.data;
    },
    close: async () => {
      if (loading) await (await loading).destroy();
    },
  };
}
