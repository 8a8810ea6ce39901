/**
 * The fixtures' expected results and the acceptance check shared by the typed and the scanned
 * fixtures: `doisoat check --json <folder>` (the real CLI) matches each file's hand-derived
 * expected JSON, every figure has its evidence, and every audit validates against the schema.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { FigureJson, ReportAudit } from '../../core/report-audit.js';
import { runCli, type CliRun } from './cli.js';
import { schemaErrors } from './schema.js';

import { byRuleAndGroup, comparable, type Expected } from '../../scripts/fixtures/comparable.js';

export function allFigures(a: ReportAudit): FigureJson[] {
  return [
    a.declared.total,
    ...a.declared.groups.flatMap((g) => [g.score, ...g.subgroups.map((s) => s.score), ...g.items]),
    ...a.declared.summary.map((s) => s.score),
  ].filter((f): f is FigureJson => f !== null);
}

/** The acceptance suite for one folder of fixtures. */
export function describeFixtures(dir: string, options: { minimum: number; exitCode: number; timeoutMs: number }): void {
  const expectedFiles = readdirSync(dir).filter((f) => f.endsWith('.expected.json')).sort();
  const documentOf = (expectedFile: string): string => path.join(dir, expectedFile.replace(/\.expected\.json$/, ''));

  describe(`doisoat check --json ${path.relative(process.cwd(), dir) || dir}`, () => {
    let run: CliRun;
    let audits: ReportAudit[];

    beforeAll(() => {
      run = runCli(['check', '--json', dir], {}, options.timeoutMs);
      audits = JSON.parse(run.stdout) as ReportAudit[];
    }, options.timeoutMs);

    it('has fixtures to check', () => {
      expect(expectedFiles.length).toBeGreaterThanOrEqual(options.minimum);
    });

    it('prints only a JSON array on stdout, one audit per document', () => {
      expect(Array.isArray(audits)).toBe(true);
      expect(audits.map((a) => path.resolve(a.file)).sort()).toEqual(expectedFiles.map(documentOf).sort());
    });

    it(`exits ${options.exitCode}`, () => {
      expect(run.status, run.stderr).toBe(options.exitCode);
    });

    it('validates every audit against schema/report-audit.schema.json', () => {
      for (const a of audits) expect(schemaErrors(a), a.file).toBe('');
    });

    it('gives every declared figure its page, line and the text of that line', () => {
      for (const a of audits) {
        for (const f of allFigures(a)) {
          expect(f.at, `${a.file}: ${f.raw}`).toBeDefined();
          expect(f.at!.page).toBeGreaterThanOrEqual(1);
          expect(f.at!.line).toBeGreaterThanOrEqual(1);
          // OCR'd figures may have been repaired ("2l,3" → "21,3"): the line keeps what was read.
          if (a.ocr === null) expect(f.at!.text, a.file).toContain(f.raw);
        }
        for (const flag of a.flags) expect(flag.evidence.length, `${a.file}: ${flag.rule}`).toBeGreaterThan(0);
      }
    });

    it.each(expectedFiles)('%s', (expectedFile) => {
      const expected = JSON.parse(readFileSync(path.join(dir, expectedFile), 'utf8')) as Expected;
      const audit = audits.find((a) => path.resolve(a.file) === documentOf(expectedFile));
      expect(audit, 'audit present').toBeDefined();
      expect(audit!.error).toBeNull();
      expect(comparable(audit!)).toEqual({ ...expected, errorFlags: [...expected.errorFlags].sort(byRuleAndGroup) });
    });
  });
}
