/**
 * Criteria groups, sub-groups, bonus/penalty items, the closing summary and the grand total, read
 * from blocks in document order by a small state machine:
 *   front → body (from the first "Nhóm tiêu chí I") → summary (from "TỔNG HỢP KẾT QUẢ …", or
 *   the first group named a second time).
 * Each figure carries its exact decimal and the span of the line where its number stands.
 */
import { add, compare, negate, type Decimal } from '../core/decimal.js';
import type { Block } from './blocks.js';
import { confidenceAt, spanAt } from './blocks.js';
import type { Span } from '../core/report-audit.js';
import { fold } from './fold.js';
import { chooseOrdinal, documentDecimalMark, isOcrBlock, ocrMaxColumn, ocrNumeralStrokes, isSummaryLine, OCR_NUMERAL_AFTER_NHOM, ocrGroupHead, ocrHeadingLostNhom, ocrHeadingWithoutNumeral, ocrNumeral, ocrRowNumbering, ocrStrokeNumbering, ocrSubgroupLine, asStrokes, withinMaximum, withoutLeadingZero, type TableOrder } from './ocr-readings.js';
import type { Figure, GroupScore, ReadingNote, SubgroupScore, SummaryEntry } from './extraction.js';
import { findNumbers, parseNumber, type NumberContext, type NumberToken } from './numbers.js';
import {
  BONUS_BEFORE,
  BONUS_TITLE,
  GROUP_HEAD,
  GROUP_TOTAL,
  MAX_COLUMN,
  PENALTY_WORDS,
  SCORE_COLUMN,
  SCORE_PHRASE,
  SUBGROUP_HEAD,
  SUMMARY_HEAD,
  SUMMARY_TITLE,
  TOTAL_PHRASE,
  TOTAL_ROW,
} from './patterns.js';
import { intToRoman, romanToInt } from './roman.js';

export interface ScoresResult {
  groups: GroupScore[];
  summary: SummaryEntry[];
  summaryAt: Span | null;
  total: Figure | null;
  /** Further statements of the grand total, after `total`, in document order. */
  totalRestated: Figure[];
  notes: ReadingNote[];
  /** See Extraction.partial. */
  partial: boolean;
}

interface MutableSub {
  id: string;
  title?: string;
  score: Figure | null;
  at: Span;
  /** Its number was read by OCR, so the order of the sub-groups may correct it. */
  ocr?: true;
}

interface MutableGroup {
  id: string;
  ordinal: number;
  title?: string;
  score: Figure | null;
  subgroups: MutableSub[];
  items: Figure[];
  at: Span;
  bonus: boolean;
  /** Further statements of the group's score in the body, after `score`. */
  restated: Figure[];
  /** `score` came from a line that names no group ("Kết quả: tự chấm 9 điểm."), with no sub-group open. */
  scoreFromBareLine?: boolean;
  /** OCR: `score` came from such a line after the open sub-group had its score. */
  scoreAfterScoredSub?: boolean;
  /** Opened by a line inside it, its heading on another page. */
  continued?: boolean;
}

interface TableColumns {
  score: number | null;
  max: number | null;
  /** Cells in the header row. */
  width: number;
}

type Region = 'front' | 'body' | 'summary';

const MAX_HEADING_LENGTH = 400;

