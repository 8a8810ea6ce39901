/**
 * A rule tester in the manner of ESLint's RuleTester: a rule and two tables of cases.
 *
 *   ruleTester(rule, {
 *     valid: [['the sample report', quangTrung]],
 *     invalid: [['declared 21,3, parts add up to 22,3', spec, [{ rule: 'group-sum-mismatch', severity: 'error', group: 'I',
 *       declared: 21.3, recomputed: 22.3, evidence: [[1, 1], [1, 3]], message: /chênh lệch 1 điểm\.$/ }]]],
 *   });
 *
 * Each case is an extraction spec for test/rules/build.ts's `ext` (or `{ extraction }`, an
 * Extraction made some other way). A valid case must give no flag. An invalid case gives exactly
 * its expected flags, in order: the same rule, severity, group, declared and recomputed (a field
 * left out of the expectation must be absent from the flag too); where the expectation says so,
 * the same evidence positions and a matching message.
 *
 * Every flag of every case must also be well formed: its rule is the rule's id, its message is
 * one Vietnamese sentence ending with '.', and it cites at least one span, each on a page ≥ 1 and
 * a line ≥ 1. A flag that legitimately has no evidence says so in its case: `evidence: []`.
 */
import { describe, expect, it } from 'vitest';
import type { Flag, Severity } from '../../core/report-audit.js';
import type { Extraction } from '../../extractors/extraction.js';
import type { Rule } from '../../rules/types.js';
import { ext, type ExtSpec } from './build.js';

/** What a case runs the rule on. */
export type Input = ExtSpec | { readonly extraction: Extraction };

export interface ExpectedFlag {
  readonly rule: string;
  readonly severity: Severity;
  readonly group?: string;
  readonly declared?: number | null;
  readonly recomputed?: number | null;
  /** [page, line] of every evidence span, in order; [] for a flag with none. Left out: not compared. */
  readonly evidence?: ReadonlyArray<readonly [number, number]>;
  /** The whole message (a string) or a pattern it matches. */
  readonly message?: string | RegExp;
  /** Words the message contains. */
  readonly messageContains?: string | readonly string[];
}

export type ValidCase = readonly [name: string, input: Input];
export type InvalidCase = readonly [name: string, input: Input, flags: readonly ExpectedFlag[]];

export interface RuleTests {
  readonly valid: readonly ValidCase[];
  readonly invalid: readonly InvalidCase[];
}

/** A letter only Vietnamese writes (any tone mark, đ, ă, â, ê, ô, ơ, ư). */
const VIETNAMESE = /[àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]/iu;

export function extractionOf(input: Input): Extraction {
  return 'extraction' in input ? input.extraction : ext(input as ExtSpec);
}

/** The fields compared exactly: those an expectation leaves out must be absent from the flag. */
function essentialsOf(f: Flag | ExpectedFlag): Record<string, unknown> {
  const e: Record<string, unknown> = { rule: f.rule, severity: f.severity };
  if (f.group !== undefined) e['group'] = f.group;
  if (f.declared !== undefined) e['declared'] = f.declared;
  if (f.recomputed !== undefined) e['recomputed'] = f.recomputed;
  return e;
}

/**
 * One Vietnamese sentence ending with '.': starts with a capital, has a Vietnamese letter, ends
 * with a single full stop, and no sentence ends inside it (quoted text “…” is not looked into).
 */
export function expectOneVietnameseSentence(message: string): void {
  expect(message, 'a message').toMatch(/^\p{Lu}/u);
  expect(message, 'a Vietnamese message').toMatch(VIETNAMESE);
  expect(message, 'ends with one full stop').toMatch(/[^.]\.$/u);
  const unquoted = message.replace(/“[^”]*”/gu, '“”').replace(/"[^"]*"/gu, '""');
  expect(unquoted, 'one sentence').not.toMatch(/[.!?]\s+\p{Lu}/u);
  expect(message, 'no line break').not.toMatch(/\n/);
}

/** The checks every flag of `rule` passes. `evidence: []` says the flag has none, as it should. */
export function expectWellFormed(rule: Rule, flag: Flag, expected?: Pick<ExpectedFlag, 'evidence'>): void {
  expect(flag.rule).toBe(rule.id);
  expect(['error', 'warning', 'info']).toContain(flag.severity);
  expectOneVietnameseSentence(flag.message);
  if (expected?.evidence?.length === 0) {
    expect(flag.evidence, 'a flag declared without evidence').toEqual([]);
    return;
  }
  expect(flag.evidence.length, `evidence of "${flag.message}"`).toBeGreaterThan(0);
  for (const span of flag.evidence) {
    expect(Number.isInteger(span.page) && span.page >= 1, `page ${span.page} of "${flag.message}"`).toBe(true);
    expect(Number.isInteger(span.line) && span.line >= 1, `line ${span.line} of "${flag.message}"`).toBe(true);
    expect(typeof span.text).toBe('string');
  }
}

/** `flags` are exactly `expected`, in order, and each is well formed. */
export function expectFlags(rule: Rule, flags: readonly Flag[], expected: readonly ExpectedFlag[]): void {
  expect(flags.map(essentialsOf)).toEqual(expected.map(essentialsOf));
  flags.forEach((flag, i) => {
    const want = expected[i]!;
    if (want.evidence !== undefined) expect(flag.evidence.map((s) => [s.page, s.line])).toEqual(want.evidence.map(([p, l]) => [p, l]));
    if (typeof want.message === 'string') expect(flag.message).toBe(want.message);
    else if (want.message !== undefined) expect(flag.message).toMatch(want.message);
    const words = want.messageContains === undefined ? [] : typeof want.messageContains === 'string' ? [want.messageContains] : want.messageContains;
    for (const w of words) expect(flag.message).toContain(w);
    expectWellFormed(rule, flag, want);
  });
}

/** Registers `describe(rule.id)` with one test per case. */
export function ruleTester(rule: Rule, tests: RuleTests): void {
  describe(rule.id, () => {
    if (tests.valid.length > 0) {
      it.each(tests.valid.map((c) => [...c] as [string, Input]))('no flag: %s', (_name, input) => {
        expect(rule.check(extractionOf(input))).toEqual([]);
      });
    }
    if (tests.invalid.length > 0) {
      it.each(tests.invalid.map((c) => [...c] as [string, Input, readonly ExpectedFlag[]]))('flags: %s', (_name, input, expected) => {
        expectFlags(rule, rule.check(extractionOf(input)), expected);
      });
    }
  });
}
