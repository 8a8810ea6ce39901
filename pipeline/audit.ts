/**
 * Turns an Extraction and its flags into the ReportAudit JSON, and a failure into an audit with
 * `error` set. The one place that knows both the extractor's types and the output contract.
 */
import { toNumber } from '../core/decimal.js';
import type { ErrorCode } from '../core/errors.js';
import { defaultMessage } from '../core/errors.js';
import { SCHEMA_VERSION, type AuditFormat, type FigureJson, type ReportAudit } from '../core/report-audit.js';
import type { DocumentModel } from '../extractors/document.js';
import type { Extraction, Figure } from '../extractors/extraction.js';
import { recompute, recomputedToJson } from '../rules/recompute.js';
import type { Flag } from '../rules/types.js';

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

export function auditOf(file: string, sha256: string, doc: DocumentModel, ex: Extraction, flags: Flag[]): ReportAudit {
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
  };
}

/** The sha256 field of an audit for a file that could not be opened at all (no bytes to hash). */
export const NO_FILE_SHA = '0'.repeat(64);

export function errorAudit(file: string, sha256: string, format: AuditFormat, code: ErrorCode, message?: string): ReportAudit {
  return {
    schemaVersion: SCHEMA_VERSION,
    file,
    sha256,
    format,
    pages: null,
    ocr: null,
    unit: null,
    year: null,
    declared: { total: null, classification: null, groups: [], summary: [] },
    recomputed: { total: null, groups: {} },
    indicators: [],
    flags: [],
    error: { code, message: message ?? defaultMessage(code) },
  };
}
