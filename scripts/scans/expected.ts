/**
 * Expected results of the scan fixtures, derived from the hand-written expected JSON of the typed
 * twin (fixtures/reports/<name>.pdf.expected.json), never from running doisoat.
 *
 * - A scan of a whole report must read exactly like its twin: everything is copied, only `format`
 *   changes ("pdf-scanned" for a PDF with OCR'd pages, "image" for a picture).
 * - A photo of one page holds only what that page shows (see `pageExpected`); its error flags are
 *   worked out here from the project's error-severity rules (rules/*.ts) applied to those figures
 *   only, and the caller also states them by hand, so that the two must agree.
 */
import { readFile } from 'node:fs/promises';

export interface Figure {
  value: number;
  raw: string;
}
export interface ExpectedGroup {
  id: string;
  score: Figure | null;
  subgroups: Array<{ id: string; score: Figure | null }>;
  items: Figure[];
}
export interface ErrorFlag {
  rule: string;
  group?: string;
}
export interface Expected {
  format: string;
  unit: { type: string; name: string } | null;
  year: number | null;
  declared: {
    total: Figure | null;
    classification: { level: string; text: string } | null;
    groups: ExpectedGroup[];
    summary: Array<{ id: string; score: Figure | null }>;
  };
  recomputed: { total: number | null; groups: Record<string, number> };
  errorFlags: ErrorFlag[];
}

export async function readExpected(path: string): Promise<Expected> {
  return JSON.parse(await readFile(path, 'utf8')) as Expected;
}

/** The twin's result with another format. */
export function asFormat(typed: Expected, format: 'pdf-scanned' | 'image'): Expected {
  return { ...structuredClone(typed), format };
}

/** Scores have at most two decimals: exact arithmetic in hundredths. */
const hundredths = (v: number): number => Math.round(v * 100);
const fromHundredths = (h: number): number => h / 100;

/** What a group's parts add up to (rules/recompute.ts partsSum): scored sub-groups, else items. */
function partsSum(g: ExpectedGroup): number | null {
  if (g.subgroups.some((s) => s.score !== null)) {
    if (g.subgroups.some((s) => s.score === null)) return null;
    return fromHundredths(g.subgroups.reduce((a, s) => a + hundredths(s.score!.value), 0));
  }
  if (g.items.length > 0) return fromHundredths(g.items.reduce((a, i) => a + hundredths(i.value), 0));
  return null;
}

/**
 * rules/recompute.ts: the grand total adds each BODY group's declared score (else the summary's
 * score for it, else its parts sum); null when there is no body group or one has no value.
 */
function recomputeTotal(groups: readonly ExpectedGroup[], summary: Expected['declared']['summary']): number | null {
  if (groups.length === 0) return null;
  let acc = 0;
  for (const g of groups) {
    const v = g.score?.value ?? summary.find((s) => s.id === g.id)?.score?.value ?? partsSum(g);
    if (v === null) return null;
    acc += hundredths(v);
  }
  // Groups only the summary lists count with their summary score (rules/recompute.ts).
  for (const s of summary) {
    if (groups.some((g) => g.id === s.id)) continue;
    if (s.score === null) return null;
    acc += hundredths(s.score.value);
  }
  return fromHundredths(acc);
}

/** The error-severity flags of rules/*.ts for a set of figures. */
export function errorFlagsOf(d: Expected['declared'], recomputedTotal: number | null): ErrorFlag[] {
  const flags: ErrorFlag[] = [];
  // missing-figure: no group in the body; a body group without a score; no grand total.
  if (d.groups.length === 0) flags.push({ rule: 'missing-figure' });
  for (const g of d.groups) if (g.score === null) flags.push({ rule: 'missing-figure', group: g.id });
  if (d.total === null) flags.push({ rule: 'missing-figure' });
  // total-mismatch: declared total vs recomputed total, when both are known.
  if (d.total !== null && recomputedTotal !== null && hundredths(d.total.value) !== hundredths(recomputedTotal)) {
    flags.push({ rule: 'total-mismatch' });
  }
  // group-sum-mismatch: a group's declared score vs its parts.
  for (const g of d.groups) {
    const sum = partsSum(g);
    if (g.score !== null && sum !== null && hundredths(sum) !== hundredths(g.score.value)) flags.push({ rule: 'group-sum-mismatch', group: g.id });
  }
  // summary-mismatch (error only when both sides are scored and differ; a summary entry with no
  // body group is a warning).
  for (const s of d.summary) {
    const g = d.groups.find((x) => x.id === s.id);
    if (g?.score && s.score && hundredths(g.score.value) !== hundredths(s.score.value)) flags.push({ rule: 'summary-mismatch', group: g.id });
  }
  return flags.sort((x, y) => `${x.rule}/${x.group ?? ''}`.localeCompare(`${y.rule}/${y.group ?? ''}`));
}

export interface PageContent {
  /** Ids of the criteria groups whose body text (heading to its score) is on the page. */
  readonly groups: readonly string[];
  readonly summary: boolean;
  readonly total: boolean;
  readonly classification: boolean;
  readonly unit: boolean;
  readonly year: boolean;
}

/**
 * A picture of one page of the report: only the figures that page shows. Body groups are those
 * whose body text is on the page; the summary, total, classification, unit and year are kept when
 * the page shows them, else empty/null. `recomputed` and the error flags follow the rules on
 * those figures alone.
 */
export function pageExpected(typed: Expected, on: PageContent, format: 'image' | 'pdf-scanned'): Expected {
  const t = structuredClone(typed);
  const groups = t.declared.groups.filter((g) => on.groups.includes(g.id));
  if (groups.length !== on.groups.length) throw new Error(`page groups ${on.groups.join()} not all in the twin`);
  const declared: Expected['declared'] = {
    total: on.total ? t.declared.total : null,
    classification: on.classification ? t.declared.classification : null,
    groups,
    summary: on.summary ? t.declared.summary : [],
  };
  const recomputedGroups: Record<string, number> = {};
  for (const g of groups) {
    const sum = partsSum(g);
    if (sum !== null) recomputedGroups[g.id] = sum;
  }
  const total = recomputeTotal(groups, declared.summary);
  return {
    format,
    unit: on.unit ? t.unit : null,
    year: on.year ? t.year : null,
    declared,
    recomputed: { total, groups: recomputedGroups },
    errorFlags: errorFlagsOf(declared, total),
  };
}
