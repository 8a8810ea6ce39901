/**
 * reader-warning (info): what a format reader noticed but could still read past (mammoth's
 * unknown Word styles, unsupported elements), one flag per distinct warning.
 */
import type { Flag } from '../core/report-audit.js';
import type { Extraction } from '../extractors/extraction.js';
import type { Rule } from './types.js';

export const RULE_ID = 'reader-warning';

/** mammoth's usual messages in Vietnamese; anything else is quoted as the library wrote it. */
const KNOWN: ReadonlyArray<[RegExp, (m: RegExpMatchArray) => string]> = [
  [/^Unrecognised paragraph style: '?(.*?)'? \(Style ID: .*\)$/, (m) => `kiểu đoạn văn “${m[1]}” không có trong bảng kiểu chuẩn, đã đọc như đoạn văn thường`],
  [/^Unrecognised run style: '?(.*?)'? \(Style ID: .*\)$/, (m) => `kiểu chữ “${m[1]}” không có trong bảng kiểu chuẩn, đã bỏ qua định dạng`],
  [/^Unrecognised table style: '?(.*?)'? \(Style ID: .*\)$/, (m) => `kiểu bảng “${m[1]}” không có trong bảng kiểu chuẩn`],
];

function inVietnamese(message: string): string {
  for (const [pattern, say] of KNOWN) {
    const m = message.match(pattern);
    if (m) return say(m);
  }
  return `cảnh báo của thư viện đọc tệp: “${message}”`;
}

export const rule: Rule = {
  id: RULE_ID,
  description: 'A warning of the format reader (e.g. an unknown Word style): the text was read, its layout may be off.',
  kind: 'reading',
  check(extraction: Extraction): Flag[] {
    const counts = new Map<string, number>();
    for (const w of extraction.readerWarnings) counts.set(w, (counts.get(w) ?? 0) + 1);
    return [...counts].map(([warning, times]) => ({
      rule: RULE_ID,
      severity: 'info',
      message: `Khi đọc tệp: ${inVietnamese(warning)}${times > 1 ? ` (${times} lần)` : ''}.`,
      evidence: [],
    }));
  },
};
