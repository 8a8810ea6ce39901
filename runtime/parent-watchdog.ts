/**
 * A forked child's guard against outliving its parent. The IPC channel's 'disconnect' ends a
 * child whose parent died, but only when the child's event loop turns: a child stuck in a long
 * synchronous parse would run on as an orphan. A small thread watches the parent's pid instead
 * (a dead parent's children are reparented, so it changes) and kills the whole process.
 */
import { Worker } from 'node:worker_threads';

// CommonJS: an eval'd worker script is not a module.
const WATCH = `
const { workerData } = require('node:worker_threads');
setInterval(() => {
  if (process.ppid !== workerData.ppid) process.kill(process.pid, 'SIGKILL');
}, workerData.intervalMs);
`;

export function watchParent(intervalMs = 500): void {
  const watcher = new Worker(WATCH, { eval: true, workerData: { ppid: process.ppid, intervalMs } });
  // The watcher never keeps the child alive on its own.
  watcher.unref();
}
