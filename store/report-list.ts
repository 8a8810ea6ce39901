/**
 * The review desk's list of reports, read from `report_summaries`: one narrow row per audit with
 * what the list and the ranking show, filter and sort on (the audit's totals, its flags by
 * severity, its review counts). The row is derived: written with its audit, its counts refreshed
 * in the same transaction as every write that changes them (flags, decisions), so a page is one
 * indexed read however many reports the store holds (docs/decisions/0013-report-summaries.md).
 */
import { sql, type Kysely, type RawBuilder } from 'kysely';
import { decimalOrNull, differenceOfTexts } from '../core/decimal.js';
import { searchKey } from './identity.js';
import type { Database, ReportSummariesTable } from './schema.js';

/** The sort keys of the list and the ranking, and the column each sorts on (nulls last either way). */
export const SUMMARY_SORT_COLUMNS = {
  commune: 'unit_key',
  year: 'year',
  total: 'total_value',
  recomputed: 'recomputed_value',
  difference: 'difference_size',
  errors: 'errors',
  confirmed: 'confirmed',
  open: 'undecided',
} as const;
export type SummarySort = keyof typeof SUMMARY_SORT_COLUMNS;
export const SUMMARY_SORTS = Object.keys(SUMMARY_SORT_COLUMNS) as SummarySort[];

/**
 * Review progress as conditions on a report's error and warning flags (review/state.ts gives them
 * their meaning): `confirmed` some/none of them with a latest decision 'confirmed'; `decided`
 * none (flags, none decided), partly, or all (including a report without such flags).
 */
export interface ReviewCondition {
  confirmed?: 'none' | 'some';
  decided?: 'none' | 'partly' | 'all';
}

export interface ReportFilter {
  /** Only reports with an error or warning flag. */
  flaggedOnly?: boolean;
  /** Only reports that could be read (no error code): the ranking. */
  readableOnly?: boolean;
  /** Part of the commune's name, case and accents ignored. */
  commune?: string;
  year?: number;
  format?: string;
  review?: ReviewCondition;
  sort?: SummarySort;
  direction?: 'asc' | 'desc';
  /** From 1. */
  page?: number;
  pageSize?: number;
}

/** One document in the list: its audit under the store's pipeline version, and its review counts. */
export interface ReportRow {
  sha256: string;
  firstPath: string;
  unitName: string | null;
  year: number | null;
  format: string;
  /** Exact decimal text. */
  total: string | null;
  recomputedTotal: string | null;
  /** total − recomputedTotal, exact decimal text; null unless both are known. */
  difference: string | null;
  classification: string | null;
  errorCode: string | null;
  flags: { error: number; warning: number; info: number };
  /** Error and warning flags: how many, how many with a decision, how many confirmed. */
  review: { relevant: number; decided: number; confirmed: number };
}

/** The audit's part of its summary row (the counts come from its flags, see reviewCounts). */
export interface SummarySource {
  sha256: string;
  pipeline_version: string;
  first_path: string;
  unit_name: string | null;
  year: number | null;
  format: string;
  total: string | null;
  recomputed_total: string | null;
  classification: string | null;
  error_code: string | null;
}

/** A summary row with its counts at zero; the sort values are the exact decimals as text. */
export function summaryRow(s: SummarySource): ReportSummariesTable {
  const diff = differenceOfTexts(s.total, s.recomputed_total);
  return {
    ...s,
    unit_key: searchKey(s.unit_name),
    difference: diff,
    total_value: decimalOrNull(s.total) === null ? null : s.total,
    recomputed_value: decimalOrNull(s.recomputed_total) === null ? null : s.recomputed_total,
    difference_size: diff === null ? null : diff.replace(/^-/, ''),
    errors: 0,
    warnings: 0,
    infos: 0,
    decided: 0,
    undecided: 0,
    confirmed: 0,
  };
}

/**
 * The counts of a summary row as SQL, over the flags `flagsOf` names (alias f, a FROM clause and
 * the start of its WHERE) and the decisions on document `sha`. A flag is decided when a decision
 * has its identity (rule, group, declared, recomputed), under whatever version; it is confirmed
 * when the latest such decision is — review/state.ts's reviewOf, as SQL.
 */
