/**
 * A child of bench/ocr.ts: reads files through one source tree's full per-file chain, as
 * `doisoat check` does (processDocument with the process OCR service), and times each reading.
 * The same script serves the working tree and an older commit's worktree, so both are measured
 * alike:
 *
 *   node --import tsx bench/ocr-chain-runner.ts <tree root>     (cwd: the tree root)
 *
 * stdin: one JSON request a line, `{"file": path}` or `{"warm": [paths]}`; stdout: one JSON answer
 * a line (ChainTiming, or `{"warm": true}`). OCR calls are timed through a wrapper: those with
 * `regions` are the second reading (RecognizeRequest), the others the first.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import type { OcrService, RecognizeRequest } from '../extractors/formats/ocr-service.js';

type ProcessModule = typeof import('../pipeline/process-document.js');
type OcrModule = typeof import('../runtime/ocr/process-ocr.js');
type PoolModule = typeof import('../runtime/ocr/pool.js');

export interface ChainTiming {
  file: string;
  /** processDocument's wall time, s. */
  wall: number;
  /** CPU of this process (all its threads) and of its children (the image decoder), s. */
  cpu: number;
  /** OCR calls of the first reading (one a page), and of the second (one a page read again). */
  firstCalls: number;
  secondCalls: number;
  /** Wall time during which a second-reading OCR call was running, s. */
  secondOcr: number;
  /** From the end of the last first-reading call to the end of the chain (re-rendering, second reading, rules), s. */
  tail: number;
  /** OCR engines started during this reading (a recycled engine's replacement). */
  enginesStarted: number;
  /** The audits' flags by rule, an error's in capitals. */
  flags: string[];
  error?: string;
}

const root = path.resolve(process.argv[2] ?? '.');
const load = <T>(rel: string): Promise<T> => import(pathToFileURL(path.join(root, rel)).href) as Promise<T>;
const { processDocument } = await load<ProcessModule>('pipeline/process-document.ts');
const { processOcr, closeProcessOcr } = await load<OcrModule>('runtime/ocr/process-ocr.ts');
const { getOcrPool } = await load<PoolModule>('runtime/ocr/pool.ts');

const base = processOcr();
let firstCalls = 0;
let secondCalls = 0;
let lastFirstEnd = 0;
/** Second-reading calls running now, and since when one has been: their union in time. */
let secondRunning = 0;
let secondSince = 0;
let secondOcr = 0;
const ocr: OcrService = {
  async recognize(image: Uint8Array, request?: RecognizeRequest) {
    const second = request?.regions !== undefined;
    if (second) {
      secondCalls++;
      if (secondRunning++ === 0) secondSince = performance.now();
    } else firstCalls++;
    try {
      return await base.recognize(image, request);
    } finally {
      const now = performance.now();
      if (!second) lastFirstEnd = Math.max(lastFirstEnd, now);
      else if (--secondRunning === 0) secondOcr += now - secondSince;
    }
  },
};

/** CPU seconds used so far by this process's live children (Linux /proc: utime + stime, 100 Hz). */
function childrenCpu(): number {
  let ticks = 0;
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      // Fields after the command's closing parenthesis: state ppid … utime (14th) stime (15th).
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(f[1]) === process.pid) ticks += Number(f[11]) + Number(f[12]);
    } catch {
      // Gone meanwhile.
    }
  }
  return ticks / 100;
}

async function read(file: string): Promise<ChainTiming> {
  const bytes = new Uint8Array(readFileSync(file));
  firstCalls = secondCalls = 0;
  secondOcr = 0;
  const started0 = getOcrPool().stats().started;
  const cpu0 = process.cpuUsage();
  const children0 = childrenCpu();
  const t0 = performance.now();
  lastFirstEnd = t0;
  const audits = await processDocument(bytes, { file, ocr });
  const t1 = performance.now();
  const cpu = process.cpuUsage(cpu0);
  const error = audits.find((a) => a.error)?.error;
  return {
    file,
    wall: (t1 - t0) / 1000,
    cpu: (cpu.user + cpu.system) / 1e6 + childrenCpu() - children0,
    firstCalls,
    secondCalls,
    secondOcr: secondOcr / 1000,
    tail: (t1 - lastFirstEnd) / 1000,
    enginesStarted: getOcrPool().stats().started - started0,
    flags: audits.flatMap((a) => a.flags.map((f) => (f.severity === 'error' ? f.rule.toUpperCase() : f.rule))),
    ...(error ? { error: error.code } : {}),
  };
}

for await (const line of createInterface({ input: process.stdin })) {
  if (line.trim() === '') continue;
  const request = JSON.parse(line) as { file?: string; warm?: string[] };
  if (request.warm) {
    // Every engine started, and each kind of file read once (decoder child, JIT) before timing.
    await getOcrPool().warmUp();
    for (const f of request.warm) await Promise.all([read(f), read(f)]);
    process.stdout.write(`${JSON.stringify({ warm: true, engines: getOcrPool().stats().engines })}\n`);
  } else if (request.file) {
    process.stdout.write(`${JSON.stringify(await read(request.file))}\n`);
  }
}
await closeProcessOcr();
