/**
 * Dashboard logins. `aios up` mints a short-lived capability token for the dashboard and
 * prints a URL carrying a short login code instead of the token itself (an ML-DSA-65 token is
 * about 4.6 KB): the page trades the code for the token with POST /v1/login. The code is a
 * 128-bit secret that works until the token expires. A run of wrong codes from one client
 * (one IPv4 address, one IPv6 /64) slows that client down, not everyone: a guesser elsewhere
 * cannot lock the owner out.
 *
 * @example
 * const code = logins.issue(token, expiresAt, ['inspect', 'manage']);
 * logins.exchange(code, '127.0.0.1'); // { token, expiresAt, rights }, 'throttled' or undefined
 */

import { nodeCrypto, randomFill } from '../platform/crypto.ts';

// Node built-ins with lazy parts come through getBuiltinModule, not import: this module loads
// before `aios up` is ready, and an import would load all those parts (docs/boot.md). The code
// printed with the ready line is drawn without node:crypto, which loads right after the line.
const { isIPv6 } = process.getBuiltinModule('node:net');

export interface Login {
  token: string;
  expiresAt: number;
  rights: string[];
  /** The token's id, so that revoking it can be told apart (DELETE /v1/tokens/:id). */
  tokenId?: string;
}

/** Wrong codes one client may send per minute before its exchanges are refused for the rest of it. */
const FAILURES_PER_MINUTE = 20;
const WINDOW_MS = 60_000;
/** Clients whose failures are remembered; past this the oldest are forgotten. */
const CLIENTS_MAX = 4096;

export class Logins {
  readonly #byDigest = new Map<string, Login>();
  /** Wrong codes per client in its current window, oldest window first. */
  readonly #failures = new Map<string, { count: number; since: number }>();

  /** A new login code for `token`. */
  issue(token: string, expiresAt: number, rights: string[], tokenId?: string): string {
    const { code, grant } = this.reserve();
    grant({ token, expiresAt, rights, tokenId });
    return code;
  }

  /**
   * A login code now and its token later: `aios up` prints the code with its ready line and
   * mints the token right after it. The code works once `grant` has given it its login.
   */
  reserve(): { code: string; grant(login: Login): void } {
    const code = Buffer.from(randomFill(new Uint8Array(16))).toString('base64url');
    return { code, grant: (login) => this.#byDigest.set(digest(code), { ...login }) };
  }

  /** Whether `tokenId` is the token of a dashboard login. */
  isLoginToken(tokenId: string): boolean {
    for (const login of this.#byDigest.values()) if (login.tokenId === tokenId) return true;
    return false;
  }

  /**
   * The login for `code`, or undefined for a wrong or expired one, or 'throttled' when
   * `client` (a remote address) sent too many wrong codes this minute.
   */
  exchange(code: string, client = 'unknown', now = Date.now()): Login | 'throttled' | undefined {
    const key = clientKey(client);
    let window = this.#failures.get(key);
    if (window && now - window.since > WINDOW_MS) {
      this.#failures.delete(key);
      window = undefined;
    }
    if (window && window.count >= FAILURES_PER_MINUTE) return 'throttled';
    const wanted = Buffer.from(digest(code), 'hex');
    for (const [digested, login] of this.#byDigest) {
      if (login.expiresAt <= now) {
        this.#byDigest.delete(digested);
        continue;
      }
      if (nodeCrypto().timingSafeEqual(Buffer.from(digested, 'hex'), wanted)) return login;
    }
    if (window) window.count++;
    else {
      if (this.#failures.size >= CLIENTS_MAX) this.#failures.delete(this.#failures.keys().next().value!);
      this.#failures.set(key, { count: 1, since: now });
    }
    return undefined;
  }
}

/** One key per IPv4 address and per IPv6 /64 (one host usually holds a whole /64). */
function clientKey(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1];
  if (!isIPv6(address)) return address;
  const [head, tail = ''] = address.toLowerCase().split('::');
  const left = head === '' ? [] : head.split(':');
  const right = tail === '' ? [] : tail.split(':');
  const groups = [...left, ...Array(8 - left.length - right.length).fill('0'), ...right];
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}

function digest(code: string): string {
  return nodeCrypto().createHash('sha256').update(code).digest('hex');
}
