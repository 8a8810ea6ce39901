/**
 * What the user submitted, as store items: every path given (folders expanded) with its bytes,
 * or the reason it could not be read (missing, too large). Nothing submitted is dropped.
 */
import type { SubmittedItem } from '../store/store.js';
import { expandInputs, isMissing } from './files.js';
import { DEFAULT_MAX_BYTES, loadFile } from './pool.js';
import { formatOf } from './process.js';

export async function submittedItems(args: readonly string[], maxBytes: number = DEFAULT_MAX_BYTES): Promise<SubmittedItem[]> {
  const items: SubmittedItem[] = [];
  for (const input of await expandInputs(args)) {
    if (isMissing(input)) {
      const message = input.reason === 'not-found' ? `Không tìm thấy “${input.path}”.` : `“${input.path}” không phải là tệp hay thư mục.`;
      items.push({ path: input.path, error: { code: 'read-failed', message } });
      continue;
    }
    const loaded = await loadFile(input.path, maxBytes);
    if ('audit' in loaded) {
      const error = loaded.audit.error ?? { code: 'read-failed', message: 'Không đọc được tệp.' };
      items.push({ path: input.path, sha256: loaded.audit.sha256, error });
    } else {
      items.push({ path: input.path, file: { bytes: loaded.bytes, sha256: loaded.sha256, format: formatOf(loaded.bytes) } });
    }
  }
  return items;
}
