/**
 * `npm run bench:machine`: how this machine runs two busy processes against one, with nothing of
 * doisoat, to read bench:queue's "2 workers / 1 worker" against. Three loads, each run alone, then
 * two copies at once (rounds interleaved, medians):
 *   - compute: arithmetic on a few registers, no memory to speak of;
 *   - allocation: small objects and strings made and dropped, as a parser does (V8 flags of the
 *     document slots' children);
 *   - pointer chase around one cycle through a 4 MiB table (Sattolo's shuffle): each step a
 *     dependent read that misses the core's own caches, so it measures the cache the cores share.
 * A load that two copies run at 2× one is not held back by the machine; one that gains much less
 * is limited by what the cores share (a cache, memory, the host), and no queue can do better.
 *
 *   npm run bench:machine -- [--rounds 5]
 */
import { spawn } from 'node:child_process';
import { CHILD_V8_FLAGS } from '../runtime/document-slots.js';
import { median, numberArg } from './stats.js';

const rounds = numberArg('rounds', 5);

/** Each load runs for a few seconds alone and prints nothing; it is timed from outside. */
const loads = {
  compute: `let x = 1; for (let i = 0; i < 6e8; i++) x = (x * 1103515245 + 12345) | 0; if (x === 0.5) console.log(x);`,
  allocation: `let keep = [], n = 0; for (let i = 0; i < 8e6; i++) { keep.push({ a: i, b: 'x' + i, c: [i, i + 1] }); if (keep.length > 200000) { n += keep.length; keep = []; } } if (n === 0.5) console.log(n);`,
  'pointer chase, 4 MiB': `const n = (4 << 20) / 4, next = new Int32Array(n); for (let i = 0; i < n; i++) next[i] = i;
    let seed = 1; const rnd = () => ((seed = (seed * 1103515245 + 12345) >>> 0) % 2147483648) / 2147483648;
    for (let i = n - 1; i > 0; i--) { const j = Math.floor(rnd() * i); const t = next[i]; next[i] = next[j]; next[j] = t; }
    let p = 0; for (let s = 0; s < 6e7; s++) p = next[p]; if (p === -1) console.log(p);`,
} as const;
type Load = keyof typeof loads;

const flagsOf = (load: Load): readonly string[] => (load === 'allocation' ? CHILD_V8_FLAGS : []);

function runLoad(load: Load): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...flagsOf(load), '-e', loads[load]], { stdio: 'inherit' });
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${load} exited ${code}`))));
  });
}

/** Seconds for `copies` copies of the load started together, until the last ends. */
async function timed(load: Load, copies: number): Promise<number> {
  const t = performance.now();
  await Promise.all(Array.from({ length: copies }, () => runLoad(load)));
  return (performance.now() - t) / 1000;
}

const results = new Map<Load, { one: number[]; two: number[] }>();
for (const load of Object.keys(loads) as Load[]) results.set(load, { one: [], two: [] });
for (let r = 0; r < rounds; r++) {
  for (const [load, times] of results) {
    times.one.push(await timed(load, 1));
    times.two.push(await timed(load, 2));
    const i = times.one.length - 1;
    console.log(`  round ${r + 1}: ${load}: 1 alone ${times.one[i]!.toFixed(2)} s, 2 at once ${times.two[i]!.toFixed(2)} s (${((2 * times.one[i]!) / times.two[i]!).toFixed(2)}×)`);
  }
}
console.log('\n| load | 1 alone, s | 2 at once, s | 2 / 1 (work per second) |\n|---|---|---|---|');
for (const [load, { one, two }] of results) console.log(`| ${load} | ${median(one).toFixed(2)} | ${median(two).toFixed(2)} | ${((2 * median(one)) / median(two)).toFixed(2)}× |`);
