/**
 * Decodes untrusted PNG, JPEG or BMP bytes in a child process of their own. The canvas's native
 * decoders run on whatever a commune sends; one that crashes (SIGSEGV, abort) would take the whole
 * process down, with every file of the batch, a queue worker or the web server. Here it ends the
 * child: the image it was decoding gets `read-failed`, and the next image starts a new child.
 *
 * One child, one image at a time, so a crash is blamed on the image that caused it (decoding is a
 * tenth of a second a page; reading it takes seconds). An idle child does not keep the process alive.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { DoisoatError } from '../../core/errors.js';
import type { GrayImage } from './tables.js';

export interface DecodeRequest {
  readonly id: number;
  readonly image: Uint8Array;
}

export type DecodeReply = { readonly id: number; readonly error: string } | ({ readonly id: number } & GrayImage);

/** A decode taking longer than this (30 s) is stopped: `timeout`. */
export const DECODE_TIMEOUT_MS = 30_000;

interface Job {
  readonly id: number;
  readonly image: Uint8Array;
  readonly resolve: (image: GrayImage) => void;
  readonly reject: (err: DoisoatError) => void;
}

const fromSources = import.meta.url.endsWith('.ts');
const entry = new URL(fromSources ? './decoder-child.ts' : './decoder-child.js', import.meta.url);

let child: ChildProcess | null = null;
let current: { job: Job; timer: NodeJS.Timeout } | null = null;
const queue: Job[] = [];
let nextId = 0;

function start(): ChildProcess {
  const tsx = fromSources ? ['--import', pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href] : [];
  const c = fork(fileURLToPath(entry), [], { execArgv: tsx, serialization: 'advanced', stdio: ['ignore', 'ignore', 'ignore', 'ipc'] });
  c.on('message', (message: unknown) => {
    const r = message as DecodeReply;
    if (!current || r.id !== current.job.id) return;
    const { job } = finish();
    if ('error' in r) job.reject(DoisoatError.withDetail('corrupt-file', 'Không giải mã được ảnh.', new Error(r.error)));
    else job.resolve({ width: r.width, height: r.height, data: new Uint8Array(r.data.buffer, r.data.byteOffset, r.data.byteLength) });
    pump();
  });
  const gone = (why: string): void => {
    if (child !== c) return;
    child = null;
    if (current) {
      const { job } = finish();
      job.reject(DoisoatError.withDetail('read-failed', 'Bộ giải mã ảnh bị lỗi và dừng đột ngột khi đọc ảnh này; tệp không đọc được.', new Error(why)));
    }
    pump();
  };
  c.once('exit', (code, signal) => gone(`decoder exited (${signal ?? code})`));
  c.once('error', (err) => {
    gone(String(err));
    c.kill('SIGKILL');
  });
  return c;
}

function finish(): { job: Job } {
  const done = current!;
  current = null;
  clearTimeout(done.timer);
  return done;
}

function pump(): void {
  if (current) return;
  const job = queue.shift();
  if (!job) {
    // Idle: the child must not keep this process alive.
    child?.unref();
    child?.channel?.unref();
    return;
  }
  child ??= start();
  child.ref();
  child.channel?.ref();
  const running = child;
  const timer = setTimeout(() => {
    if (current?.job !== job) return;
    finish();
    job.reject(DoisoatError.withDetail('timeout', `Giải mã ảnh quá ${DECODE_TIMEOUT_MS / 1000} giây.`));
    // Its next image gets a fresh child.
    if (child === running) child = null;
    running.kill('SIGKILL');
    pump();
  }, DECODE_TIMEOUT_MS);
  current = { job, timer };
  running.send({ id: job.id, image: job.image } satisfies DecodeRequest);
}

/** The image's grayscale pixels, decoded by the canvas in the decoder's child process. */
export function decodeInChild(image: Uint8Array): Promise<GrayImage> {
  return new Promise<GrayImage>((resolve, reject) => {
    queue.push({ id: nextId++, image, resolve, reject });
    pump();
  });
}

/** Stops the decoder's child, if it runs (images still queued get `internal-error`). */
export function closeDecoder(): void {
  for (const job of queue.splice(0)) job.reject(DoisoatError.withDetail('internal-error', 'Bộ giải mã ảnh đã đóng.'));
  const c = child;
  child = null;
  if (current) finish().job.reject(DoisoatError.withDetail('internal-error', 'Bộ giải mã ảnh đã đóng.'));
  c?.kill('SIGKILL');
}
