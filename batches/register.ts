/**
 * From what the user submitted to a registered batch: every path given (folders expanded) is
 * read, hashed and stored with its bytes, or with the reason it could not be (missing, not
 * allowed, a folder that cannot be read, too large). Nothing submitted is dropped. Files are
 * read one at a time and written to the store in chunks, so hundreds of scans never sit in
 * memory at once.
 */
import type { BatchKind, RegisteredItem, Store, SubmittedItem } from '../store/store.js';
import { expandInputs, isUnreadable, type Input } from './inputs.js';
import { MAX_FILE_BYTES } from '../core/limits.js';
import { loadFile } from './load-file.js';
import type { DocumentJob } from '../runtime/job-processor.js';
import { formatOf } from '../pipeline/fingerprint.js';

/** Reads one input into a store item. */
export async function readItem(input: Input, maxBytes: number = MAX_FILE_BYTES): Promise<SubmittedItem> {
  if (isUnreadable(input)) return { path: input.path, error: { code: input.error.code, message: input.error.message } };
  const loaded = await loadFile(input.path, maxBytes);
  if ('audit' in loaded) {
    const error = loaded.audit.error ?? { code: 'read-failed', message: 'Không đọc được tệp.' };
    return { path: input.path, sha256: loaded.audit.sha256, error };
  }
  return { path: input.path, file: { bytes: loaded.bytes, sha256: loaded.sha256, format: formatOf(loaded.bytes) } };
}

export interface RegisterOptions {
  force?: boolean;
  /** The inbox of a nightly run. */
  source?: string;
  /** Only files whose bytes the store has never seen, registered or refused (a nightly inbox). */
  onlyNew?: boolean;
  maxBytes?: number;
  /** Bytes read before they are written to the store (default 64 MiB). */
  chunkBytes?: number;
  /**
   * Called with each chunk's jobs as soon as the chunk is stored (then chunks are of 100 files,
   * not 500): the queue can start on the first files while the rest are still being read.
   */
  onJobs?: (jobs: Array<DocumentJob & { format: string }>) => Promise<void>;
  /** Stored with a new batch: what a rerun of the same inputs resumes it by (batches/resume.ts). */
  inputsKey?: string;
  /** Registers into this batch, reopened (batches/resume.ts), instead of a new one; `processed` get no job. */
  resume?: { batchId: string; processed?: ReadonlySet<string> };
  /** The batch exists (before any file is read). */
  onBatch?: (batchId: string) => void;
}

export interface RegisteredInputs {
  batchId: string;
  items: RegisteredItem[];
  /** One job per document to process (a file given twice, under any name, is one job). */
  jobs: Array<DocumentJob & { format: string }>;
}

export async function registerInputs(store: Store, kind: BatchKind, args: readonly string[], options: RegisterOptions = {}): Promise<RegisteredInputs> {
  const chunkBytes = options.chunkBytes ?? 64 * 1024 * 1024;
  const batchId =
    options.resume?.batchId ??
    (await store.createBatch(kind, {
      ...(options.source ? { source: options.source } : {}),
      force: Boolean(options.force),
      ...(options.inputsKey ? { inputsKey: options.inputsKey } : {}),
    }));
  options.onBatch?.(batchId);
  const items: RegisteredItem[] = [];
  const jobs: Array<DocumentJob & { format: string }> = [];
  // Documents that get no job: each one's first item gets it, and a resumed batch's processed none.
  const seen = new Set<string>(options.resume?.processed);
  const force = Boolean(options.force);
  const chunkItems = options.onJobs ? 100 : 500;
  let chunk: SubmittedItem[] = [];
  let held = 0;
  const flush = async (): Promise<void> => {
    if (chunk.length === 0) return;
    const registered = await store.addItems(batchId, items.length, chunk);
    items.push(...registered);
    chunk = [];
    held = 0;
    // Each document's job only once it is stored; a file given twice (in any chunk) is one job.
    const fresh = jobsFor(registered, batchId, force, seen);
    jobs.push(...fresh);
    if (options.onJobs && fresh.length > 0) await options.onJobs(fresh);
  };
  for (const input of await expandInputs(args)) {
    const item = await readItem(input, options.maxBytes);
    if (options.onlyNew) {
      const sha = 'file' in item ? item.file.sha256 : 'sha256' in item ? item.sha256 : undefined;
      if (sha && (await store.knownSubmissions([sha])).has(sha)) continue;
    }
    chunk.push(item);
    held += 'file' in item ? item.file.bytes.byteLength : 0;
    if (held >= chunkBytes || chunk.length >= chunkItems) await flush();
  }
  await flush();
  return { batchId, items, jobs };
}

/** One job per document not yet done, unless forced. */
export function jobsFor(items: readonly RegisteredItem[], batchId: string, force: boolean, seen = new Set<string>()): Array<DocumentJob & { format: string }> {
  const jobs: Array<DocumentJob & { format: string }> = [];
  for (const item of items) {
    if (!item.sha256 || !item.format || seen.has(item.sha256)) continue;
    seen.add(item.sha256);
    if (item.hasResult && !force) continue;
    jobs.push({ sha256: item.sha256, format: item.format, batchId, force });
  }
  return jobs;
}
