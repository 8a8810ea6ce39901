/**
 * Walking and storage errors are results (issue 16): a folder that cannot be read, a file that
 * cannot be opened, a broken or looping link is an item with its code where its files would have
 * been, and the others still get theirs; a data folder or database that cannot be written stops
 * the command with one Vietnamese line, no stack.
 *
 * Root reads and writes whatever the permission bits say, so the CLI runs as `nobody` when the
 * tests run as root (spawn's uid/gid); the cases that need it are skipped, saying why, only when
 * the process can switch to no other user.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, copyFileSync, mkdirSync, readdirSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBatch } from '../batches/run-batch.js';
import type { ReportAudit } from '../core/report-audit.js';
import { Store } from '../store/store.js';
import type { CliRun } from './support/cli.js';
import { CLI, REPORTS, ROOT } from './support/paths.js';
import { tempDir } from './support/services.js';

const NOBODY = 65534;
const root = process.getuid?.() === 0;
/** Root can switch to nobody (spawn's uid); anyone else is held to the permission bits anyway. */
const canDrop = !root || spawnSync(process.execPath, ['-e', ''], { uid: NOBODY, gid: NOBODY }).status === 0;
const whyNot = 'running as root and cannot start a process as another user: root would read and write anything';

/** The real CLI as an unprivileged user, on the embedded default. */
function runUnprivileged(args: readonly string[], data?: string): CliRun {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, REDIS_URL: '', DATABASE_URL: '', ...(data ? { DOISOAT_DATA: data } : {}) },
    maxBuffer: 64 * 1024 * 1024,
    // A loop that were followed would never end: the limit makes it a failure, not a hang.
    timeout: 120_000,
    ...(root ? { uid: NOBODY, gid: NOBODY } : {}),
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A folder the unprivileged user can enter and read (a new temporary folder is 0700). */
function openDir(): string {
  const dir = tempDir('doisoat-walk-');
  chmodSync(dir, 0o755);
  return dir;
}

/** A folder (or file) the unprivileged user owns. */
function giveAway(p: string): void {
  if (root) chownSync(p, NOBODY, NOBODY);
}

const report = (name: string): string => path.join(REPORTS, name);
const summary = (audits: readonly ReportAudit[], base: string): Array<[string, string | null]> =>
  audits.map((a) => [path.relative(base, a.file), a.error?.code ?? null]);

/**
 * batch/
 *   a.docx                 a report
 *   b-locked/ (0700 root)  a report inside, unreadable to the CLI
 *   c-link.docx            → a report outside the folder (followed)
 *   d-dangling.docx        → nothing
 *   e-loop/back            → .. (the folder being walked)
 *   e-loop/x.docx          a report after the loop
 *   f-secret.docx (0600)   a report the CLI cannot open
 *   g-self.docx            → itself
 *   h-folder/              → a folder outside with a report (followed)
 */
function batchFolder(): { batch: string; outside: string } {
  const base = openDir();
  const batch = path.join(base, 'batch');
  const outside = path.join(base, 'outside');
  mkdirSync(path.join(batch, 'b-locked'), { recursive: true });
  mkdirSync(path.join(batch, 'e-loop'));
  mkdirSync(outside);
  copyFileSync(report('quang-trung-2024.docx'), path.join(batch, 'a.docx'));
  copyFileSync(report('dong-tien-2024.docx'), path.join(batch, 'b-locked', 'hidden.docx'));
  copyFileSync(report('lam-son-2024.docx'), path.join(outside, 'linked.docx'));
  copyFileSync(report('quang-trung-2024.docx'), path.join(batch, 'e-loop', 'x.docx'));
  copyFileSync(report('qt-total-mismatch.docx'), path.join(batch, 'f-secret.docx'));
  symlinkSync(path.join(outside, 'linked.docx'), path.join(batch, 'c-link.docx'));
  symlinkSync('nowhere.docx', path.join(batch, 'd-dangling.docx'));
  symlinkSync('..', path.join(batch, 'e-loop', 'back'));
  symlinkSync('g-self.docx', path.join(batch, 'g-self.docx'));
  symlinkSync('../outside', path.join(batch, 'h-folder'));
  for (const d of [batch, outside, path.join(batch, 'e-loop')]) chmodSync(d, 0o755);
  chmodSync(path.join(batch, 'b-locked'), 0o700);
  chmodSync(path.join(batch, 'f-secret.docx'), 0o600);
  if (!root) {
    // Not root: the owner is the CLI's user, so the bits alone must refuse.
    chmodSync(path.join(batch, 'b-locked'), 0o000);
    chmodSync(path.join(batch, 'f-secret.docx'), 0o000);
  }
  return { batch, outside };
}

const expected: Array<[string, string | null]> = [
  ['a.docx', null],
  ['b-locked', 'permission-denied'],
  ['c-link.docx', null],
  ['d-dangling.docx', 'not-found'],
  ['e-loop/back', 'read-failed'],
  ['e-loop/x.docx', null],
  ['f-secret.docx', 'permission-denied'],
  ['g-self.docx', 'read-failed'],
  ['h-folder/linked.docx', null],
];

function expectWalkResults(audits: readonly ReportAudit[], batch: string): void {
  expect(summary(audits, batch)).toEqual(expected);
  const by = new Map(audits.map((a) => [path.relative(batch, a.file), a]));
  // The followed link is read as what it leads to, under the name it was met by.
  expect(by.get('c-link.docx')!.unit?.name).toContain('Lam Sơn');
  expect(by.get('h-folder/linked.docx')!.unit?.name).toContain('Lam Sơn');
  expect(by.get('b-locked')!.error!.message).toContain('chưa được kiểm tra');
  expect(by.get('b-locked')!.error!.message).toContain(path.join(batch, 'b-locked'));
  // A file that is there but not ours to open is not "not found".
  expect(by.get('f-secret.docx')!.error!.message).toContain('Không có quyền');
  expect(by.get('f-secret.docx')!.error!.message).not.toContain('Không tìm thấy');
  expect(by.get('d-dangling.docx')!.error!.message).toContain('Không tìm thấy');
  for (const loop of ['e-loop/back', 'g-self.docx']) expect(by.get(loop)!.error!.message).toContain('liên kết vòng');
}

