/**
 * The acceptance test: `doisoat check --json fixtures/reports` (the real CLI) matches each
 * file's hand-written expected JSON, and every audit validates against the shared schema.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { FigureJson, ReportAudit } from '../core/report-audit.js';
import { runCli, type CliRun } from './support/cli.js';
import { REPORTS } from './support/paths.js';
import { schemaErrors } from './support/schema.js';

interface ExpectedFigure { value: number; raw: string }
interface Expected {
  format: string;
  unit: { type: string; name: string } | null;
  year: number | null;
  declared: {
    total: ExpectedFigure | null;
    classification: { level: string; text: string } | null;
    groups: Array<{ id: string; score: ExpectedFigure | null; subgroups: Array<{ id: string; score: ExpectedFigure | null }>; items: ExpectedFigure[] }>;
    summary: Array<{ id: string; score: ExpectedFigure | null }>;
  };
  recomputed: { total: number | null; groups: Record<string, number> };
  errorFlags: Array<{ rule: string; group?: string }>;
}

const expectedFiles = readdirSync(REPORTS).filter((f) => f.endsWith('.expected.json')).sort();
const documentOf = (expectedFile: string): string => path.join(REPORTS, expectedFile.replace(/\.expected\.json$/, ''));

const fig = (f: FigureJson | null): ExpectedFigure | null => (f ? { value: f.value, raw: f.raw } : null);

/** The part of an audit the expected files pin down. */
function comparable(a: ReportAudit): Expected {
  return {
    format: a.format,
    unit: a.unit,
    year: a.year,
    declared: {
      total: fig(a.declared.total),
      classification: a.declared.classification ? { level: a.declared.classification.level, text: a.declared.classification.text } : null,
      groups: a.declared.groups.map((g) => ({
        id: g.id,
        score: fig(g.score),
        subgroups: g.subgroups.map((s) => ({ id: s.id, score: fig(s.score) })),
        items: g.items.map((i) => fig(i)!),
      })),
      summary: a.declared.summary.map((s) => ({ id: s.id, score: fig(s.score) })),
    },
    recomputed: a.recomputed,
    errorFlags: a.flags
      .filter((f) => f.severity === 'error')
      .map((f) => ({ rule: f.rule, ...(f.group ? { group: f.group } : {}) }))
      .sort(byRuleAndGroup),
  };
}

function byRuleAndGroup(x: { rule: string; group?: string }, y: { rule: string; group?: string }): number {
  return `${x.rule}/${x.group ?? ''}`.localeCompare(`${y.rule}/${y.group ?? ''}`);
}

describe('doisoat check --json fixtures/reports', () => {
  let run: CliRun;
  let audits: ReportAudit[];

  beforeAll(() => {
    run = runCli(['check', '--json', REPORTS]);
    audits = JSON.parse(run.stdout) as ReportAudit[];
  }, 300_000);

  it('has fixtures to check', () => {
    expect(expectedFiles.length).toBeGreaterThanOrEqual(10);
  });

  it('prints only a JSON array on stdout, one audit per document, in input order', () => {
    expect(Array.isArray(audits)).toBe(true);
    const documents = expectedFiles.map(documentOf).sort();
    expect(audits.map((a) => path.resolve(a.file))).toEqual([...documents].sort());
  });

  it('exits 1 because some variants carry discrepancies', () => {
    expect(run.status).toBe(1);
  });

  it('validates every audit against the shared schema', () => {
    for (const a of audits) expect(schemaErrors(a), a.file).toBe('');
  });

  it('gives every declared figure its page, line and the text of that line', () => {
    for (const a of audits) {
      const figures = [
        a.declared.total,
        ...a.declared.groups.flatMap((g) => [g.score, ...g.subgroups.map((s) => s.score), ...g.items]),
        ...a.declared.summary.map((s) => s.score),
      ].filter((f): f is FigureJson => f !== null);
      for (const f of figures) {
        expect(f.at, `${a.file}: ${f.raw}`).toBeDefined();
        expect(f.at!.page).toBeGreaterThanOrEqual(1);
        expect(f.at!.line).toBeGreaterThanOrEqual(1);
        expect(f.at!.text, a.file).toContain(f.raw);
      }
      for (const flag of a.flags) expect(flag.evidence.length, `${a.file}: ${flag.rule}`).toBeGreaterThan(0);
    }
  });

  it.each(expectedFiles)('%s', (expectedFile) => {
    const expected = JSON.parse(readFileSync(path.join(REPORTS, expectedFile), 'utf8')) as Expected;
    const audit = audits.find((a) => path.resolve(a.file) === documentOf(expectedFile));
    expect(audit, 'audit present').toBeDefined();
    expect(audit!.error).toBeNull();
    const actual = comparable(audit!);
    expect(actual).toEqual({ ...expected, errorFlags: [...expected.errorFlags].sort(byRuleAndGroup) });
  });
});
