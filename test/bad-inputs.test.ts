/**
 * Bad input gets a clear error and loses nothing: each broken file in fixtures/bad gets its error
 * code and a Vietnamese message, in under 5 s, with its process under 500 MB; and in a batch with
 * good files, the good ones are still checked.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ReportAudit } from '../core/report-audit.js';
import { runCli } from './support/cli.js';
import { BAD, REPORTS } from './support/paths.js';
import { expectRefused } from './support/probe.js';
import { schemaErrors } from './support/schema.js';

const expected = JSON.parse(readFileSync(path.join(BAD, 'expected.json'), 'utf8')) as Record<string, string>;
const cases = Object.entries(expected);

describe('bad inputs', () => {
  it('covers the issue’s list', () => {
    expect(new Set(Object.values(expected))).toEqual(
      new Set(['empty-file', 'unsupported-format', 'corrupt-file', 'encrypted-pdf', 'encrypted-file', 'too-large', 'no-report-found']),
    );
  });

  it.each(cases)('%s → %s, under 5 s and 500 MB (no OCR engine)', (name, code) => {
    expectRefused(path.join(BAD, name), code);
  });

  it('a password-protected DOCX is a DOCX with a password, not a damaged legacy DOC', () => {
    const file = path.join(BAD, 'encrypted.docx');
    const json = runCli(['check', '--json', file]);
    expect(json.status).toBe(2);
    const [audit] = JSON.parse(json.stdout) as ReportAudit[];
    expect(audit!.format).toBe('docx');
    expect(audit!.error?.code).toBe('encrypted-file');
    expect(audit!.error?.message).toContain('mật khẩu');
    expect(audit!.error?.message).not.toContain('hỏng');
    const text = runCli(['check', file]);
    expect(text.stdout).toContain('encrypted.docx (DOCX)');
    expect(text.stdout).not.toContain('Word cũ');
  });

  it('a batch with every bad file and a good one: all get a result, exit code 2', () => {
    const good = path.join(REPORTS, 'quang-trung-2024.docx');
    const run = runCli(['check', '--json', BAD, good, path.join(BAD, 'does-not-exist.docx')]);
    expect(run.status).toBe(2);
    const audits = JSON.parse(run.stdout) as ReportAudit[];
    expect(audits).toHaveLength(cases.length + 2);
    for (const a of audits) expect(schemaErrors(a), a.file).toBe('');
    const byName = new Map(audits.map((a) => [path.basename(a.file), a]));
    // The CLI reads photos by OCR: the PNG renamed .docx is sniffed as what its bytes are, an
    // image, and read as a photo of a page (without OCR, as probed above, it is unsupported-format).
    for (const [name, code] of cases) {
      if (name === 'photo-renamed.docx') expect(byName.get(name)?.format).toBe('image');
      else expect(byName.get(name)?.error?.code, name).toBe(code);
    }
    expect(byName.get('quang-trung-2024.docx')?.error).toBeNull();
    expect(byName.get('quang-trung-2024.docx')?.declared.groups.length).toBeGreaterThan(0);
    expect(byName.get('does-not-exist.docx')?.error?.code).toBe('not-found');
  });
});
