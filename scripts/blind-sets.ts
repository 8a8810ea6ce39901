/**
 * Blind sets from texts the fixtures do not contain (scripts/blind/texts/), with looks the fixtures
 * do not have, compared with their typed twins figure by figure.
 *
 *   npm run blind -- make <label> <dir>
 *     Renders each blind text and each of its variants (one declared figure changed) to DOCX and
 *     PDF through LibreOffice, in a typeface and margins drawn from <label> (<dir>/typed/), checks
 *     that every typed twin reads exactly as its text declares, then makes the blind files
 *     (<dir>/blind/): scans of whole reports and phone photos of single pages, every choice drawn
 *     from <label>. Writes <dir>/manifest.json.
 *   npm run blind -- compare <dir> [--json] [-c N] [--typed-json F] [--pages-json F] [--blind-json F]
 *     Reads the twins, their single pages and the blind files with `doisoat check --json` (or
 *     takes the JSON given), and prints per file and in total: read or not, false error flags,
 *     the injected discrepancy flagged or not, figures exact, ocr-uncertain warnings.
 *
 * A set is read once before any change to the reader; that first reading is the measure.
 * Needs LibreOffice, poppler-utils, ImageMagick 6 (with HEIC), img2pdf, qpdf.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { ReportAudit } from '../core/report-audit.js';
import { TEXTS } from './blind/catalog.js';
import { compareFile, errorKeys, type FileResult, formatFailures, formatResults, totalsOf } from './blind/compare.js';
import { describePhoto, describeScan, makePhoto, makeScan, photoExtension } from './blind/looks.js';
import { drawPlan, type Manifest, type ManifestFile, type ManifestTwin, type PageFacts, resolvePlan } from './blind/manifest.js';
import { drawStyle, renderTwins } from './blind/render.js';
import { checkJson, mapLimit } from './blind/run.js';
import { twinDocs, twinProblems } from './blind/texts.js';
import { assemblePdf, pageCount } from './scans/tools.js';

const log = (s: string): void => void process.stdout.write(`${s}\n`);
const json = (v: unknown): string => `${JSON.stringify(v, null, 2)}\n`;
const flagKey = (f: { rule: string; group?: string }): string => `${f.rule}${f.group ? `:${f.group}` : ''}`;
const pagePdf = (doc: string, page: number): string => `typed/pages/${doc}.p${page}.pdf`;

async function make(label: string, dir: string, concurrency: number): Promise<void> {
  const started = performance.now();
  const docs = twinDocs();
  await mkdir(join(dir, 'typed', 'pages'), { recursive: true });
  await mkdir(join(dir, 'blind'), { recursive: true });
  const work = await mkdtemp(join(dir, '.work-'));
  try {
    // 1. Typed twins, one LibreOffice run.
    const styles = new Map(TEXTS.map((t) => [t.name, drawStyle(label, t.name)]));
    await renderTwins(
      docs.map((d) => ({ name: d.id, markdown: d.markdown, style: styles.get(d.text.name)!, title: d.text.title, bodyStart: d.text.bodyStart, date: d.text.date })),
      join(dir, 'typed'),
    );
    const pages = new Map<string, number>();
    for (const d of docs) pages.set(d.id, await pageCount(join(dir, 'typed', `${d.id}.pdf`)));
    log(`typed: ${docs.length} twins rendered (${Math.round((performance.now() - started) / 1000)} s)`);

    // 2. Each page alone (a photo's typed twin), then every twin and page read from its text layer.
    const pageFiles: Array<{ doc: string; page: number; path: string }> = [];
    for (const d of docs) {
      for (let p = 1; p <= pages.get(d.id)!; p++) {
        const path = pagePdf(d.id, p);
        await assemblePdf(null, [[join(dir, 'typed', `${d.id}.pdf`), String(p)]], join(dir, path));
        pageFiles.push({ doc: d.id, page: p, path });
      }
    }
    const typed = await checkJson(docs.map((d) => join(dir, 'typed', `${d.id}.pdf`)), { concurrency });
    const onePage = await checkJson(pageFiles.map((f) => join(dir, f.path)), { concurrency });
    await writeFile(join(dir, 'typed.json'), JSON.stringify(typed));
    await writeFile(join(dir, 'pages.json'), JSON.stringify(onePage));

    // 3. The twins must read as their texts declare; a problem is reported, not hidden.
    const twins: ManifestTwin[] = docs.map((d, i) => ({
      doc: d.id,
      text: d.text.name,
      variant: d.variant?.id ?? null,
      what: d.variant?.what ?? d.text.what,
      pdf: `typed/${d.id}.pdf`,
      pages: pages.get(d.id)!,
      style: styles.get(d.text.name)!,
      expect: d.expect,
      problems: twinProblems(typed[i]!, d),
    }));
    for (const t of twins) if (t.problems.length > 0) log(`WARNING typed twin ${t.doc} does not read as declared:\n  ${t.problems.join('\n  ')}`);

    // 4. What goes into the set, and which page each photo shows.
    const facts = (doc: string): PageFacts => {
      const i = docs.findIndex((d) => d.id === doc);
      const audit = typed[i]!;
      const d = docs[i]!;
      const n = pages.get(doc)!;
      const at = new Set<number>();
      for (const g of audit.declared.groups) {
        for (const f of [g.score, ...g.subgroups.map((s) => s.score), ...g.items]) if (f?.at) at.add(f.at.page);
      }
      for (const s of audit.declared.summary) if (s.score?.at) at.add(s.score.at.page);
      const flagPages = pageFiles
        .map((f, k) => ({ f, a: onePage[k]! }))
        .filter(({ f, a }) => f.doc === doc && d.expect !== null && errorKeys(a).includes(flagKey(d.expect)))
        .map(({ f }) => f.page);
      return { pages: n, summaryPage: audit.declared.total?.at?.page ?? n, figurePages: [...at].sort((a, b) => a - b), flagPages };
    };
    const chosen = resolvePlan(drawPlan(label, docs.map((d) => ({ id: d.id, variant: d.variant !== null }))), facts);

    // 5. The blind files, two at a time (ImageMagick is single-threaded here).
    let done = 0;
    const files = await mapLimit(chosen, concurrency, async ({ planned, page }): Promise<ManifestFile> => {
      const d = docs.find((x) => x.id === planned.doc)!;
      const twin = `typed/${d.id}.pdf`;
      const tmp = await mkdtemp(join(work, 'f-'));
      const unit = `${d.model.unit.type} ${d.model.unit.name}`;
      let entry: ManifestFile;
      if (planned.kind === 'scan') {
        const file = `blind/${planned.name}.pdf`;
        await makeScan(join(dir, twin), pages.get(d.id)!, planned.look, unit, tmp, join(dir, file));
        entry = { file, kind: 'scan', doc: d.id, twin, look: planned.look, lookText: describeScan(planned.look), expected: d.expect };
      } else {
        const p = page!;
        const file = `blind/${planned.name}.p${p}.${photoExtension(planned.look)}`;
        await makePhoto(join(dir, twin), p, planned.look, tmp, join(dir, file));
        // A photo carries the injected flag only when its page alone raises it.
        const shows = d.expect !== null && facts(d.id).flagPages.includes(p);
        entry = { file, kind: 'photo', doc: d.id, twin, page: p, pageTwin: pagePdf(d.id, p), role: planned.role, look: planned.look, lookText: describePhoto(planned.look), expected: shows ? d.expect : null };
      }
      await rm(tmp, { recursive: true, force: true });
      log(`[${++done}/${chosen.length}] ${entry.file} (${entry.lookText})${entry.expected ? ` expects ${flagKey(entry.expected)}` : ''}`);
      return entry;
    });

    const manifest: Manifest = { label, texts: TEXTS.map((t) => ({ name: t.name, what: t.what })), twins, files };
    await writeFile(join(dir, 'manifest.json'), json(manifest));
    const injected = files.filter((f) => f.expected !== null).length;
    log(`${files.length} blind files (${files.filter((f) => f.kind === 'scan').length} scans, ${files.filter((f) => f.kind === 'photo').length} photos; ${injected} with an injected discrepancy) in ${dir}, ${Math.round((performance.now() - started) / 1000)} s`);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

interface CompareOptions {
  readonly json: boolean;
  readonly concurrency: number;
  readonly typedJson?: string;
  readonly pagesJson?: string;
  readonly blindJson?: string;
}

async function compare(dir: string, o: CompareOptions): Promise<void> {
  const manifest = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')) as Manifest;
  const load = async (given: string | undefined, paths: readonly string[], save: string): Promise<Map<string, ReportAudit>> => {
    const audits = given ? (JSON.parse(await readFile(given, 'utf8')) as ReportAudit[]) : await checkJson(paths.map((p) => join(dir, p)), { concurrency: o.concurrency });
    if (!given) await writeFile(join(dir, save), JSON.stringify(audits));
    if (audits.length !== paths.length) throw new Error(`${save}: ${audits.length} audits for ${paths.length} files`);
    return new Map(paths.map((p, i) => [p, audits[i]!]));
  };
  const twins = manifest.twins.map((t) => t.pdf);
  const pageTwins = [...new Set(manifest.files.flatMap((f) => (f.pageTwin ? [f.pageTwin] : [])))];
  const typed = await load(o.typedJson, twins, 'typed.compare.json');
  const pages = await load(o.pagesJson, pageTwins, 'pages.compare.json');
  if (!o.json) log(`typed twins read (${twins.length} + ${pageTwins.length} single pages); reading ${manifest.files.length} blind files…`);
  const blind = await load(o.blindJson, manifest.files.map((f) => f.file), 'blind.json');
  const results: FileResult[] = manifest.files.map((f) => compareFile(f, blind.get(f.file)!, typed.get(f.twin)!, f.pageTwin ? pages.get(f.pageTwin)! : typed.get(f.twin)!));
  if (o.json) {
    log(json({ label: manifest.label, totals: totalsOf(results), files: results }));
    return;
  }
  log(`Blind set ${manifest.label} (${dir})\n`);
  log(formatResults(results));
  const failures = formatFailures(results);
  if (failures) log(`\nFailures:\n${failures}`);
}

function usage(): never {
  console.error('usage: blind-sets.ts make <label> <dir> [-c N] | compare <dir> [--json] [-c N] [--typed-json F] [--pages-json F] [--blind-json F]');
  process.exit(2);
}

const [command, ...rest] = process.argv.slice(2);
const positional: string[] = [];
const opts = new Map<string, string | true>();
for (let i = 0; i < rest.length; i++) {
  const a = rest[i]!;
  if (a === '--json') opts.set('json', true);
  else if (a === '-c' || a.startsWith('--')) {
    const v = rest[++i];
    if (v === undefined) usage();
    opts.set(a.replace(/^-+/, ''), v);
  } else positional.push(a);
}
const concurrency = Math.min(2, Number(opts.get('c') ?? 2));
const str = (k: string): string | undefined => {
  const v = opts.get(k);
  return typeof v === 'string' ? resolve(v) : undefined;
};
if (command === 'make' && positional.length === 2) await make(positional[0]!, resolve(positional[1]!), concurrency);
else if (command === 'compare' && positional.length === 1 && existsSync(join(positional[0]!, 'manifest.json'))) {
  await compare(resolve(positional[0]!), { json: opts.has('json'), concurrency, typedJson: str('typed-json'), pagesJson: str('pages-json'), blindJson: str('blind-json') });
} else usage();
