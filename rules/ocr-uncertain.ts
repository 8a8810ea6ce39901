/**
 * ocr-uncertain (warning): an error that rests on OCR'd figures, which a second reading of the
 * page does not confirm. Before such an error is given, the pipeline reads its evidence lines and
 * the lines around them again (pipeline/second-reading.ts); here the two readings are reconciled:
 * - the second reading raises the same error (same rule, group and figures): the error stands;
 * - it does not: the readings disagree, and the error becomes this warning, naming the line, both
 *   readings and their confidences ("cần đối chiếu bản gốc"). A warning is never counted as a
 *   discrepancy (exit code, summaries);
 * - a group whose parts fall short of its declared score, where a nearby OCR'd line that no
 *   reading took as a part holds a figure of exactly the missing points ("Đề nghị thưởng 2 điểm"
 *   on a line of its own): the readings may have missed that part, so the same warning.
 * Pure: the readings come in as data.
 */
import { add, equals, negate, type Decimal } from '../core/decimal.js';
import type { Flag, Span } from '../core/report-audit.js';
import type { Extraction, Figure } from '../extractors/extraction.js';
import { findNumbers } from '../extractors/numbers.js';
import { fold } from '../extractors/fold.js';
import { groupFor, partsSum } from './recompute.js';
import { points, where } from './wording.js';

export const RULE_ID = 'ocr-uncertain';
export const description =
  'An error resting on OCR\'d figures that a second reading of the page does not confirm: shown as a warning to check against the original, never as a discrepancy.';

/** Error rules whose flags rest on figures, and so on how the page was read. */
export const CONTESTABLE = new Set(['group-sum-mismatch', 'total-mismatch', 'total-conflict', 'summary-mismatch', 'missing-figure']);

/** A line of the first reading, where the second reading read it again. */
export interface LineReading {
  readonly at: Span;
  /** The first reading's confidence, 0–1. */
  readonly confidence: number | undefined;
  /** What the second reading read at the same place ('' when it read nothing there). */
  readonly again: string;
  readonly againConfidence: number | null;
}

/** An OCR'd line of the first reading, as the rule may search it for a missed part. */
export interface ReadLine {
  readonly at: Span;
  readonly confidence: number | undefined;
}

export interface SecondReading {
  /** The report as the second reading extracted it; null when it gave no report at all. */
  readonly extraction: Extraction | null;
  /** Its flags (null with it). */
  readonly flags: readonly Flag[] | null;
  /** The lines read again. */
  readonly lines: readonly LineReading[];
}

/** Whether a flag is an error that rests on what OCR read (evidence on an OCR'd line, or a missing figure in a scan). */
export function isContested(flag: Flag, ocrLine: (span: Span) => boolean, scanned: boolean): boolean {
  if (flag.severity !== 'error' || !CONTESTABLE.has(flag.rule)) return false;
  return flag.evidence.some(ocrLine) || (flag.rule === 'missing-figure' && scanned);
}

const same = (a: Flag, b: Flag): boolean =>
  a.rule === b.rule && a.severity === b.severity && a.group === b.group && a.declared === b.declared && a.recomputed === b.recomputed;

const squash = (t: string): string => t.replace(/\s+/g, ' ').trim();
const percent = (c: number | null | undefined): string => (c === null || c === undefined ? 'không rõ' : `${Math.round(c * 100)}%`);
const quote = (t: string): string => (t === '' ? '(không đọc được gì)' : `“${t}”`);
const key = (s: Span): string => `${s.page}/${s.line}`;

/**
 * The contested errors reconciled with the second reading: each kept, or turned into an
 * ocr-uncertain warning. The readings disagree when a figure the error rests on was read as
 * another number, or when the second reading found a figure of the error's group (or total) the
 * first did not, and the second reading does not raise the same error. `lines` are the report's
 * OCR'd lines, searched for a part a sum misses.
 */
export function reconcile(contested: readonly Flag[], second: SecondReading, extraction: Extraction, lines: readonly ReadLine[]): Map<Flag, Flag> {
  const out = new Map<Flag, Flag>();
  const first = rolesOf(extraction);
  const again = second.extraction ? rolesOf(second.extraction) : null;
  for (const flag of contested) {
    if (!again) {
      out.set(flag, uncertain(flag, disagreement(flag, second.lines)));
      continue;
    }
    const evidence = new Set(flag.evidence.map(key));
    const misread = [...first].find(([role, f]) => evidence.has(key(f.at)) && again.has(role) && !equals(again.get(role)!.exact, f.exact));
    if (misread) {
      out.set(flag, uncertain(flag, readAs(misread[1], again.get(misread[0])!)));
      continue;
    }
    if (!(second.flags?.some((g) => same(flag, g)) ?? false)) {
      const found = [...again].find(([role]) => !first.has(role) && concerns(flag, role));
      if (found) {
        out.set(flag, uncertain(flag, foundAgain(found[1], second.lines)));
        continue;
      }
    }
    const missed = missedPart(flag, extraction, lines);
    out.set(flag, missed ? uncertain(flag, missed) : flag);
  }
  return out;
}

/**
 * Every declared figure by its role in the report ("group:II", "sub:II/2.1", "item:VI#1",
 * "summary:IV", "total", and restatements "+1", "+2"…), to compare two readings figure by figure.
 */
