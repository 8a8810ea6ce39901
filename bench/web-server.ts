/**
 * The review desk's server for `npm run bench:web`, in its own process so that the load generator
 * does not share its event loop: the store from the environment (DATABASE_URL, else SQLite in
 * DOISOAT_DATA), request logs as `doisoat serve` writes them (level info) into BENCH_LOG, a free
 * port on 127.0.0.1. Prints {"port": N} on stdout once listening;
 * ends on SIGTERM.
 */
import { createWriteStream } from 'node:fs';
import { Store } from '../store/store.js';
import { buildServer } from '../web/server.js';

const store = await Store.open();
const log = process.env['BENCH_LOG'];
const app = await buildServer({ store, logger: log ? { level: 'info', stream: createWriteStream(log) } : false });
await app.listen({ host: '127.0.0.1', port: 0 });
const address = app.server.address();
if (address === null || typeof address === 'string') throw new Error('no port');
process.stdout.write(`${JSON.stringify({ port: address.port })}\n`);

let closing = false;
async function stop(): Promise<void> {
  if (closing) return;
  closing = true;
  await app.close();
  await store.close();
  process.exit(0);
}
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
