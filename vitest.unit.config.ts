import { defineConfig } from 'vitest/config';

// `npm run test:unit`: the fast subset (well under 30 s on a 2-core machine). No services (Redis,
// PostgreSQL), no CLI subprocess, no OCR engine (tesseract), no LibreOffice or qpdf, and no
// global setup: these tests import the TypeScript sources and never need dist/.
// `npm test` (vitest.config.ts) still runs every file, these included.
export default defineConfig({
  test: {
    include: [
      // rules: the rule tables, the runner, recompute
      'test/rules/**/*.test.ts',
      // extractors: structure and scores, numbers, legacy encodings, OCR text repair, line building
      'test/extract/**/*.test.ts',
      'test/numbers.test.ts',
      'test/legacy.test.ts',
      'test/ocr-repair.test.ts',
      'test/formats-units.test.ts',
      'test/progress.test.ts',
      'test/web-chart.test.ts',
      // a reader warning to a flag, through processDocument (a DOCX built in memory)
      'test/reader-warnings.test.ts',
      // OCR helpers that never run tesseract: table finding, bitmaps, skew, image headers and
      // integrity, tesseract's TSV parsed (ocr-image-info makes a few headers with ImageMagick's
      // `convert` when it is installed, and skips those without it)
      'test/ocr-tables.test.ts',
      'test/ocr-image-info.test.ts',
      'test/ocr-image-integrity.test.ts',
      // a photo of a page on a desk, prepared for OCR
      'test/ocr-photo.test.ts',
      // specks and salt and pepper wiped before OCR
      'test/ocr-despeckle.test.ts',
      // blind sets: texts, variants and manifests drawn from a label
      'test/blind-sets.test.ts',
      // npm run fuzz's seeded mutations
      'test/fuzz-mutate.test.ts',
      // utif2's bounds: broken TIFFs end instead of looping
      'test/tiff-guards.test.ts',
      // ZIPs of page photos read without OCR, and --one-report's packing
      'test/page-zip.test.ts',
    ],
    exclude: ['**/node_modules/**', '**/dist/**'],
    // Worker threads start faster than forked processes: about 14 s instead of 19 s here. Nothing
    // in this list needs a process of its own (no chdir, no signals, no child to reap).
    pool: 'threads',
    testTimeout: 60_000,
  },
});
