/**
 * The review desk's accounts: the store's users and sessions on SQLite and the real PostgreSQL,
 * password hashing, login/sessionOf/logout, and `doisoat users` through the compiled CLI with the
 * password on standard input.
 */
import { createHash } from 'node:crypto';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPasswordStrength, hashPassword, verifyPassword } from '../accounts/passwords.js';
import { login, logout, SESSION_HOURS, sessionIdOf, sessionOf } from '../accounts/sessions.js';
import { addUser, changePassword, disable, listUsers } from '../accounts/users.js';
import { readPassword, PromptCancelled } from '../cli/users.js';
import { DoisoatError } from '../core/errors.js';
import type { StoreConfig } from '../store/connect.js';
import { Store } from '../store/store.js';
import { tempDir, runCliAsync, STORE_BACKENDS } from './support/services.js';

const VIETNAMESE = /[ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]/i;

/** The DoisoatError `fn` throws. */
async function failure(fn: () => Promise<unknown> | unknown): Promise<DoisoatError> {
  try {
    await fn();
  } catch (err) {
    if (err instanceof DoisoatError) return err;
    throw err;
  }
  throw new Error('expected a DoisoatError');
}

const hoursFromNow = (h: number): string => new Date(Date.now() + h * 3600_000).toISOString();

const backends = STORE_BACKENDS;

describe('password hashes', () => {
  it('scrypt$N$r$p$salt$key with N=2^15, r=8, p=1, a 16-byte salt and a 64-byte key', async () => {
    const hash = await hashPassword('mật khẩu đủ dài');
    const [scheme, n, r, p, salt, key] = hash.split('$');
    expect([scheme, n, r, p]).toEqual(['scrypt', '32768', '8', '1']);
    expect(Buffer.from(salt!, 'base64')).toHaveLength(16);
    expect(Buffer.from(key!, 'base64')).toHaveLength(64);
    expect(hash).not.toContain('mật khẩu');
  });

  it('verifies the password and no other', async () => {
    const hash = await hashPassword('đúng-mật-khẩu');
    expect(await verifyPassword('đúng-mật-khẩu', hash)).toBe(true);
    expect(await verifyPassword('đúng-mật-khẩU', hash)).toBe(false);
    expect(await verifyPassword('', hash)).toBe(false);
  });

  it('gives the same password a different salt (and hash) each time', async () => {
    const [a, b] = await Promise.all([hashPassword('cùng-mật-khẩu'), hashPassword('cùng-mật-khẩu')]);
    expect(a.split('$')[4]).not.toBe(b.split('$')[4]);
    expect(a).not.toBe(b);
    expect(await verifyPassword('cùng-mật-khẩu', b)).toBe(true);
  });

  it('takes composed and decomposed accents as the same password', async () => {
    const composed = 'mật-khẩu-việt'.normalize('NFC');
    const decomposed = composed.normalize('NFD');
    expect(decomposed).not.toBe(composed);
    expect(await verifyPassword(decomposed, await hashPassword(composed))).toBe(true);
  });

  it('answers false for a malformed or extravagant hash, without trying it', async () => {
    for (const bad of ['', 'plain', 'bcrypt$1$2$3$4$5', 'scrypt$1000$8$1$c2FsdA==$a2V5', `scrypt$${2 ** 24}$8$1$c2FsdHNhbHRzYWx0MTIzNA==$${'A'.repeat(86)}==`]) {
      expect(await verifyPassword('x', bad)).toBe(false);
    }
  });

  it('refuses a password shorter than 8 characters, in Vietnamese', () => {
    const e = (() => {
      try {
        checkPasswordStrength('mậtkhẩu'); // 7 letters, more UTF-16 units when decomposed
      } catch (err) {
        return err as DoisoatError;
      }
      return null;
    })();
    expect(e).toBeInstanceOf(DoisoatError);
    expect(e!.code).toBe('weak-password');
    expect(e!.userMessage).toMatch(VIETNAMESE);
    expect(() => checkPasswordStrength('mậtkhẩu'.normalize('NFD'))).toThrow(DoisoatError);
    expect(() => checkPasswordStrength('mậtkhẩu!')).not.toThrow();
  });
});