export function readScores(blocks: readonly Block[], context: NumberContext): ScoresResult {
  const groups: MutableGroup[] = [];
  const summary: SummaryEntry[] = [];
  const notes: ReadingNote[] = [];
  let summaryAt: Span | null = null;
  let total: Figure | null = null;
  const totalRestated: Figure[] = [];
  // An object, not a variable: enterSummary() changes it and control-flow narrowing must not assume otherwise.
  const state: { region: Region } = { region: 'front' };
  const onePage = blocks.every((b) => b.lines.every((l) => l.page.number === blocks[0]!.lines[0]!.page.number));
  let group: MutableGroup | null = null;
  let sub: MutableSub | null = null;
  let columns: TableColumns | null = null;
  let textColumns: Array<'score' | 'max'> | null = null;
  let openingGuess: { note: number; heading: string; at: Span } | null = null;
  /** On a photo of one page, a score stated before any group opened ("Phường tự chấm: 22 điểm."). */
  let frontScore: Figure | null = null;

  const enterSummary = (at: Span): void => {
    state.region = 'summary';
    summaryAt ??= at;
    group = null;
    sub = null;
  };

  // The first statement of the grand total is the total; every later one is kept (the
  // total-conflict rule compares them), whether it agrees or not.
  const setTotal = (figure: Figure): void => {
    if (!total) total = figure;
    else totalRestated.push(figure);
  };

  /** A figure from a token; a declared score's sign comes from its words unless `sign` is given. */
  const figureFrom = (block: Block, read: NumberToken, label?: string, sign?: 1 | -1): Figure => {
    const token = isOcrBlock(block) ? documentDecimalMark(read, context) : read;
    if (token.ambiguity) notes.push({ message: token.ambiguity, at: spanAt(block, token.start) });
    const confidence = confidenceAt(block, token.start, token.end);
    const exact: Decimal = (sign ?? declaredSign(block, token.start)) < 0 ? negate(token.exact) : token.exact;
    return {
      exact,
      raw: token.raw,
      at: spanAt(block, token.start),
      ...(label ? { label } : {}),
      ...(confidence !== undefined ? { confidence } : {}),
    };
  };

  /**
   * Adds a summary entry. In OCR'd text a roman numeral may lose a stroke ("III" read as "II"):
   * a numeral already listed, where the next one in order is not yet listed but exists in the
   * body, is read as that next one, and the reading is reported.
   */
  const addSummary = (id: string, score: Figure | null, at: Span, block: Block | null): void => {
    let entryId = id;
    const ocr = block?.lines.some((l) => l.line.confidence !== undefined) ?? false;
    if (ocr && summary.some((e) => e.id === id)) {
      const last = summary[summary.length - 1];
      const next = last ? intToRoman((romanToInt(last.id) ?? 0) + 1) : null;
      if (next && !summary.some((e) => e.id === next) && groups.some((g) => g.id === next)) {
        notes.push({ message: `Đọc “Nhóm tiêu chí ${id}” ở phần tổng hợp là nhóm ${next} (bản scan; theo thứ tự các nhóm).`, at });
        entryId = next;
      }
    }
    summary.push({ id: entryId, score, at });
  };

  // A summary line naming a group without its score ("Nhóm tiêu chí III: Thanh tra,"), waiting
  // for the table row right after it that carries the numbers.
  let pendingLabel: { id: string; at: Span } | null = null;
  const flushLabel = (): void => {
    if (pendingLabel) addSummary(pendingLabel.id, null, pendingLabel.at, null);
    pendingLabel = null;
  };
  const labelledRow = (block: Block, cells: readonly string[], ctx: NumberContext): TableRowReading | null => {
    if (!pendingLabel) return null;
    const trailing = lastIndex(cells, (c, i) => i > 0 && parseNumber(c, ctx) !== null);
    if (trailing === null) return null;
    const offset = cellOffset(block.text, cells, trailing);
    const token = findNumbers(cells[trailing]!, ctx)[0];
    if (!token) return null;
    const id = pendingLabel.id;
    pendingLabel = null;
    return { kind: 'group', id, token: { ...token, start: token.start + offset, end: token.end + offset } };
  };

  for (const block of blocks) {
    const at = spanAt(block, 0);

    if (block.cells) {
      const cells = block.cells;
      const folded = cells.map((c) => fold(c));
      if (folded.some((c) => SCORE_COLUMN.test(c)) && !cells.some((c) => parseNumber(c, context))) {
        columns = {
          score: lastIndex(folded, (c) => SCORE_COLUMN.test(c)),
          max: firstIndex(folded, (c) => MAX_COLUMN.test(c)) ?? (isOcrBlock(block) ? ocrMaxColumn(folded) : null),
          width: cells.length,
        };
        // A photo of one page opening on a table of the groups ("TT | Nhóm tiêu chí | Thang điểm |
        // Điểm tự chấm"): the summary table, its heading on the page before.
        if (state.region === 'front' && !group && onePage && isOcrBlock(block) && folded.some((c) => /nhom\s+tieu\s+chi\s*$/.test(c))) enterSummary(at);
        continue;
      }
      // OCR'd rows: a numbering cell that lost its strokes or its dot is read from the order.
      const lastListed = state.region === 'summary' ? summary[summary.length - 1]?.id : groups[groups.length - 1]?.id;
      const order: TableOrder | null = isOcrBlock(block)
        ? {
            group: state.region === 'summary' ? (lastListed ? romanToInt(lastListed) : null) : ((group as MutableGroup | null)?.ordinal ?? null),
            next: (lastListed ? (romanToInt(lastListed) ?? 0) : 0) + 1,
            summary: state.region === 'summary',
          }
        : null;
      const row = readTableRow(block, cells, folded, columns, context, order) ?? labelledRow(block, cells, context);
      if (row?.note) notes.push({ message: row.note, at });
      if (pendingLabel && row?.kind === 'group' && row.id === pendingLabel.id) pendingLabel = null;
      else flushLabel();
      if (!row) continue;
      // OCR reads a speck before a score as a minus ("-9"): only a bonus or penalty row's score has a sign.
      const unsigned = isOcrBlock(block) && row.title !== undefined && !BONUS_TITLE.test(fold(row.title));
      const figure = row.token ? figureFrom(block, row.token, row.label, unsigned ? 1 : undefined) : null;
      if (row.kind === 'total') {
        if (figure && (state.region !== 'front' || groups.length > 0)) setTotal(figure);
        continue;
      }
      if (row.kind === 'group') {
        const seen = groups.some((g) => g.id === row.id);
        if (state.region === 'summary' || seen) {
          if (state.region !== 'summary') enterSummary(at);
          addSummary(row.id, figure, at, block);
        } else {
          group = newGroup(row.id, row.title, at);
          groups.push(group);
          group.score = figure;
          sub = null;
          state.region = 'body';
        }
        continue;
      }
      if (row.kind === 'subgroup' && group && state.region === 'body') {
        sub = { id: row.id, ...(row.title ? { title: row.title } : {}), score: figure, at };
        group.subgroups.push(sub);
      } else if (row.kind === 'subgroup' && state.region === 'summary') {
        declareSubgroupFromTable(groups, row.id, row.title, figure, at);
      }
      continue;
    }
    columns = null;

    const f = block.folded;
    const ocr = isOcrBlock(block);
    const groupHead = ocr ? (ocrGroupHead(f) ?? (state.region !== 'summary' ? (ocrHeadingWithoutNumeral(f, block.text) ?? ocrHeadingLostNhom(f, block.text, (groups[groups.length - 1]?.ordinal ?? 0) + 1)) : null)) : GROUP_HEAD.exec(f);
    if (groupHead) {
      let id = groupHead[2]!.toUpperCase();
      let ordinal = romanToInt(id);
      const summaryLine = state.region === 'summary' || isSummaryLine(block, groupHead[0].length, ordinal !== null && groups.some((g) => g.ordinal === ordinal));
      if (ocr && summaryLine) {
        // A summary line read by OCR: the numerals come in order, so an unreadable one ("HI") or
        // one already listed is the next in order.
        const last = summary.length > 0 ? (romanToInt(summary[summary.length - 1]!.id) ?? 0) : 0;
        const listed = (n: number): boolean => summary.some((e) => e.id === intToRoman(n));
        const chosen = ordinal !== null && (ordinal === last + 1 || (ordinal > last && !listed(ordinal))) ? ordinal : last + 1;
        if (chosen !== ordinal) {
          notes.push({ message: `Đọc “${block.text.slice(0, 30)}…” ở phần tổng hợp là nhóm ${intToRoman(chosen)} (bản scan; theo thứ tự các nhóm).`, at });
        }
        ordinal = chosen;
        id = intToRoman(chosen);
      } else if (ocr && !summaryLine && state.region === 'body' && restatesOpenGroup(block, groupHead[0].length, ordinal, groups, group, context)) {
        // "Nhóm II tự chấm đạt 31,25/35 điểm.": a group already there states its score, or the
        // open group states it again; it names no new group, so the groups' order must not
        // renumber it (handled below: its score, or a restatement).
      } else if (ocr && !summaryLine) {
        // A body heading read by OCR: numerals lose strokes (III → II, I → L), so the order of
        // the groups and the heading's own "2." decide; the reading is reported.
        const chosen = chooseOrdinal(ordinal, groupHead[1] ? Number(groupHead[1]) : null, (groups[groups.length - 1]?.ordinal ?? 0) + 1, (n) => groups.some((g) => g.ordinal === n));
        if (chosen !== ordinal) {
          // A photo of one page opening on a heading whose numeral is unreadable: no group came
          // before to give the order, so the next heading may still decide (see the end).
          if (onePage && groups.length === 0 && ordinal === null) openingGuess = { note: notes.length, heading: block.text.slice(0, 40), at };
          notes.push({ message: `Đọc tiêu đề “${block.text.slice(0, 40)}…” là Nhóm tiêu chí ${intToRoman(chosen)} (bản scan; theo thứ tự các nhóm).`, at });
        }
        ordinal = chosen;
        id = intToRoman(chosen);
      }
      // A photo of a page that opens on the summary list whose heading is on the page before.
      if (ordinal !== null && state.region === 'front' && onePage && listsScoreOnly(f, groupHead[0].length)) enterSummary(at);
      if (ordinal !== null) {
        const seen = groups.find((g) => g.id === id);
        // "Nhóm II tự chấm đạt 31,25/35 điểm.": a body line stating a named group's score.
        // "Nhóm tiêu chí II tự chấm đạt 33 điểm." closing the open group II, already scored: said again.
        const again = seen !== undefined && seen === group && seen.score !== null && ocr;
        if (seen && state.region === 'body' && (seen.score === null || again)) {
          const phrase = firstMatch(SCORE_PHRASE, f, groupHead[0].length);
          const token = phrase ? firstScoreToken(block, phrase.end, context, true) : null;
          if (token) {
            if (seen.score === null) seen.score = figureFrom(block, token);
            else seen.restated.push(figureFrom(block, token));
            continue;
          }
        }
        if (state.region === 'summary' || seen) {
          if (state.region !== 'summary') enterSummary(at);
          const token = firstScoreToken(block, groupHead[0].length, context, false);
          flushLabel();
          if (token) addSummary(id, figureFrom(block, token), at, block);
          // A table cell that wrapped in PDF text: its numbers may stand on the next row.
          else pendingLabel = { id, at };
          continue;
        }
        state.region = 'body';
        const rest = block.text.slice(groupHead[0].length);
        const phrase = firstMatch(SCORE_PHRASE, f, groupHead[0].length);
        const title = cleanTitle(phrase ? block.text.slice(groupHead[0].length, phrase.index) : rest);
        group = newGroup(id, title, at);
        groups.push(group);
        sub = null;
        const token = phrase ? firstScoreToken(block, phrase.end, context, true) : null;
        if (token) group.score = figureFrom(block, token);
        continue;
      }
    }

    // A photo of the summary page alone opens on the summary's heading ("TỔNG HỢP ĐIỂM …"), no group before it.
    const summaryPhoto = state.region === 'front' && onePage && isOcrBlock(block) && SUMMARY_TITLE.test(f);
    if ((state.region === 'body' || summaryPhoto) && SUMMARY_HEAD.test(f) && isHeadingLike(block)) {
      enterSummary(at);
      // The heading itself may carry the total: "1. Kết quả tự đánh giá …: 92,3 điểm".
    }

    if (state.region === 'summary') {
      // A summary table that lost its cells (PDF text): "TT Nội dung Điểm tối đa Điểm tự chấm",
      // then rows "I Kết quả … kinh tế - xã hội 25 20.5", "Tổng cộng 100 87".
      if (SCORE_COLUMN.test(f) && MAX_COLUMN.test(f) && !/\d/.test(f)) {
        textColumns = numericColumnOrder(f);
        continue;
      }
      const row = textTableRow(block, context, textColumns);
      if (row) {
        const figure = figureFrom(block, row.token);
        if (row.kind === 'total') setTotal(figure);
        else if (row.kind === 'subgroup') declareSubgroupFromTable(groups, row.id, undefined, figure, at);
        else addSummary(row.id, figure, at, block);
        continue;
      }
      if (TOTAL_PHRASE.test(f) || SCORE_PHRASE.test(f)) {
        const phrase = firstMatch(TOTAL_PHRASE, f, 0) ?? firstMatch(SCORE_PHRASE, f, 0);
        const token = phrase ? firstScoreToken(block, phrase.end, context, true) : null;
        if (token) setTotal(figureFrom(block, token));
      }
      continue;
    }

    // A photo of one page that opens inside a group: its closing line ("Số điểm của nhóm II: 34 điểm.") names it.
    if (state.region === 'front' && !group && onePage && isOcrBlock(block)) {
      const opening = groupTotalLine(f, true);
      const id = opening?.[1]?.toUpperCase();
      const token = opening && id && romanToInt(id) !== null ? firstScoreToken(block, opening[0].length, context, true) : null;
      if (id && token) {
        group = { ...newGroup(id, undefined, at), continued: true };
        groups.push(group);
        group.score = figureFrom(block, token);
        state.region = 'body';
        continue;
      }
      // …or a sub-group's heading ("2.2. Thực hiện nhiệm vụ …") or a line naming it ("Tự chấm mục
      // 2.1 đạt 24 điểm."): its group opens, and the body reads the line. A bare score before a
      // ".2" heading was the ".1" sub-group's (see "OCR lost the first sub-group's heading").
      const major = subgroupOpeningPage(f, block.text);
      if (major !== null) {
        group = { ...newGroup(intToRoman(major.group), undefined, at), continued: true };
        groups.push(group);
        if (major.sub === 2 && frontScore) {
          group.score = frontScore;
          group.scoreFromBareLine = true;
        }
        state.region = 'body';
      } else {
        const phrase = firstMatch(SCORE_PHRASE, f, 0);
        const token = phrase && !/\bnhom\b|tong/.test(f) ? firstScoreToken(block, phrase.end, context, true) : null;
        if (token) frontScore = figureFrom(block, token);
      }
    }

    if (state.region !== 'body' || !group) continue;
    const current: MutableGroup = group;

    // "Cộng nhóm tiêu chí I: 21,5 điểm." closes the group it names.
    const closing = groupTotalLine(f, ocr);
    if (closing) {
      // OCR may misread the numeral: the open group, if it has no score yet, is the one closing.
      const named = ocr && current.score === null ? current : groups.find((g) => g.id === closing[1]!.toUpperCase());
      // OCR may lose the "điểm" after it ("Số điểm của nhóm VI: 1,5. cA"): the number right after the phrase.
      const token = named ? (firstScoreToken(block, closing[0].length, context, true) ?? (ocr ? numberRightAfter(block, closing[0].length, context) : null)) : null;
      if (named && token) {
        // OCR reads a speck before a bonus-only group's score as a minus ("nhóm VI:-1,5 điểm"): such a group has no penalty to subtract.
        const bonusOnly = ocr && named.bonus && named.title !== undefined && !/\b(?:tru|phat)\b/.test(fold(named.title)) && named.items.every((i) => i.exact.units >= 0);
        const figure = figureFrom(block, token, undefined, bonusOnly ? 1 : undefined);
        // The bare score taken for the group after a scored sub-group was the next sub-group's,
        // whose heading OCR lost ("in Nhiệm vụ cấp trên giao …" for "2.2. Nhiệm vụ …"), when
        // with the sub-groups it makes the group's closing score.
        if (named === current && current.scoreAfterScoredSub && current.score && addsUpTo(current, figure)) {
          const lost = pushLostSubgroup(current, current.score, current.score.at);
          notes.push({ message: `Đọc điểm ${current.score.raw} là của tiểu mục ${lost.id} (bản scan mất tiêu đề tiểu mục; nhóm ${current.id} khai điểm ở dòng sau).`, at: current.score.at });
          current.score = null;
          current.scoreAfterScoredSub = false;
        }
        if (named.score === null) named.score = figure;
        else named.restated.push(figure);
        sub = null;
        continue;
      }
    }

    // OCR may read specks before a numbering, and its dots as other marks or none (ocrSubgroupLine).
    const subHead = SUBGROUP_HEAD.exec(ocr ? ocrSubgroupLine(f, block.text, current.ordinal, nextMinor(current)) : f);
    if (subHead && isHeadingLike(block)) {
      const major = Number(subHead[1]);
      if (major === current.ordinal || major === ordinalFromHeading(current)) {
        const id = `${subHead[1]}.${subHead[2]}`;
        const phrase = firstMatch(SCORE_PHRASE, f, 0);
        const titleText = block.text.slice(f.indexOf(subHead[3]!), phrase ? phrase.index : undefined);
        const title = cleanTitle(titleText);
        const token = phrase ? firstScoreToken(block, phrase.end, context, true) : null;
        // "Tiểu nhóm 4.1 tự chấm …" after a "4.1." heading: the same sub-group, now scored.
        const again = current.subgroups.find((x) => x.id === id && x.score === null);
        if (again && token) {
          again.score = figureFrom(block, token);
          sub = again;
          continue;
        }
        // OCR lost the first sub-group's heading ("1.1. Kinh tế"): the score taken for the group
        // before "1.2" opened was that sub-group's, and the group's own comes later.
        if (ocr && current.scoreFromBareLine && current.subgroups.length === 0 && Number(subHead[2]) === 2 && current.score) {
          current.subgroups.push({ id: `${subHead[1]}.1`, score: current.score, at: current.score.at });
          current.score = null;
          current.scoreFromBareLine = false;
        }
        sub = { id, ...(title ? { title } : {}), score: null, at, ...(ocr ? { ocr: true as const } : {}) };
        current.subgroups.push(sub);
        if (token) sub.score = figureFrom(block, token);
        continue;
      }
    }

    // "Điểm thưởng:" or "Điểm trừ:" on its own line: the group's items follow, whatever its title
    // came out as ("NHÓM TIÊU CHÍ VI (THƯỞỚNG, lu d …").
    if (BONUS_LABEL.test(f)) {
      current.bonus = true;
      continue;
    }
    if (current.bonus) {
      for (const token of findNumbers(block.text, context)) {
        if (token.kind === 'ratio') continue;
        // OCR may garble the unit that wrapped to the next line ("thưởng 1,5" then "lếm."): a
        // number ending its sentence after the bonus word is still the amount.
        if (token.unit !== 'điểm' && !(ocr && token.unit === null && LOST_UNIT_AFTER.test(f.slice(token.end)))) continue;
        const window = f.slice(Math.max(0, token.start - 30), token.start);
        const before = BONUS_BEFORE.exec(window);
        // "Tổng điểm trừ: 1,5 điểm" closes the group: its score, not one more item.
        if (!before || /tong\s+(?:so\s+)?diem|tu\s+cham/.test(window)) continue;
        const sign = PENALTY_WORDS.has(before[1]!) ? -1 : 1;
        current.items.push(figureFrom(block, token, block.text, sign));
      }
    }

    const phrase = firstMatch(SCORE_PHRASE, f, 0);
    if (!phrase) continue;
    const token = firstScoreToken(block, phrase.end, context, true);
    if (!token) continue;
    const figure = figureFrom(block, token);
    // "Tự chấm mục 1.4 đạt 3 điểm.": the line names its sub-group, whose heading OCR may have lost.
    const namedSub = NAMES_SUBGROUP.exec(f.slice(0, token.start));
    if (namedSub && Number(namedSub[1]) === current.ordinal) {
      const id = `${Number(namedSub[1])}.${Number(namedSub[2])}`;
      const existing = current.subgroups.find((x) => x.id === id);
      if (!existing) {
        sub = { id, score: figure, at };
        current.subgroups.push(sub);
        continue;
      }
      if (existing.score === null) {
        existing.score = figure;
        sub = existing;
        continue;
      }
    }
    const saysGroupTotal = /tong\s+(?:so\s+)?diem/.test(f.slice(0, phrase.end + 1)) && !/nhom\s+tieu\s+chi\s+ve/.test(f);
    const openSub = sub as MutableSub | null;
    if (openSub && openSub.score === null && !saysGroupTotal) openSub.score = figure;
    else if (current.score === null) {
      current.score = figure;
      const bare = !saysGroupTotal && !/\bnhom\b/.test(f.slice(0, token.start));
      current.scoreFromBareLine = !openSub && bare;
      current.scoreAfterScoredSub = ocr && openSub !== null && bare;
    }
    // "Tổng số điểm tự chấm của nhóm đạt 22,3 điểm" once the group has its score: the group's
    // score again. Without "nhóm" the line may be the grand total or a bonus sum ("Tổng điểm
    // thưởng"), so it stays a note.
    else if (saysGroupTotal && /\bnhom\b/.test(f.slice(0, token.start))) current.restated.push(figure);
    // OCR: a score line after the last scored sub-group, whose score with theirs makes the group's,
    // is the next sub-group, its numbering lost ("Nhiệm vụ cấp trên giao … Tự chấm 8 điểm").
    else if (ocr && openSub && !saysGroupTotal && !/\bnhom\b/.test(f) && current.score && addsUpTo({ ...current, score: figure }, current.score)) {
      sub = pushLostSubgroup(current, figure, at, cleanTitle(block.text.slice(0, phrase.index)));
      notes.push({ message: `Đọc dòng “${block.text.slice(0, 40)}…” là tiểu mục ${sub.id} (bản scan mất số thứ tự; cộng với các tiểu mục trước được điểm của nhóm ${current.id}).`, at });
    }
    else notes.push({ message: `Bỏ qua điểm ${figure.raw} không rõ thuộc mục nào.`, at: figure.at });
  }

  flushLabel();
  for (const g of groups) renumberByOrder(g.subgroups);
  // The opening heading read by order as I is the group before the next one read ("Nhóm I1II." then "Nhóm IV.").
  const [first, second] = groups;
  if (openingGuess && first && second && first.subgroups.length === 0 && second.ordinal > first.ordinal + 1 && !groups.some((g) => g.ordinal === second.ordinal - 1)) {
    first.ordinal = second.ordinal - 1;
    first.id = intToRoman(first.ordinal);
    notes[openingGuess.note] = { message: `Đọc tiêu đề “${openingGuess.heading}…” là Nhóm tiêu chí ${first.id} (bản scan; nhóm đứng trước nhóm ${second.id}).`, at: openingGuess.at };
  }
  // One OCR'd page that opens inside the report, or ends before its summary.
  const head = groups[0];
  const opensInside = head ? head.continued === true || head.ordinal > 1 : summaryAt !== null || summary.length > 0;
  const partial = onePage && blocks.some(isOcrBlock) && (opensInside || (summaryAt === null && total === null));
  return {
    groups: groups.map(freezeGroup),
    summary,
    summaryAt,
    total,
    totalRestated,
    notes,
    partial,
  };
}

