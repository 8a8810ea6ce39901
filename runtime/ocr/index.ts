/** OCR: tesseract.js with the bundled Vietnamese model, offline, in a pool of worker threads. */
export { getOcrPool, OcrPool, DEFAULT_PAGE_TIMEOUT_MS, DEFAULT_RECYCLE_ABOVE_PIXELS, DEFAULT_RECYCLE_AFTER_PAGES } from './pool.js';
export type { OcrPageOptions, OcrPoolOptions, OcrPoolStats } from './pool.js';
export { OcrEngine, checkModel, defaultLangPath, DEFAULT_PSM, DEFAULT_STARTUP_TIMEOUT_MS } from './engine.js';
export type { OcrEngineOptions, OcrPsm, RecognizedPage, OcrRecognizeOptions } from './engine.js';
export { checkImage, imageFormatOf, readImageInfo, DEFAULT_MAX_PIXELS } from './image-info.js';
export type { ImageFormat, ImageInfo } from './image-info.js';
export type { OcrBox, TsvLine } from './tsv.js';
