/**
 * OCR across threads and processes. The tesseract.js workers are owned once per process, by the
 * process that runs the DocumentSlots (they are threads themselves: one pool sized to the cores,
 * not one per document slot). A document slot — a worker thread, or a child process with its own
 * V8 flags — gets `remoteOcr`, which sends page images back over its channel; `serveOcr` answers.
 */
import { DoisoatError, isDoisoatError, type ErrorCode } from '../core/errors.js';
import type { OcrPage, OcrService, RecognizeRequest } from '../extractors/formats/ocr-service.js';

/**
 * One end of a message channel: a worker thread's `parentPort` or its `Worker` (postMessage, with
 * transfers), or a child process's IPC channel with advanced serialization — the `ChildProcess`,
 * or `process` inside the child (send; typed arrays are copied).
 */
export interface Channel {
  on(event: 'message', listener: (message: unknown) => void): unknown;
  off(event: 'message', listener: (message: unknown) => void): unknown;
  postMessage?(message: unknown, transfer?: readonly ArrayBuffer[]): void;
  send?(message: unknown, callback?: (error: Error | null) => void): boolean;
}

/**
 * Sends a message over a channel. On a thread's channel `transfer` is moved (the caller must not
 * use those buffers again); over IPC everything is copied. A channel whose other end has gone (a
 * slot stopped on timeout while its page was being read) drops the message: nobody to tell.
 */
export function post(channel: Channel, message: unknown, transfer: readonly ArrayBuffer[] = []): void {
  try {
    if (channel.postMessage) channel.postMessage(message, transfer);
    else channel.send?.(message, () => {});
  } catch {
    // The other end is gone.
  }
}

/** Whether a channel moves buffers (a thread's) rather than copying them (IPC). */
export function transfers(channel: Channel): boolean {
  return channel.postMessage !== undefined;
}

export interface OcrRequest {
  type: 'ocr';
  rid: number;
  image: Uint8Array;
  request?: RecognizeRequest;
}

export interface OcrReply {
  type: 'ocr-result';
  rid: number;
  page?: OcrPage;
  error?: { code: ErrorCode; userMessage: string; message: string };
}

export function isOcrRequest(msg: unknown): msg is OcrRequest {
  return typeof msg === 'object' && msg !== null && (msg as { type?: unknown }).type === 'ocr';
}

function isOcrReply(msg: unknown): msg is OcrReply {
  return typeof msg === 'object' && msg !== null && (msg as { type?: unknown }).type === 'ocr-result';
}

/** In a document slot: OCR by asking the process that owns the OCR pool. */
export function remoteOcr(channel: Channel): OcrService {
  let next = 0;
  const waiting = new Map<number, { resolve: (p: OcrPage) => void; reject: (e: Error) => void }>();
  channel.on('message', (msg: unknown) => {
    if (!isOcrReply(msg)) return;
    const w = waiting.get(msg.rid);
    if (!w) return;
    waiting.delete(msg.rid);
    if (msg.page) w.resolve(msg.page);
    else {
      const e = new DoisoatError(msg.error?.code ?? 'internal-error', msg.error?.message);
      (e as { userMessage: string }).userMessage = msg.error?.userMessage ?? e.userMessage;
      w.reject(e);
    }
  });
  return {
    recognize(image: Uint8Array, read?: RecognizeRequest): Promise<OcrPage> {
      const rid = next++;
      // A thread's copy is transferred; IPC copies anyway.
      const request: OcrRequest = { type: 'ocr', rid, image: transfers(channel) ? image.slice() : image, ...(read ? { request: read } : {}) };
      return new Promise<OcrPage>((resolve, reject) => {
        waiting.set(rid, { resolve, reject });
        post(channel, request, transfers(channel) ? [request.image.buffer as ArrayBuffer] : []);
      });
    },
  };
}

/** In the pool's process: answer a document slot's OCR requests with the process's engine. */
export function serveOcr(channel: Channel, ocr: () => OcrService): void {
  channel.on('message', (msg: unknown) => {
    if (!isOcrRequest(msg)) return;
    const reply = (r: OcrReply): void => post(channel, r);
    // Over IPC a Buffer may arrive as another view type: read it as bytes.
    const image = new Uint8Array(msg.image.buffer, msg.image.byteOffset, msg.image.byteLength);
    ocr()
      .recognize(image, msg.request)
      .then(
        (page) => reply({ type: 'ocr-result', rid: msg.rid, page }),
        (e: unknown) => {
          const err = isDoisoatError(e) ? e : new DoisoatError('internal-error', e instanceof Error ? e.message : String(e));
          reply({ type: 'ocr-result', rid: msg.rid, error: { code: err.code, userMessage: err.userMessage, message: err.message } });
        },
      );
  });
}