/** "Cộng nhóm tiêu chí I: 21,5 điểm.": a line closing the group it names; OCR'd numerals read by their strokes. */
function groupTotalLine(folded: string, ocr: boolean): RegExpExecArray | null {
  return GROUP_TOTAL.exec(ocr ? folded.replace(OCR_NUMERAL_AFTER_NHOM, (_m, prefix: string, numeral: string) => prefix + ocrNumeral(numeral)) : folded);
}

/** "mục 1.4", "tiểu mục 2.1", "tiểu nhóm 4.2" in a score line; OCR may read the dot as a colon, a comma or a space. */
const NAMES_SUBGROUP = /\b(?:tieu\s+muc|tieu\s+nhom|muc)\s+(\d{1,2})(?:\s?[.:,]\s?|\s)(\d{1,2})\b/;

/** Specks around an OCR'd table row's numbering: low quotes, dots, commas, colons, underscores, dashes, stars. */
const OCR_NUMBERING_SPECKS = /^[\s„.,:;_~*\-–—]+|[\s„.,:;_~*\-–—]+$/gu;


/**
 * An OCR'd body line naming group `ordinal` that only states its score ("Nhóm II tự chấm đạt
 * 31,25/35 điểm."): for a group already there without a score, or for the open group. At most a
 * few words stand between the group's name and the score phrase (a heading has its title there).
 * A line in capitals naming the open group, already scored, is the next group's heading whose
 * numeral lost a stroke ("NHÓM TIÊU CHÍ II - TỰ CHẤM 9 ĐIỂM" for III), not a restatement.
 */
