/**
 * Waiting for a batch with result hints, against the real Redis: the waiter asks the store when
 * the hints say its documents are done, not several times a second, and the store stays the
 * truth (an early hint does not end the wait, a lost one only delays it).
 */
import { Redis } from 'ioredis';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { errorAudit } from '../core/report-audit.js';
import { waitForBatch } from '../batches/wait.js';
import { sha256Of } from '../pipeline/fingerprint.js';
import { publishResult, ResultHints } from '../runtime/result-hints.js';
import type { QueueConfig } from '../runtime/queues.js';
import { Store } from '../store/store.js';
import { queuePrefix, REDIS_URL, tempDir } from './support/services.js';

const bytesOf = (text: string): Uint8Array => new TextEncoder().encode(`%PDF-1.4\n${text}`);

describe('waiting for a batch with result hints', () => {
  let store: Store;
  let config: QueueConfig;
  let hints: ResultHints;
  const publisher = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
  let asked: number;

  beforeEach(async () => {
    store = await Store.open({ dataDir: tempDir() });
    config = { redisUrl: REDIS_URL, prefix: queuePrefix() };
    hints = await ResultHints.subscribe(config);
    asked = 0;
    const progress = store.batchProgress.bind(store);
    store.batchProgress = (id) => (asked++, progress(id));
  });
  afterEach(async () => {
    hints.close();
    await store.close();
  });
  afterAll(() => publisher.disconnect());

  /** A batch of `n` documents (one of them submitted twice) without results yet. */
  async function batch(n: number): Promise<{ id: string; shas: string[] }> {
    const files = Array.from({ length: n }, (_, i) => bytesOf(`tài liệu ${i} ${config.prefix}`));
    const items = files.map((bytes, i) => ({ path: `hộp thư/${i}.pdf`, file: { bytes, sha256: sha256Of(bytes), format: 'pdf' as const } }));
    const registered = await store.registerBatch('enqueue', [...items, { ...items[0]!, path: 'hộp thư/bản sao.pdf' }]);
    return { id: registered.id, shas: items.map((i) => i.file.sha256) };
  }

  const finish = (sha256: string): Promise<unknown> => store.saveAudit(sha256, errorAudit('x.pdf', sha256, 'pdf', 'corrupt-file'));

  it('ends as soon as the hints say every document is done, asking the store once more', async () => {
    const { id, shas } = await batch(3);
    const seen: number[] = [];
    const started = Date.now();
    const waiting = waitForBatch(store, id, { hints, pollMs: 60_000, onProgress: (p) => seen.push(p.done) });
    await sleep(200);
    for (const sha of shas) {
      await finish(sha);
      await publishResult(publisher, config, sha);
    }
    expect(await waiting).toMatchObject({ size: 4, done: 4, pending: [] });
    expect(Date.now() - started).toBeLessThan(10_000);
    // Once at the start, once when the hints said all were done.
    expect(asked).toBe(2);
    // The copy of the first document counts with it.
    expect(seen).toEqual([0, 2, 3, 4, 4]);
  });

  it('keeps waiting when a hint comes before the result is stored', async () => {
    const { id, shas } = await batch(1);
    let ended = false;
    const waiting = waitForBatch(store, id, { hints, pollMs: 60_000 }).then((p) => ((ended = true), p));
    await sleep(200);
    await publishResult(publisher, config, shas[0]!);
    await sleep(500);
    expect(ended).toBe(false);
    expect(asked).toBe(2);
    await finish(shas[0]!);
    await publishResult(publisher, config, shas[0]!);
    expect(await waiting).toMatchObject({ done: 2 });
  });

  it('asks the store every pollMs, so a lost hint only delays the end', async () => {
    const { id, shas } = await batch(2);
    const waiting = waitForBatch(store, id, { hints, pollMs: 300 });
    await sleep(100);
    for (const sha of shas) await finish(sha);
    expect(await waiting).toMatchObject({ done: 3 });
    expect(asked).toBeGreaterThanOrEqual(2);
  });

  it('ignores the hints of other documents', async () => {
    const { id, shas } = await batch(1);
    const other = sha256Of(bytesOf('một tài liệu khác'));
    let ended = false;
    const waiting = waitForBatch(store, id, { hints, pollMs: 60_000 }).then(() => (ended = true));
    await sleep(200);
    await publishResult(publisher, config, other);
    await sleep(300);
    expect(ended).toBe(false);
    expect(asked).toBe(1);
    await finish(shas[0]!);
    await publishResult(publisher, config, shas[0]!);
    await waiting;
  });
});
