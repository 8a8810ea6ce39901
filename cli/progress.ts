/**
 * Progress on stderr while many files are checked: a bar on a terminal, plain lines otherwise
 * (logs of nightly runs), nothing for a single file. stdout stays clean for --json.
 */
import cliProgress from 'cli-progress';
import { printableName } from './printable.js';

export interface Progress {
  /** One more file done. */
  tick(file: string): void;
  /** So many done (a batch followed through the store). */
  update(done: number): void;
  stop(): void;
}

export function createProgress(total: number, stream: NodeJS.WriteStream = process.stderr, verb = 'kiểm tra'): Progress {
  if (total < 2) return { tick: () => {}, update: () => {}, stop: () => {} };
  if (stream.isTTY) {
    const bar = new cliProgress.SingleBar(
      { format: `Đang ${verb} |{bar}| {value}/{total} tệp ({percentage}%) {file}`, stream, hideCursor: true, clearOnComplete: true },
      cliProgress.Presets.shades_classic,
    );
    bar.start(total, 0, { file: '' });
    return { tick: (file) => bar.increment(1, { file: printableName(file) }), update: (done) => bar.update(done, { file: '' }), stop: () => bar.stop() };
  }
  let done = 0;
  // A batch's count can change with every result: a line a second at most, and the last one.
  let written = 0;
  return {
    tick: (file) => {
      done++;
      stream.write(`Đã ${verb} ${done}/${total}: ${printableName(file)}\n`);
    },
    update: (now) => {
      if (now === done || (now < total && Date.now() - written < 1000)) return;
      done = now;
      written = Date.now();
      stream.write(`Đã ${verb} ${done}/${total} tệp\n`);
    },
    stop: () => {},
  };
}