function restatesOpenGroup(block: Block, headEnd: number, ordinal: number | null, groups: readonly MutableGroup[], open: MutableGroup | null, context: NumberContext): boolean {
  const named = ordinal === null ? undefined : groups.find((g) => g.ordinal === ordinal);
  if (!named || (named.score !== null && named !== open)) return false;
  const phrase = firstMatch(SCORE_PHRASE, block.folded, headEnd);
  if (!phrase) return false;
  if (named.score !== null && isCapitals(block.text.slice(0, phrase.end))) return false;
  const between: readonly string[] = block.folded.slice(headEnd, phrase.index).match(/\p{L}+/gu) ?? [];
  if (between.length > 3 || between.includes('thang')) return false;
  return firstScoreToken(block, phrase.end, context, true) !== null;
}

function isCapitals(text: string): boolean {
  return text === text.toUpperCase() && text !== text.toLowerCase();
}

/**
 * A sub-group row of a scoring table ("1.1 | Chỉ tiêu về kinh tế | 12 | 11,5") declares that
 * sub-group's score for the body group it belongs to (1.x → I), where the body gave none.
 */
function declareSubgroupFromTable(groups: MutableGroup[], id: string, title: string | undefined, score: Figure | null, at: Span): void {
  const major = Number(id.split('.')[0]);
  const group = groups.find((g) => g.ordinal === major || ordinalFromHeading(g) === major);
  if (!group) return;
  const existing = group.subgroups.find((s) => s.id === id);
  if (existing) {
    if (existing.score === null) existing.score = score;
    return;
  }
  group.subgroups.push({ id, ...(title ? { title } : {}), score, at });
}

