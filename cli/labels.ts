/** Vietnamese words the CLI shows for codes and levels. */
import type { ClassificationLevel, Severity } from '../core/report-audit.js';

export const LEVEL: Record<ClassificationLevel, string> = {
  excellent: 'hoàn thành xuất sắc',
  good: 'hoàn thành tốt',
  pass: 'hoàn thành',
  fail: 'không hoàn thành',
};

export const SEVERITY: Record<Severity, string> = {
  error: 'LỖI',
  warning: 'CẢNH BÁO',
  info: 'LƯU Ý',
};

export const FORMAT: Record<string, string> = {
  docx: 'DOCX',
  doc: 'DOC (Word cũ)',
  pdf: 'PDF',
  'pdf-scanned': 'PDF scan',
  image: 'ảnh',
  unknown: 'không rõ định dạng',
};
