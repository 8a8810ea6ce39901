/**
 * Sessions of the review desk. The client holds a random token; the store keeps only its sha256,
 * so a leaked database opens no session. Each session has its own CSRF token and lasts SESSION_HOURS.
 */
import { createHash, randomBytes } from 'node:crypto';
import { DoisoatError } from '../core/errors.js';
import type { SessionRecord, Store } from '../store/store.js';
import { verifyPassword } from './passwords.js';
import { accountOf, isValidUserName, type Account } from './users.js';

export const SESSION_HOURS = 12;

/** Verified when the name is unknown, so that a wrong name takes as long as a wrong password. */
const DUMMY_HASH =
  'scrypt$32768$8$1$s9Nc846HSbATp7/aLLKOwQ==$dwIKdxCCkwr18nwuO7GDZcB2BsYkV+5hKK5QAbttlYVmzGXzz5LwXGRsp7atHeKBTue1XzvQjKj0THTYesoZ7g==';

export interface LoginResult {
  /** For the client (the cookie); never stored. */
  token: string;
  csrfToken: string;
  expiresAt: string;
  user: Account;
}

/** The stored id of a session token: its sha256, hex. */
export function sessionIdOf(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

const newToken = (): string => randomBytes(32).toString('base64url');

/**
 * A new session for a name and password. An unknown name, a wrong password and a disabled
 * account all give the same DoisoatError 'login-failed', after the same amount of work.
 */
export async function login(store: Store, name: string, password: string, address?: string): Promise<LoginResult> {
  const user = isValidUserName(name) ? await store.getUser(name) : null;
  const matches = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
  if (!user || !matches || user.disabled) throw new DoisoatError('login-failed');
  const token = newToken();
  const csrfToken = newToken();
  const expiresAt = new Date(Date.now() + SESSION_HOURS * 3600_000).toISOString();
  await store.createSession({ idHash: sessionIdOf(token), userId: user.id, csrfToken, expiresAt, ...(address ? { address } : {}) });
  return { token, csrfToken, expiresAt, user: accountOf(user) };
}

/** The live session of a token, or null (unknown, expired, or its user disabled). */
export async function sessionOf(store: Store, token: string): Promise<SessionRecord | null> {
  // A token is 43 base64url characters; anything far off is no token (and is not hashed).
  if (typeof token !== 'string' || token.length === 0 || token.length > 256) return null;
  return store.getSession(sessionIdOf(token));
}

export async function logout(store: Store, token: string): Promise<void> {
  if (typeof token !== 'string' || token.length === 0 || token.length > 256) return;
  await store.deleteSession(sessionIdOf(token));
}
