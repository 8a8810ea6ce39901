/**
 * A queued batch whose waiter hears nothing: after `afterMs` without progress the queues are asked
 * whether any worker takes their jobs, and if none does `notify` is called (once), so that the
 * user learns why nothing moves instead of watching a still progress bar. Asked again every
 * `afterMs` until something progresses (a worker there at first may have gone).
 */
import type { DocumentQueues } from '../runtime/queues.js';

export interface IdleWatch {
  /** Items done so far: the first count is the baseline, any higher one ends the watch. */
  progress(done: number): void;
  stop(): void;
}

export function watchForWorkers(queues: DocumentQueues, names: readonly string[], afterMs: number, notify: () => void): IdleWatch {
  let baseline: number | null = null;
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  const stop = (): void => {
    stopped = true;
    if (timer) clearTimeout(timer);
  };
  const check = async (): Promise<void> => {
    // A Redis hiccup says nothing about workers: ask again next time.
    const workers = await queues.workerCount(names).catch(() => null);
    if (stopped) return;
    if (workers === 0) {
      stop();
      notify();
    } else schedule();
  };
  const schedule = (): void => {
    timer = setTimeout(() => void check(), afterMs);
  };
  schedule();
  return {
    progress(done) {
      if (baseline === null) baseline = done;
      else if (done > baseline) stop();
    },
    stop,
  };
}
