/**
 * A worker thread that runs processDocument for the pool (pool.ts). Parsing is CPU-bound and a
 * hostile file may spin or balloon: in a thread it can be timed out and killed without taking the
 * batch down.
 */
import { parentPort } from 'node:worker_threads';
import { remoteOcr } from './ocr-bridge.js';
import { processDocument } from './process.js';
import type { TaskMessage, ResultMessage } from './document-pool.js';

if (!parentPort) throw new Error('worker-thread.ts must run as a worker thread');
const port = parentPort;
// Scans are read by the main thread's OCR pool (see ocr-bridge.ts).
const ocr = remoteOcr(port);

port.on('message', (task: TaskMessage | { type: string }) => {
  if (!('file' in task)) return;
  void processDocument(new Uint8Array(task.bytes), { file: task.file, ...(task.read ? { read: task.read } : {}), ...(task.ocr ? { ocr } : {}) }).then((audit) => {
    const reply: ResultMessage = { id: task.id, audit };
    port.postMessage(reply);
  });
});
