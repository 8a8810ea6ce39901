#!/usr/bin/env node
/** Entry point of `doisoat`: parses argv and runs the command (see program.ts). */
import { isDoisoatError } from '../core/errors.js';
import { EXIT_UNREADABLE } from './output.js';
import { buildProgram } from './program.js';

try {
  await buildProgram().parseAsync(process.argv);
} catch (err) {
  // A command that cannot run at all (no Redis, no database): one Vietnamese line, no stack.
  if (!isDoisoatError(err)) throw err;
  process.stderr.write(`Lỗi: ${err.userMessage}\n`);
  process.exitCode = EXIT_UNREADABLE;
}
