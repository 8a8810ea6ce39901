/**
 * Progress on stderr while many files are checked: a bar on a terminal, plain lines otherwise
 * (logs of nightly runs), nothing for a single file. stdout stays clean for --json.
 */
import cliProgress from 'cli-progress';

export interface Progress {
  tick(file: string): void;
  stop(): void;
}

export function createProgress(total: number, stream: NodeJS.WriteStream = process.stderr): Progress {
  if (total < 2) return { tick: () => {}, stop: () => {} };
  if (stream.isTTY) {
    const bar = new cliProgress.SingleBar(
      { format: 'Đang kiểm tra |{bar}| {value}/{total} tệp ({percentage}%) {file}', stream, hideCursor: true, clearOnComplete: true },
      cliProgress.Presets.shades_classic,
    );
    bar.start(total, 0, { file: '' });
    return { tick: (file) => bar.increment(1, { file }), stop: () => bar.stop() };
  }
  let done = 0;
  return {
    tick: (file) => {
      done++;
      stream.write(`Đã kiểm tra ${done}/${total}: ${file}\n`);
    },
    stop: () => {},
  };
}