export function reviewCounts(flagsOf: RawBuilder<unknown>, sha: RawBuilder<unknown>): Record<'errors' | 'warnings' | 'infos' | 'decided' | 'undecided' | 'confirmed', RawBuilder<number>> {
  const n = (cond: RawBuilder<unknown>): RawBuilder<number> => sql<number>`(select count(*) from ${flagsOf} and ${cond})`;
  const match = sql`d.sha256 = ${sha} and d.rule = f.rule and coalesce(d.group_id, '') = coalesce(f.group_id, '')
    and coalesce(d.declared, '') = coalesce(f.declared, '') and coalesce(d.recomputed, '') = coalesce(f.recomputed, '')`;
  const reviewed = sql`f.severity in ('error', 'warning')`;
  return {
    errors: n(sql`f.severity = 'error'`),
    warnings: n(sql`f.severity = 'warning'`),
    infos: n(sql`f.severity = 'info'`),
    decided: n(sql`${reviewed} and exists (select 1 from decisions d where ${match})`),
    undecided: n(sql`${reviewed} and not exists (select 1 from decisions d where ${match})`),
    confirmed: n(sql`${reviewed} and (select d.decision from decisions d where ${match} order by d.id desc limit 1) = 'confirmed'`),
  };
}

/** Recounts the summary rows of one document (every pipeline version: decisions apply to all), or of all. */
export async function refreshCounts(db: Kysely<Database>, sha256: string | null): Promise<void> {
  const c = reviewCounts(
    sql`flags f where f.sha256 = report_summaries.sha256 and f.pipeline_version = report_summaries.pipeline_version`,
    sql`report_summaries.sha256`,
  );
  await sql`update report_summaries set errors = ${c.errors}, warnings = ${c.warnings}, infos = ${c.infos},
      decided = ${c.decided}, undecided = ${c.undecided}, confirmed = ${c.confirmed}
    ${sha256 === null ? sql`` : sql`where sha256 = ${sha256}`}`.execute(db);
}

/** Writes (or rewrites) a document's summary row and counts it; inside the audit's transaction. */
export async function writeSummary(db: Kysely<Database>, source: SummarySource): Promise<void> {
  const row = summaryRow(source);
  const { sha256: _s, pipeline_version: _v, ...changes } = row;
  await db
    .insertInto('report_summaries')
    .values(row)
    .onConflict((oc) => oc.columns(['sha256', 'pipeline_version']).doUpdateSet(changes))
    .execute();
  await refreshCounts(db, source.sha256);
}

interface SummaryRead {
  sha256: string;
  first_path: string;
  unit_name: string | null;
  year: number | string | null;
  format: string;
  total: string | null;
  recomputed_total: string | null;
  difference: string | null;
  classification: string | null;
  error_code: string | null;
  errors: number | string;
  warnings: number | string;
  infos: number | string;
  decided: number | string;
  confirmed: number | string;
}

function reportRow(r: SummaryRead): ReportRow {
  const errors = Number(r.errors);
  const warnings = Number(r.warnings);
  return {
    sha256: r.sha256,
    firstPath: r.first_path,
    unitName: r.unit_name,
    year: r.year === null ? null : Number(r.year),
    format: r.format,
    total: r.total,
    recomputedTotal: r.recomputed_total,
    difference: r.difference,
    classification: r.classification,
    errorCode: r.error_code,
    flags: { error: errors, warning: warnings, info: Number(r.infos) },
    review: { relevant: errors + warnings, decided: Number(r.decided), confirmed: Number(r.confirmed) },
  };
}

const COLUMNS = sql`sha256, first_path, unit_name, year, format, total, recomputed_total, difference, classification, error_code, errors, warnings, infos, decided, confirmed`;

