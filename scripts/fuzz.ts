/**
 * `npm run fuzz`: mutated bytes of every fixture (bit flips, truncations, overwritten runs, spliced
 * zip entries, swapped or removed PDF objects) through `doisoat check`'s own path (checkFiles:
 * slots in child processes with their time and heap limits). Every input must end with a result or
 * a coded error: an `internal-error` (an exception nothing expected), a missing result, a stall
 * past the time limit or a run over the budget fails the run.
 *
 * Two parts, because OCR takes seconds a page where a typed file takes milliseconds: the typed
 * fixtures' mutants without OCR (a mutant whose text layer is gone gets its coded error at once),
 * then `--scans` mutants of the scanned fixtures (images, and the first page of each scanned PDF)
 * read by this process's OCR pool, where the image decoders meet the broken bytes.
 *
 *   npm run fuzz -- [--count 5000] [--scans 200] [--seed 1] [--timeout 20] [--budget 600] [--keep]
 *
 * Seeded: the same seed and fixtures give the same inputs, named `<n>-<fixture>-<mutation>.<ext>`
 * in the work folder (kept with `--keep`, to replay a finding with `doisoat check <file>`).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkFiles } from '../batches/check-files.js';
import type { ReportAudit } from '../core/report-audit.js';
import { closeProcessOcr, processOcr } from '../runtime/ocr/process-ocr.js';
import { numberArg } from '../bench/stats.js';
import { mutationsFor, seeded } from './fuzz/mutate.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const count = numberArg('count', 5000);
const seed = numberArg('seed', 1);
const timeoutS = numberArg('timeout', 20);
const budgetS = numberArg('budget', 600);
const scanCount = Math.min(numberArg('scans', 200), count);
const keep = process.argv.includes('--keep');

const FIXTURE_DIRS = ['fixtures/reports', 'fixtures/bundles', 'fixtures/bad', 'fixtures/scans', 'fixtures/bad-scans', 'fixtures/tiff', 'fixtures/tiff/blank', 'fixtures/photos'];
const isInput = (f: string): boolean => !/\.(json|md|txt)$/i.test(f) && !f.startsWith('.');
const isScan = (dir: string, f: string): boolean => /scans|tiff|photos/.test(dir) || /\.(png|jpe?g|tiff?|heic)$/i.test(f);

const typed: string[] = [];
const scanned: string[] = [];
for (const dir of FIXTURE_DIRS) {
  const files = readdirSync(path.join(root, dir), { withFileTypes: true }).filter((e) => e.isFile() && isInput(e.name));
  for (const f of files.map((e) => e.name).sort()) (isScan(dir, f) ? scanned : typed).push(path.join(root, dir, f));
}

const random = seeded(seed);
const work = mkdtempSync(path.join(os.tmpdir(), 'doisoat-fuzz-'));
// A scanned PDF's first page only (qpdf): its images meet the decoders as well, and OCR of ten
// pages would spend the time limit on reading, not on the broken bytes.
const firstPages = path.join(work, 'first-pages');
mkdirSync(firstPages);
const scans = scanned.map((f) => {
  if (!/\.pdf$/i.test(f)) return f;
  const out = path.join(firstPages, path.basename(f));
  try {
    execFileSync('qpdf', [f, '--pages', '.', '1', '--', out], { stdio: 'ignore' });
    return out;
  } catch {
    return f;
  }
});
const cache = new Map<string, Uint8Array>();
const bytesOf = (f: string): Uint8Array => {
  let b = cache.get(f);
  if (!b) cache.set(f, (b = new Uint8Array(readFileSync(f))));
  return b;
};
/** `n` mutants of the fixtures in `pool`, written under `dir`, numbered from `from`. */
function mutants(pool: readonly string[], n: number, from: number, dir: string): string[] {
  mkdirSync(dir);
  const out: string[] = [];
  for (let k = 0; k < n; k++) {
    const fixture = random.pick(pool);
    const donor = random.pick(pool.filter((f) => path.extname(f) === path.extname(fixture)));
    const { bytes, mutation } = random.pick(mutationsFor(fixture))(bytesOf(fixture), random, bytesOf(donor));
    const ext = path.extname(fixture);
    const file = path.join(dir, `${String(from + k).padStart(5, '0')}-${path.basename(fixture, ext)}-${mutation}`.slice(0, 180) + ext);
    writeFileSync(file, bytes);
    out.push(file);
  }
  return out;
}
const parts = [
  { name: 'typed, no OCR', files: mutants(typed, count - scanCount, 0, path.join(work, 'typed')), ocr: false },
  { name: 'scans, OCR', files: mutants(scans, scanCount, count - scanCount, path.join(work, 'scans')), ocr: true },
];
const files = parts.flatMap((p) => p.files);
console.log(`fuzz: ${count} inputs (${count - scanCount} from ${typed.length} typed fixtures, ${scanCount} from ${scans.length} scanned), seed ${seed}, time limit ${timeoutS} s a file, budget ${budgetS} s; inputs in ${work}`);

