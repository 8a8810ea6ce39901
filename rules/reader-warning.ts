/**
 * reader-warning (info): what a format reader noticed but could still read past (mammoth's
 * unknown Word styles, unsupported elements), one flag per distinct warning.
 */
import type { Flag } from '../core/report-audit.js';
import type { Extraction } from '../extractors/extraction.js';
import type { Rule } from './types.js';

export const RULE_ID = 'reader-warning';

const KIND: Readonly<Record<string, string>> = { paragraph: 'kiểu đoạn văn', run: 'kiểu chữ', table: 'kiểu bảng' };
const kind = (type: string | undefined): string => KIND[(type ?? '').toLowerCase()] ?? 'kiểu';

/** mammoth's messages in Vietnamese (lib/document-to-html.js, lib/docx/body-reader.js); anything else is quoted. */
const KNOWN: ReadonlyArray<[RegExp, (m: RegExpMatchArray) => string]> = [
  // A style the file defines but mammoth has no mapping for; named by its id when it has no name.
  [
    /^Unrecognised (paragraph|run) style: '(.*)' \(Style ID: (.*)\)$/,
    (m) => `${kind(m[1])} “${m[2] === 'null' || m[2] === 'undefined' ? m[3] : m[2]}” không có trong bảng kiểu chuẩn, đã đọc như ${m[1] === 'run' ? 'chữ thường' : 'đoạn văn thường'}`,
  ],
  [/^(Paragraph|Run|Table) style with ID (.*) was referenced but not defined in the document$/, (m) => `${kind(m[1])} mã “${m[2]}” được dùng nhưng không được định nghĩa trong tệp`],
  [/^An unrecognised element was ignored: (.*)$/, (m) => `bỏ qua phần tử không nhận ra “${m[1]}”`],
  [/^unexpected non-(row|cell) element in table.*$/, () => 'bảng có phần tử lạ, các ô gộp có thể bị đọc sai'],
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
