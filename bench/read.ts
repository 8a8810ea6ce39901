/**
 * `npm run bench`: how fast doisoat reads typed reports on one core, against pdftotext.
 *
 * Copies the fixtures into bench/.work until there are N DOCX and N PDF reports (default 200 each),
 * then, in one run, times several rounds of: processDocument on every DOCX, on every PDF (in this
 * process, sequentially: one core), and `pdftotext` (poppler-utils) on the same PDFs as the
 * baseline. Prints medians of the rounds; the machine is shared and noisy.
 *
 *   npm run bench -- [--count 200] [--rounds 5]
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { processDocument } from '../pipeline/process-document.js';
import { median, numberArg } from './stats.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const reports = path.join(root, 'fixtures/reports');
const work = path.join(root, 'bench/.work');

const count = numberArg('count', 200);
const rounds = numberArg('rounds', 5);

function prepare(ext: string): string[] {
  const sources = readdirSync(reports).filter((f) => f.endsWith(`.${ext}`)).sort();
  if (sources.length === 0) throw new Error(`no .${ext} fixtures in ${reports}`);
  const dir = path.join(work, ext);
  mkdirSync(dir, { recursive: true });
  const files: string[] = [];
  for (let i = 0; i < count; i++) {
    const src = sources[i % sources.length]!;
    const dest = path.join(dir, `${String(i).padStart(4, '0')}-${src}`);
    copyFileSync(path.join(reports, src), dest);
    files.push(dest);
  }
  return files;
}

/** CPU seconds per wall second of the doisoat rounds: about 1 shows the runs used one core. */
const cpuShare: number[] = [];

async function timeDoisoat(files: string[]): Promise<number> {
  const buffers = files.map((f) => readFileSync(f));
  const cpu = process.cpuUsage();
  const started = performance.now();
  for (let i = 0; i < files.length; i++) {
    const [audit] = await processDocument(buffers[i]!, { file: files[i]! });
    if (audit?.error) throw new Error(`${files[i]}: ${audit.error.code}`);
  }
  const wall = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  cpuShare.push((used.user + used.system) / 1e6 / wall);
  return wall;
}

function timePdftotext(files: string[]): number {
  const started = performance.now();
  for (const f of files) {
    const r = spawnSync('pdftotext', ['-layout', f, '-'], { stdio: ['ignore', 'ignore', 'inherit'] });
    if (r.status !== 0) throw new Error(`pdftotext failed on ${f}`);
  }
  return (performance.now() - started) / 1000;
}

rmSync(work, { recursive: true, force: true });
const docx = prepare('docx');
const pdf = prepare('pdf');
let hasPdftotext = true;
try {
  execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
} catch {
  hasPdftotext = false;
}

// One warm-up pass (module loading, JIT), not counted.
await timeDoisoat(docx.slice(0, 10));
await timeDoisoat(pdf.slice(0, 10));

const t = { docx: [] as number[], pdf: [] as number[], pdftotext: [] as number[] };
for (let r = 0; r < rounds; r++) {
  t.docx.push(await timeDoisoat(docx));
  t.pdf.push(await timeDoisoat(pdf));
  if (hasPdftotext) t.pdftotext.push(timePdftotext(pdf));
  process.stderr.write(`round ${r + 1}/${rounds} done\n`);
}

const rate = (seconds: number[]): number => count / median(seconds);
const lines = [
  `doisoat bench: ${count} DOCX and ${count} PDF reports, ${rounds} rounds, medians, one core (sequential, in-process; CPU/wall ${median(cpuShare).toFixed(2)})`,
  `  DOCX  doisoat    ${rate(t.docx).toFixed(1).padStart(7)} documents/s   (target ≥ 25)`,
  `  PDF   doisoat    ${rate(t.pdf).toFixed(1).padStart(7)} documents/s   (target ≥ 10)`,
];
if (hasPdftotext) {
  lines.push(`  PDF   pdftotext  ${rate(t.pdftotext).toFixed(1).padStart(7)} documents/s   (baseline: one process per file, text only)`);
  lines.push(`  ratio doisoat PDF time / pdftotext time: ${(median(t.pdf) / median(t.pdftotext)).toFixed(2)}×`);
} else {
  lines.push('  pdftotext not installed (apt-get install poppler-utils): no baseline');
}
process.stdout.write(lines.join('\n') + '\n');
rmSync(work, { recursive: true, force: true });
