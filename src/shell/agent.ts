/**
 * Atlas as a kernel agent. Atlas runs every tool action as a syscall of its own agent, so the
 * kernel's rights and audit apply on the execution path, not only in the interface:
 *
 * - the agent holds a `tool` resource handle with the rights of risk 0-1 (read, create, move);
 * - a plan of risk 2 or 3 runs only with a clearance: when the person confirms it, init mints a
 *   capability token for exactly that risk, the agent redeems it for a handle, the plan runs,
 *   and the token is revoked (its handle with it);
 * - each step is authorised by `tool_invoke(handle, tool, action, risk, target)`, which the
 *   kernel checks against RISK_RIGHTS and records in the audit chain.
 *
 * @example
 * const agent = AtlasAgent.spawn(system);
 * const clearance = agent.clearance(3, true);  // the person said yes
 * agent.authorise(clearance.handle, 'files', 'delete', 3, '/home/me/a.txt');
 * clearance.release();
 */
import type { System } from '../boot.ts';
import type { Risk } from '../intel/intent.ts';
import { INIT_PID, RIGHTS, RISK, RISK_CONFIRM, RISK_RIGHTS } from '../kernel/index.ts';

/** How long a confirmation's token lives if the plan never finishes. */
const CLEARANCE_TTL_MS = 10 * 60 * 1000;

/** What a plan runs with: a tool handle good up to `risk`, ended by release(). */
export interface Clearance {
  readonly handle: number;
  /** Highest risk the handle allows. */
  readonly risk: Risk;
  release(): void;
}

export class AtlasAgent {
  readonly pid: number;
  readonly #system: System;
  readonly #base: number;

  private constructor(system: System, pid: number, base: number) {
    this.#system = system;
    this.pid = pid;
    this.#base = base;
  }

  /** Starts the atlas agent under init with a tool handle good for risk 0 and 1. */
  static spawn(system: System): AtlasAgent {
    // init holds no tool handle of its own; make one for the grant and close it after. Passing
    // a handle to a child is a duplicate, so it carries DUPLICATE; the child gets only `rights`.
    return AtlasAgent.#spawnWith(system, RISK_RIGHTS[RISK.CREATE] | RIGHTS.INSPECT);
  }

  /**
   * An agent to submit one plan to the planner as, holding a tool handle good up to `risk` and
   * nothing else: the planner runs a plan with its submitter's rights, so the run gets exactly
   * what this request was cleared for. It is a child of init named `atlas`, so the runs of every
   * such agent belong to the name `atlas` (and the owner). End it when the run has ended.
   */
  static submitter(system: System, risk: Risk): { pid: number; end(): void } {
    const rights = RISK_RIGHTS[risk] | RIGHTS.INSPECT;
    const agent = AtlasAgent.#spawnWith(system, rights);
    return { pid: agent.pid, end: () => agent.end() };
  }

  static #spawnWith(system: System, rights: number): AtlasAgent {
    const sys = (name: string, args: Record<string, unknown>) => system.kernel.syscall(INIT_PID, name, args);
    const grant = sys('resource_handle', {
      handle: system.systemHandle,
      name: 'tool',
      rights: rights | RIGHTS.DUPLICATE,
    }) as { handle: number };
    try {
      const { pid } = sys('process_spawn', {
        handle: system.systemHandle,
        image: { ref: 'aios:atlas', hash: '' },
        runtime: 'external',
        name: 'atlas',
        grants: [{ handle: grant.handle, rights }],
      }) as { pid: number };
      const handles = system.host.external.attach(pid);
      return new AtlasAgent(system, pid, handles[1]);
    } finally {
      sys('handle_close', { handle: grant.handle });
    }
  }

  /** Whether the agent is still alive (the system may have shut down). */
  get alive(): boolean {
    return this.#system.host.external.alive(this.pid);
  }

  /**
   * The handle a plan of risk `risk` runs with. Unconfirmed plans get the agent's own handle
   * (risk 0-1), whatever they contain: the kernel refuses their risk 2-3 steps.
   */
  clearance(risk: Risk, confirmed: boolean): Clearance {
    if (!confirmed || risk < RISK_CONFIRM)
      return { handle: this.#base, risk: RISK.CREATE, release: () => {} };
    const k = this.#system.kernel;
    const minted = k.syscall(INIT_PID, 'token_mint', {
      handle: this.#system.systemHandle,
      agentId: this.pid,
      rights: RISK_RIGHTS[risk],
      scope: 'resource:tool',
      ttlMs: CLEARANCE_TTL_MS,
    }) as { token: string; tokenId: string };
    const { handle } = k.syscall(this.pid, 'token_redeem', { token: minted.token }) as { handle: number };
    let released = false;
    return {
      handle,
      risk,
      release: () => {
        if (released) return;
        released = true;
        k.syscall(INIT_PID, 'token_revoke', { handle: this.#system.systemHandle, tokenId: minted.tokenId });
        k.syscall(this.pid, 'handle_close', { handle });
      },
    };
  }

  /** Asks the kernel to allow one tool action; throws the KernelError (E_NO_RIGHTS) when refused. */
  authorise(handle: number, tool: string, action: string, risk: Risk, target?: string): void {
    this.#system.kernel.syscall(this.pid, 'tool_invoke', {
      handle,
      tool,
      action,
      risk,
      target: target === undefined ? undefined : target.slice(0, 4096),
    });
  }

  /** Ends the agent (its handles close with it). Harmless when it has ended already. */
  end(): void {
    this.#system.host.external.end(this.pid, { code: 0, reason: 'normal', message: 'atlas closed' });
  }

  /** The agent's own handle (risk 0-1). */
  get baseHandle(): number {
    return this.#base;
  }
}
