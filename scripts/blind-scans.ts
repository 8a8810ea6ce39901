/**
 * Blind sets: scans nothing was tuned to, to measure how OCR reads reports it has never seen.
 *
 *   node --import tsx scripts/blind-scans.ts make <label> <dir>
 *     Scans every typed PDF of fixtures/reports into <dir>/<name>@<dpi>.pdf, each at 200 or 300 dpi
 *     (chosen by the label's seed), with the scanner's look of scripts/make-scans.ts (skew, blur,
 *     grey paper, noise, JPEG) but seeds drawn from <label>: a new label is a new set.
 *   node --import tsx scripts/blind-scans.ts compare <typed.json> <blind.json>
 *     Compares `doisoat check --json` of the typed PDFs with that of their scans on what the
 *     scanned fixtures must keep (declared scores, summary, total, classification, recomputed
 *     totals, error flags) and prints each difference.
 *
 * A set is read once before any change; the first reading is the measure.
 */
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import { basename, join } from 'node:path';
import { comparable } from './fixtures/comparable.js';
import type { ReportAudit } from '../core/report-audit.js';
import { mapLimit } from './blind/run.js';
import { seedOf, skewOf } from './scans/seed.js';
import { imagesToPdf, pageCount, renderPage, scanLook } from './scans/tools.js';

const SETTINGS: Record<number, { blur: number; noise: number; quality: number }> = {
  300: { blur: 0.9, noise: 0.12, quality: 75 },
  200: { blur: 0.6, noise: 0.12, quality: 78 },
};
const PAPER = 0.95;

async function make(label: string, out: string): Promise<void> {
  await mkdir(out, { recursive: true });
  const names = (await readdir('fixtures/reports')).filter((f) => f.endsWith('.pdf')).map((f) => f.slice(0, -4)).sort();
  const work = await mkdtemp(join(os.tmpdir(), 'doisoat-blind-'));
  try {
    const one = async (name: string): Promise<void> => {
      const pdf = `fixtures/reports/${name}.pdf`;
      const dpi = seedOf(`${label}:dpi:${name}`) % 2 ? 200 : 300;
      const s = SETTINGS[dpi]!;
      const jpegs: string[] = [];
      for (let p = 1; p <= (await pageCount(pdf)); p++) {
        const page = `${label}:${name}@${dpi}#${p}`;
        const dir = await mkdtemp(join(work, 'p-'));
        const jpeg = join(work, `${name}_${p}.jpg`);
        await scanLook(await renderPage(pdf, p, dpi, dir), jpeg, { angle: skewOf(page), blur: s.blur, paper: PAPER, noise: s.noise, seed: seedOf(`noise:${page}`) % 1_000_000, quality: s.quality, dpi });
        jpegs.push(jpeg);
      }
      await imagesToPdf(jpegs, dpi, join(out, `${name}@${dpi}.pdf`));
    };
    await mapLimit(names, os.availableParallelism(), one);
    console.log(`${names.length} scanned reports in ${out}`);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

function compare(typedFile: string, blindFile: string): void {
  const load = (f: string): ReportAudit[] => JSON.parse(readFileSync(f, 'utf8')) as ReportAudit[];
  const typed = new Map(load(typedFile).map((a) => [basename(a.file).replace(/\.pdf$/, ''), a]));
  const kept = (a: ReportAudit): Record<string, string> => {
    const c = comparable(a);
    return { declared: JSON.stringify(c.declared), recomputed: JSON.stringify(c.recomputed), errorFlags: JSON.stringify(c.errorFlags) };
  };
  const blind = load(blindFile);
  let same = 0;
  for (const b of blind) {
    const name = basename(b.file);
    const t = typed.get(name.replace(/@\d+\.pdf$/, ''));
    if (!t) {
      console.log(`${name}: no typed twin`);
      continue;
    }
    if (b.error) {
      console.log(`${name}: ${b.error.code} ${b.error.message}`);
      continue;
    }
    const [x, y] = [kept(t), kept(b)];
    const differ = Object.keys(x).filter((k) => x[k] !== y[k]);
    if (differ.length === 0) {
      same++;
      continue;
    }
    console.log(`${name}: differs in ${differ.join(', ')}`);
    for (const k of differ) console.log(`  ${k}\n    typed: ${x[k]}\n    scan:  ${y[k]}`);
  }
  console.log(`${same} of ${blind.length} read as their typed twins`);
}

const [command, a, b] = process.argv.slice(2);
if (command === 'make' && a && b) await make(a, b);
else if (command === 'compare' && a && b) compare(a, b);
else {
  console.error('usage: blind-scans.ts make <label> <dir> | compare <typed.json> <blind.json>');
  process.exit(2);
}
