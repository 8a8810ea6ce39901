// A forked child for the watchdog test: it watches its parent (dist/runtime/parent-watchdog.js),
// says "spinning <pid>", then blocks its event loop for a minute, as a parse stuck in a
// synchronous loop would: no 'disconnect' event can run.
import { watchParent } from '../../dist/runtime/parent-watchdog.js';

if (process.argv[2] === 'watch') watchParent(100);
process.send?.(`spinning ${process.pid}`, () => {
  const until = Date.now() + 60_000;
  while (Date.now() < until) {
    // spin
  }
});
