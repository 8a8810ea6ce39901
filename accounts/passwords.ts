/**
 * Password hashes: scrypt (node:crypto) with a random 16-byte salt, encoded with its parameters as
 * `scrypt$N$r$p$saltB64$keyB64`, so a hash made with other parameters still verifies. Passwords
 * are NFC-normalised first: the same Vietnamese password typed with another input method (composed
 * or decomposed accents) is the same password.
 */
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { DoisoatError } from '../core/errors.js';

const N = 2 ** 15;
const R = 8;
const P = 1;
const SALT_BYTES = 16;
const KEY_BYTES = 64;
export const MIN_PASSWORD_CHARS = 8;

/** scrypt needs 128·N·r bytes; Node's default limit (32 MiB) is exactly that, too tight. */
const maxmemFor = (n: number, r: number): number => 2 * 128 * n * r;

function derive(password: string, salt: Buffer, keyBytes: number, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, keyBytes, options, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

/** A password long enough, else DoisoatError 'weak-password'. Characters, not UTF-16 units. */
export function checkPasswordStrength(password: string): void {
  if ([...password.normalize('NFC')].length < MIN_PASSWORD_CHARS) throw new DoisoatError('weak-password');
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, KEY_BYTES, { N, r: R, p: P, maxmem: maxmemFor(N, R) });
  return `scrypt$${N}$${R}$${P}$${salt.toString('base64')}$${key.toString('base64')}`;
}

/** True when `password` is the one hashed; false for another password or a malformed hash. */
export async function verifyPassword(password: string, hash: string): Promise<boolean> {
  const parts = hash.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [n, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  // Bounds, so that a corrupted hash cannot make one check take minutes or gigabytes.
  const powerOfTwo = Number.isInteger(n) && n >= 2 && (n & (n - 1)) === 0;
  if (!powerOfTwo || !Number.isInteger(r) || r < 1 || !Number.isInteger(p) || p < 1 || p > 16 || 128 * n * r > 256 * 1024 * 1024) return false;
  const salt = Buffer.from(parts[4]!, 'base64');
  const expected = Buffer.from(parts[5]!, 'base64');
  if (salt.length === 0 || expected.length < 16 || expected.length > 256) return false;
  const key = await derive(password, salt, expected.length, { N: n, r, p, maxmem: maxmemFor(n, r) });
  return timingSafeEqual(key, expected);
}