/**
 * A declared score written as a deduction is negative: "Tổng điểm trừ: 1,5 điểm", "trừ 1,5 điểm",
 * "−1,5" — but not "Điểm thưởng, phạt: 04 điểm" or "(cộng, trừ): 2 điểm" (both words: the group's
 * name) nor a bullet dash.
 */
function declaredSign(block: Block, start: number): 1 | -1 {
  // In a table row only the number's own cell says (a title cell "Điểm thưởng, điểm trừ" does not).
  const cellStart = block.cells ? block.text.lastIndexOf('|', start - 1) + 1 : 0;
  const before = block.folded.slice(Math.max(cellStart, start - 24), start);
  const dash = /(?:^|[\s:(=|])[-−–]\s?$/.exec(block.text.slice(0, start));
  if (dash && block.text.slice(0, start).trim().length > 1) return -1;
  if (/\b(?:tru|phat)\b[^\d]{0,8}$/.test(before) && !/(?:thuong|cong)\s*(?:,|va|\/)\s*(?:diem\s+)?(?:tru|phat)/.test(before)) return -1;
  return 1;
}

function newGroup(id: string, title: string | undefined, at: Span): MutableGroup {
  return {
    id,
    ordinal: romanToInt(id) ?? 0,
    ...(title ? { title } : {}),
    score: null,
    subgroups: [],
    items: [],
    at,
    bonus: title !== undefined && BONUS_TITLE.test(fold(title)),
    restated: [],
  };
}

/**
 * An OCR'd sub-group number that another sub-group also has and that breaks the order ("1:3." read
 * for 1.1 before 1.2, 1.3 and 1.4): sub-groups are numbered in order, so it takes the free number
 * between its neighbours.
 */
function renumberByOrder(subs: MutableSub[]): void {
  const minorOf = (s: MutableSub): number => Number(s.id.split('.')[1]);
  subs.forEach((s, i) => {
    if (!s.ocr || !subs.some((o) => o !== s && o.id === s.id)) return;
    const prev = i > 0 ? minorOf(subs[i - 1]!) : 0;
    const next = i + 1 < subs.length ? minorOf(subs[i + 1]!) : Number.POSITIVE_INFINITY;
    const minor = minorOf(s);
    if (minor > prev && minor < next) return;
    const wanted = `${s.id.split('.')[0]}.${prev + 1}`;
    if (prev + 1 < next && !subs.some((o) => o.id === wanted)) s.id = wanted;
  });
}

function freezeGroup(g: MutableGroup): GroupScore {
  const subgroups: SubgroupScore[] = g.subgroups.map((s) => ({ id: s.id, ...(s.title ? { title: s.title } : {}), score: s.score, at: s.at }));
  return { id: g.id, ...(g.title ? { title: g.title } : {}), score: g.score, subgroups, items: g.items, at: g.at, bonus: g.bonus, restated: g.restated, ...(g.continued ? { continued: true } : {}) };
}

/**
 * "Nhóm tiêu chí V: 8,5 điểm;", "Nhóm I (Phát triển kinh tế - xã hội): 20,5 điểm;": after the
 * group's name only its score, or a title in brackets and the score — a summary list's line, not a
 * heading (a heading has a title, a score phrase, or nothing).
 */
function listsScoreOnly(folded: string, headEnd: number): boolean {
  const rest = folded.slice(headEnd).replace(/^\s*\([^)]*\)/, '');
  return /\d/.test(rest) && /diem/.test(rest) && rest.replace(/[\d.,:;()%\s]|diem/g, '').length < 3;
}

