/**
 * A small Extraction builder for rule tests. Scores are written as in the reports ("21,3", "04",
 * "-1", "8.25") and parsed here into exact Decimals, independently of extractors/numbers.ts.
 * Spans are numbered in document order on page 1 unless a raw score ends in "@page:line"
 * ("21,3@2:14"). A group's score stands on its heading line, as in the sample report.
 *
 *   ext({ groups: [g('I', '21,3', { sub: [['1.1', '8,3'], ['1.2', '13']] })], total: '21,3',
 *         summary: [['I', '21,3']] })
 *
 * A group's `restated` scores ("Cộng nhóm tiêu chí I: 21,3 điểm.") stand after its items; the
 * total's `totalRestated` ("Tổng số điểm tự chấm đạt 92,3 điểm.") after the classification.
 */
import { decimalFromString, type Decimal } from '../../core/decimal.js';
import type { Span } from '../../core/report-audit.js';
import type {
  Classification,
  Extraction,
  Figure,
  GroupScore,
  SubgroupScore,
  SummaryEntry,
} from '../../extractors/extraction.js';

/** A score as written, optionally followed by "@page:line". */
export type Raw = string;

export interface GroupSpec {
  readonly id: string;
  readonly score: Raw | null;
  readonly sub: ReadonlyArray<readonly [string, Raw | null]>;
  readonly items: readonly Raw[];
  readonly bonus: boolean;
  /** Later statements of the group's score in the body, after its items. */
  readonly restated: readonly Raw[];
  /** Heading position [page, line]; defaults to the next line. */
  readonly at?: readonly [number, number];
  /** The file opens inside the group. */
  readonly continued?: boolean;
}

export interface ExtSpec {
  readonly groups?: readonly GroupSpec[];
  readonly total?: Raw | null;
  /** Later statements of the grand total, after the classification. */
  readonly totalRestated?: readonly Raw[];
  readonly summary?: ReadonlyArray<readonly [string, Raw | null]>;
  /** Classification text; null for none. Default "Hoàn thành tốt nhiệm vụ năm 2024". */
  readonly classification?: string | null;
  /** Start of the summary section; default: the next line when there is a summary or a total. */
  readonly summaryAt?: readonly [number, number] | null;
  /** Readings the extractor chose: [message, page, line]. */
  readonly notes?: ReadonlyArray<readonly [string, number, number]>;
  /** The format reader's warnings, as the library wrote them. */
  readonly readerWarnings?: readonly string[];
  /** One page from inside a report. */
  readonly partial?: boolean;
}

/** "21,3" → 21.3, "04" → 4, "-1" → -1, "8.25" → 8.25, "1.234,5" → 1234.5. */
export function dec(raw: string): Decimal {
  const text = raw.replace(/\s+/g, '');
  return decimalFromString(text.includes(',') ? text.replace(/\./g, '').replace(',', '.') : text);
}

export function g(
  id: string,
  score: Raw | null,
  opts: {
    sub?: ReadonlyArray<readonly [string, Raw | null]>;
    items?: readonly Raw[];
    bonus?: boolean;
    restated?: readonly Raw[];
    at?: readonly [number, number];
    continued?: boolean;
  } = {},
): GroupSpec {
  return {
    id,
    score,
    sub: opts.sub ?? [],
    items: opts.items ?? [],
    bonus: opts.bonus ?? (opts.items !== undefined && opts.items.length > 0),
    restated: opts.restated ?? [],
    ...(opts.at === undefined ? {} : { at: opts.at }),
    ...(opts.continued ? { continued: true } : {}),
  };
}

class Lines {
  private next = 1;
  span(text: string, at?: readonly [number, number]): Span {
    if (at !== undefined) return { page: at[0], line: at[1], text };
    return { page: 1, line: this.next++, text };
  }
  figure(raw: Raw, text: (written: string) => string, at?: Span): Figure {
    const m = /^(.*)@(\d+):(\d+)$/.exec(raw);
    const written = m ? m[1]! : raw;
    const span = m ? this.span(text(written), [Number(m[2]), Number(m[3])]) : (at ?? this.span(text(written)));
    return { exact: dec(written), raw: written, at: span };
  }
}

