/**
 * The process's OCR engine for the pipeline: one tesseract.js pool, created on the first scan
 * (a batch of typed files never loads it) and closed when the run ends.
 */
import type { OcrService } from '../../extractors/formats/ocr-service.js';
import { closeDecoder } from './decoder.js';
import type { OcrPool } from './pool.js';

let pool: Promise<OcrPool> | null = null;

function load(): Promise<OcrPool> {
  pool ??= import('./pool.js').then((m) => m.getOcrPool());
  return pool;
}

/** The OCR service to hand to checkFiles/processDocument in this process. */
export function processOcr(): OcrService {
  return { recognize: async (image, request) => (await load()).recognize(image, request?.regions ? { regions: request.regions } : {}) };
}

/** Stops the OCR workers and the image decoder's child, if any were started, so the process can exit. */
export async function closeProcessOcr(): Promise<void> {
  closeDecoder();
  if (!pool) return;
  const p = await pool;
  pool = null;
  await p.close();
}
