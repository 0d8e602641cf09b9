/**
 * Dashboard logins. `aios up` mints a short-lived capability token for the dashboard and
 * prints a URL carrying a short login code instead of the token itself (an ML-DSA-65 token is
 * about 4.6 KB): the page trades the code for the token with POST /v1/login. The code is a
 * 128-bit secret that works until the token expires; a run of wrong codes is slowed down.
 *
 * @example
 * const code = logins.issue(token, expiresAt, ['inspect', 'manage']);
 * logins.exchange(code); // { token, expiresAt, rights } or undefined
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export interface Login {
  token: string;
  expiresAt: number;
  rights: string[];
  /** The token's id, so that revoking it can be told apart (DELETE /v1/tokens/:id). */
  tokenId?: string;
}

/** Wrong codes allowed per minute before every exchange is refused for the rest of it. */
const FAILURES_PER_MINUTE = 20;

export class Logins {
  readonly #byDigest = new Map<string, Login>();
  #failures = 0;
  #windowStart = 0;

  /** A new login code for `token`. */
  issue(token: string, expiresAt: number, rights: string[], tokenId?: string): string {
    const code = randomBytes(16).toString('base64url');
    this.#byDigest.set(digest(code), { token, expiresAt, rights, tokenId });
    return code;
  }

  /** Whether `tokenId` is the token of a dashboard login. */
  isLoginToken(tokenId: string): boolean {
    for (const login of this.#byDigest.values()) if (login.tokenId === tokenId) return true;
    return false;
  }

  /** The login for `code`, or undefined for a wrong or expired one (or too many wrong tries). */
  exchange(code: string, now = Date.now()): Login | 'throttled' | undefined {
    if (now - this.#windowStart > 60_000) {
      this.#windowStart = now;
      this.#failures = 0;
    }
    if (this.#failures >= FAILURES_PER_MINUTE) return 'throttled';
    const wanted = Buffer.from(digest(code), 'hex');
    for (const [key, login] of this.#byDigest) {
      if (login.expiresAt <= now) {
        this.#byDigest.delete(key);
        continue;
      }
      if (timingSafeEqual(Buffer.from(key, 'hex'), wanted)) return login;
    }
    this.#failures++;
    return undefined;
  }
}

function digest(code: string): string {
  return createHash('sha256').update(code).digest('hex');
}
