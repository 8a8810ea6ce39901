/**
 * The declared classification: "Đánh giá: Hoàn thành tốt nhiệm vụ năm 2024." Read as written; the
 * level is derived from the wording, never from the total (that is a rule's business).
 */
import type { Block } from './blocks.js';
import { spanAt } from './blocks.js';
import type { ClassificationLevel } from '../core/report-audit.js';
import type { Classification } from './extraction.js';
import { isOcrBlock, ocrClassifications } from './ocr-readings.js';
import { CLASSIFICATION } from './patterns.js';

const CLAIM = /xep\s+loai|danh\s+gia|de\s+nghi|tu\s+xep/;

/**
 * Prefers a claim in the summary (from `summaryIndex` on) that says "xếp loại"/"đánh giá", then any
 * classification phrase there, then the last claim anywhere.
 */
export function readClassification(blocks: readonly Block[], summaryIndex: number): Classification | null {
  const candidates: Array<{ block: Block; index: number; match: RegExpExecArray; misread: boolean; claim: boolean; inSummary: boolean }> = [];
  blocks.forEach((block, index) => {
    // The last phrase of the block: "Tự xếp loại mức độ hoàn thành nhiệm vụ năm 2024: Hoàn thành
    // tốt nhiệm vụ" names the subject first and the class last.
    const typed = [...block.folded.matchAll(new RegExp(CLASSIFICATION.source, 'g'))];
    const misread = typed.length === 0 && isOcrBlock(block);
    const all = misread ? ocrClassifications(block.folded) : typed;
    const match = all[all.length - 1] as RegExpExecArray | undefined;
    if (!match) return;
    candidates.push({ block, index, match, misread, claim: CLAIM.test(block.folded.slice(0, match.index)), inSummary: summaryIndex >= 0 && index >= summaryIndex });
  });
  const pick =
    candidates.find((c) => c.inSummary && c.claim) ??
    candidates.find((c) => c.inSummary) ??
    [...candidates].reverse().find((c) => c.claim) ??
    null;
  if (!pick) return null;
  const { block, match } = pick;
  const start = match.index;
  const tail = block.text.slice(start);
  const end = tail.search(/[.;!?](?:\s|$)|$/);
  const read = tail.slice(0, end < 0 ? undefined : end).replace(/[\s.,;:]+$/, '').trim();
  // The word OCR misread is the report's "nhiệm": shown as the report wrote it.
  const text = pick.misread ? read.replace(/\p{L}+(?=\s+vụ)/u, 'nhiệm') : read;
  return { text, level: levelOf(match), at: spanAt(block, start) };
}

function levelOf(match: RegExpExecArray): ClassificationLevel {
  if (match[1]) return 'fail';
  if (match[2]?.startsWith('xuat')) return 'excellent';
  if (match[2] === 'tot') return 'good';
  return 'pass';
}