/**
 * A line of an OCR'd page that opens on a sub-group: its heading ("2.2. Thực hiện …", a capital
 * after the number) or a score line naming it ("Tự chấm mục 2.1 đạt 24 điểm."); null otherwise.
 */
function subgroupOpeningPage(folded: string, text: string): { group: number; sub: number } | null {
  const line = ocrSubgroupLine(folded, text, 0, 0);
  const head = SUBGROUP_HEAD.exec(line);
  const titleAt = head ? folded.length - line.length + line.indexOf(head[3]!) : -1;
  const title = titleAt >= 0 ? text.charAt(titleAt) : '';
  const named = head ? null : NAMES_SUBGROUP.exec(folded);
  const found = head && title !== title.toLowerCase() ? head : named && SCORE_PHRASE.test(folded) ? named : null;
  if (!found) return null;
  const [group, sub] = [Number(found[1]), Number(found[2])];
  return group >= 1 && group <= 9 && sub >= 1 && sub <= 9 ? { group, sub } : null;
}

/** The group's sub-group scores and its (bare) score add up to `closing`. */
function addsUpTo(g: MutableGroup, closing: Figure): boolean {
  if (!g.score || g.subgroups.some((x) => x.score === null)) return false;
  const sum = g.subgroups.reduce((acc, x) => add(acc, x.score!.exact), g.score.exact);
  return compare(sum, closing.exact) === 0;
}

