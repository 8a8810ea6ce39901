/**
 * A worker thread that runs processDocument for the pool (pool.ts). Parsing is CPU-bound and a
 * hostile file may spin or balloon: in a thread it can be timed out and killed without taking the
 * batch down.
 */
import { parentPort } from 'node:worker_threads';
import { processDocument } from './process.js';
import type { TaskMessage, ResultMessage } from './pool.js';

if (!parentPort) throw new Error('worker-thread.ts must run as a worker thread');
const port = parentPort;

port.on('message', (task: TaskMessage) => {
  void processDocument(new Uint8Array(task.bytes), { file: task.file, ...(task.read ? { read: task.read } : {}) }).then((audit) => {
    const reply: ResultMessage = { id: task.id, audit };
    port.postMessage(reply);
  });
});
