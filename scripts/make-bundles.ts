/**
 * Makes the bundle fixtures (fixtures/bundles/): several committed report PDFs joined into one
 * file with qpdf, as an office that scans a stack of communes' reports into one PDF sends them.
 * Each bundle's expected result is its reports' own expected results in order, each with the
 * file's pages it covers. Run with `npm run fixtures:bundles`; the output is committed.
 *
 * Needs qpdf, and pdfinfo (poppler-utils) for the page counts.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pageCount, run } from './scans/tools.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, 'fixtures/bundles');

interface Bundle {
  readonly name: string;
  readonly why: string;
  /** Fixture files (under fixtures/), in page order. */
  readonly reports: readonly string[];
}

const BUNDLES: readonly Bundle[] = [
  {
    name: 'three-communes.pdf',
    why: 'three typed reports of three communes in one PDF; the middle one states a wrong grand total',
    reports: ['reports/bac-son-2024.pdf', 'reports/hh-total-mismatch.pdf', 'reports/tan-phong-2024.pdf'],
  },
  {
    name: 'three-communes.scanned.pdf',
    why: 'three scanned reports in one PDF; the middle one states a wrong grand total',
    reports: ['scans/lam-son-2024.scan200.pdf', 'scans/hh-total-mismatch.scan300.pdf', 'scans/nl-summary-mismatch.scan200.pdf'],
  },
];

async function main(): Promise<void> {
  await mkdir(OUT, { recursive: true });
  for (const b of BUNDLES) {
    const files = b.reports.map((r) => join(ROOT, 'fixtures', r));
    // --deterministic-id: a re-run writes the same bytes.
    await run('qpdf', ['--deterministic-id', '--empty', '--pages', ...files, '--', join(OUT, b.name)]);
    const expected: object[] = [];
    let page = 1;
    for (const [i, file] of files.entries()) {
      const pages = await pageCount(file);
      const own = JSON.parse(await readFile(`${file}.expected.json`, 'utf8')) as object;
      expected.push({ part: { index: i + 1, count: files.length, firstPage: page, lastPage: page + pages - 1 }, ...own });
      page += pages;
    }
    await writeFile(join(OUT, `${b.name}.expected.json`), `${JSON.stringify(expected, null, 2)}\n`);
    console.log(`${b.name}: ${b.why}`);
  }
}

await main();
