/** Runs the real CLI, compiled (test/support/build.ts), as `npx doisoat` does, in a child process. */
import { spawnSync } from 'node:child_process';
import { CLI, ROOT } from './paths.js';

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** `input`, when given, is written to the CLI's standard input (then closed); `cwd` defaults to the repository. */
export function runCli(args: readonly string[], env: NodeJS.ProcessEnv = {}, timeoutMs = 300_000, input?: string, cwd = ROOT): CliRun {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, ...env },
    maxBuffer: 64 * 1024 * 1024,
    timeout: timeoutMs,
    ...(input === undefined ? {} : { input }),
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
