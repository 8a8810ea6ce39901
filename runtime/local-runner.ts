/**
 * The embedded default: without Redis, a batch's documents run through the same processor in
 * this process, on a DocumentSlots, with results in the store.
 */
import type { Store } from '../store/store.js';
import { DocumentSlots, type DocumentSlotsOptions } from './document-slots.js';
import { closeProcessOcr, processOcr } from './ocr/process-ocr.js';
import { processStoredDocument, type DocumentJob } from './job-processor.js';

export interface LocalRunOptions extends Omit<DocumentSlotsOptions, 'ocr'> {
  onDone?: (job: DocumentJob) => void;
}

/** Processes the jobs (each once) and resolves when all are stored. */
export async function runLocal(store: Store, jobs: readonly DocumentJob[], options: LocalRunOptions = {}): Promise<void> {
  if (jobs.length === 0) return;
  const slots = new DocumentSlots({ ...options, ocr: processOcr });
  let next = 0;
  try {
    await Promise.all(
      Array.from({ length: Math.min(jobs.length, slots.size * 2) }, async () => {
        while (next < jobs.length) {
          const job = jobs[next++]!;
          await processStoredDocument(job, { store, slots, queue: 'local' });
          options.onDone?.(job);
        }
      }),
    );
  } finally {
    await slots.close();
    await closeProcessOcr();
  }
}
