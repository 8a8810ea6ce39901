/**
 * The typed documents of a blind set: each blind text as written (consistent) and each of its
 * variants (one declared figure changed), with the scores they declare and the error flags they
 * must raise. Checked here without rendering anything: the consistent model adds up exactly, each
 * variant's edit matches once, and its changed model gives exactly the one flag it states.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ReportAudit } from '../../core/report-audit.js';
import { comparable } from '../fixtures/comparable.js';
import { discrepancies, type ExpectedFlag, expectedJson, flagKey, type ScoreModel } from '../fixtures/expected.js';
import { applyEdits } from '../fixtures/text-edits.js';
import { type BlindText, type Place, TEXTS, type Variant } from './catalog.js';

export const TEXTS_DIR = join(dirname(fileURLToPath(import.meta.url)), 'texts');

export interface TwinDoc {
  /** "phu-loc-2024" or "phu-loc-2024.sub-1.2". */
  readonly id: string;
  readonly text: BlindText;
  readonly variant: Variant | null;
  readonly markdown: string;
  readonly model: ScoreModel;
  /** The injected discrepancy, or null for the text as written. */
  readonly expect: ExpectedFlag | null;
}

/** The model with one figure replaced. */
export function changeModel(m: ScoreModel, place: Place, raw: string): ScoreModel {
  const groups = { ...m.groups };
  const group = (id: string): NonNullable<ScoreModel['groups'][string]> => {
    const g = groups[id];
    if (!g) throw new Error(`no group ${id}`);
    return g;
  };
  switch (place.kind) {
    case 'subgroup': {
      const g = group(place.group);
      if (!g.subgroups || !(place.sub in g.subgroups)) throw new Error(`no sub-group ${place.sub}`);
      groups[place.group] = { ...g, subgroups: { ...g.subgroups, [place.sub]: raw } };
      return { ...m, groups };
    }
    case 'item': {
      const g = group(place.group);
      const items = [...(g.items ?? [])];
      if (place.index >= items.length) throw new Error(`no item ${place.index} in ${place.group}`);
      items[place.index] = raw;
      groups[place.group] = { ...g, items };
      return { ...m, groups };
    }
    case 'group-restated': {
      const g = group(place.group);
      const restated = [...(g.restated ?? [])];
      if (place.index >= restated.length) throw new Error(`no restatement ${place.index} of ${place.group}`);
      restated[place.index] = raw;
      groups[place.group] = { ...g, restated };
      return { ...m, groups };
    }
    case 'summary':
      if (!(place.group in m.summary)) throw new Error(`no summary line ${place.group}`);
      return { ...m, summary: { ...m.summary, [place.group]: raw } };
    case 'total':
      return { ...m, total: raw };
    case 'total-restated': {
      const again = [...(m.totalRestated ?? [])];
      if (place.index >= again.length) throw new Error(`no restated total ${place.index}`);
      again[place.index] = raw;
      return { ...m, totalRestated: again };
    }
  }
}

/** Every typed document of the catalog, checked; throws on the first inconsistency. */
export function twinDocs(texts: readonly BlindText[] = TEXTS, read: (name: string) => string = (n) => readFileSync(join(TEXTS_DIR, `${n}.md`), 'utf8')): TwinDoc[] {
  const docs: TwinDoc[] = [];
  for (const text of texts) {
    const markdown = read(text.name);
    const base = discrepancies(text.model);
    if (base.length > 0) throw new Error(`${text.name}: the text as written is not consistent: ${base.map(flagKey).join(', ')}`);
    docs.push({ id: text.name, text, variant: null, markdown, model: text.model, expect: null });
    for (const v of text.variants) {
      const id = `${text.name}.${v.id}`;
      const model = changeModel(text.model, v.place, v.raw);
      const derived = discrepancies(model).map(flagKey);
      if (derived.length !== 1 || derived[0] !== flagKey(v.expect)) {
        throw new Error(`${id}: states ${flagKey(v.expect)} but the changed model gives [${derived.join(', ')}]`);
      }
      docs.push({ id, text, variant: v, markdown: applyEdits(markdown, [[v.find, v.replace]], id), model, expect: v.expect });
    }
  }
  return docs;
}

/**
 * Where a typed twin's reading differs from what its text declares (every group, sub-group, item,
 * summary row, total, classification, unit and year) and from the one flag it must raise.
 */
export function twinProblems(audit: ReportAudit, doc: TwinDoc): string[] {
  if (audit.error) return [`not read: ${audit.error.code}`];
  const want = expectedJson(doc.model, 'pdf', doc.expect ? [doc.expect] : []) as ReturnType<typeof comparable>;
  const got = comparable(audit);
  const problems: string[] = [];
  const same = (what: string, a: unknown, b: unknown): void => {
    if (JSON.stringify(a) !== JSON.stringify(b)) problems.push(`${what}: read ${JSON.stringify(b)}, declared ${JSON.stringify(a)}`);
  };
  same('unit', want.unit, got.unit);
  same('year', want.year, got.year);
  same('total', want.declared.total?.value, got.declared.total?.value);
  same('classification', want.declared.classification, got.declared.classification);
  same('groups', want.declared.groups.map((g) => g.id), got.declared.groups.map((g) => g.id));
  for (const g of want.declared.groups) {
    const r = got.declared.groups.find((x) => x.id === g.id);
    if (!r) continue;
    same(`group ${g.id}`, g.score?.value, r.score?.value);
    same(`group ${g.id} sub-groups`, g.subgroups.map((s) => [s.id, s.score?.value]), r.subgroups.map((s) => [s.id, s.score?.value]));
    same(`group ${g.id} items`, g.items.map((i) => i.value), r.items.map((i) => i.value));
  }
  same('summary', want.declared.summary.map((s) => [s.id, s.score?.value]), got.declared.summary.map((s) => [s.id, s.score?.value]));
  same('error flags', want.errorFlags.map(flagKey), got.errorFlags.map(flagKey));
  return problems;
}
