/**
 * A report's review state, from its error and warning flags and the latest decision on each. A
 * decision names its flag by identity (rule, group, declared, recomputed), not by position, so it
 * still applies when reprocessing under a new pipeline version brings the same flag back.
 */
import type { DecisionRecord, FlagRecord, ReviewCondition } from '../store/store.js';

export const REVIEW_STATES = ['chua-xem', 'dang-xem', 'co-sai-lech', 'khong-sai-lech'] as const;
export type ReviewState = (typeof REVIEW_STATES)[number];

export const REVIEW_STATE_LABELS: Record<ReviewState, string> = {
  'chua-xem': 'chưa xem',
  'dang-xem': 'đang xem',
  'co-sai-lech': 'có sai lệch đã xác nhận',
  'khong-sai-lech': 'không sai lệch',
};

/**
 * What the state column says: an unreadable report has no flags to decide on, so it is not
 * "không sai lệch" but waits for a readable file.
 */
export function stateLabel(state: ReviewState, errorCode: string | null): string {
  return errorCode ? 'không đọc được' : REVIEW_STATE_LABELS[state];
}

export function isReviewState(value: unknown): value is ReviewState {
  return typeof value === 'string' && (REVIEW_STATES as readonly string[]).includes(value);
}

/** Error and warning flags are reviewed; info flags are shown, never waited for. */
export const isReviewed = (f: { severity: string }): boolean => f.severity === 'error' || f.severity === 'warning';

export interface ReviewCounts {
  /** Error and warning flags. */
  relevant: number;
  /** …with a decision. */
  decided: number;
  /** …whose latest decision confirms a discrepancy. */
  confirmed: number;
}

export function stateFromCounts(c: ReviewCounts): ReviewState {
  if (c.confirmed > 0) return 'co-sai-lech';
  if (c.decided >= c.relevant) return 'khong-sai-lech';
  if (c.decided === 0) return 'chua-xem';
  return 'dang-xem';
}

/** The same states as conditions the store can filter on (its SQL follows stateFromCounts). */
export function stateCondition(state: ReviewState): ReviewCondition {
  switch (state) {
    case 'co-sai-lech':
      return { confirmed: 'some' };
    case 'khong-sai-lech':
      return { confirmed: 'none', decided: 'all' };
    case 'chua-xem':
      return { decided: 'none' };
    case 'dang-xem':
      return { confirmed: 'none', decided: 'partly' };
  }
}

type Identified = Pick<FlagRecord, 'rule' | 'groupId' | 'declared' | 'recomputed'>;

/** The identity a decision and a flag share (rule, group, declared, recomputed). */
export function flagKey(f: Identified): string {
  return JSON.stringify([f.rule, f.groupId ?? '', f.declared ?? '', f.recomputed ?? '']);
}

export interface ReviewedFlag {
  flag: FlagRecord;
  /** The decision that holds now (the latest with the flag's identity), if any. */
  latest: DecisionRecord | null;
  /** Every decision with the flag's identity, oldest first. */
  history: DecisionRecord[];
}

export interface Review {
  flags: ReviewedFlag[];
  state: ReviewState;
  counts: ReviewCounts;
  /** The latest decision of each identity no current flag has: not carried over. */
  notCarried: DecisionRecord[];
}

/**
 * Matches decisions (oldest first) to the current flags. Flags sharing an identity within one
 * audit share its decisions.
 */
export function reviewOf(flags: readonly FlagRecord[], decisions: readonly DecisionRecord[]): Review {
  const byKey = new Map<string, DecisionRecord[]>();
  for (const d of decisions) {
    const k = flagKey(d);
    byKey.set(k, [...(byKey.get(k) ?? []), d]);
  }
  const reviewed = flags.map((flag) => {
    const history = byKey.get(flagKey(flag)) ?? [];
    return { flag, latest: history.at(-1) ?? null, history };
  });
  const current = new Set(flags.map(flagKey));
  const notCarried = [...byKey].filter(([k]) => !current.has(k)).map(([, h]) => h.at(-1)!);
  const relevant = reviewed.filter((r) => isReviewed(r.flag));
  const counts = {
    relevant: relevant.length,
    decided: relevant.filter((r) => r.latest).length,
    confirmed: relevant.filter((r) => r.latest?.decision === 'confirmed').length,
  };
  return { flags: reviewed, state: stateFromCounts(counts), counts, notCarried };
}
