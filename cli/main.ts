#!/usr/bin/env node
/** Entry point of `doisoat`: parses argv and runs the command (see program.ts for exit codes). */
import { CommanderError } from 'commander';
import { isDoisoatError } from '../core/errors.js';
import { maskUrlsIn } from '../core/redact.js';
import { EXIT_OK, EXIT_UNREADABLE, EXIT_USAGE } from './output.js';
import { buildProgram } from './program.js';
import { HelpShown, UsageError } from './usage.js';

try {
  await buildProgram().parseAsync(process.argv);
} catch (err) {
  process.exitCode = report(err);
}

/** One Vietnamese message on stderr, never a stack for an expected failure; the exit code. */
function report(err: unknown): number {
  if (err instanceof HelpShown) {
    // A command of commands given alone (`doisoat users`): its help is printed already; say what is missing.
    if (!err.requested) process.stderr.write('\nLỗi: Thiếu lệnh: chọn một trong các lệnh ở trên.\n');
    return err.requested ? EXIT_OK : EXIT_USAGE;
  }
  if (err instanceof UsageError) {
    process.stderr.write(`Lỗi: ${err.message}\n\n${err.command.helpInformation({ error: true })}`);
    return EXIT_USAGE;
  }
  // A command that cannot run at all (no Redis, no database).
  if (isDoisoatError(err)) {
    process.stderr.write(`Lỗi: ${maskUrlsIn(err.userMessage)}\n`);
    return EXIT_UNREADABLE;
  }
  // An option parser's refusal raised from inside an action: its message is ours, in Vietnamese.
  if (err instanceof CommanderError) {
    process.stderr.write(`Lỗi: ${err.message}\n`);
    return EXIT_USAGE;
  }
  // A bug: the detail is for the maintainers, but a connection URL in it keeps its password hidden.
  const detail = err instanceof Error ? (err.stack ?? err.message) : String(err);
  process.stderr.write(`Lỗi nội bộ: ${maskUrlsIn(detail)}\n`);
  return EXIT_UNREADABLE;
}
