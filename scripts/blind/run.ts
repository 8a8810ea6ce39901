/**
 * Shared by the blind-set scripts: a small worker pool, and `doisoat check --json` run from the
 * sources (DOISOAT_CLI overrides the command, e.g. "node bin/doisoat.js").
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { ReportAudit } from '../../core/report-audit.js';

const execFileAsync = promisify(execFile);

/** Runs `fn` over `items`, `limit` at a time; results in input order. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i]!, i);
      }
    }),
  );
  return out;
}

/** `check --json` over files, one process; exit code 1 (error flags) is a normal outcome. */
export async function checkJson(files: readonly string[], options: { concurrency: number; timeoutS?: number } = { concurrency: 2 }): Promise<ReportAudit[]> {
  if (files.length === 0) return [];
  const [cmd, ...pre] = (process.env.DOISOAT_CLI ?? 'node --import tsx cli/main.ts').split(/\s+/);
  const args = [...pre, 'check', '--json', '-c', String(options.concurrency), '--timeout', String(options.timeoutS ?? 600), '--', ...files];
  let stdout: string;
  try {
    ({ stdout } = await execFileAsync(cmd!, args, { maxBuffer: 512 * 1024 * 1024 }));
  } catch (e) {
    const err = e as Error & { code?: number; stdout?: string; stderr?: string };
    if (err.code !== 1 && err.code !== 2) throw new Error(`${cmd} ${args.slice(0, 6).join(' ')} … failed: ${err.message}\n${err.stderr ?? ''}`);
    stdout = err.stdout ?? '';
  }
  const audits = JSON.parse(stdout) as ReportAudit[];
  if (audits.length !== files.length) throw new Error(`check gave ${audits.length} audits for ${files.length} files`);
  return audits;
}
