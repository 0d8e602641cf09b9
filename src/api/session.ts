/**
 * Who is calling. A request on the owner's Unix socket acts as init with the system handle.
 * A request with a bearer token acts as a session agent (runtime 'external') that redeemed
 * the token once: every later call is a syscall of that agent, checked against the rights
 * the token carried and written to the audit chain. The session ends when the token expires
 * or is revoked: every later request is refused (401).
 */
import type { System } from '../boot.ts';
import { INIT_PID } from '../kernel/index.ts';

export interface Principal {
  readonly pid: number;
  /** The handle redeemed from the token (the system handle for the owner). */
  readonly handle: number;
  readonly scope: string;
  readonly owner: boolean;
  /** The id of the token the session redeemed (none for the owner). */
  readonly tokenId?: string;
}

const MAX_SESSIONS = 1024;

export class Sessions {
  readonly #system: System;
  readonly #byToken = new Map<string, Principal>();

  constructor(system: System) {
    this.#system = system;
  }

  owner(): Principal {
    return { pid: INIT_PID, handle: this.#system.systemHandle, scope: 'system', owner: true };
  }

  /** The session for a bearer token, redeeming it on first use; throws E_TOKEN_* for a bad one. */
  fromBearer(token: string): Principal {
    const host = this.#system.host;
    const known = this.#byToken.get(token);
    if (known) {
      // The session works only while its token does. It stays listed (and is evicted in
      // turn, which ends its agent) so that a dead token never leaves agents behind.
      const problem = host.external.sessionProblem(known);
      if (problem === undefined) return known;
      if (problem.code !== 'E_BAD_STATE') throw problem;
      this.#byToken.delete(token);
    }
    const session = host.external.openSession(token, 'api');
    const principal: Principal = { ...session, owner: false };
    if (this.#byToken.size >= MAX_SESSIONS) this.#evictOldest();
    this.#byToken.set(token, principal);
    return principal;
  }

  #evictOldest(): void {
    const [token, principal] = this.#byToken.entries().next().value!;
    this.#byToken.delete(token);
    this.#system.host.external.end(principal.pid, { code: 0, reason: 'normal', message: 'session evicted' });
  }
}