describe.each(backends)('accounts on %s', (_name, make) => {
  let store: Store;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    let config: StoreConfig;
    ({ config, cleanup } = await make());
    store = await Store.open(config);
  });
  afterAll(async () => {
    await store.close();
    await cleanup();
  });

  const sessionRows = async (userId: number): Promise<number> =>
    (await store.db.selectFrom('sessions').select('id').where('user_id', '=', userId).execute()).length;

  describe('the store', () => {
    it('creates a user, finds it, and refuses the same name twice', async () => {
      const u = await store.createUser({ name: 'store-an', role: 'clerk', passwordHash: 'scrypt$h' });
      expect(u).toMatchObject({ name: 'store-an', role: 'clerk', passwordHash: 'scrypt$h', disabled: false });
      expect(typeof u.id).toBe('number');
      expect(new Date(u.createdAt).toISOString()).toBe(u.createdAt);
      expect(await store.getUser('store-an')).toEqual(u);
      expect(await store.getUser('store-nobody')).toBeNull();
      const e = await failure(() => store.createUser({ name: 'store-an', role: 'admin', passwordHash: 'other' }));
      expect(e.code).toBe('user-exists');
      expect(e.userMessage).toMatch(VIETNAMESE);
      expect((await store.getUser('store-an'))?.role).toBe('clerk');
    });

    it('lists users by name', async () => {
      await store.createUser({ name: 'store-cuong', role: 'auditor', passwordHash: 'h' });
      await store.createUser({ name: 'store-binh', role: 'admin', passwordHash: 'h' });
      const names = (await store.listUsers()).map((u) => u.name).filter((n) => n.startsWith('store-'));
      expect(names).toEqual(['store-an', 'store-binh', 'store-cuong']);
    });

    it('keeps a session under its id hash, with its user', async () => {
      const u = (await store.getUser('store-binh'))!;
      const expiresAt = hoursFromNow(1);
      await store.createSession({ idHash: 'a'.repeat(64), userId: u.id, csrfToken: 'csrf-1', expiresAt, address: '10.0.0.1' });
      expect(await store.getSession('a'.repeat(64))).toEqual({ idHash: 'a'.repeat(64), csrfToken: 'csrf-1', expiresAt, user: u });
      expect(await store.getSession('b'.repeat(64))).toBeNull();
      await store.deleteSession('a'.repeat(64));
      expect(await store.getSession('a'.repeat(64))).toBeNull();
    });

    it('an expired session is null, and is removed when a session is created', async () => {
      const u = (await store.getUser('store-binh'))!;
      await store.createSession({ idHash: 'c'.repeat(64), userId: u.id, csrfToken: 'x', expiresAt: new Date(Date.now() + 300).toISOString() });
      expect(await store.getSession('c'.repeat(64))).not.toBeNull();
      await new Promise((r) => setTimeout(r, 400));
      expect(await store.getSession('c'.repeat(64))).toBeNull();
      await store.createSession({ idHash: 'd'.repeat(64), userId: String(u.id), csrfToken: 'y', expiresAt: hoursFromNow(1) });
      const ids = (await store.db.selectFrom('sessions').select('id').execute()).map((r) => r.id);
      expect(ids).not.toContain('c'.repeat(64));
      expect(ids).toContain('d'.repeat(64));
    });

    it('disabling a user ends all its sessions at once', async () => {
      const u = (await store.getUser('store-cuong'))!;
      for (const c of ['1', '2', '3']) await store.createSession({ idHash: c.repeat(64), userId: u.id, csrfToken: c, expiresAt: hoursFromNow(1) });
      expect(await sessionRows(u.id)).toBe(3);
      await store.disableUser('store-cuong');
      expect(await sessionRows(u.id)).toBe(0);
      expect(await store.getSession('1'.repeat(64))).toBeNull();
      expect((await store.getUser('store-cuong'))?.disabled).toBe(true);
      // A session written for a disabled user (a race with the disabling) is still refused.
      await store.createSession({ idHash: '4'.repeat(64), userId: u.id, csrfToken: '4', expiresAt: hoursFromNow(1) });
      expect(await store.getSession('4'.repeat(64))).toBeNull();
      expect((await failure(() => store.disableUser('store-nobody'))).code).toBe('user-not-found');
    });

    it('a new password ends the sessions of that user only', async () => {
      const an = (await store.getUser('store-an'))!;
      const binh = (await store.getUser('store-binh'))!;
      await store.createSession({ idHash: 'e'.repeat(64), userId: an.id, csrfToken: 'e', expiresAt: hoursFromNow(1) });
      await store.createSession({ idHash: 'f'.repeat(64), userId: binh.id, csrfToken: 'f', expiresAt: hoursFromNow(1) });
      await store.setPassword('store-an', 'scrypt$new');
      expect((await store.getUser('store-an'))?.passwordHash).toBe('scrypt$new');
      expect(await store.getSession('e'.repeat(64))).toBeNull();
      expect(await store.getSession('f'.repeat(64))).not.toBeNull();
      const e = await failure(() => store.setPassword('store-nobody', 'h'));
      expect(e.code).toBe('user-not-found');
      expect(e.userMessage).toMatch(VIETNAMESE);
    });
  });

  describe('users and sessions', () => {
    it('adds a user with a checked name, role and password; lists it without the hash', async () => {
      const account = await addUser(store, 'kiem-tra.1', 'auditor', 'mật-khẩu-kiểm-tra');
      expect(account).toMatchObject({ name: 'kiem-tra.1', role: 'auditor', disabled: false });
      expect(account).not.toHaveProperty('passwordHash');
      expect(await verifyPassword('mật-khẩu-kiểm-tra', (await store.getUser('kiem-tra.1'))!.passwordHash)).toBe(true);
      const listed = (await listUsers(store)).find((u) => u.name === 'kiem-tra.1');
      expect(listed).toEqual(account);
      expect(JSON.stringify(await listUsers(store))).not.toContain('scrypt');

      for (const [name, code] of [['', 'invalid-user-name'], ['có dấu', 'invalid-user-name'], ['a/b', 'invalid-user-name'], ['x'.repeat(65), 'invalid-user-name']] as const) {
        expect((await failure(() => addUser(store, name, 'clerk', 'mật-khẩu-dài'))).code).toBe(code);
      }
      expect(await failure(() => addUser(store, 'vai-tro-sai', 'boss', 'mật-khẩu-dài'))).toMatchObject({ code: 'invalid-role', userMessage: expect.stringMatching(VIETNAMESE) });
      expect((await failure(() => addUser(store, 'ngan', 'clerk', 'ngắn'))).code).toBe('weak-password');
      expect(await store.getUser('vai-tro-sai')).toBeNull();
      expect(await store.getUser('ngan')).toBeNull();
    });

    it('login gives a token and a CSRF token; the store keeps only the token hash; logout ends it', async () => {
      await addUser(store, 'van-thu', 'clerk', 'mật-khẩu-văn-thư');
      const s = await login(store, 'van-thu', 'mật-khẩu-văn-thư', '192.0.2.7');
      expect(s.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(s.csrfToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(s.csrfToken).not.toBe(s.token);
      expect(s.user).toMatchObject({ name: 'van-thu', role: 'clerk' });
      expect(s.user).not.toHaveProperty('passwordHash');
      const lifetime = Date.parse(s.expiresAt) - Date.now();
      expect(lifetime).toBeGreaterThan(SESSION_HOURS * 3600_000 - 60_000);
      expect(lifetime).toBeLessThanOrEqual(SESSION_HOURS * 3600_000);

      const row = await store.db.selectFrom('sessions').selectAll().where('id', '=', sessionIdOf(s.token)).executeTakeFirstOrThrow();
      expect(row.id).toBe(createHash('sha256').update(s.token).digest('hex'));
      expect(row.address).toBe('192.0.2.7');
      expect(JSON.stringify(await store.db.selectFrom('sessions').selectAll().execute())).not.toContain(s.token);

      const live = await sessionOf(store, s.token);
      expect(live).toMatchObject({ idHash: sessionIdOf(s.token), csrfToken: s.csrfToken, expiresAt: s.expiresAt, user: { name: 'van-thu', role: 'clerk' } });
      expect(await sessionOf(store, s.token + 'x')).toBeNull();
      expect(await sessionOf(store, '')).toBeNull();

      const other = await login(store, 'van-thu', 'mật-khẩu-văn-thư');
      expect(other.token).not.toBe(s.token);
      await logout(store, s.token);
      expect(await sessionOf(store, s.token)).toBeNull();
      expect(await sessionOf(store, other.token)).not.toBeNull();
    });

    it('a wrong password, an unknown name and a disabled account fail alike', async () => {
      await addUser(store, 'se-khoa', 'auditor', 'mật-khẩu-sẽ-khoá');
      const open = await login(store, 'se-khoa', 'mật-khẩu-sẽ-khoá');
      await disable(store, 'se-khoa');
      expect(await sessionOf(store, open.token)).toBeNull();

      const started = performance.now();
      const wrong = await failure(() => login(store, 'van-thu', 'mật-khẩu-sai-rồi'));
      const wrongMs = performance.now() - started;
      const t = performance.now();
      const unknown = await failure(() => login(store, 'khong-co-ai', 'mật-khẩu-văn-thư'));
      const unknownMs = performance.now() - t;
      const disabled = await failure(() => login(store, 'se-khoa', 'mật-khẩu-sẽ-khoá'));
      const malformed = await failure(() => login(store, '"><script>', 'x'));
      for (const e of [wrong, unknown, disabled, malformed]) {
        expect(e.code).toBe('login-failed');
        expect(e.userMessage).toBe(wrong.userMessage);
      }
      expect(wrong.userMessage).toMatch(VIETNAMESE);
      // The unknown name is hashed too (a dummy verify), not answered at once.
      expect(unknownMs).toBeGreaterThan(wrongMs / 4);
    });

    it('a new password ends the sessions; the new one works and the old one not', async () => {
      await addUser(store, 'doi-mat-khau', 'admin', 'mật-khẩu-cũ-1');
      const s = await login(store, 'doi-mat-khau', 'mật-khẩu-cũ-1');
      await changePassword(store, 'doi-mat-khau', 'mật-khẩu-mới-2');
      expect(await sessionOf(store, s.token)).toBeNull();
      expect((await failure(() => login(store, 'doi-mat-khau', 'mật-khẩu-cũ-1'))).code).toBe('login-failed');
      expect((await login(store, 'doi-mat-khau', 'mật-khẩu-mới-2')).user.role).toBe('admin');
      expect((await failure(() => changePassword(store, 'doi-mat-khau', 'ngắn'))).code).toBe('weak-password');
      expect((await failure(() => changePassword(store, 'khong-co-ai', 'mật-khẩu-đủ-dài'))).code).toBe('user-not-found');
    });
  });
});

