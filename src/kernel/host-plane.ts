/**
 * The host plane: what the kernel's hosts, and only they, may do. Agents reach the kernel
 * through the syscall table; the layers that run agents (runtime/), keep the store
 * (platform/) and boot the system report to the kernel here what their agents did (started,
 * ended, blocked), drive its clock, and carry the channels they lease. boot.ts hands this
 * object to those layers alone; a test checks that no other layer names it. Each method is a
 * decision of the host's and is recorded in the audit like a syscall's.
 *
 * @example
 * const { kernel, host } = createKernel(ports);
 * const { systemHandle } = host.boot();
 * host.started(pid);
 * host.exited(pid, { code: 0, reason: 'normal' });
 */
import type { AuditKind, AuditLevel } from './audit.ts';
import { KernelError } from './errors.ts';
import type { KernelEvents } from './events.ts';
import type { Kernel, KernelRestore } from './kernel.ts';
import type { Endpoint, Handle, Message, PendingCall } from './objects.ts';
import { INIT_PID } from './params.ts';
import { type Agent, type ExitStatus, isAlive } from './process.ts';
import { RIGHTS } from './rights.ts';
import type { Scheduler } from './sched/scheduler.ts';

/** The scheduler calls a host makes for what it runs itself (LLM and tool calls, CPU slices). */
export type HostScheduler = Pick<
  Scheduler,
  'submit' | 'dispatch' | 'complete' | 'requeue' | 'preemptions' | 'resources' | 'policyName'
>;

/** A session an outside caller opened with a token (the API's bearer sessions). */
export interface Session {
  readonly pid: number;
  readonly handle: number;
  readonly scope: string;
  readonly tokenId: string;
}

export class HostPlane {
  readonly #k: Kernel;

  constructor(kernel: Kernel) {
    this.#k = kernel;
  }

