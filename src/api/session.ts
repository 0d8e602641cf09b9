/**
 * Who is calling. A request on the owner's Unix socket acts as init with the system handle.
 * A request with a bearer token acts as a session agent (runtime 'external') that redeemed
 * the token once: every later call is a syscall of that agent, checked against the rights
 * the token carried and written to the audit chain. The session ends when the token expires
 * or is revoked: every later request is refused (401).
 */
import type { System } from '../boot.ts';
import { KernelError } from '../kernel/errors.ts';
import { INIT_PID } from '../kernel/params.ts';
import { isAlive } from '../kernel/process.ts';

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
    const k = this.#system.kernel;
    const known = this.#byToken.get(token);
    if (known) {
      const agent = k.processes.get(known.pid);
      const handle = agent?.table.get(known.handle);
      if (agent && isAlive(agent) && handle) {
        // The session works only while its token does. It stays listed (and is evicted in
        // turn, which ends its agent) so that a dead token never leaves agents behind.
        if (handle.token !== undefined && handle.token.expiresAt <= k.ports.now()) {
          throw new KernelError('E_TOKEN_EXPIRED', 'This token has expired; mint a new one');
        }
        if (handle.revoked) throw new KernelError('E_TOKEN_REVOKED', 'This token has been revoked');
        return known;
      }
      this.#byToken.delete(token);
    }
    let tokenId: string;
    try {
      ({ tokenId } = k.tokens.check(token, 0, k.ports.now())); // refuse bad tokens before a session exists
    } catch (error) {
      if (error instanceof KernelError) {
        k.audit.record(0, 'token', 'token_redeem', false, error.code, { message: error.message, via: 'api' });
      }
      throw error;
    }
    const init = k.processes.required(INIT_PID);
    const { agent } = k.lifecycle.spawn(
      init,
      { name: 'session', image: { ref: 'session:bearer', hash: '' }, runtime: 'external' },
      [],
    );
    k.started(agent.pid);
    try {
      const redeemed = k.syscall(agent.pid, 'token_redeem', { token }) as { handle: number; scope: string };
      const principal: Principal = {
        pid: agent.pid,
        handle: redeemed.handle,
        scope: redeemed.scope,
        owner: false,
        tokenId,
      };
      if (this.#byToken.size >= MAX_SESSIONS) this.#evictOldest();
      this.#byToken.set(token, principal);
      return principal;
    } catch (error) {
      k.lifecycle.end(agent, { code: 1, reason: 'denied', message: 'token refused' });
      throw error;
    }
  }

  #evictOldest(): void {
    const [token, principal] = this.#byToken.entries().next().value!;
    this.#byToken.delete(token);
    const agent = this.#system.kernel.processes.get(principal.pid);
    if (agent && isAlive(agent))
      this.#system.kernel.lifecycle.end(agent, { code: 0, reason: 'normal', message: 'session evicted' });
  }
}