/** A terminal stand-in: raw mode is recorded, what is typed is written in by the test. */
class FakeTerminal extends PassThrough {
  isTTY = true;
  isRaw = false;
  modes: boolean[] = [];
  setRawMode(mode: boolean): this {
    this.isRaw = mode;
    this.modes.push(mode);
    return this;
  }
}

function typed(keys: string[], confirm = true): { result: Promise<string>; shown: () => string; tty: FakeTerminal } {
  const tty = new FakeTerminal();
  const out = new PassThrough();
  let shown = '';
  out.setEncoding('utf8').on('data', (d: string) => (shown += d));
  const result = readPassword(tty, out, confirm);
  for (const k of keys) tty.write(k);
  return { result, shown: () => shown, tty };
}

describe('the password prompt on a terminal', () => {
  it('asks twice, echoes nothing, and gives the password back; raw mode is restored', async () => {
    const t = typed(['mật-khẩu', '-dài\r', 'mật-khẩu-dài\r']);
    expect(await t.result).toBe('mật-khẩu-dài');
    expect(t.shown()).toBe('Mật khẩu: \nNhập lại mật khẩu: \n');
    expect(t.tty.modes).toEqual([true, false]);
  });

  it('backspace edits what was typed, arrow keys are ignored', async () => {
    const t = typed(['mật-khẩu-dàix\u007f\u001b[D\r', 'mật-khẩu-dài\r']);
    expect(await t.result).toBe('mật-khẩu-dài');
  });

  it('two different entries are refused in Vietnamese', async () => {
    const e = await failure(() => typed(['mật-khẩu-một\r', 'mật-khẩu-hai\r']).result);
    expect(e.code).toBe('password-mismatch');
    expect(e.userMessage).toMatch(VIETNAMESE);
  });

  it('an empty password is refused; Ctrl-C cancels', async () => {
    expect((await failure(() => typed(['\r', '\r']).result)).code).toBe('password-required');
    await expect(typed(['abc\u0003']).result).rejects.toBeInstanceOf(PromptCancelled);
  });
});

