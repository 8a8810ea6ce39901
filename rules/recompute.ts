/**
 * Recomputes what a report's scores should add up to, in exact decimal arithmetic
 * (core/decimal.ts), never in floating point. Shared by the rules and by the pipeline, which puts
 * `recomputedToJson(recompute(extraction))` into ReportAudit.recomputed.
 *
 * Policy:
 * - A group's parts are its sub-groups when at least one sub-group has a score, otherwise its
 *   items (bonus/penalty lines; penalties are already negative), otherwise it has none.
 * - A group's recomputed sum exists only when every part has a score: if some sub-group's score is
 *   missing, a partial sum would look like a discrepancy that is not one, so the group is left out
 *   (the missing-figure rule reports the gap instead).
 * - The recomputed grand total adds, for each body group, its declared score; where the body gives
 *   none, the summary's score for that id; failing that, the group's recomputed sum. A group the
 *   summary lists but the body lacks altogether (a photo of the last page, a body the extractor
 *   could not read) counts with its summary score. Ids not counted from the body are listed in
 *   `totalFallbacks`. The total is null when there are no body groups or one group has no value
 *   at all.
 */
import { add, toNumber, ZERO, type Decimal } from '../core/decimal.js';
import type { Extraction, Figure, GroupScore, SummaryEntry } from '../extractors/extraction.js';

export interface Recomputed {
  readonly total: Decimal | null;
  /** Group id → exact sum of its parts (sub-groups or items), for groups that have a complete set. */
  readonly groups: Map<string, Decimal>;
  /** Ids of groups whose body score is missing, so the total counted the summary or their sum. */
  readonly totalFallbacks: string[];
}

/** ReportAudit.recomputed, as the schema writes it. */
export interface RecomputedJson {
  total: number | null;
  groups: Record<string, number>;
}

export type PartsKind = 'subgroups' | 'items';

/** Group ids as written may differ in case or surrounding spaces ("iii " vs "III"). */
export function sameId(a: string, b: string): boolean {
  return a === b || a.trim().toUpperCase() === b.trim().toUpperCase();
}

/** What a group's score is the sum of: 'subgroups' if any sub-group is scored, else 'items' if any. */
export function partsOf(group: GroupScore): PartsKind | null {
  for (const s of group.subgroups) if (s.score !== null) return 'subgroups';
  return group.items.length > 0 ? 'items' : null;
}

/** Exact sum of a group's parts; null when it has none or some sub-group has no score. */
export function partsSum(group: GroupScore): Decimal | null {
  const kind = partsOf(group);
  if (kind === null) return null;
  let acc = ZERO;
  if (kind === 'subgroups') {
    for (const s of group.subgroups) {
      if (s.score === null) return null;
      acc = add(acc, s.score.exact);
    }
  } else {
    for (const item of group.items) acc = add(acc, item.exact);
  }
  return acc;
}

/** The first summary entry for a group id (with or without a score). */
export function summaryEntryFor(extraction: Extraction, id: string): SummaryEntry | null {
  for (const entry of extraction.summary) if (sameId(entry.id, id)) return entry;
  return null;
}

/** The first scored summary entry's score for a group id. */
export function summaryScoreFor(extraction: Extraction, id: string): Figure | null {
  for (const entry of extraction.summary) {
    if (entry.score !== null && sameId(entry.id, id)) return entry.score;
  }
  return null;
}

/** The first body group with this id. */
export function groupFor(extraction: Extraction, id: string): GroupScore | null {
  for (const group of extraction.groups) if (sameId(group.id, id)) return group;
  return null;
}

/**
 * The recomputed grand total alone (no map built): see the module comment. When `fallbacks` is
 * given, the ids of groups whose value did not come from the body are pushed onto it.
 */
export function recomputeTotal(extraction: Extraction, fallbacks?: string[]): Decimal | null {
  if (extraction.groups.length === 0) return null;
  let total: Decimal | null = ZERO;
  for (const group of extraction.groups) {
    let value: Decimal | null;
    if (group.score !== null) value = group.score.exact;
    else {
      value = summaryScoreFor(extraction, group.id)?.exact ?? partsSum(group);
      if (value !== null) fallbacks?.push(group.id);
    }
    if (value === null) total = null;
    else if (total !== null) total = add(total, value);
  }
  for (const entry of summaryOnly(extraction)) {
    fallbacks?.push(entry.id);
    if (entry.score === null) total = null;
    else if (total !== null) total = add(total, entry.score.exact);
  }
  return total;
}

/** Summary entries for groups the body does not have at all, first occurrence of each id. */
export function summaryOnly(extraction: Extraction): SummaryEntry[] {
  const out: SummaryEntry[] = [];
  for (const entry of extraction.summary) {
    if (extraction.groups.some((g) => sameId(g.id, entry.id))) continue;
    if (out.some((e) => sameId(e.id, entry.id))) continue;
    out.push(entry);
  }
  return out;
}

/** Group id → exact sum of its parts, for the groups that have a complete set of scored parts. */
export function recomputeGroups(extraction: Extraction): Map<string, Decimal> {
  const groups = new Map<string, Decimal>();
  for (const group of extraction.groups) {
    const value = partsSum(group);
    if (value !== null) groups.set(group.id, value);
  }
  return groups;
}

export function recompute(extraction: Extraction): Recomputed {
  const totalFallbacks: string[] = [];
  const total = recomputeTotal(extraction, totalFallbacks);
  return { total, groups: recomputeGroups(extraction), totalFallbacks };
}

/** ReportAudit.recomputed: the exact values turned into JSON numbers (toNumber) at the very end. */
export function recomputedToJson(recomputed: Recomputed): RecomputedJson {
  const groups: Record<string, number> = {};
  for (const [id, value] of recomputed.groups) {
    // defineProperty, so that an odd id such as "__proto__" stays an ordinary key.
    Object.defineProperty(groups, id, { value: toNumber(value), enumerable: true, writable: true, configurable: true });
  }
  return { total: recomputed.total === null ? null : toNumber(recomputed.total), groups };
}

