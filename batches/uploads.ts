/**
 * Files uploaded through the web: each becomes a store item under its content hash, or a refused
 * item with a Vietnamese reason (empty, over the size limit, over the request's limit). The name
 * is what the person called the file; it is kept as the item's path, as data, never as a path.
 */
import { DoisoatError } from '../core/errors.js';
import { MAX_FILE_BYTES } from '../core/limits.js';
import { formatOf, sha256Of } from '../pipeline/fingerprint.js';
import type { SubmittedItem } from '../store/store.js';

/** One uploaded file: its bytes, or (cut off by the web's limits) which limit it went over. */
export type UploadedFile =
  | { readonly name: string; readonly bytes: Uint8Array }
  | { readonly name: string; readonly overLimit: 'file' | 'request'; readonly limitBytes: number };

/** Bytes in Vietnamese units: "50 MB", "1 KB". */
export function sizeLabel(bytes: number): string {
  if (bytes >= 1048576) return `${Math.round((bytes / 1048576) * 10) / 10} MB`.replace('.', ',');
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} byte`;
}

function refused(name: string, e: DoisoatError, sha256?: string): SubmittedItem {
  return { path: name, ...(sha256 ? { sha256 } : {}), error: { code: e.code, message: e.userMessage } };
}

/** The store item for one uploaded file. */
export function uploadItem(file: UploadedFile, maxBytes: number = MAX_FILE_BYTES): SubmittedItem {
  if ('overLimit' in file) {
    const detail =
      file.overLimit === 'file'
        ? `Tệp lớn hơn giới hạn ${sizeLabel(file.limitBytes)} cho mỗi tệp.`
        : `Tổng dung lượng một lần tải lên tối đa ${sizeLabel(file.limitBytes)}; hãy gửi tệp này trong một lần tải khác.`;
    return refused(file.name, DoisoatError.withDetail('too-large', detail));
  }
  const sha256 = sha256Of(file.bytes);
  if (file.bytes.byteLength === 0) return refused(file.name, new DoisoatError('empty-file'), sha256);
  if (file.bytes.byteLength > maxBytes) {
    const e = DoisoatError.withDetail('too-large', `Tệp ${sizeLabel(file.bytes.byteLength)}, giới hạn ${sizeLabel(maxBytes)}.`);
    return refused(file.name, e, sha256);
  }
  return { path: file.name, file: { bytes: file.bytes, sha256, format: formatOf(file.bytes) } };
}
