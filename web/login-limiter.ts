/**
 * Failed logins, counted per account and per address in this process: past the limit within the
 * window, that account (or address) is locked until the window has passed since its first failure.
 */
export interface LimiterOptions {
  /** Failures allowed per key within the window (default 10 per account, see web/server.ts). */
  readonly maxFailures: number;
  readonly windowMs: number;
}

export class LoginLimiter {
  readonly #failures = new Map<string, { first: number; count: number }>();
  readonly #options: LimiterOptions;

  constructor(options: LimiterOptions) {
    this.#options = options;
  }

  /** Milliseconds until `key` may try again; 0 when it may now. */
  lockedFor(key: string, now = Date.now()): number {
    const f = this.#failures.get(key);
    if (!f) return 0;
    const until = f.first + this.#options.windowMs;
    if (now >= until) {
      this.#failures.delete(key);
      return 0;
    }
    return f.count >= this.#options.maxFailures ? until - now : 0;
  }

  fail(key: string, now = Date.now()): void {
    const f = this.#failures.get(key);
    if (!f || now >= f.first + this.#options.windowMs) this.#failures.set(key, { first: now, count: 1 });
    else f.count++;
  }

  succeed(key: string): void {
    this.#failures.delete(key);
  }
}
