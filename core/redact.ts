/**
 * Connection URLs (DATABASE_URL, REDIS_URL) carry passwords; whatever prints or logs one prints
 * `maskUrl(url)` instead. One function for the store and the queues, so no printer forgets.
 */

const MASK = '***';

/**
 * The URL with its password replaced by ***. A URL that does not parse is masked from its scheme
 * on after the first ':' of its authority, so a typo never shows the secret either.
 */
export function maskUrl(url: string): string {
  try {
    const u = new URL(url);
    if (!u.password) return url;
    u.password = MASK;
    return u.toString();
  } catch {
    // Unparsable (a stray space, a bad port): keep scheme and host, hide any user:password part.
    return url.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^@/]*@/i, `$1${MASK}@`);
  }
}

/** Every URL with a password inside `text` (an error message that quotes one) masked. */
export function maskUrlsIn(text: string): string {
  return text.replace(/[a-z][a-z0-9+.-]*:\/\/[^\s'"<>()]*@[^\s'"<>()]*/gi, (url) => maskUrl(url));
}
