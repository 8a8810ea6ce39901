/**
 * A batch's heartbeat: the process that runs or waits for a batch touches it in the store every
 * few seconds, so that `status` can tell a batch someone is still on from one whose process was
 * killed (batches/batch-state.ts), and a rerun of the same enqueue can take the latter up again
 * (batches/resume.ts) without taking one that is still running.
 */
import type { Store } from '../store/store.js';

/** How old a heartbeat may be before its batch counts as let go (DOISOAT_HEARTBEAT_STALE_MS, default 30 s). */
export function heartbeatStaleMs(env: NodeJS.ProcessEnv = process.env): number {
  return Number(env['DOISOAT_HEARTBEAT_STALE_MS']) || 30_000;
}

/** No process has shown life for the batch within `staleMs` (null: one let go of it). */
export function isStale(heartbeatAt: string | null, now: number, staleMs: number): boolean {
  return heartbeatAt === null || Date.parse(heartbeatAt) < now - staleMs;
}

export class Heartbeat {
  readonly #store: Store;
  readonly #everyMs: number;
  #batchId: string | null = null;
  #timer: NodeJS.Timeout | null = null;
  /** The touch under way, so that letting go is written after it, not overtaken by it. */
  #touching: Promise<void> = Promise.resolve();

  /** Touches three times per staleness period (at most every 10 s). */
  constructor(store: Store, staleMs: number = heartbeatStaleMs()) {
    this.#store = store;
    this.#everyMs = Math.max(50, Math.min(10_000, Math.floor(staleMs / 3)));
  }

  /** Holds the batch from now on (createBatch and reopenBatch have just touched it). */
  hold(batchId: string): void {
    if (this.#batchId === batchId) return;
    this.stop();
    this.#batchId = batchId;
    // A lost touch is only a late one: the next one comes in a few seconds.
    this.#timer = setInterval(() => {
      this.#touching = this.#store.touchBatch(batchId).catch(() => {});
    }, this.#everyMs);
  }

  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
  }

  /** Stops and lets go of the batch: a rerun may take it up at once if it is not done. */
  async release(): Promise<void> {
    this.stop();
    await this.#touching;
    if (this.#batchId) await this.#store.touchBatch(this.#batchId, false).catch(() => {});
    this.#batchId = null;
  }
}
