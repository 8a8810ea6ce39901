/**
 * What a document is, before anyone reads it: its content hash (the store's key) and its format by
 * its first bytes. Kept apart from process-document.ts so that the processes that only register,
 * queue and store documents (`enqueue`, a worker's parent) never load the readers.
 */
import { createHash } from 'node:crypto';
import type { AuditFormat } from '../core/report-audit.js';
import { namesLookLikePages } from '../extractors/formats/page-names.js';
import { sniff, zipEntryNames } from '../extractors/formats/sniff.js';


export function sha256Of(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function formatOf(bytes: Uint8Array): AuditFormat {
  const kind = sniff(bytes);
  switch (kind) {
    case 'docx':
    case 'doc':
    case 'pdf':
      return kind;
    // Encrypted Office Open XML: in a report inbox, a Word file saved with a password.
    case 'encrypted-ooxml':
      return 'docx';
    case 'png':
    case 'jpeg':
    case 'tiff':
    case 'heic':
    case 'gif':
    case 'webp':
      return 'image';
    // A ZIP of page photos is read as the photos are (routed to the scans queue); by its names
    // here, by its bytes when read.
    case 'zip':
      return namesLookLikePages(zipEntryNames(bytes) ?? []) ? 'image' : 'unknown';
    default:
      return 'unknown';
  }
}
