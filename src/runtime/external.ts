/**
 * External agents: agents whose code runs outside aios's runtimes (an API session acting for a
 * token, Atlas acting for the person). The kernel holds them like any agent; their host is the
 * layer that speaks for them, which opens, checks and ends them here on the host plane.
 *
 * @example
 * const session = host.external.openSession(token, 'api');
 * if (host.external.sessionProblem(session)) … // expired, revoked or ended
 */
import { type ExitStatus, type HostPlane, isAlive, KernelError, type Session } from '../kernel/index.ts';

export class ExternalAgents {
  readonly #plane: HostPlane;

  constructor(plane: HostPlane) {
    this.#plane = plane;
  }

  /**
   * Opens a session for an outside caller with a token (an external agent under init that
   * redeemed it; see HostPlane.openSession). Throws E_TOKEN_* for a bad token.
   */
  openSession(token: string, via: string): Session {
    return this.#plane.openSession(token, via);
  }

  /** Why a session can no longer act, as the error its next call gets; undefined while it can. */
  sessionProblem(session: Pick<Session, 'pid' | 'handle'>): KernelError | undefined {
    return this.#plane.sessionProblem(session);
  }

  /**
   * Marks an external agent (one whose code runs outside aios's runtimes: Atlas, an API
   * session) as started; returns the handles it was spawned with (its own first, then grants).
   */
  attach(pid: number): number[] {
    const agent = this.#plane.agent(pid);
    if (agent?.runtime !== 'external') throw new KernelError('E_BAD_ARG', `Agent ${pid} is not external`);
    this.#plane.started(pid);
    return [...agent.startHandles];
  }

  /** Whether agent `pid` is alive (spawning, running, blocked or suspended). */
  alive(pid: number): boolean {
    const agent = this.#plane.agent(pid);
    return agent !== undefined && isAlive(agent);
  }

  /** Ends an agent for a reason of the host's (a session evicted, a timeout); false if already ended. */
  end(pid: number, status: ExitStatus): boolean {
    return this.#plane.end(pid, status);
  }
}
