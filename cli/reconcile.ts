/**
 * `doisoat reconcile`: every document registered but without a result (after Redis lost its
 * data, a crash between registering and queueing…) is queued again, as one batch. Jobs still in
 * the queue absorb their copies (same job id), so nothing runs twice.
 */
import { Command } from 'commander';
import { dispatchFromEnv, runBatch } from '../batches/run-batch.js';
import { Store } from '../store/store.js';
import { createProgress, type Progress } from './progress.js';

interface ReconcileOptions {
  local?: boolean;
  wait?: boolean;
}

export function reconcileCommand(): Command {
  return new Command('reconcile')
    .description('Đưa lại vào hàng đợi mọi tài liệu đã lưu mà chưa có kết quả.')
    .option('--local', 'xử lý ngay trong tiến trình này, không qua Redis')
    .option('--wait', 'chờ đến khi mọi tài liệu đó có kết quả')
    .action(async (opts: ReconcileOptions) => {
      const dispatch = await dispatchFromEnv(opts.local ? { local: true } : {});
      const store = await Store.open();
      let progress = null as Progress | null;
      try {
        const batch = await runBatch(store, 'reconcile', { kind: 'unfinished' }, dispatch, {
          wait: Boolean(opts.wait),
          onDispatched: ({ batchId, jobs }) => {
            if (dispatch.kind === 'queue') process.stdout.write(`Lô ${batchId}: đưa lại ${jobs} tài liệu chưa có kết quả vào hàng đợi.\n`);
            else process.stdout.write(`Đã xử lý ${jobs} tài liệu chưa có kết quả.\n`);
            if (opts.wait || dispatch.kind === 'local') progress = createProgress(jobs, process.stderr, 'xử lý');
          },
          onProgress: (p) => progress?.update(p.done),
        });
        if (batch.batchId === null) process.stdout.write('Mọi tài liệu đã lưu đều có kết quả.\n');
      } finally {
        progress?.stop();
        await store.close();
      }
    });
}
