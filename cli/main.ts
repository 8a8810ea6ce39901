#!/usr/bin/env node
/** Entry point of `doisoat`: parses argv and runs the command (see program.ts). */
import { buildProgram } from './program.js';

await buildProgram().parseAsync(process.argv);
