/**
 * Passwords in REDIS_URL and DATABASE_URL are never printed: every command is run against a Redis
 * and a PostgreSQL where nothing listens, so each fails to connect, and its output is searched
 * for the password. The failure has its own wording, not "Lỗi nội bộ khi xử lý tệp".
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPORTS } from './support/paths.js';
import { runCliAsync, tempDir } from './support/services.js';

const SECRET = 's3cretpass';
const REDIS = `redis://:${SECRET}@127.0.0.1:6390`;
const POSTGRES = `postgres://u:${SECRET}@127.0.0.1:5439/x`;
const good = path.join(REPORTS, 'quang-trung-2024.docx');

const COMMANDS: string[][] = [
  ['check', good],
  ['enqueue', good],
  ['enqueue', '--local', good],
  ['enqueue', '--no-wait', good],
  ['worker'],
  ['schedule', '--inbox', 'vao', '--outbox', 'ra'],
  ['schedule', '--inbox', 'vao', '--remove'],
  ['reconcile'],
  ['reconcile', '--local'],
  ['status'],
  ['status', '--json'],
  ['serve', '--port', '18999'],
  ['users', 'list'],
  ['users', 'add', 'kiem-tra', '--role', 'clerk'],
  ['users', 'disable', 'kiem-tra'],
  ['users', 'passwd', 'kiem-tra'],
];

/**
 * Both URLs: every command; Redis alone (the store is SQLite): the commands that open the store
 * before they reach Redis, which with both set fail on PostgreSQL first.
 */
const ENVS: Array<[string, NodeJS.ProcessEnv, string[][]]> = [
  ['both', { REDIS_URL: REDIS, DATABASE_URL: POSTGRES }, COMMANDS],
  ['Redis only', { REDIS_URL: REDIS, DATABASE_URL: '' }, [['status'], ['serve', '--port', '18999'], ['users', 'list']]],
];

describe('connection URLs with a password', () => {
  it.each(ENVS)('no command prints the password (%s)', async (_what, urls, commands) => {
    const runs: Array<{ args: string[]; status: number | null; out: string }> = [];
    // Two at a time: the machine's two cores are shared with the other test files.
    for (let i = 0; i < commands.length; i += 2) {
      runs.push(
        ...(await Promise.all(
          commands.slice(i, i + 2).map(async (args) => {
            const r = await runCliAsync(args, { ...urls, DOISOAT_DATA: tempDir() }, 90_000, 'mật-khẩu-dài-đủ\n');
            return { args, status: r.status, out: r.stdout + r.stderr };
          }),
        )),
      );
    }
    for (const r of runs) {
      expect(r.out, r.args.join(' ')).not.toContain(SECRET);
      expect(r.out, r.args.join(' ')).not.toContain('Lỗi nội bộ');
      // With both set, every command but check (which reaches neither) fails to connect.
      if (urls['REDIS_URL'] && urls['DATABASE_URL'] && r.args[0] !== 'check') {
        expect(r.status, `${r.args.join(' ')}\n${r.out}`).toBe(2);
        expect(r.out, r.args.join(' ')).toContain('Lỗi: Không kết nối được');
      }
    }
    // The masked URL says which server was meant.
    expect(runs.map((r) => r.out).join('\n')).toMatch(/redis:\/\/:\*\*\*@127\.0\.0\.1:6390|postgres:\/\/u:\*\*\*@127\.0\.0\.1:5439\/x/);
  }, 600_000);
});