const started = performance.now();
let lastResult = started;
let done = 0;
let maxRss = process.memoryUsage().rss;
const outstanding = new Set<string>();
// A stall: no result for longer than a file may take, however the slots are doing.
const watchdog = setInterval(() => {
  maxRss = Math.max(maxRss, process.memoryUsage().rss);
  const quiet = (performance.now() - lastResult) / 1000;
  if (quiet > timeoutS + 60) {
    console.error(`FAIL: no result for ${quiet.toFixed(0)} s; outstanding: ${[...outstanding].slice(0, 10).map((f) => path.basename(f)).join(', ')}`);
    process.exit(1);
  }
}, 1000);
const audits: ReportAudit[] = [];
try {
  for (const part of parts) {
    const t = performance.now();
    for (const f of part.files) outstanding.add(f);
    const results = await checkFiles(part.files, {
      timeoutMs: timeoutS * 1000,
      ...(part.ocr ? { ocr: processOcr } : {}),
      onResult: (_audits, index) => {
        outstanding.delete(part.files[index]!);
        lastResult = performance.now();
        if (++done % 500 === 0) console.log(`  ${done}/${count} in ${((lastResult - started) / 1000).toFixed(0)} s`);
      },
    });
    // An input's first audit: a mutant read as several reports is still one input.
    audits.push(...results.map((r) => r[0]!));
    const s = (performance.now() - t) / 1000;
    console.log(`  ${part.name}: ${part.files.length} inputs in ${s.toFixed(0)} s (${(part.files.length / s).toFixed(1)} a second)`);
  }
} finally {
  clearInterval(watchdog);
  await closeProcessOcr();
}
const seconds = (performance.now() - started) / 1000;

const outcomes = new Map<string, number>();
const findings: string[] = [];
const timeouts: string[] = [];
audits.forEach((a, i) => {
  const key = a === undefined ? 'no result' : a.error ? a.error.code : 'read';
  outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
  if (a === undefined || a.error?.code === 'internal-error') findings.push(`${path.basename(files[i]!)}: ${a?.error?.message ?? 'no result'}`);
  if (a?.error?.code === 'timeout') timeouts.push(path.basename(files[i]!));
});
console.log(`\n${count} inputs in ${seconds.toFixed(0)} s (${(count / seconds).toFixed(1)} a second), this process's peak RSS ${(maxRss / 2 ** 20).toFixed(0)} MB`);
console.log('| outcome | inputs |\n|---|---|');
for (const [k, v] of [...outcomes].sort((a, b) => b[1] - a[1])) console.log(`| ${k} | ${v} |`);
for (const f of findings.slice(0, 20)) console.log(`finding: ${f}`);
// Within the limit by definition, but each costs a slot the whole limit: worth a look.
for (const f of timeouts.slice(0, 20)) console.log(`timed out: ${f}`);
const over = seconds > budgetS;
if (over) console.log(`FAIL: ${seconds.toFixed(0)} s is over the budget of ${budgetS} s`);
if (!keep) rmSync(work, { recursive: true, force: true });
console.log(findings.length === 0 && !over ? 'PASS: every input has a result or a coded error' : `FAIL: ${findings.length} findings`);
process.exit(findings.length === 0 && !over ? 0 : 1);