describe('doisoat users (the compiled CLI, password on stdin)', () => {
  const env = { DOISOAT_DATA: tempDir(), DATABASE_URL: '' };
  const cli = (args: string[], input?: string) => runCliAsync(args, env, 60_000, input);
  const withStore = async <T>(fn: (s: Store) => Promise<T>): Promise<T> => {
    const s = await Store.open({ dataDir: env.DOISOAT_DATA });
    try {
      return await fn(s);
    } finally {
      await s.close();
    }
  };

  it('users add reads the password from stdin (its first line), never from argv', async () => {
    const run = await cli(['users', 'add', 'kiem-tra', '--role', 'auditor'], 'mật-khẩu-từ-stdin\nnot this line\n');
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Đã tạo tài khoản kiem-tra, vai trò auditor (kiểm tra viên).');
    expect(run.stdout).not.toContain('mật-khẩu-từ-stdin');
    await withStore(async (s) => {
      expect((await login(s, 'kiem-tra', 'mật-khẩu-từ-stdin')).user.role).toBe('auditor');
    });
    // A Windows line end is not part of the password.
    expect((await cli(['users', 'add', 'quan-tri', '--role', 'admin'], 'mật-khẩu-quản-trị\r\n')).status).toBe(0);
    await withStore(async (s) => expect((await login(s, 'quan-tri', 'mật-khẩu-quản-trị')).user.name).toBe('quan-tri'));
  });

  it('has no password option: one on the command line is refused and nothing is created', async () => {
    const help = await cli(['users', 'add', '--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('--role');
    expect(help.stdout).not.toMatch(/--pass|--pw|<password>/i);
    const run = await cli(['users', 'add', 'lo-mat-khau', '--role', 'clerk', '--password', 'mật-khẩu-lộ-ra'], 'mật-khẩu-lộ-ra\n');
    expect(run.status).not.toBe(0);
    await withStore(async (s) => expect(await s.getUser('lo-mat-khau')).toBeNull());
  });

  it('users list --json shows the accounts without any hash', async () => {
    const run = await cli(['users', 'list', '--json']);
    expect(run.status).toBe(0);
    const accounts = JSON.parse(run.stdout) as Array<Record<string, unknown>>;
    expect(accounts.map((a) => [a['name'], a['role'], a['disabled']])).toEqual([
      ['kiem-tra', 'auditor', false],
      ['quan-tri', 'admin', false],
    ]);
    for (const a of accounts) expect(Object.keys(a).sort()).toEqual(['createdAt', 'disabled', 'id', 'name', 'role']);
    expect(run.stdout).not.toMatch(/scrypt|passwordHash|password_hash|mật-khẩu/);
    const text = await cli(['users', 'list']);
    expect(text.stdout).toMatch(/kiem-tra\s+auditor \(kiểm tra viên\)\s+đang dùng/);
  });

  it('users disable locks the account and ends its sessions', async () => {
    const token = await withStore(async (s) => (await login(s, 'kiem-tra', 'mật-khẩu-từ-stdin')).token);
    const run = await cli(['users', 'disable', 'kiem-tra']);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Đã khoá tài khoản kiem-tra');
    await withStore(async (s) => {
      expect(await sessionOf(s, token)).toBeNull();
      expect((await failure(() => login(s, 'kiem-tra', 'mật-khẩu-từ-stdin'))).code).toBe('login-failed');
    });
    expect((await cli(['users', 'list'])).stdout).toMatch(/kiem-tra\s+auditor \(kiểm tra viên\)\s+đã khoá/);
  });

  it('users passwd sets the password from stdin', async () => {
    const run = await cli(['users', 'passwd', 'quan-tri'], 'mật-khẩu-mới-hơn\n');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Đã đổi mật khẩu của quan-tri');
    await withStore(async (s) => expect((await login(s, 'quan-tri', 'mật-khẩu-mới-hơn')).user.name).toBe('quan-tri'));
  });

  it.each([
    ['a bad role', ['users', 'add', 'vai-tro', '--role', 'boss'], 'mật-khẩu-đủ-dài\n', 'Lỗi: Vai trò không hợp lệ'],
    ['no role', ['users', 'add', 'vai-tro'], 'mật-khẩu-đủ-dài\n', 'Lỗi: Vai trò không hợp lệ'],
    ['a bad name', ['users', 'add', 'tên có dấu', '--role', 'clerk'], 'mật-khẩu-đủ-dài\n', 'Lỗi: Tên tài khoản không hợp lệ'],
    ['a name taken', ['users', 'add', 'quan-tri', '--role', 'clerk'], 'mật-khẩu-đủ-dài\n', 'Lỗi: Tên tài khoản này đã có người dùng. (quan-tri)'],
    ['a short password', ['users', 'add', 'ngan', '--role', 'clerk'], 'ngắn\n', 'Lỗi: Mật khẩu quá ngắn'],
    ['no password', ['users', 'add', 'trong', '--role', 'clerk'], '', 'Lỗi: Chưa nhập mật khẩu'],
    ['an unknown account', ['users', 'disable', 'khong-co-ai'], undefined, 'Lỗi: Không có tài khoản này. (khong-co-ai)'],
    ['passwd of an unknown account', ['users', 'passwd', 'khong-co-ai'], 'mật-khẩu-đủ-dài\n', 'Lỗi: Không có tài khoản này.'],
  ])('%s: a Vietnamese error, exit 2', async (_what, args, input, message) => {
    const run = await cli(args, input);
    expect(run.stderr).toContain(message);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
  });
});
