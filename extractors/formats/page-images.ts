/**
 * The image of an OCR'd page as its reader gave it to OCR (a scanned PDF's page rendered at the
 * same resolution, a TIFF's page as a PGM, a HEIC photo decoded, a ZIP of photos' page N, any other photo as it is), so
 * that parts of it can be read again in the first reading's frame (pipeline/second-reading.ts).
 */
import { DoisoatError } from '../../core/errors.js';
import type { SourceFormat } from '../document.js';
import { heicGray } from './heic.js';
import { pageZipOcrImages } from './page-zip.js';
import { pageRenderer } from './render.js';
import { sniff } from './sniff.js';
import { openTiff, pgmOf, tiffPageGray } from './tiff.js';

export async function pageImages(bytes: Uint8Array, format: SourceFormat, pages: readonly number[]): Promise<Map<number, Uint8Array>> {
  const images = new Map<number, Uint8Array>();
  if (format === 'pdf-scanned') {
    const renderer = pageRenderer(bytes);
    try {
      for (const n of pages) images.set(n, await renderer.render(n));
    } finally {
      await renderer.close().catch(() => undefined);
    }
    return images;
  }
  if (format !== 'image') throw DoisoatError.withDetail('internal-error', `Không có ảnh trang cho tệp dạng ${format}.`);
  const kind = sniff(bytes);
  if (kind === 'zip') return pageZipOcrImages(bytes, pages);
  if (kind === 'tiff') {
    const tiff = openTiff(bytes);
    for (const n of pages) images.set(n, pgmOf(tiffPageGray(tiff, n - 1)));
  } else if (kind === 'heic') {
    if (pages.includes(1)) images.set(1, pgmOf(await heicGray(bytes)));
  } else if (pages.includes(1)) {
    images.set(1, bytes);
  }
  return images;
}
