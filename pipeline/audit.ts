/**
 * Turns an Extraction and its flags into the ReportAudit JSON: the one place that knows both the
 * extractor's types and the output contract.
 */
import { toNumber } from '../core/decimal.js';
import { SCHEMA_VERSION, type FigureJson, type Flag, type ReportAudit, type ReportPart } from '../core/report-audit.js';
import type { DocumentModel } from '../extractors/document.js';
import type { Extraction, Figure } from '../extractors/extraction.js';
import { recompute, recomputedToJson } from '../rules/recompute.js';

export function figureJson(f: Figure): FigureJson {
  return {
    value: toNumber(f.exact),
    raw: f.raw,
    decimals: Math.max(0, f.exact.scale),
    ...(f.label ? { label: f.label } : {}),
    at: f.at,
    ...(f.confidence !== undefined ? { confidence: f.confidence } : {}),
  };
}

const orNull = (f: Figure | null): FigureJson | null => (f ? figureJson(f) : null);

/** A report's audit; `part` when it is one of several reports in its file. */
export function auditOf(file: string, sha256: string, doc: DocumentModel, ex: Extraction, flags: Flag[], part?: ReportPart): ReportAudit {
  return {
    schemaVersion: SCHEMA_VERSION,
    file,
    sha256,
    format: doc.format,
    pages: doc.pageCount,
    ocr: doc.ocr ? { ...doc.ocr } : null,
    unit: ex.unit,
    year: ex.year,
    declared: {
      total: orNull(ex.total),
      classification: ex.classification,
      groups: ex.groups.map((g) => ({
        id: g.id,
        ...(g.title ? { title: g.title } : {}),
        score: orNull(g.score),
        subgroups: g.subgroups.map((s) => ({ id: s.id, ...(s.title ? { title: s.title } : {}), score: orNull(s.score) })),
        items: g.items.map(figureJson),
      })),
      summary: ex.summary.map((s) => ({ id: s.id, score: orNull(s.score) })),
    },
    recomputed: recomputedToJson(recompute(ex)),
    indicators: ex.indicators.map((i) => ({ ...i })),
    flags,
    ...(ex.notes.length > 0 ? { notes: ex.notes.map((n) => ({ ...n })) } : {}),
    error: null,
    ...(part ? { part: { ...part } } : {}),
  };
}
