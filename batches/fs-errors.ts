/**
 * What a failed file-system call on a submitted path means for the user: a coded error with a
 * Vietnamese message naming the path. Shared by the folder walk and file loading, so a path gets
 * the same code whether it failed while walking or while being read.
 */
import { DoisoatError, type ErrorCode } from '../core/errors.js';

export interface InputError {
  readonly code: ErrorCode;
  readonly message: string;
}

/** A file or a folder: the message says what was not opened and what that means. */
export type PathKind = 'file' | 'folder';

export function errnoOf(err: unknown): string | undefined {
  return err instanceof Error && 'code' in err && typeof err.code === 'string' ? err.code : undefined;
}

export function inputError(file: string, err: unknown, kind: PathKind = 'file'): InputError {
  const errno = errnoOf(err);
  const what = kind === 'folder' ? `thư mục “${file}”, các tệp trong đó chưa được kiểm tra` : `“${file}”`;
  if (errno === 'ENOENT' || errno === 'ENOTDIR') return coded('not-found', `Không có “${file}” (đã bị xoá, di chuyển, hoặc là liên kết hỏng).`, err);
  if (errno === 'EACCES' || errno === 'EPERM') return coded('permission-denied', `Không mở được ${what}.`, err);
  if (errno === 'ELOOP') return loopError(file);
  return coded('read-failed', `Không mở được ${what}${errno ? ` (${errno})` : ''}.`, err);
}

/** A link that leads back to itself, or to a folder it is inside (walking it would never end). */
export function loopError(file: string): InputError {
  return coded('read-failed', `“${file}” là liên kết vòng (trỏ về chính nó hoặc về thư mục chứa nó), không đi theo.`);
}

export function notAFileError(file: string): InputError {
  return coded('read-failed', `“${file}” không phải là tệp hay thư mục.`);
}

function coded(code: ErrorCode, vietnameseDetail: string, cause?: unknown): InputError {
  const e = DoisoatError.withDetail(code, vietnameseDetail, cause);
  return { code: e.code, message: e.userMessage };
}