export function ext(spec: ExtSpec): Extraction {
  const lines = new Lines();
  const groups: GroupScore[] = (spec.groups ?? []).map((gs) => {
    const headingText = `Nhóm tiêu chí ${gs.id}` + (gs.score === null ? '' : `. Tổng điểm tự chấm: ${gs.score} điểm`);
    const at = lines.span(headingText, gs.at);
    const score = gs.score === null ? null : lines.figure(gs.score, () => headingText, at);
    const subgroups: SubgroupScore[] = gs.sub.map(([sid, raw]) => {
      const subAt = lines.span(`${sid}. Nhóm tiêu chí ${sid}`);
      const subScore =
        raw === null ? null : lines.figure(raw, (w) => `Kết quả số điểm tự chấm đạt: ${w} điểm.`);
      return { id: sid, score: subScore, at: subAt };
    });
    const items = gs.items.map((raw) =>
      lines.figure(raw, (w) => (w.startsWith('-') ? `Đề nghị trừ ${w.slice(1)} điểm.` : `Đề nghị thưởng ${w} điểm.`)),
    );
    const restated = gs.restated.map((raw) => lines.figure(raw, (w) => `Cộng nhóm tiêu chí ${gs.id}: ${w} điểm.`));
    return { id: gs.id, score, subgroups, items, at, bonus: gs.bonus, restated, ...(gs.continued ? { continued: true } : {}) };
  });
  const summarySpec = spec.summary ?? [];
  const total = spec.total ?? null;
  const summaryAt =
    spec.summaryAt === null
      ? null
      : spec.summaryAt !== undefined || summarySpec.length > 0 || total !== null
        ? lines.span('III. TỔNG HỢP KẾT QUẢ CHẤM ĐIỂM VÀ ĐỀ NGHỊ XẾP LOẠI', spec.summaryAt)
        : null;
  const totalFigure =
    total === null ? null : lines.figure(total, (w) => `1. Kết quả tự đánh giá, chấm điểm theo các tiêu chí: ${w} điểm`);
  const summary: SummaryEntry[] = summarySpec.map(([id, raw]) => {
    if (raw === null) return { id, score: null, at: lines.span(`- Nhóm tiêu chí ${id}:`) };
    const score = lines.figure(raw, (w) => `- Nhóm tiêu chí ${id}: ${w} điểm;`);
    return { id, score, at: score.at };
  });
  const text = spec.classification === undefined ? 'Hoàn thành tốt nhiệm vụ năm 2024' : spec.classification;
  const classification: Classification | null =
    text === null ? null : { text, level: 'good', at: lines.span(`2. Đánh giá: ${text}.`) };
  const totalRestated = (spec.totalRestated ?? []).map((raw) => lines.figure(raw, (w) => `Tổng số điểm tự chấm đạt ${w} điểm.`));
  return {
    unit: { type: 'xã', name: 'Quang Trung' },
    year: 2024,
    total: totalFigure,
    totalRestated,
    classification,
    groups,
    summary,
    summaryAt,
    indicators: [],
    notes: (spec.notes ?? []).map(([message, page, line]) => ({ message, at: { page, line, text: message } })),
    readerWarnings: spec.readerWarnings ?? [],
    ...(spec.partial ? { partial: true } : {}),
  };
}

/** The scores of samples/quang-trung-2024.md: I 21,3 (8,3 + 9 + 3 + 1), II 33 (24 + 9), …, VI 04 (2 + 2), total 92,3. */
export const quangTrung: ExtSpec = {
  groups: [
    g('I', '21,3', { sub: [['1.1', '8,3'], ['1.2', '9'], ['1.3', '3'], ['1.4', '1']] }),
    g('II', '33', { sub: [['2.1', '24'], ['2.2', '9']] }),
    g('III', '10'),
    g('IV', '14'),
    g('V', '10'),
    g('VI', '04', { items: ['2', '2'], bonus: true }),
  ],
  total: '92,3',
  summary: [
    ['I', '21,3'],
    ['II', '33'],
    ['III', '10'],
    ['IV', '14'],
    ['V', '10'],
    ['VI', '04'],
  ],
};
