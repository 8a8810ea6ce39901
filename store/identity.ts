/**
 * What the store derives from an audit to find things again: a flag's identity across
 * reprocessing (rule, group and the two numbers as exact decimal text) and a commune's search key.
 */

/** A flag's identity: the same flag under another pipeline version has the same one. */
export interface FlagIdentity {
  rule: string;
  group_id: string | null;
  /** Exact decimal text ("93.3"), as the totals are stored. */
  declared: string | null;
  recomputed: string | null;
}

export function flagIdentity(flag: { rule: string; group?: string | undefined; declared?: number | null | undefined; recomputed?: number | null | undefined }): FlagIdentity {
  return {
    rule: flag.rule,
    group_id: flag.group ?? null,
    declared: flag.declared === undefined || flag.declared === null ? null : String(flag.declared),
    recomputed: flag.recomputed === undefined || flag.recomputed === null ? null : String(flag.recomputed),
  };
}

/** Lower case without accents ("Đồng Tiến" → "dong tien"): both databases compare it the same way. */
export function searchKey(text: string | null): string | null {
  if (text === null) return null;
  return text.normalize('NFD').replace(/\p{M}/gu, '').replace(/[đĐ]/g, 'd').toLowerCase().replace(/\s+/g, ' ').trim();
}
