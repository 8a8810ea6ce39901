/**
 * CPU time by kind of process during a benchmark run, read from Linux's /proc: the parsing
 * children, the worker processes around them, the enqueuer, PostgreSQL and Redis. A throughput
 * figure alone cannot tell whether two workers were slow because of the queue, or because two
 * parsers on two cores each run slower than one alone (the cores share a cache and memory).
 *
 * Live processes are sampled twice a second. Two kinds are known exactly once they have been
 * waited for: the CLI runs this process starts (their whole trees, in this process's children's
 * time) and PostgreSQL's backends that ended (in the postmaster's children's time). A parse
 * child of an in-process run that ends between samples loses at most its last half second.
 */
import { readdirSync, readFileSync } from 'node:fs';

export type CpuKind = 'parse' | 'worker' | 'enqueue' | 'postgres' | 'redis';
export const CPU_KINDS: readonly CpuKind[] = ['parse', 'worker', 'enqueue', 'postgres', 'redis'];
export type CpuSeconds = Record<CpuKind, number>;

/** Linux clock ticks per second (USER_HZ), the unit of /proc's times. */
const HZ = 100;

interface ProcStat {
  ppid: string;
  /** utime + stime, seconds. */
  own: number;
  /** cutime + cstime: children that ended and were waited for, seconds. */
  children: number;
}

function readStat(pid: string): ProcStat | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { ppid: f[1]!, own: (Number(f[11]) + Number(f[12])) / HZ, children: (Number(f[13]) + Number(f[14])) / HZ };
  } catch {
    return null;
  }
}

type Kind = CpuKind | 'postmaster';

function kindOf(pid: string): Kind | null {
  let cmd: string;
  try {
    cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
  } catch {
    return null;
  }
  if (cmd.includes('document-worker')) return 'parse';
  if (/doisoat\.js worker\b/.test(cmd)) return 'worker';
  if (/doisoat\.js enqueue\b/.test(cmd)) return 'enqueue';
  if (/\/bin\/postgres\b/.test(cmd)) return 'postmaster';
  if (cmd.startsWith('postgres:')) return 'postgres';
  if (cmd.includes('redis-server')) return 'redis';
  return null;
}

export function cpuMeterAvailable(): boolean {
  return readStat('self') !== null;
}

interface Seen {
  kind: Kind;
  ppid: string;
  first: ProcStat;
  last: ProcStat;
  alive: boolean;
}

/** Seconds of CPU by kind of process between `start()` and `stop()`. */
export class CpuMeter {
  readonly #seen = new Map<string, Seen>();
  #self: ProcStat | null = null;
  #timer: NodeJS.Timeout | undefined;

  start(): void {
    this.#self = readStat('self');
    this.#sample(true);
    this.#timer = setInterval(() => this.#sample(false), 500);
  }

  #sample(initial: boolean): void {
    for (const p of this.#seen.values()) p.alive = false;
    for (const pid of readdirSync('/proc')) {
      if (!/^\d+$/.test(pid)) continue;
      const stat = readStat(pid);
      if (!stat) continue;
      const seen = this.#seen.get(pid);
      if (seen) {
        seen.last = stat;
        seen.alive = true;
        continue;
      }
      const kind = kindOf(pid);
      // A process born during the run counts from zero.
      if (kind) this.#seen.set(pid, { kind, ppid: stat.ppid, first: initial ? stat : { ...stat, own: 0, children: 0 }, last: stat, alive: true });
    }
  }

  /**
   * Stops sampling and sums. Call it after the run's CLI processes have been waited for and
   * before the workers are stopped.
   */
  stop(): CpuSeconds {
    clearInterval(this.#timer);
    this.#sample(false);
    const by: CpuSeconds = { parse: 0, worker: 0, enqueue: 0, postgres: 0, redis: 0 };
    let parseOfCli = 0;
    for (const s of this.#seen.values()) {
      const own = s.last.own - s.first.own;
      switch (s.kind) {
        case 'postmaster':
          by.postgres += own + s.last.children - s.first.children;
          break;
        case 'postgres':
          // A backend that ended is in the postmaster's children's time.
          if (s.alive) by.postgres += own;
          break;
        case 'parse':
          by.parse += own;
          if (this.#seen.get(s.ppid)?.kind === 'enqueue') parseOfCli += own;
          break;
        default:
          by[s.kind] += own;
      }
    }
    // The enqueue runs have ended and been waited for: their whole trees are in this process's
    // children's time; less their parse children (in-process runs), counted as parsing.
    const self = readStat('self');
    if (this.#self && self) by.enqueue = Math.max(0, self.children - this.#self.children - parseOfCli);
    return by;
  }
}
