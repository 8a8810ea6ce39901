/**
 * `npm run bench:slots`: `doisoat check` on distinct copies of the typed fixtures with 1 and 2
 * slots, for each kind of slot: worker threads, and child processes with each choice of V8 flags
 * (DOISOAT_SLOTS). Rounds are interleaved; medians are printed, with the 2/1 ratio.
 *
 *   npm run bench:slots -- [--count 400] [--rounds 3]
 */
import { spawn } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeDistinctCopies } from '../scripts/distinct-copies.js';
import { median, numberArg } from './stats.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cli = path.join(root, 'bin/doisoat.js');
const work = path.join(root, 'bench/.work/slots');
const count = numberArg('count', 400);
const rounds = numberArg('rounds', 3);
const kinds = (process.env['BENCH_SLOTS'] ?? 'thread;process;process --single-threaded;process --single-threaded-gc').split(';');

/** CPU seconds the whole machine has spent busy (from /proc/stat; Linux clock ticks of 10 ms). */
function machineBusy(): number {
  const [, user, nice, system, , , irq, softirq, steal] = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).map(Number);
  return (user! + nice! + system! + irq! + softirq! + steal!) / 100;
}

/**
 * One `check` run, repeated (at most 4 times) while something else on the machine took more than
 * a little CPU during it: the machine is shared, and such a run measures the neighbour.
 */
async function quietCheck(slots: string, concurrency: number): Promise<{ wall: number; cpu: number; other: number }> {
  for (let attempt = 1; ; attempt++) {
    const before = machineBusy();
    const t = await check(slots, concurrency);
    const other = machineBusy() - before - t.cpu;
    if (other < 1 + 0.05 * t.wall || attempt === 4) return { ...t, other };
    console.log(`  (again: ${other.toFixed(1)} s of CPU used by other processes during ${t.wall.toFixed(1)} s)`);
  }
}

/** Wall seconds and CPU seconds (this child and its children) of one `check` run. */
function check(slots: string, concurrency: number): Promise<{ wall: number; cpu: number }> {
  return new Promise((resolve, reject) => {
    const t = performance.now();
    // `time -f` gives the CPU of the whole tree (children are waited for).
    const child = spawn('/usr/bin/time', ['-f', '%U %S', process.execPath, cli, 'check', '--json', '-c', String(concurrency), work], {
      cwd: root,
      env: { ...process.env, DOISOAT_SLOTS: slots },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let err = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (err = (err + d).slice(-2000)));
    child.once('exit', (code) => {
      const wall = (performance.now() - t) / 1000;
      const m = /([\d.]+) ([\d.]+)\s*$/.exec(err);
      if ((code === 0 || code === 1) && m) resolve({ wall, cpu: Number(m[1]) + Number(m[2]) });
      else reject(new Error(`check exited ${code}: ${err}`));
    });
  });
}

rmSync(work, { recursive: true, force: true });
writeDistinctCopies(work, count);
console.log(`check on ${count} typed reports, ${rounds} rounds, ${os.availableParallelism()} cores`);
const runs = new Map<string, Array<{ wall: number; cpu: number }>>();
for (let r = 0; r < rounds; r++) {
  for (const slots of kinds) {
    for (const c of [1, 2]) {
      const key = `${slots}|${c}`;
      const t = await quietCheck(slots, c);
      (runs.get(key) ?? runs.set(key, []).get(key)!).push(t);
      console.log(`  round ${r + 1}: ${slots}, -c ${c}: ${t.wall.toFixed(1)} s (${(count / t.wall).toFixed(1)} documents/s), CPU ${t.cpu.toFixed(1)} s, others ${t.other.toFixed(1)} s`);
    }
  }
}
console.log('\n| slots | -c 1 docs/s | -c 2 docs/s | 2/1 | CPU s, -c 1 | CPU s, -c 2 |\n|---|---|---|---|---|---|');
for (const slots of kinds) {
  const rate = (c: number): number => count / median(runs.get(`${slots}|${c}`)!.map((x) => x.wall));
  const cpu = (c: number): number => median(runs.get(`${slots}|${c}`)!.map((x) => x.cpu));
  console.log(`| ${slots} | ${rate(1).toFixed(1)} | ${rate(2).toFixed(1)} | ${(rate(2) / rate(1)).toFixed(2)}× | ${cpu(1).toFixed(1)} | ${cpu(2).toFixed(1)} |`);
}
rmSync(work, { recursive: true, force: true });
