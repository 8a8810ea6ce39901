/**
 * The SQLite data folder must be writable: every command writes (migrations, WAL, batches). A
 * folder or file that is not fails at open with one Vietnamese message naming the path and the
 * fix, instead of a SqliteError at the first write.
 */
import { accessSync, constants, existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { DoisoatError } from '../core/errors.js';

const FIX = 'Hãy cấp quyền ghi hoặc đặt DOISOAT_DATA tới thư mục khác.';

/** Creates the folder if needed and checks it and the database's files can be written. */
export function prepareDataDir(dataDir: string, file: string): void {
  const dir = path.resolve(dataDir);
  try {
    mkdirSync(dir, { recursive: true });
  } catch (err) {
    if (isPermissionError(err)) {
      throw DoisoatError.withDetail('permission-denied', `Không tạo được thư mục dữ liệu ${dir} (không có quyền ghi vào thư mục chứa nó). ${FIX}`, err);
    }
    // E.g. DOISOAT_DATA names a file.
    const detail = err instanceof Error ? err.message : String(err);
    throw DoisoatError.withDetail('internal-error', `Không tạo được thư mục dữ liệu ${dir} (${detail}). Hãy đặt DOISOAT_DATA tới một thư mục.`, err);
  }
  const problem = notWritable(dir, path.resolve(file));
  if (problem) throw problem;
}

/**
 * Why an open or a first write failed, in Vietnamese: the folder or file that is not writable if
 * one is, else the failure itself (no stack: the command cannot run at all).
 */
export function openError(dataDir: string, file: string, err: unknown): DoisoatError {
  if (err instanceof DoisoatError) return err;
  const problem = notWritable(path.resolve(dataDir), path.resolve(file));
  if (problem) return problem;
  const detail = err instanceof Error ? err.message : String(err);
  return DoisoatError.withDetail('internal-error', `Không mở được cơ sở dữ liệu ${path.resolve(file)} (${detail}).`, err);
}

function notWritable(dir: string, file: string): DoisoatError | null {
  if (!writable(dir)) return DoisoatError.withDetail('permission-denied', `Không ghi được vào thư mục dữ liệu ${dir} (chỉ đọc). ${FIX}`);
  // The database and the files SQLite keeps beside it (WAL, shared memory, our migration lock).
  for (const f of [file, `${file}-wal`, `${file}-shm`, `${file}.lock`]) {
    if (existsSync(f) && !writable(f)) {
      return DoisoatError.withDetail('permission-denied', `Không ghi được vào cơ sở dữ liệu ${f} (tệp chỉ đọc). ${FIX}`);
    }
  }
  return null;
}

function writable(p: string): boolean {
  try {
    accessSync(p, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

function isPermissionError(err: unknown): boolean {
  const code = err instanceof Error && 'code' in err ? err.code : undefined;
  return code === 'EACCES' || code === 'EPERM' || code === 'EROFS';
}
