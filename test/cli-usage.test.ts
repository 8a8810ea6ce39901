/**
 * The command line's own mistakes: a usage error exits 2 (1 means "discrepancies found") with a
 * Vietnamese message and the command's usage; `--` lets a file name start with "-"; help is in
 * Vietnamese; a file name holding a newline stays on its report's one line.
 */
import { copyFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './support/cli.js';
import { REPORTS } from './support/paths.js';
import { tempDir } from './support/services.js';

const good = path.join(REPORTS, 'quang-trung-2024.docx');
/** Commander's English texts that must never reach the user. */
const ENGLISH = /error:|unknown (option|command)|missing required|too many arguments|Usage:|Options:|is invalid/;

describe('usage errors', () => {
  it.each([
    ['an option-like file name', ['check', '-rf.docx'], 'Không có tuỳ chọn “-rf.docx”', 'doisoat check -- -rf.docx'],
    ['a missing argument', ['check'], 'Thiếu tham số bắt buộc', 'Cách dùng: doisoat check'],
    ['an unknown command', ['kiemtra', 'a.docx'], 'Không có lệnh “kiemtra”', 'Cách dùng: doisoat'],
    ['an invalid option value', ['check', '-c', '0', good], 'phải là số nguyên dương', 'Cách dùng: doisoat check'],
    ['an option without its value', ['check', good, '--timeout'], 'cần một giá trị', 'Cách dùng: doisoat check'],
    ['excess arguments', ['status', 'thừa'], 'Thừa tham số', 'Cách dùng: doisoat status'],
    ['a missing mandatory option', ['schedule', '--outbox', 'ra'], 'Thiếu tuỳ chọn bắt buộc “--inbox', 'Cách dùng: doisoat schedule'],
    ['an unknown subcommand option', ['users', 'add', 'x', '--password', 'lộ'], 'Không có tuỳ chọn “--password”', 'Cách dùng: doisoat users add'],
    ['a command of commands without one', ['users'], 'Thiếu lệnh', 'Cách dùng: doisoat users'],
  ])('%s: exit 2, a Vietnamese message and the usage, no English', (_what, args, message, usage) => {
    const run = runCli(args, {}, 60_000);
    expect(run.status, run.stderr).toBe(2);
    expect(run.stderr).toContain(`Lỗi: `);
    expect(run.stderr).toContain(message);
    expect(run.stderr).toContain(usage);
    expect(run.stderr).not.toMatch(ENGLISH);
    expect(run.stdout).toBe('');
  });

  it('`--` ends the options: a file named "-rf.docx" is checked', () => {
    const dir = tempDir();
    copyFileSync(good, path.join(dir, '-rf.docx'));
    const run = runCli(['check', '--json', '--', '-rf.docx'], {}, 120_000, undefined, dir);
    expect(run.status, run.stderr).toBe(0);
    const [audit] = JSON.parse(run.stdout) as Array<{ file: string; error: unknown }>;
    expect(audit).toMatchObject({ file: '-rf.docx', error: null });
  });
});

describe('help', () => {
  it('doisoat --help: Vietnamese headings, every command, the exit codes; exit 0 on stdout', () => {
    const run = runCli(['--help']);
    expect(run.status).toBe(0);
    for (const text of ['Cách dùng: doisoat [tuỳ chọn] [lệnh]', 'Tuỳ chọn:', 'Lệnh:', 'check', 'enqueue', 'worker', 'schedule', 'reconcile', 'status', 'users', 'serve', 'hiện hướng dẫn', 'Mã thoát:']) {
      expect(run.stdout).toContain(text);
    }
    expect(run.stdout).not.toMatch(ENGLISH);
    expect(run.stdout).not.toMatch(/display help|\[options\]|\[command\]/);
  });

  const commands = [['check'], ['enqueue'], ['worker'], ['schedule'], ['reconcile'], ['status'], ['serve'], ['users'], ['users', 'add']];
  it.each(commands.map((c) => [c.join(' '), c] as const))('doisoat %s --help is Vietnamese', (_name, cmd) => {
    const run = runCli([...cmd, '--help']);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(`Cách dùng: doisoat ${cmd.join(' ')}`);
    expect(run.stdout).not.toMatch(ENGLISH);
    expect(run.stdout).not.toMatch(/display help|\(default:|\[options\]/);
  });

  it('doisoat help check is the same as check --help', () => {
    expect(runCli(['help', 'check']).stdout).toBe(runCli(['check', '--help']).stdout);
  });

  it('doisoat with no command shows the help on stderr and exits 2', () => {
    const run = runCli([]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('Cách dùng: doisoat');
  });
});

describe('file names in the text report', () => {
  it('a newline in a file name is shown as ␊: one report stays one block', () => {
    const dir = tempDir();
    const name = 'bao cao\nxã Giả Mạo (DOCX, năm 2024).docx';
    copyFileSync(good, path.join(dir, name));
    const run = runCli(['check', name], {}, 120_000, undefined, dir);
    expect(run.status, run.stderr).toBe(0);
    const blocks = run.stdout.trimEnd().split('\n\n');
    expect(blocks).toHaveLength(2); // the report, then the totals
    expect(blocks[0]!.split('\n')[0]).toBe('■ bao cao␊xã Giả Mạo (DOCX, năm 2024).docx (DOCX, xã Quang Trung, năm 2024)');
    expect(run.stdout).not.toContain('\nxã Giả Mạo');
  });
});
