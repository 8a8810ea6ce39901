/**
 * The batch use case on the embedded default (SQLite, in-process): what enqueue, reconcile and
 * nightly runs share. The queue dispatch is covered through the real CLI and Redis in queue.test.ts.
 */
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkInputs } from '../batches/check-files.js';
import { readItem } from '../batches/register.js';
import { runBatch, type Dispatch } from '../batches/run-batch.js';
import { Store } from '../store/store.js';
import { REPORTS } from './support/paths.js';
import { tempDir } from './support/services.js';

const local: Dispatch = { kind: 'local', concurrency: 1 };
const files = [path.join(REPORTS, 'quang-trung-2024.docx'), path.join(REPORTS, 'qt-total-mismatch.pdf'), path.join(REPORTS, 'không-có.pdf')];

describe('runBatch, in-process', () => {
  let store: Store;
  beforeEach(async () => {
    store = await Store.open({ dataDir: tempDir() });
  });
  afterEach(async () => {
    await store.close();
  });

  it('registers, processes and returns what check returns, in input order, with progress to the end', async () => {
    const events: string[] = [];
    const done: number[] = [];
    const batch = await runBatch(store, 'local', { kind: 'paths', paths: files }, local, {
      onRegistered: ({ items, jobs }) => events.push(`registered ${items.length} items, ${jobs} jobs`),
      onDispatched: ({ jobs }) => events.push(`dispatched ${jobs}`),
      onProgress: (p) => done.push(p.done),
    });
    expect(events).toEqual(['registered 3 items, 2 jobs', 'dispatched 2']);
    expect(batch.finished).toBe(true);
    expect(done.at(-1)).toBe(3);
    expect(batch.audits).toEqual(await checkInputs(files, { concurrency: 1 }));
  });

  it('processes a known document again only when forced', async () => {
    await runBatch(store, 'local', { kind: 'paths', paths: files.slice(0, 1) }, local);
    const again = await runBatch(store, 'local', { kind: 'paths', paths: files.slice(0, 1) }, local);
    const forced = await runBatch(store, 'local', { kind: 'paths', paths: files.slice(0, 1), force: true }, local);
    expect([again.jobs, forced.jobs]).toEqual([0, 1]);
    expect(forced.audits).toEqual(again.audits);
    expect((await store.runs()).filter((r) => r.outcome === 'stored')).toHaveLength(2);
  });

  it('keeps no batch when an inbox has nothing new, or every stored document has its result', async () => {
    const inbox = { kind: 'paths', paths: files.slice(0, 1), onlyNew: true } as const;
    expect((await runBatch(store, 'nightly', inbox, local)).jobs).toBe(1);
    expect(await runBatch(store, 'nightly', inbox, local)).toMatchObject({ batchId: null, items: [], jobs: 0 });
    expect(await runBatch(store, 'reconcile', { kind: 'unfinished' }, local)).toMatchObject({ batchId: null, jobs: 0 });
  });

  it('reconciles: a document registered but never processed gets its result', async () => {
    await store.registerBatch('enqueue', [await readItem({ path: files[1]! })]);
    expect(await store.documentsWithoutResult()).toHaveLength(1);
    const batch = await runBatch(store, 'reconcile', { kind: 'unfinished' }, local);
    expect(batch).toMatchObject({ jobs: 1, finished: true });
    expect(batch.audits!.map((a) => a.flags.filter((f) => f.severity === 'error').map((f) => f.rule))).toEqual([['total-mismatch']]);
    expect(await store.documentsWithoutResult()).toEqual([]);
  });
});