/** After an OCR'd amount: at most one short word (its garbled unit), then the sentence's end. */
const LOST_UNIT_AFTER = /^\s*(?:\p{L}{1,4})?\s*[.;,]?\s*$/u;

/** A label line over a group's bonus or penalty items. */
const BONUS_LABEL = /^[\s\-+•*]*diem\s+(?:thuong|tru|cong|phat)\s*[:.]?\s*$/;

/** An OCR'd sub-group whose numbering was lost, numbered next in its group. */
function pushLostSubgroup(g: MutableGroup, score: Figure, at: Span, title?: string): MutableSub {
  const lost: MutableSub = { id: `${g.ordinal}.${nextMinor(g)}`, ...(title ? { title } : {}), score, at, ocr: true };
  g.subgroups.push(lost);
  return lost;
}

/** The number the group's next sub-group should have: one after the last read. */
function nextMinor(g: MutableGroup): number {
  const last = g.subgroups[g.subgroups.length - 1];
  return last ? Number(last.id.split('.')[1]) + 1 : 1;
}

/** The number the heading's own numbering gives ("2. Nhóm tiêu chí II" → 2), for sub-group ids. */
function ordinalFromHeading(g: MutableGroup): number | null {
  const m = /^\s*(\d{1,2})\s*[.)]/.exec(g.at.text);
  return m ? Number(m[1]) : null;
}

/**
 * The first number after `from` that reads as a score: a plain number or score/max ratio, followed
 * by "điểm"/"đ" when `needsUnit` (prose), never a percent, date or money.
 */
function firstScoreToken(block: Block, from: number, context: NumberContext, needsUnit: boolean): NumberToken | null {
  for (const token of findNumbers(block.text, context)) {
    if (token.start < from) continue;
    if (token.kind !== 'number' && token.kind !== 'ratio') continue;
    if (token.unit === 'điểm') return token;
    if (token.unit === null && !needsUnit) return token;
    if (token.unit === null && token.kind === 'ratio' && token.denominator?.unit === 'điểm') return token;
    if (needsUnit) continue;
  }
  return null;
}

/** The plain number that follows `from` with only a colon, dash or spaces between. */
function numberRightAfter(block: Block, from: number, context: NumberContext): NumberToken | null {
  const token = findNumbers(block.text, context).find((t) => t.start >= from);
  if (!token || token.kind !== 'number' || token.unit !== null) return null;
  return /^[\s:=\-–]*$/.test(block.text.slice(from, token.start)) ? token : null;
}

interface TableRowReading {
  kind: 'group' | 'subgroup' | 'total';
  id: string;
  title?: string;
  label?: string;
  token: NumberToken | null;
  /** A reading that had to be chosen (OCR), to report. */
  note?: string;
}

function readTableRow(
  block: Block,
  cells: readonly string[],
  folded: readonly string[],
  columns: TableColumns | null,
  context: NumberContext,
  order: TableOrder | null = null,
): TableRowReading | null {
  const scoreToken = (): NumberToken | null => {
    // A PDF row loses its empty cells ("VI | Điểm cộng … | | 1,25" → 3 cells): when the header's
    // score column is not there, the last number of the row is the score.
    const whole = columns !== null && cells.length === columns.width;
    const index = whole && columns.score !== null ? columns.score : lastIndex(cells, (c, i) => i > 0 && (!whole || i !== columns?.max) && parseNumber(c, context) !== null);
    if (index === null || index < 0 || index >= cells.length) return null;
    // Find the cell's number inside the row text so its offsets point into the block.
    const offset = cellOffset(block.text, cells, index);
    let token = findNumbers(cells[index]!, context)[0];
    if (!token) return null;
    if (order) token = withoutLeadingZero(token, context);
    // OCR: no score exceeds its maximum, the row's cell in the header's maximum column.
    if (order && whole && columns.max !== null && columns.max !== index) {
      const max = findNumbers(cells[columns.max] ?? '', context)[0];
      if (max && max.kind === 'number') token = withinMaximum(token, max, context);
    }
    return { ...token, start: token.start + offset, end: token.end + offset };
  };

  // OCR'd numbering cells carry specks read as marks ("„ 1", "..H"); quotes may be strokes, so stay.
  const numbering = (c: string): string => (order ? c.replace(OCR_NUMBERING_SPECKS, '') : c).trim();
  const first = numbering(folded[0] ?? '');
  if (folded.some((c) => TOTAL_ROW.test(c))) return { kind: 'total', id: '', token: scoreToken() };

  // OCR'd rows: an I's stroke may come as l, j, 1, |, !, [ or ] ("Nhóm tiêu chí IJI", "IIL", "]V").
  const namedNumeral = order ? /nhom\s+tieu\s+chi\s+([ivxlj1|!\[\]]+)(?![\p{L}\d])/u : /nhom\s+tieu\s+chi\s+([ivxl]+)\b/;
  const named = folded.map((c) => namedNumeral.exec(c)).find((m) => m);
  const romanId = /^([ivxl]+)\.?$/.test(first) && romanToInt(first.replace('.', '')) !== null ? first.replace('.', '').toUpperCase() : null;
  const read = named ? (order ? asStrokes(named[1]!) : named[1]!).toUpperCase() : romanId;
  // OCR: a numeral whose strokes were misread ("li" for II) or lost ("l" for II), or a summary
  // numbering of strokes and 1s ("1" for II), is read as the next group in order, and said so.
  const strokes = order && !named ? (read ? ocrNumeralStrokes(read, order.next) : ocrStrokeNumbering(first, order)) : null;
  const id = strokes ? strokes.id : read;
  const titleCell = cells.find((c, i) => i > 0 && parseNumber(c, context) === null && c.trim().length > 0);
  if (id && romanToInt(id) !== null) {
    return { kind: 'group', id, ...(titleCell ? { title: cleanTitle(titleCell) ?? titleCell } : {}), token: scoreToken(), ...(strokes ? { note: strokes.note } : {}) };
  }
  const subId = /^(\d{1,2})\.(\d{1,2})\.?$/.exec(first);
  if (subId) return { kind: 'subgroup', id: `${subId[1]}.${subId[2]}`, ...(titleCell ? { title: titleCell } : {}), token: scoreToken() };
  if (order) {
    // A score cell may carry letters OCR made of specks ("VU? 10"): the row is scored if its score cell gives a number.
    const token = scoreToken();
    const compact = numbering(cells[0] ?? '').replace(/\s+/g, '');
    const reading = ocrRowNumbering(compact, order, titleCell !== undefined && token !== null, compact === '' && (cells[0] ?? '').trim() !== '');
    if (reading) return { ...reading, ...(titleCell ? { title: reading.kind === 'group' ? (cleanTitle(titleCell) ?? titleCell) : titleCell } : {}), token };
  }
  // An arabic TT column numbering the groups: 1 → I.
  const arabic = /^(\d{1,2})\.?$/.exec(first);
  if (arabic && titleCell && /nhom|ket\s+qua|diem\s+thuong/.test(fold(titleCell))) {
    return { kind: 'group', id: intToRoman(Number(arabic[1])), title: titleCell, token: scoreToken() };
  }
  return null;
}

