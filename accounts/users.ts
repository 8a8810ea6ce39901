/**
 * Account use cases for the CLI (`doisoat users`) and the web server: add, change a password,
 * disable, list. Names and roles are checked here; the store only keeps them.
 */
import { DoisoatError } from '../core/errors.js';
import { isRole, type Role } from '../core/roles.js';
import type { Store, UserRecord } from '../store/store.js';
import { checkPasswordStrength, hashPassword } from './passwords.js';

/** An account as shown to people: everything but the password hash. */
export type Account = Omit<UserRecord, 'passwordHash'>;

export function accountOf(user: UserRecord): Account {
  const { passwordHash: _hash, ...account } = user;
  return account;
}

const NAME = /^[A-Za-z0-9._-]{1,64}$/;

export function isValidUserName(name: string): boolean {
  return NAME.test(name);
}

/** 1–64 characters: ASCII letters, digits, '.', '_', '-'; else DoisoatError 'invalid-user-name'. */
export function checkUserName(name: string): void {
  if (!isValidUserName(name)) throw new DoisoatError('invalid-user-name');
}

/** The role named, else DoisoatError 'invalid-role'. */
export function parseRole(role: string | undefined): Role {
  if (!isRole(role)) throw new DoisoatError('invalid-role');
  return role;
}

export async function addUser(store: Store, name: string, role: string, password: string): Promise<Account> {
  checkUserName(name);
  const checkedRole = parseRole(role);
  checkPasswordStrength(password);
  return accountOf(await store.createUser({ name, role: checkedRole, passwordHash: await hashPassword(password) }));
}

/** A new password; the user's sessions end. */
export async function changePassword(store: Store, name: string, password: string): Promise<void> {
  checkPasswordStrength(password);
  await store.setPassword(name, await hashPassword(password));
}

/** The account can no longer log in; its sessions end at once. */
export async function disable(store: Store, name: string): Promise<void> {
  await store.disableUser(name);
}

export async function listUsers(store: Store): Promise<Account[]> {
  return (await store.listUsers()).map(accountOf);
}
