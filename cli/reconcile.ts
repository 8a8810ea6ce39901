/**
 * `doisoat reconcile`: every document registered but without a result (after Redis lost its
 * data, a crash between registering and queueing…) is queued again, as one batch. Jobs still in
 * the queue absorb their copies (same job id), so nothing runs twice.
 */
import { Command } from 'commander';
import { waitForBatch } from '../batches/wait.js';
import { runLocal } from '../runtime/local-runner.js';
import { pingRedis, queueConfigFromEnv, queueJobs } from '../runtime/queues.js';
import { ResultHints } from '../runtime/result-hints.js';
import { Store } from '../store/store.js';
import { createProgress } from './progress.js';

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
      const config = opts.local ? null : queueConfigFromEnv();
      if (config) await pingRedis(config);
      const store = await Store.open();
      let hints: ResultHints | null = null;
      try {
        const missing = await store.documentsWithoutResult();
        if (missing.length === 0) {
          process.stdout.write('Mọi tài liệu đã lưu đều có kết quả.\n');
          return;
        }
        const batch = await store.registerBatch(
          'reconcile',
          missing.map((d) => ({ path: d.first_path, stored: { sha256: d.sha256 } })),
        );
        const jobs = missing.map((d) => ({ sha256: d.sha256, format: d.format, batchId: batch.id, force: false }));
        hints = config && opts.wait ? await ResultHints.subscribe(config) : null;
        if (config) {
          await queueJobs(config, jobs);
          process.stdout.write(`Lô ${batch.id}: đưa lại ${jobs.length} tài liệu chưa có kết quả vào hàng đợi.\n`);
        } else {
          await runLocal(store, jobs);
          process.stdout.write(`Đã xử lý ${jobs.length} tài liệu chưa có kết quả.\n`);
        }
        if (opts.wait || !config) {
          const progress = createProgress(jobs.length, process.stderr, 'xử lý');
          try {
            await waitForBatch(store, batch.id, { onProgress: (p) => progress.update(p.done), ...(hints ? { hints } : {}) });
          } finally {
            progress.stop();
          }
        }
      } finally {
        hints?.close();
        await store.close();
      }
    });
}
