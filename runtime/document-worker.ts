/**
 * A document slot of the DocumentSlots (document-slots.ts): runs processDocument for the slots,
 * either as a worker thread (messages on `parentPort`) or as a child process started with its own
 * V8 flags (messages on the IPC channel, advanced serialization). Parsing is CPU-bound and a
 * hostile file may spin or balloon: in a slot it can be timed out and killed without taking the
 * batch down.
 */
import { parentPort } from 'node:worker_threads';
import { post, remoteOcr, type Channel } from './ocr-bridge.js';
import { watchParent } from './parent-watchdog.js';
import { processDocument } from '../pipeline/process-document.js';
import type { TaskMessage, ResultMessage } from './document-slots.js';

function parentChannel(): Channel {
  if (parentPort) return parentPort;
  if (!process.send) throw new Error('document-worker must run as a worker thread or a forked child process');
  // A child process ends with its parent: when the parent dies (even by SIGKILL) the IPC channel
  // closes, and nobody is left to send work or read results; the watchdog covers a child too busy
  // to notice.
  process.on('disconnect', () => process.exit(0));
  watchParent();
  return process;
}

// pdf.js rejects promises of its own that nobody awaits (a broken cross-reference entry found
// while it prefetches objects), sometimes after the document's result is sent. Node would end the
// slot for it, and the next document in the slot would fail in its place (found by `npm run fuzz`).
// What processDocument awaits still fails or succeeds on its own; a stray rejection is dropped.
process.on('unhandledRejection', () => {});

const channel = parentChannel();
// Scans are read by the parent's OCR pool (see ocr-bridge.ts).
const ocr = remoteOcr(channel);

function isTask(msg: unknown): msg is TaskMessage {
  return typeof msg === 'object' && msg !== null && 'file' in msg && 'bytes' in msg;
}

channel.on('message', (task: unknown) => {
  if (!isTask(task)) return;
  const bytes = new Uint8Array(task.bytes.buffer, task.bytes.byteOffset, task.bytes.byteLength);
  void processDocument(bytes, { file: task.file, ...(task.read ? { read: task.read } : {}), ...(task.ocr ? { ocr } : {}) }).then((audits) => {
    const reply: ResultMessage = { id: task.id, audits };
    post(channel, reply);
  });
});
