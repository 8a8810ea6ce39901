/**
 * From the positioned document to an Extraction: blocks, then the reporting unit and year, scores, classification
 * and indicators. Pure: no I/O, no printing.
 */
import { DoisoatError } from '../core/errors.js';
import { toBlocks } from './blocks.js';
import { readClassification } from './classification.js';
import type { DocumentModel } from './document.js';
import type { Extraction } from './extraction.js';
import { readUnit, readYear } from './reporting-unit.js';
import { readIndicators } from './indicators.js';
import { detectDecimalStyle, detectScoreDecimalStyle, type NumberContext } from './numbers.js';
import { readScores } from './scores.js';

export function extractReport(doc: DocumentModel): Extraction {
  const blocks = toBlocks(doc);
  const texts = blocks.map((b) => b.text);
  const scoreStyle = detectScoreDecimalStyle(texts);
  const context: NumberContext = { style: detectDecimalStyle(texts), ...(scoreStyle ? { scoreStyle } : {}) };
  const scores = readScores(blocks, context);
  if (scores.groups.length === 0 && scores.summary.length === 0 && scores.total === null) {
    throw DoisoatError.withDetail('no-report-found', 'Không thấy nhóm tiêu chí, điểm tự chấm hay tổng điểm nào.');
  }
  const summaryIndex = scores.summaryAt
    ? blocks.findIndex((b) => b.lines.some((l) => l.page.number === scores.summaryAt!.page && l.line.line === scores.summaryAt!.line))
    : -1;
  const indicators = readIndicators(blocks, context);
  return {
    unit: readUnit(blocks),
    year: readYear(blocks),
    total: scores.total,
    totalRestated: scores.totalRestated,
    classification: readClassification(blocks, summaryIndex),
    groups: scores.groups,
    summary: scores.summary,
    summaryAt: scores.summaryAt,
    indicators: indicators.indicators,
    notes: [...scores.notes, ...indicators.notes],
    ...(scores.partial ? { partial: true } : {}),
    readerWarnings: doc.warnings ?? [],
  };
}
