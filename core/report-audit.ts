/**
 * ReportAudit: the JSON contract of `doisoat check --json` (schema/report-audit.schema.json).
 * The UI, exports and outside tools rely on it; keep it in step with the schema.
 */
import type { ClassificationLevel } from '../extractors/extraction.js';
import type { Span } from '../extractors/document.js';
import type { Flag } from '../rules/types.js';

export const SCHEMA_VERSION = 1 as const;

export type AuditFormat = 'docx' | 'doc' | 'pdf' | 'pdf-scanned' | 'image' | 'unknown';

export interface FigureJson {
  value: number;
  raw: string;
  decimals?: number;
  label?: string;
  at?: Span;
  confidence?: number;
}

export interface ReportAudit {
  schemaVersion: typeof SCHEMA_VERSION;
  file: string;
  sha256: string;
  format: AuditFormat;
  pages: number | null;
  ocr: { engine: string; language: string; meanConfidence: number } | null;
  unit: { type: string; name: string } | null;
  year: number | null;
  declared: {
    total: FigureJson | null;
    classification: { text: string; level: ClassificationLevel; at?: Span } | null;
    groups: Array<{
      id: string;
      title?: string;
      score: FigureJson | null;
      subgroups: Array<{ id: string; title?: string; score: FigureJson | null }>;
      items: FigureJson[];
    }>;
    summary: Array<{ id: string; score: FigureJson | null }>;
  };
  recomputed: { total: number | null; groups: Record<string, number> };
  indicators: Array<{ key: string; value: number; unit: string; raw?: string; at?: Span }>;
  flags: Flag[];
  /** Readings the extractor was unsure of, in Vietnamese (an extra property the schema allows). */
  notes?: Array<{ message: string; at: Span }>;
  error: { code: string; message: string } | null;
}
