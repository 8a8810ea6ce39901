/**
 * `doisoat worker`: processes queued documents until stopped. SIGTERM or SIGINT: stop taking
 * jobs, finish the running ones (at most --grace seconds), then exit.
 */
import { Command } from 'commander';
import { maskUrlsIn } from '../core/redact.js';
import { runNightly } from '../batches/nightly.js';
import { queueConfigFromEnv, pingRedis } from '../runtime/queues.js';
import { QueueWorker } from '../runtime/queue-worker.js';
import { Store } from '../store/store.js';
import { positiveInt } from './options.js';
import { UsageError } from './usage.js';

interface WorkerOptions {
  concurrency?: number;
  scans?: number;
  timeout?: number;
  grace: number;
}

// Log lines quote errors of Redis and the database, which may quote their URLs: passwords masked.
const log = (line: string): void => {
  process.stderr.write(`[${new Date().toISOString()}] ${maskUrlsIn(line)}\n`);
};

async function work(cmd: Command, opts: WorkerOptions): Promise<void> {
  const config = queueConfigFromEnv();
  if (!config) throw new UsageError(cmd, 'Lệnh worker cần REDIS_URL, biến môi trường chỉ tới Redis (ví dụ redis://127.0.0.1:6379).');
  await pingRedis(config);
  const store = await Store.open();
  const lockMs = Number(process.env['DOISOAT_LOCK_MS']) || undefined;
  const worker = await QueueWorker.start({
    store,
    config,
    ...(opts.concurrency ? { concurrency: opts.concurrency } : {}),
    ...(opts.scans ? { scansConcurrency: opts.scans } : {}),
    ...(opts.timeout ? { timeoutMs: opts.timeout * 1000 } : {}),
    ...(lockMs ? { lockDurationMs: lockMs } : {}),
    log,
    nightly: (job, context) => runNightly(job, { store, config, ...context }),
  });
  log(`Bộ xử lý đã sẵn sàng (kho: ${store.where}).`);
  await new Promise<void>((resolve) => {
    const stop = (signal: string): void => {
      log(`Nhận ${signal}: hoàn tất việc đang làm rồi dừng.`);
      void worker
        .close(opts.grace * 1000)
        .then(() => store.close())
        .then(resolve);
    };
    process.once('SIGTERM', () => stop('SIGTERM'));
    process.once('SIGINT', () => stop('SIGINT'));
  });
  log('Đã dừng.');
}

export function workerCommand(): Command {
  const cmd = new Command('worker');
  return cmd
    .description('Chạy bộ xử lý hàng đợi (cần REDIS_URL); dừng bằng SIGTERM sau khi xong việc đang làm.')
    .option('-c, --concurrency <số>', 'số tài liệu đánh máy xử lý song song (mặc định: số lõi CPU)', positiveInt)
    .option('--scans <số>', 'số bản scan xử lý song song (mặc định 1; mỗi bản đã dùng mọi lõi cho OCR)', positiveInt)
    .option('--timeout <giây>', 'giới hạn thời gian cho mỗi tệp (mặc định 180 giây)', positiveInt)
    .option('--grace <giây>', 'khi dừng, chờ việc đang làm tối đa bấy nhiêu giây', positiveInt, 60)
    .action(async (opts: WorkerOptions) => {
      await work(cmd, opts);
    });
}
