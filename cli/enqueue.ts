/**
 * `doisoat enqueue <files or folders…>`: registers every document in the store, then queues one
 * job per document (its sha256 is the job id), as one batch. A document that already has a
 * result is not processed again (unless --force): its stored result is reported as if it had
 * just run. Waits for the batch with a progress bar (unless --no-wait) and prints it as `check`
 * does (--json: the same ReportAudit array). Without REDIS_URL, or with --local, the same
 * processors run in this process: the embedded default.
 */
import { Command } from 'commander';
import { waitForBatch } from '../batches/wait.js';
import { runLocal } from '../runtime/local-runner.js';
import { DocumentQueues, pingRedis, queueConfigFromEnv } from '../runtime/queues.js';
import { ResultHints } from '../runtime/result-hints.js';
import { registerInputs } from '../batches/register.js';
import { Store } from '../store/store.js';
import { positiveInt } from './options.js';
import { printAudits } from './output.js';
import { createProgress } from './progress.js';

interface EnqueueOptions {
  json?: boolean;
  force?: boolean;
  wait: boolean;
  local?: boolean;
  concurrency?: number;
  timeout?: number;
}

async function enqueue(args: string[], opts: EnqueueOptions): Promise<number> {
  const queueConfig = opts.local ? null : queueConfigFromEnv();
  if (queueConfig) await pingRedis(queueConfig);
  const store = await Store.open();
  // Jobs are queued chunk by chunk as their documents are stored, so workers start on the first
  // files while the rest are still being read and stored.
  const queues = queueConfig ? new DocumentQueues(queueConfig) : null;
  let hints: ResultHints | null = null;
  let queuesClosed: Promise<void> | undefined;
  const closeQueues = (): Promise<void> => (queuesClosed ??= queues?.close() ?? Promise.resolve());
  try {
    const { batchId, items, jobs } = await registerInputs(store, queueConfig ? 'enqueue' : 'local', args, {
      force: Boolean(opts.force),
      ...(queues ? { onJobs: (chunk) => queues.add(chunk) } : {}),
    });
    await closeQueues();
    if (items.length === 0) process.stderr.write('Không có tệp nào để đưa vào hàng đợi.\n');
    const reused = items.filter((i) => i.sha256 && i.hasResult).length;
    if (reused > 0 && !opts.force) process.stderr.write(`${reused} tệp đã có kết quả từ trước, không xử lý lại (dùng --force để xử lý lại).\n`);
    const progress = createProgress(items.length, process.stderr, 'xử lý');
    try {
      if (queueConfig) {
        if (!opts.wait) {
          progress.stop();
          if (opts.json) process.stdout.write(JSON.stringify({ batch: batchId, files: items.length, queued: jobs.length }) + '\n');
          else process.stdout.write(`Lô ${batchId}: đã đưa ${jobs.length} tài liệu vào hàng đợi (${items.length} tệp).\n`);
          return 0;
        }
        // The waiter asks the store when it hears of results, not several times a second.
        hints = await ResultHints.subscribe(queueConfig);
      } else {
        let done = items.length - jobs.length;
        await runLocal(store, jobs, {
          onDone: () => progress.update(++done),
          ...(opts.concurrency ? { concurrency: opts.concurrency } : {}),
          ...(opts.timeout ? { timeoutMs: opts.timeout * 1000 } : {}),
        });
      }
      await waitForBatch(store, batchId, { onProgress: (p) => progress.update(p.done), ...(hints ? { hints } : {}) });
    } finally {
      progress.stop();
    }
    return printAudits(await store.batchAudits(batchId), opts.json);
  } finally {
    hints?.close();
    await closeQueues();
    await store.close();
  }
}

export function enqueueCommand(): Command {
  return new Command('enqueue')
    .description('Lưu các báo cáo vào kho và đưa vào hàng đợi xử lý (một lô); chờ xong rồi in kết quả như lệnh check.')
    .argument('<paths...>', 'tệp hoặc thư mục')
    .option('--json', 'khi lô xong, chỉ in mảng JSON các ReportAudit (như check --json)')
    .option('--force', 'xử lý lại cả những tệp đã có kết quả')
    .option('--no-wait', 'đưa vào hàng đợi rồi thoát ngay, không chờ kết quả')
    .option('--local', 'xử lý ngay trong tiến trình này, không qua Redis (mặc định khi không có REDIS_URL)')
    .option('-c, --concurrency <n>', 'số luồng xử lý khi chạy tại chỗ (mặc định: số lõi CPU)', positiveInt)
    .option('--timeout <seconds>', 'giới hạn thời gian cho mỗi tệp khi chạy tại chỗ (mặc định 180 giây)', positiveInt)
    .action(async (paths: string[], opts: EnqueueOptions) => {
      process.exitCode = await enqueue(paths, opts);
    });
}
