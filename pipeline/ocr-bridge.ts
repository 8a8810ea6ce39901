/**
 * OCR across threads. The tesseract.js workers are owned once per process, by the main thread
 * (they are threads themselves: one pool sized to the cores, not one per document thread). A
 * document thread gets `remoteOcr`, which sends page images to the main thread; `serveOcr` answers.
 */
import type { MessagePort, Worker } from 'node:worker_threads';
import { DoisoatError, isDoisoatError, type ErrorCode } from '../core/errors.js';
import type { OcrPage, OcrService } from '../extractors/formats/ocr-service.js';

export interface OcrRequest {
  type: 'ocr';
  rid: number;
  image: ArrayBuffer;
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

/** In a document thread: OCR by asking the main thread. */
export function remoteOcr(port: MessagePort): OcrService {
  let next = 0;
  const waiting = new Map<number, { resolve: (p: OcrPage) => void; reject: (e: Error) => void }>();
  port.on('message', (msg: unknown) => {
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
    recognize(image: Uint8Array): Promise<OcrPage> {
      const rid = next++;
      const copy = image.slice();
      const request: OcrRequest = { type: 'ocr', rid, image: copy.buffer as ArrayBuffer };
      return new Promise<OcrPage>((resolve, reject) => {
        waiting.set(rid, { resolve, reject });
        port.postMessage(request, [request.image]);
      });
    },
  };
}

/** In the main thread: answer a document thread's OCR requests with the process's engine. */
export function serveOcr(worker: Worker, ocr: () => OcrService): void {
  worker.on('message', (msg: unknown) => {
    if (!isOcrRequest(msg)) return;
    const reply = (r: OcrReply): void => {
      try {
        worker.postMessage(r);
      } catch {
        // The thread was stopped (timeout) while its page was being read: nobody to tell.
      }
    };
    ocr()
      .recognize(new Uint8Array(msg.image))
      .then(
        (page) => reply({ type: 'ocr-result', rid: msg.rid, page }),
        (e: unknown) => {
          const err = isDoisoatError(e) ? e : new DoisoatError('internal-error', e instanceof Error ? e.message : String(e));
          reply({ type: 'ocr-result', rid: msg.rid, error: { code: err.code, userMessage: err.userMessage, message: err.message } });
        },
      );
  });
}
