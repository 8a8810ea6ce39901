/**
 * An auditor's decision on one flag: checked, then appended (decisions are never edited). It
 * holds for the flag's identity, so it carries over to a reprocessed report with the same flag.
 */
import { DoisoatError } from '../core/errors.js';
import type { Role } from '../core/roles.js';
import type { DecisionRecord, DecisionValue, Store } from '../store/store.js';
import { reviewOf, type Review } from './state.js';

export const DECISIONS: readonly DecisionValue[] = ['confirmed', 'dismissed'];
export const MAX_NOTE = 2000;

/** Who decides: auditors and admins. */
export interface Decider {
  name: string;
  role: Role;
}

export const mayDecide = (role: Role): boolean => role === 'auditor' || role === 'admin';

export function isDecision(value: unknown): value is DecisionValue {
  return typeof value === 'string' && (DECISIONS as readonly string[]).includes(value);
}

/** Records `decision` on flag `seq` of the report; answers the decision and the report's review after it. */
export async function decide(store: Store, user: Decider, sha256: string, seq: number, decision: unknown, note: unknown): Promise<{ decision: DecisionRecord; review: Review }> {
  if (!mayDecide(user.role)) throw new DoisoatError('not-allowed', `decide: role ${user.role}`);
  if (!isDecision(decision)) throw new DoisoatError('invalid-decision', `decide: ${String(decision)}`);
  if (note !== undefined && note !== null && typeof note !== 'string') throw new DoisoatError('invalid-decision', 'decide: note is not text');
  const text = (note ?? '').trim();
  if (text.length > MAX_NOTE) throw new DoisoatError('note-too-long');
  const detail = await store.reportDetail(sha256);
  if (!detail) throw new DoisoatError('report-not-found', sha256);
  const flag = detail.flags.find((f) => f.seq === seq);
  if (!flag) throw new DoisoatError('flag-not-found', `${sha256}#${seq}`);
  if (decision === 'dismissed' && flag.severity === 'error' && text === '') throw new DoisoatError('note-required');
  const record = await store.addDecision({ sha256, flag, decision, note: text, userName: user.name });
  return { decision: record, review: reviewOf(detail.flags, [...detail.decisions, record]) };
}
