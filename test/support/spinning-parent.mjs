// A parent for the watchdog test: forks test/support/spinning-child.mjs (with "watch" or not,
// and the children's V8 flags) and prints the child's "spinning <pid>" line; the test then
// SIGKILLs this process.
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const [mode, ...flags] = process.argv.slice(2);
const child = fork(fileURLToPath(new URL('./spinning-child.mjs', import.meta.url)), [mode ?? ''], { execArgv: flags });
child.on('message', (m) => process.stdout.write(`${m}\n`));