function rolesOf(ex: Extraction): Map<string, Figure> {
  const roles = new Map<string, Figure>();
  const put = (role: string, f: Figure | null): void => {
    if (f && !roles.has(role)) roles.set(role, f);
  };
  put('total', ex.total);
  ex.totalRestated.forEach((f, i) => put(`total+${i + 1}`, f));
  for (const g of ex.groups) {
    put(`group:${g.id}`, g.score);
    g.restated.forEach((f, i) => put(`group:${g.id}+${i + 1}`, f));
    for (const s of g.subgroups) put(`sub:${g.id}/${s.id}`, s.score);
    g.items.forEach((f, i) => put(`item:${g.id}#${i + 1}`, f));
  }
  for (const s of ex.summary) put(`summary:${s.id}`, s.score);
  return roles;
}

/** Whether a figure of this role bears on the flag: its group's parts and scores, or the totals. */
function concerns(flag: Flag, role: string): boolean {
  const g = flag.group;
  if (g === undefined) return role === 'total' || role.startsWith('group:') || role.startsWith('summary:');
  return role === `group:${g}` || role.startsWith(`group:${g}+`) || role.startsWith(`sub:${g}/`) || role.startsWith(`item:${g}#`) || role === `summary:${g}`;
}

/** A figure only the second reading found, at the first reading's line it read again. */
function foundAgain(f: Figure, lines: readonly LineReading[]): string {
  const line = lines.find((l) => squash(l.again) === squash(f.at.text));
  const first = line ? `${where(line.at)} lần đầu đọc là ${quote(line.at.text)} (độ tin cậy ${percent(line.confidence)}), đọc lại là` : 'đọc lại thấy dòng';
  return `${first} ${quote(f.at.text)} (độ tin cậy ${percent(f.confidence)}), có ${f.raw} điểm mà lần đọc đầu không thấy`;
}

function readAs(a: Figure, b: Figure): string {
  return `${where(a.at)} lần đầu đọc là ${a.raw} (${quote(a.at.text)}, độ tin cậy ${percent(a.confidence)}), đọc lại là ${b.raw} (${quote(b.at.text)}, độ tin cậy ${percent(b.confidence)})`;
}

/** The line the readings read differently, among the flag's evidence first, then around it. */
function disagreement(flag: Flag, lines: readonly LineReading[]): string {
  const evidence = new Set(flag.evidence.map(key));
  const differs = (l: LineReading): boolean => squash(l.again) !== squash(l.at.text);
  const line = lines.find((l) => evidence.has(key(l.at)) && differs(l)) ?? lines.find(differs) ?? lines.find((l) => evidence.has(key(l.at)));
  if (!line) return 'đọc lại vùng này của trang không cho cùng kết quả';
  return `${where(line.at)} lần đầu đọc là ${quote(line.at.text)} (độ tin cậy ${percent(line.confidence)}), đọc lại là ${quote(squash(line.again))} (độ tin cậy ${percent(line.againConfidence)})`;
}

function uncertain(flag: Flag, why: string): Flag {
  const claim = flag.message.replace(/[.;]\s*$/, '');
  return {
    rule: RULE_ID,
    severity: 'warning',
    message: `Cần đối chiếu bản gốc: ${why}; hai lần đọc bản scan không thống nhất nên chưa kết luận “${claim}”.`,
    ...(flag.group !== undefined ? { group: flag.group } : {}),
    ...(flag.declared !== undefined ? { declared: flag.declared } : {}),
    ...(flag.recomputed !== undefined ? { recomputed: flag.recomputed } : {}),
    evidence: flag.evidence,
  };
}

/**
 * For a group whose parts add up to less than it declares: an OCR'd line of the group that no
 * figure was read from and that holds "<the missing points> điểm". Null when there is none.
 */
function missedPart(flag: Flag, extraction: Extraction, lines: readonly ReadLine[]): string | null {
  if (flag.rule !== 'group-sum-mismatch' || flag.group === undefined) return null;
  const group = groupFor(extraction, flag.group);
  const sum = group ? partsSum(group) : null;
  if (!group || !group.score || sum === null) return null;
  const missing = add(group.score.exact, negate(sum));
  if (missing.units <= 0) return null;
  const used = new Set([...rolesOf(extraction).values()].map((f) => key(f.at)));
  const start = group.at;
  const next = extraction.groups[extraction.groups.indexOf(group) + 1]?.at ?? extraction.summaryAt;
  const before = (a: Span, b: Span): boolean => a.page < b.page || (a.page === b.page && a.line < b.line);
  const found = lines.find(
    (l) =>
      l.confidence !== undefined &&
      !before(l.at, start) &&
      (next === null || before(l.at, next)) &&
      !used.has(key(l.at)) &&
      holdsPoints(l.at.text, missing),
  );
  if (!found) return null;
  return `các phần của nhóm tiêu chí ${group.id} thiếu ${points(missing)} so với điểm khai, và ${where(found.at)} ghi ${quote(found.at.text)} (độ tin cậy ${percent(found.confidence)}) mà không lần đọc nào nhận là một khoản điểm`;
}

/** "… 2 điểm …": the line states exactly these points (the word loosely: OCR gives "điễm", "diém"). */
function holdsPoints(text: string, value: Decimal): boolean {
  const folded = fold(text);
  return findNumbers(text).some((t) => equals(t.exact, value) && /^\s*d\S{1,3}m\b/.test(folded.slice(t.end, t.end + 10)));
}
