/**
 * A blind file's reading against its typed twin's, per figure and per error flag.
 *
 * Figures: every declared group score, sub-group score, bonus/penalty item, summary row, the total
 * and the classification of the twin (for a photo of one page, only those whose evidence is on
 * that page), each compared by place (group id, sub-group id, item index) and value.
 * Flags: an error on the blind file that its reference lacks (by rule and group) is false; the
 * reference is the typed twin for a scan and the twin's page alone for a photo.
 */
import type { ReportAudit } from '../../core/report-audit.js';
import type { ManifestFile } from './manifest.js';

export interface FileResult {
  readonly file: string;
  readonly kind: 'scan' | 'photo';
  /** 'ok', or the error code of a file that was not read. */
  readonly read: string;
  readonly falseErrors: readonly string[];
  /** Errors of the reference the blind reading lacks (the injected one aside). */
  readonly missedErrors: readonly string[];
  /** null when nothing was injected. */
  readonly injected: boolean | null;
  /** A missed injected flag with an ocr-uncertain warning on the same group (the reader doubted it). */
  readonly injectedUncertain: boolean;
  readonly expected: string | null;
  readonly figures: number;
  readonly exact: number;
  /** Places whose value differs or is missing: "sub:I/1.2 7→1". */
  readonly wrong: readonly string[];
  readonly ocrUncertain: number;
}

const flagKey = (f: { rule: string; group?: string }): string => `${f.rule}${f.group ? `:${f.group}` : ''}`;

export const errorKeys = (a: ReportAudit): string[] => a.flags.filter((f) => f.severity === 'error').map(flagKey).sort();

/** Multiset difference a − b. */
function minus(a: readonly string[], b: readonly string[]): string[] {
  const left = [...b];
  return a.filter((x) => {
    const i = left.indexOf(x);
    if (i < 0) return true;
    left.splice(i, 1);
    return false;
  });
}

/** Declared figures by place; `page` keeps only those whose evidence is on that page (items renumbered within it). */
export function figuresOf(a: ReportAudit, page: number | null = null): Map<string, string> {
  const out = new Map<string, string>();
  const on = (at: { page: number } | undefined): boolean => page === null || at?.page === page;
  for (const g of a.declared.groups) {
    if (g.score && on(g.score.at)) out.set(`group:${g.id}`, String(g.score.value));
    for (const s of g.subgroups) if (s.score && on(s.score.at)) out.set(`sub:${g.id}/${s.id}`, String(s.score.value));
    g.items.filter((i) => on(i.at)).forEach((i, k) => out.set(`item:${g.id}#${k}`, String(i.value)));
  }
  for (const s of a.declared.summary) if (s.score && on(s.score.at)) out.set(`summary:${s.id}`, String(s.score.value));
  const t = a.declared.total;
  if (t && on(t.at)) out.set('total', String(t.value));
  const c = a.declared.classification;
  if (c && on(c.at)) out.set('classification', `${c.level} ${c.text.normalize('NFC').replace(/\s+/g, ' ').trim()}`);
  return out;
}

export function compareFile(f: ManifestFile, blind: ReportAudit, twin: ReportAudit, reference: ReportAudit): FileResult {
  const expected = f.expected ? flagKey(f.expected) : null;
  const want = figuresOf(twin, f.kind === 'photo' ? (f.page ?? null) : null);
  const got = blind.error ? new Map<string, string>() : figuresOf(blind);
  const wrong: string[] = [];
  let exact = 0;
  for (const [k, v] of want) {
    if (got.get(k) === v) exact++;
    else wrong.push(`${k} ${v}→${got.get(k) ?? '∅'}`);
  }
  const blindErrors = errorKeys(blind);
  const refErrors = errorKeys(reference);
  const uncertain = blind.flags.filter((x) => x.rule === 'ocr-uncertain' && x.severity === 'warning');
  return {
    file: f.file,
    kind: f.kind,
    read: blind.error?.code ?? 'ok',
    falseErrors: minus(blindErrors, refErrors),
    missedErrors: minus(refErrors, [...blindErrors, ...(expected ? [expected] : [])]),
    injected: expected === null ? null : blindErrors.includes(expected),
    injectedUncertain: expected !== null && !blindErrors.includes(expected) && uncertain.some((x) => x.group === f.expected?.group),
    expected,
    figures: want.size,
    exact,
    wrong,
    ocrUncertain: uncertain.length,
  };
}