/**
 * The documents with an audit under `version`, one row each, filtered, sorted and paged in SQL (so
 * `total` and the pages are exact). The order is the key's, then the file's and the hash's (A to Z),
 * with the rows without the key last either way: read as two parts, those with the key and those
 * without, each from an index of the key in that direction. A page in the second half of a part is
 * read from its other end, so no page makes the database skip more than half the rows.
 */
export async function listSummaries(db: Kysely<Database>, version: string, filter: ReportFilter): Promise<{ rows: ReportRow[]; total: number }> {
  const pageSize = Math.min(Math.max(Math.trunc(filter.pageSize ?? 50), 1), 500);
  const pageNo = Math.max(Math.trunc(filter.page ?? 1), 1);
  const key = sql.ref(SUMMARY_SORT_COLUMNS[filter.sort ?? 'commune']);
  const where: RawBuilder<unknown>[] = [sql`pipeline_version = ${version}`];
  if (filter.flaggedOnly) where.push(sql`(errors > 0 or warnings > 0)`);
  if (filter.readableOnly) where.push(sql`error_code is null`);
  const needle = searchKey(filter.commune ?? null);
  if (needle) where.push(sql`unit_key like ${`%${needle.replace(/[\\%_]/g, (c) => `\\${c}`)}%`} escape '\\'`);
  if (filter.year !== undefined) where.push(sql`year = ${filter.year}`);
  if (filter.format) where.push(sql`format = ${filter.format}`);
  const review = filter.review ?? {};
  if (review.confirmed === 'some') where.push(sql`confirmed > 0`);
  if (review.confirmed === 'none') where.push(sql`confirmed = 0`);
  if (review.decided === 'none') where.push(sql`decided = 0 and undecided > 0`);
  if (review.decided === 'partly') where.push(sql`decided > 0 and undecided > 0`);
  if (review.decided === 'all') where.push(sql`undecided = 0`);
  const whereSql = sql.join(where, sql` and `);

  const counted = await sql<{ n: number | string; known: number | string }>`
    select count(*) as n, count(${key}) as known from report_summaries where ${whereSql}`.execute(db);
  const total = Number(counted.rows[0]?.n ?? 0);
  const known = Number(counted.rows[0]?.known ?? 0);
  const desc = filter.direction === 'desc';
  const from = (pageNo - 1) * pageSize;
  const to = Math.min(from + pageSize, total);

  /** Rows [start, end) of the part (`size` rows) that `cond` selects, by the key (if `keyed`), then file and hash A to Z. */
  async function slice(cond: RawBuilder<unknown>, keyed: boolean, size: number, start: number, end: number): Promise<SummaryRead[]> {
    if (start >= end) return [];
    const reversed = start > size / 2;
    const dir = (down: boolean): RawBuilder<unknown> => (down !== reversed ? sql`desc` : sql`asc`);
    const order = sql.join([...(keyed ? [sql`${key} ${dir(desc)}`] : []), sql`first_path ${dir(false)}`, sql`sha256 ${dir(false)}`]);
    const { rows } = await sql<SummaryRead>`select ${COLUMNS} from report_summaries where ${whereSql} and ${cond}
      order by ${order} limit ${end - start} offset ${reversed ? size - end : start}`.execute(db);
    return reversed ? rows.reverse() : rows;
  }
  const withKey = await slice(sql`${key} is not null`, true, known, from, Math.min(to, known));
  const withoutKey = await slice(sql`${key} is null`, false, total - known, Math.max(from - known, 0), to - known);
  return { total, rows: [...withKey, ...withoutKey].map(reportRow) };
}

/**
 * The years the reports under `version` are for, latest first: from the year index, one seek per
 * year (a loose index scan), not a pass over every report.
 */
export async function summaryYears(db: Kysely<Database>, version: string): Promise<number[]> {
  const { rows } = await sql<{ year: number | string | null }>`
    with recursive y(year) as (
      select max(year) from report_summaries where pipeline_version = ${version}
      union all
      select (select max(s.year) from report_summaries s where s.pipeline_version = ${version} and s.year < y.year) from y where y.year is not null
    )
    select year from y where year is not null`.execute(db);
  return rows.map((r) => Number(r.year));
}
