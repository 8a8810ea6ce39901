/**
 * Expands the command line's files and folders into the list of files to check, in the order
 * given (folders walked depth-first, names sorted). A named file is always checked; inside a folder,
 * hidden files and our own sidecars (.json, .md, .txt, .csv) are skipped. Links are followed, a
 * link to a folder that contains it is not (a loop). Nothing met on the way is dropped: a path
 * that is not there, a folder that cannot be read, a broken or looping link, is an input with its
 * error, where its files would have been.
 */
import type { BigIntStats } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { inputError, loopError, notAFileError, type InputError } from './fs-errors.js';

const SIDECAR = /\.(json|md|txt|csv|log)$/i;

export interface InputFile {
  /** As the user wrote it, or joined under the folder they named. */
  readonly path: string;
}

/** A path given or met while walking that is not a file to read, and why. */
export interface UnreadableInput {
  readonly path: string;
  readonly error: InputError;
}

export type Input = InputFile | UnreadableInput;

/** Every input in command-line order: files to check, and paths that cannot be. */
export async function expandInputs(args: readonly string[]): Promise<Input[]> {
  const out: Input[] = [];
  for (const arg of args) {
    let info: BigIntStats;
    try {
      info = await stat(arg, { bigint: true });
    } catch (err) {
      out.push({ path: arg, error: inputError(arg, err) });
      continue;
    }
    if (info.isDirectory()) await walk(arg, info, new Set(), out);
    else if (info.isFile()) out.push({ path: arg });
    else out.push({ path: arg, error: notAFileError(arg) });
  }
  return out;
}

export function isUnreadable(input: Input): input is UnreadableInput {
  return 'error' in input;
}

/** `open` holds the folders being walked (device and inode), so a link back to one is a loop. */
async function walk(dir: string, info: BigIntStats, open: Set<string>, out: Input[]): Promise<void> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (err) {
    out.push({ path: dir, error: inputError(dir, err, 'folder') });
    return;
  }
  entries.sort((a, b) => a.name.localeCompare(b.name));
  const id = `${info.dev}:${info.ino}`;
  open.add(id);
  try {
    for (const e of entries) {
      if (e.name.startsWith('.')) continue;
      const full = path.join(dir, e.name);
      if (e.isFile()) {
        if (!SIDECAR.test(e.name)) out.push({ path: full });
        continue;
      }
      // A folder or a link: what it is (for a link, what it leads to) decides.
      let target: BigIntStats;
      try {
        target = await stat(full, { bigint: true });
      } catch (err) {
        out.push({ path: full, error: inputError(full, err, e.isDirectory() ? 'folder' : 'file') });
        continue;
      }
      if (target.isDirectory()) {
        if (open.has(`${target.dev}:${target.ino}`)) out.push({ path: full, error: loopError(full) });
        else await walk(full, target, open, out);
      } else if (target.isFile()) {
        if (!SIDECAR.test(e.name)) out.push({ path: full });
      } else {
        out.push({ path: full, error: notAFileError(full) });
      }
    }
  } finally {
    open.delete(id);
  }
}