export interface Totals {
  readonly files: number;
  readonly read: number;
  readonly noReport: number;
  readonly otherErrors: number;
  readonly withFalseErrors: number;
  readonly falseErrors: number;
  readonly injected: number;
  readonly injectedFlagged: number;
  readonly injectedUncertain: number;
  readonly figures: number;
  readonly exact: number;
  readonly ocrUncertain: number;
  readonly ocrUncertainFiles: number;
}

export function totalsOf(rs: readonly FileResult[]): Totals {
  const sum = (f: (r: FileResult) => number): number => rs.reduce((a, r) => a + f(r), 0);
  return {
    files: rs.length,
    read: rs.filter((r) => r.read === 'ok').length,
    noReport: rs.filter((r) => r.read === 'no-report-found').length,
    otherErrors: rs.filter((r) => r.read !== 'ok' && r.read !== 'no-report-found').length,
    withFalseErrors: rs.filter((r) => r.falseErrors.length > 0).length,
    falseErrors: sum((r) => r.falseErrors.length),
    injected: rs.filter((r) => r.injected !== null).length,
    injectedFlagged: rs.filter((r) => r.injected === true).length,
    injectedUncertain: rs.filter((r) => r.injectedUncertain).length,
    figures: sum((r) => r.figures),
    exact: sum((r) => r.exact),
    ocrUncertain: sum((r) => r.ocrUncertain),
    ocrUncertainFiles: rs.filter((r) => r.ocrUncertain > 0).length,
  };
}

const pct = (a: number, b: number): string => (b === 0 ? '–' : `${((100 * a) / b).toFixed(1)}%`);

/** A short Markdown table and the totals. */
export function formatResults(rs: readonly FileResult[]): string {
  const rows = rs.map(
    (r) =>
      `| ${r.file.replace(/^blind\//, '')} | ${r.read} | ${r.falseErrors.join(', ') || '–'} | ${r.injected === null ? '–' : `${r.injected ? 'yes' : r.injectedUncertain ? 'NO, uncertain' : 'NO'} (${r.expected})`} | ${r.exact}/${r.figures} ${pct(r.exact, r.figures)} | ${r.ocrUncertain || '–'} |`,
  );
  const t = totalsOf(rs);
  return [
    '| file | read | false error flags | injected flagged | figures exact | ocr-uncertain |',
    '|---|---|---|---|---|---|',
    ...rows,
    '',
    `Files: ${t.files}; read ${t.read}, no-report-found ${t.noReport}, other errors ${t.otherErrors}.`,
    `False error flags: ${t.falseErrors} on ${t.withFalseErrors} files (${t.files - t.withFalseErrors} of ${t.files} files without any).`,
    `Injected discrepancies flagged as errors with their rule and group: ${t.injectedFlagged} of ${t.injected} (of the missed, ${t.injectedUncertain} with an ocr-uncertain warning on that group).`,
    `Figures exact against the typed twins: ${t.exact} of ${t.figures} (${pct(t.exact, t.figures)}).`,
    `ocr-uncertain warnings: ${t.ocrUncertain} on ${t.ocrUncertainFiles} files.`,
  ].join('\n');
}

/** The lines of failed files: not read, a false error, an injected flag missed, or a figure wrong. */
export function formatFailures(rs: readonly FileResult[]): string {
  return rs
    .filter((r) => r.read !== 'ok' || r.falseErrors.length > 0 || r.injected === false || r.exact < r.figures)
    .map((r) => {
      const parts = [
        r.read !== 'ok' ? r.read : null,
        r.falseErrors.length > 0 ? `false: ${r.falseErrors.join(', ')}` : null,
        r.injected === false ? `missed injected ${r.expected}` : null,
        r.wrong.length > 0 ? `figures ${r.exact}/${r.figures}: ${r.wrong.join('; ')}` : null,
      ].filter((x): x is string => x !== null);
      return `- ${r.file}: ${parts.join(' · ')}`;
    })
    .join('\n');
}