  /** Creates init, which holds the system handle with every right; see Kernel.boot. */
  boot(restore?: KernelRestore): { systemHandle: number } {
    return { systemHandle: this.#k.boot(restore).systemHandle };
  }

  /** The host has started the agent's code. */
  started(pid: number): void {
    this.#k.started(pid);
  }

  /** The kernel's event stream (see events.ts). */
  get events(): Pick<KernelEvents, 'on'> {
    return this.#k.events;
  }

  /** The door agents use, for the syscalls a host makes on an agent's behalf. */
  syscall(pid: number, name: string, args: Record<string, unknown> = {}): unknown {
    return this.#k.syscall(pid, name, args);
  }

  /** The agent's code ended by itself (returned, threw, or hit a limit). */
  exited(pid: number, status: ExitStatus): void {
    this.#k.exited(pid, status);
  }

  /**
   * Ends a live agent for a reason of the host's (a timeout, a session evicted, the system
   * shutting down); false if it had already ended.
   */
  end(pid: number, status: ExitStatus): boolean {
    const agent = this.#k.processes.get(pid);
    if (agent === undefined || !isAlive(agent) || pid === INIT_PID) return false;
    this.#k.lifecycle.end(agent, status);
    return true;
  }

  /** The agent waits on something (a read, a call, a child) and does not compete for resources. */
  setBlocked(pid: number, blocked: boolean): void {
    this.#k.setBlocked(pid, blocked);
  }

  /** Advances time-driven state (call deadlines, expired tokens); returns calls expired. */
  tick(now: number): number {
    return this.#k.tick(now);
  }

  /** Turns queued audit records into lines (signing the open block with `seal`); see Kernel.flushAudit. */
  flushAudit(options: { seal?: boolean } = {}): string[] {
    return this.#k.flushAudit(options);
  }

  /** An agent's record, read-only: hosts run its code with it. */
  agent(pid: number): Readonly<Agent> | undefined {
    return this.#k.processes.get(pid);
  }

  /** Every agent the kernel still holds (the live ones and the recently ended). */
  agents(): IterableIterator<Readonly<Agent>> {
    return this.#k.processes.values();
  }

  /** The pid the next agent will get (the store keeps it across restarts). */
  get nextPid(): number {
    return this.#k.processes.nextPid;
  }

  get auditLevel(): AuditLevel {
    return this.#k.audit.level;
  }

  /** Audit entries no seal covers yet. */
  get auditUnsealed(): number {
    return this.#k.audit.unsealedCount;
  }

  /** The now of the kernel's clock. */
  now(): number {
    return this.#k.ports.now();
  }

  /** Records a decision the host made on its own (a shutdown, an agent lost in a crash). */
  note(pid: number, kind: AuditKind, what: string, ok: boolean, detail?: object): void {
    this.#k.audit.record(pid, kind, what, ok, undefined, detail);
  }

  /**
   * Refuses a syscall for a reason only the host can see (the kernel cannot read files):
   * counts and audits it like the kernel's own refusals, and returns the error to throw.
   */
  refuse(pid: number, call: string, message: string): KernelError {
    const agent = this.#k.processes.get(pid);
    if (agent) agent.usage.denied++;
    this.#k.audit.record(pid, 'syscall', call, false, 'E_NO_RIGHTS', { message });
    return new KernelError('E_NO_RIGHTS', message);
  }

  /**
   * Opens a session for an outside caller: checks the token before anything exists, then
   * starts an external agent under init that redeems it. Throws E_TOKEN_* for a bad token.
   */
  openSession(token: string, via: string): Session {
    const k = this.#k;
    let tokenId: string;
    try {
      ({ tokenId } = k.tokens.check(token, 0, k.ports.now()));
    } catch (error) {
      if (error instanceof KernelError) {
        k.audit.record(0, 'token', 'token_redeem', false, error.code, { message: error.message, via });
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
      return { pid: agent.pid, handle: redeemed.handle, scope: redeemed.scope, tokenId };
    } catch (error) {
      k.lifecycle.end(agent, { code: 1, reason: 'denied', message: 'token refused' });
      throw error;
    }
  }

  /**
   * Why a session can no longer act (its agent ended, its token expired or was revoked), as
   * the error its next call gets; undefined while it can.
   */
  sessionProblem(session: Pick<Session, 'pid' | 'handle'>): KernelError | undefined {
    const k = this.#k;
    const agent = k.processes.get(session.pid);
    const handle = agent?.table.get(session.handle);
    if (agent === undefined || !isAlive(agent) || handle === undefined)
      return new KernelError('E_BAD_STATE', 'This session has ended; call again to open a new one');
    if (handle.token !== undefined && handle.token.expiresAt <= k.ports.now())
      return new KernelError('E_TOKEN_EXPIRED', 'This token has expired; mint a new one');
    if (handle.revoked) return new KernelError('E_TOKEN_REVOKED', 'This token has been revoked');
    return undefined;
  }

  /**
   * Moves handle `value` out of agent `from`'s table into agent `to`'s, as a message between
   * them would, and returns its value there. It needs the transfer right, like a message. For
   * the host connecting an agent to a system service: it made the channel as init and hands
   * the agent its end, so the agent never names who it is. Audited as `handle_give`.
   */
  give(from: number, value: number, to: number): number {
    const k = this.#k;
    const source = k.liveAgent(from);
    const target = k.liveAgent(to);
    const handle = k.handles.lookup(source.table, value, undefined, RIGHTS.TRANSFER);
    k.handles.detach(source.table, handle);
    try {
      k.handles.attach(target.table, to, handle);
    } catch (error) {
      k.handles.drop(handle);
      throw error;
    }
    k.audit.record(from, 'note', 'handle_give', true, undefined, { to, kind: handle.object.kind });
    return handle.value;
  }

  /** Scheduling of what the host runs itself: LLM and tool calls, CPU slices. */
  get scheduler(): HostScheduler {
    return this.#k.scheduler;
  }

  // Channel leases: a host carries a channel's messages between two agents on shared memory
  // while the kernel is idle for it, then gives back what is in flight and what it counted.

  /** `pid`'s handle, or undefined (no throw): hosts look before they lease. */
  handle(pid: number, value: number): Handle | undefined {
    return this.#k.processes.get(pid)?.table.get(value);
  }

  /** A leased channel's queue is the kernel's again: messages and calls in flight return to it. */
  adopt(end: Endpoint, messages: Message[], calls: PendingCall[]): void {
    this.#k.ipc.adopt(end, messages, calls);
  }

  /** Recalls any lease on `channel` before the host looks at its queue. */
  settle(channel: Endpoint): void {
    this.#k.ipc.settle(channel);
  }

  /**
   * Adds calls a host carried outside the kernel: `times` calls of syscall `no` (`name`)
   * totalling `bytes`, to the audit and the agent's usage; `sent` when they carried messages.
   */
  countCarried(pid: number, no: number, name: string, bytes: number, times: number, sent: boolean): void {
    const k = this.#k;
    k.audit.count(pid, no, name, bytes, times);
    const agent = k.processes.get(pid);
    if (agent) agent.usage.syscalls += times;
    if (!sent) return;
    if (agent) {
      agent.usage.messagesSent += times;
      agent.usage.bytesSent += bytes;
    }
    k.ipc.messages += times;
    k.ipc.bytes += bytes;
  }

  /** Tells the hosts' listeners a signal on `end` (a lease starting makes parked calls look again). */
  signal(end: Endpoint, signal: 'readable' | 'writable'): void {
    this.#k.events.signal(end, signal, undefined);
  }
}
