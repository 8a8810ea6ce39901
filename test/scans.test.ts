/**
 * The scans issue's acceptance test: every scanned fixture (image-only PDFs at 200 and 300 dpi,
 * rotated, noisy, JPEG-compressed; a photo of a summary page; a PDF of typed and scanned pages)
 * gives, through the real CLI and real OCR, the declared scores, summary, total, classification
 * and error flags of its typed twin, as its expected JSON (derived from the twin's) states.
 */
import path from 'node:path';
import { describeFixtures } from './support/expected.js';
import { FIXTURES } from './support/paths.js';

describeFixtures(path.join(FIXTURES, 'scans'), { minimum: 10, exitCode: 1, timeoutMs: 1_500_000 });