/** The order of the numeric columns in a header written as text: max before score, or after. */
function numericColumnOrder(folded: string): Array<'score' | 'max'> {
  const score = folded.search(SCORE_COLUMN);
  const max = folded.search(MAX_COLUMN);
  return max < score ? ['max', 'score'] : ['score', 'max'];
}

/**
 * A table row in plain text: a roman numeral (or "Tổng cộng") first, numbers last. The score is
 * the column the header names, else the last number.
 */
function textTableRow(
  block: Block,
  context: NumberContext,
  columns: Array<'score' | 'max'> | null,
): { kind: 'group' | 'subgroup' | 'total'; id: string; token: NumberToken } | null {
  let order = columns;
  const head = /^\s*([ivxl]+)\s+\S/.exec(block.folded);
  const subHead = /^\s*(\d{1,2}\.\d{1,2})\.?\s+\S/.exec(block.folded);
  const isTotal = TOTAL_ROW.test(block.folded);
  if (!isTotal && !subHead && (!head || romanToInt(head[1]!) === null)) return null;
  // The numbers end the row's first line that ends in numbers: a wrapped title may continue below
  // (OCR) or may have come first (PDF text).
  let at = -1;
  for (const part of block.lines) {
    const m = /(?:\s+\d+(?:[.,]\d+)?)+\s*$/.exec(part.line.text);
    if (m) {
      at = part.offset + m.index;
      const end = part.offset + part.line.text.length;
      const found = findNumbers(block.text.slice(at, end), context);
      if (found.length > 0) break;
    }
  }
  if (at < 0) return null;
  const lineEnd = block.text.indexOf(' ', at + 1) < 0 ? block.text.length : at + (/^(?:\s+\d+(?:[.,]\d+)?)+/.exec(block.text.slice(at))?.[0].length ?? 0);
  const start = at;
  const tokens = findNumbers(block.text.slice(start, lineEnd), context).map((t) => ({ ...t, start: t.start + start, end: t.end + start }));
  if (tokens.length === 0 || tokens.some((t) => t.kind !== 'number')) return null;
  const ocr = isOcrBlock(block);
  // OCR lost a column's number: which one is the score cannot be told.
  if (ocr && order && tokens.length < order.length) return null;
  // An OCR'd header is often unreadable: the usual layout puts the maximum before the score.
  if (ocr && !order && tokens.length === 2) order = ['max', 'score'];
  const index = order && tokens.length === order.length ? order.indexOf('score') : tokens.length - 1;
  let token = tokens[index]!;
  const max = order && tokens.length === order.length ? tokens[order.indexOf('max')] : undefined;
  if (ocr && max) token = withinMaximum(token, max, context);
  if (isTotal) return { kind: 'total', id: '', token };
  if (subHead) return { kind: 'subgroup', id: subHead[1]!, token };
  return { kind: 'group', id: head![1]!.toUpperCase(), token };
}

function cellOffset(text: string, cells: readonly string[], index: number): number {
  let from = 0;
  for (let i = 0; i <= index; i++) {
    const at = text.indexOf(cells[i]!, from);
    if (at < 0) return 0;
    if (i === index) return at;
    from = at + cells[i]!.length;
  }
  return 0;
}

function isHeadingLike(block: Block): boolean {
  return block.kind === 'heading' || block.emphasis || block.text.length <= MAX_HEADING_LENGTH;
}

function cleanTitle(text: string): string | undefined {
  const t = text.replace(/^[\s:.\-–—(]+/, '').replace(/[\s:.,;\-–—(]+$/, '').trim();
  return t.length > 0 ? t : undefined;
}

function firstMatch(pattern: RegExp, text: string, from: number): { index: number; end: number } | null {
  const re = new RegExp(pattern.source, 'g');
  re.lastIndex = from;
  const m = re.exec(text);
  return m ? { index: m.index, end: m.index + m[0].length } : null;
}


function firstIndex<T>(items: readonly T[], test: (item: T, index: number) => boolean): number | null {
  const i = items.findIndex(test);
  return i < 0 ? null : i;
}

function lastIndex<T>(items: readonly T[], test: (item: T, index: number) => boolean): number | null {
  for (let i = items.length - 1; i >= 0; i--) if (test(items[i]!, i)) return i;
  return null;
}
