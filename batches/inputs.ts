/**
 * Expands the command line's files and folders into the list of files to check, in the order
 * given (folders walked depth-first, names sorted). A named file is always checked; inside a folder,
 * hidden files and our own sidecars (.json, .md, .txt, .csv) are skipped.
 */
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';

const SIDECAR = /\.(json|md|txt|csv|log)$/i;

export interface InputFile {
  /** As the user wrote it, or joined under the folder they named. */
  readonly path: string;
}

export interface MissingInput {
  readonly path: string;
  readonly reason: 'not-found' | 'not-a-file';
}

/** Every input in command-line order: files to check, and paths that are not there. */
export async function expandInputs(args: readonly string[]): Promise<Array<InputFile | MissingInput>> {
  const out: Array<InputFile | MissingInput> = [];
  for (const arg of args) {
    let info;
    try {
      info = await stat(arg);
    } catch {
      out.push({ path: arg, reason: 'not-found' });
      continue;
    }
    if (info.isDirectory()) out.push(...(await walk(arg)));
    else if (info.isFile()) out.push({ path: arg });
    else out.push({ path: arg, reason: 'not-a-file' });
  }
  return out;
}

export function isMissing(input: InputFile | MissingInput): input is MissingInput {
  return 'reason' in input;
}

/** What the user is told about a path that is not there (Vietnamese). */
export function missingMessage(input: MissingInput): string {
  return input.reason === 'not-found' ? `Không tìm thấy “${input.path}”.` : `“${input.path}” không phải là tệp hay thư mục.`;
}

async function walk(dir: string): Promise<InputFile[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => a.name.localeCompare(b.name));
  const out: InputFile[] = [];
  for (const e of entries) {
    if (e.name.startsWith('.')) continue;
    const full = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...(await walk(full)));
    else if (e.isFile() && !SIDECAR.test(e.name)) out.push({ path: full });
  }
  return out;
}
