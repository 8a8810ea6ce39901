/**
 * `doisoat serve [--host H] [--port P]`: the review desk's web server, on 127.0.0.1:8080 unless
 * told otherwise. SIGTERM or SIGINT: stop taking requests, finish the open ones, then exit.
 */
import { Command } from 'commander';
import { dispatchFromEnv } from '../batches/run-batch.js';
import { queueConfigFromEnv } from '../runtime/queues.js';
import { Store } from '../store/store.js';
import { buildServer } from '../web/server.js';
import { positiveInt } from './options.js';

interface ServeOptions {
  host: string;
  port: number;
  secureCookies?: boolean;
}

async function serve(opts: ServeOptions): Promise<void> {
  const store = await Store.open();
  const app = await buildServer({ store, dispatch: await dispatchFromEnv(), queueConfig: queueConfigFromEnv(), logger: { level: process.env['LOG_LEVEL'] ?? 'info' }, ...(opts.secureCookies ? { secureCookies: true } : {}) });
  const address = await app.listen({ host: opts.host, port: opts.port });
  process.stderr.write(`Máy chủ đối soát đang chạy tại ${address} (kho: ${store.where}).\n`);
  await new Promise<void>((resolve) => {
    const stop = (): void => {
      void app
        .close()
        .then(() => store.close())
        .then(resolve);
    };
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
  });
}

export function serveCommand(): Command {
  return new Command('serve')
    .description('Chạy trang web đối soát (tải lên, xem báo cáo, quyết định từng cảnh báo).')
    .option('--host <địa-chỉ>', 'địa chỉ lắng nghe', '127.0.0.1')
    .option('--port <cổng>', 'cổng', positiveInt, 8080)
    .option('--secure-cookies', 'đánh dấu cookie Secure (khi chạy sau HTTPS)')
    .action(async (opts: ServeOptions) => {
      await serve(opts);
    });
}
