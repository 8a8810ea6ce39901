/** The `doisoat check` command as a user runs it: Vietnamese text, progress, exit codes. */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkFiles } from '../batches/check-files.js';
import { runCli } from './support/cli.js';
import { REPORTS } from './support/paths.js';

const report = (name: string): string => path.join(REPORTS, name);

describe('doisoat check', () => {
  it('a consistent report: a table of groups, the classification, exit 0', () => {
    const run = runCli(['check', report('quang-trung-2024.docx')]);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('xã Quang Trung, năm 2024');
    expect(run.stdout).toMatch(/I\s+21,3\s+21,3\s+21,3/);
    expect(run.stdout).toMatch(/Tổng\s+92,3\s+92,3/);
    expect(run.stdout).toContain('Xếp loại tự đánh giá: Hoàn thành tốt nhiệm vụ năm 2024');
    expect(run.stdout).toContain('Không phát hiện sai lệch.');
    expect(run.stdout).toContain('Tổng cộng 1 tệp: 1 không có lỗi, 0 có sai lệch, 0 không đọc được.');
    expect(run.stderr).toBe('');
  });

  it('a discrepancy: the flag with both numbers and its lines, exit 1', () => {
    const run = runCli(['check', report('qt-total-mismatch.pdf')]);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('[LỖI] total-mismatch');
    expect(run.stdout).toContain('93,3');
    expect(run.stdout).toContain('92,3');
    expect(run.stdout).toMatch(/trang \d+, dòng \d+: “.*93,3/);
  });

  it('several files: plain progress lines on stderr when it is not a terminal, JSON alone on stdout', () => {
    const run = runCli(['check', '--json', report('quang-trung-2024.docx'), report('bac-son-2024.pdf')]);
    expect(run.status).toBe(0);
    expect(run.stderr).toMatch(/Đã kiểm tra 1\/2: /);
    expect(run.stderr).toMatch(/Đã kiểm tra 2\/2: /);
    const audits = JSON.parse(run.stdout) as Array<{ file: string }>;
    expect(audits.map((a) => path.basename(a.file))).toEqual(['quang-trung-2024.docx', 'bac-son-2024.pdf']);
  });

  it('keeps input order, a missing path included where it was given', () => {
    const missing = report('does-not-exist.pdf');
    const run = runCli(['check', '--json', report('quang-trung-2024.docx'), missing, report('dong-tien-2024.docx')]);
    expect(run.status).toBe(2);
    const audits = JSON.parse(run.stdout) as Array<{ file: string; error: { code: string } | null }>;
    expect(audits.map((a) => [path.basename(a.file), a.error?.code ?? null])).toEqual([
      ['quang-trung-2024.docx', null],
      ['does-not-exist.pdf', 'not-found'],
      ['dong-tien-2024.docx', null],
    ]);
  });

  it('rejects a bad option in Vietnamese', () => {
    const run = runCli(['check', '--concurrency', '0', report('quang-trung-2024.docx')]);
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain('phải là số nguyên dương');
  });
});

describe('the worker pool', () => {
  it('stops a file that runs past its time limit, and goes on with the others', async () => {
    const files = [report('quang-trung-2024.pdf'), report('quang-trung-2024.docx')];
    const audits = (await checkFiles(files, { concurrency: 1, timeoutMs: 1 })).flat();
    expect(audits).toHaveLength(2);
    for (const a of audits) {
      expect(a.error?.code).toBe('timeout');
      expect(a.error?.message).toContain('quá thời gian');
    }
    const again = (await checkFiles(files, { concurrency: 1 })).flat();
    expect(again.map((a) => a.error)).toEqual([null, null]);
  }, 60_000);

  it('replaces a thread that runs out of memory, reports too-large, and finishes the batch', async () => {
    const files = [report('quang-trung-2024.pdf'), report('quang-trung-2024.docx')];
    const audits = (await checkFiles(files, { concurrency: 1, maxHeapMb: 12 })).flat();
    expect(audits.map((a) => a.error?.code)).toEqual(['too-large', 'too-large']);
    expect(audits[0]!.error?.message).toContain('12 MB bộ nhớ');
  }, 60_000);

  it('returns audits in input order whatever finishes first', async () => {
    const files = [report('bac-son-2024.pdf'), report('quang-trung-2024.docx'), report('dong-tien-2024.docx')];
    const audits = (await checkFiles(files, { concurrency: 2 })).flat();
    expect(audits.map((a) => a.file)).toEqual(files);
  }, 60_000);
});