describe.skipIf(!canDrop)('walking a batch folder (CLI as an unprivileged user)', () => {
  let batch: string;
  beforeAll(() => {
    ({ batch } = batchFolder());
    // The setup is what the test claims: the CLI's user really cannot read these.
    const probe = (p: string, call: string): number | null =>
      spawnSync(process.execPath, ['-e', `require('node:fs').${call}(${JSON.stringify(p)})`], root ? { uid: NOBODY, gid: NOBODY } : {}).status;
    expect(probe(path.join(batch, 'b-locked'), 'readdirSync')).not.toBe(0);
    expect(probe(path.join(batch, 'f-secret.docx'), 'readFileSync')).not.toBe(0);
  });
  afterAll(() => {
    // Let the temporary folder be removed by anyone who cleans up after the tests.
    if (!root) for (const p of ['b-locked', 'f-secret.docx']) chmodSync(path.join(batch, p), 0o700);
  });

  it('check: every path gets a result in walk order, the others are still checked, exit 2', () => {
    const run = runUnprivileged(['check', '--json', batch]);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(run.status).toBe(2);
    expectWalkResults(JSON.parse(run.stdout) as ReportAudit[], batch);
  });

  it('check, text: the unreadable folder is named with its code', () => {
    const run = runUnprivileged(['check', batch]);
    expect(run.status).toBe(2);
    expect(run.stdout).toContain(`■ ${path.join(batch, 'b-locked')}`);
    expect(run.stdout).toMatch(/\[permission-denied\]: Không có quyền .*b-locked/);
    expect(run.stdout).toContain('Tổng cộng 9 tệp: 4 không có lỗi, 0 có sai lệch, 5 không đọc được.');
  });

  it('enqueue: the batch stores the same items with their codes (batch_items), exit 2', () => {
    const data = openDir();
    giveAway(data);
    const run = runUnprivileged(['enqueue', '--json', '--local', '-c', '1', batch], data);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(run.status).toBe(2);
    expectWalkResults(JSON.parse(run.stdout) as ReportAudit[], batch);
  });
});

describe('a nightly inbox is walked the same way (in-process)', () => {
  it('a dangling link, a followed link and a loop are items of the nightly batch, in order', async () => {
    const base = openDir();
    const inbox = path.join(base, 'inbox');
    mkdirSync(path.join(inbox, 'sub'), { recursive: true });
    copyFileSync(report('bac-son-2024.docx'), path.join(base, 'outside.docx'));
    copyFileSync(report('dong-tien-2024.docx'), path.join(inbox, 'sub', 'z.docx'));
    symlinkSync(path.join(base, 'outside.docx'), path.join(inbox, 'a-link.docx'));
    symlinkSync('gone.pdf', path.join(inbox, 'b-gone.pdf'));
    symlinkSync(inbox, path.join(inbox, 'sub', 'inbox-again'));
    const store = await Store.open({ dataDir: tempDir() });
    try {
      // What runNightly runs, dispatched in this process instead of to the queues.
      const run = await runBatch(store, 'nightly', { kind: 'paths', paths: [inbox], onlyNew: true, source: inbox }, { kind: 'local', concurrency: 1 });
      expect(summary(run.audits!, inbox)).toEqual([
        ['a-link.docx', null],
        ['b-gone.pdf', 'not-found'],
        ['sub/inbox-again', 'read-failed'],
        ['sub/z.docx', null],
      ]);
      expect(run.audits![0]!.unit?.name).toContain('Bắc Sơn');
    } finally {
      await store.close();
    }
  });
});

describe.skipIf(!canDrop)('a data folder or database that cannot be written (CLI as an unprivileged user)', () => {
  const file = report('quang-trung-2024.docx');
  const expectRefusal = (run: CliRun, message: string): void => {
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(message);
    expect(run.stderr).not.toContain('SqliteError');
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
  };

  it('a read-only data folder: one Vietnamese line naming it and the fix, exit 2', () => {
    const data = openDir();
    if (!root) chmodSync(data, 0o555);
    const run = runUnprivileged(['enqueue', '--local', file], data);
    expectRefusal(run, `Không ghi được vào thư mục dữ liệu ${data} (chỉ đọc). Hãy cấp quyền ghi hoặc đặt DOISOAT_DATA tới thư mục khác.`);
    expect(readdirSync(data)).toEqual([]);
  });

  it('a data folder that cannot be created: the same, for `status` too', () => {
    const parent = openDir();
    if (!root) chmodSync(parent, 0o555);
    const run = runUnprivileged(['status'], path.join(parent, 'data'));
    expectRefusal(run, `Không tạo được thư mục dữ liệu ${path.join(parent, 'data')}`);
  });

  it('a read-only database file in a writable folder: names the file, exit 2', async () => {
    const data = openDir();
    await (await Store.open({ dataDir: data })).close();
    giveAway(data);
    for (const f of readdirSync(data)) giveAway(path.join(data, f));
    chmodSync(path.join(data, 'doisoat.sqlite'), 0o444);
    const run = runUnprivileged(['enqueue', '--local', file], data);
    expectRefusal(run, `Không ghi được vào cơ sở dữ liệu ${path.join(data, 'doisoat.sqlite')} (tệp chỉ đọc).`);
  });
});
