/**
 * The kernel: one deterministic state machine holding the process table, handles, IPC,
 * memory regions, capability tokens, the scheduler and the audit chain. It does nothing on
 * its own: hosts call syscall() on behalf of agents and report what their agents do
 * (started, exited, blocked) on the host plane, and the kernel tells every layer what
 * happened through one event stream (events.ts). This class is the kernel's inside: other
 * layers see it only through index.ts.
 *
 * @example
 * const k = new Kernel(ports);
 * const init = k.boot();
 * const { pid } = k.syscall(1, 'process_spawn', { handle: init.systemHandle, image, runtime: 'builtin' });
 */
import { AuditChain, type AuditHead, type AuditLevel } from './audit.ts';
import { type CheckpointRecord, Checkpoints } from './checkpoint.ts';
import { dispatch } from './dispatch.ts';
import { KernelError } from './errors.ts';
import { KernelEvents } from './events.ts';
import { Handles } from './handles.ts';
import { Ipc, type IpcSignal } from './ipc.ts';
import { Lifecycle } from './lifecycle.ts';
import { Memory } from './memory.ts';
import type { Endpoint, Handle, KObject, PendingCall, ResourceObject } from './objects.ts';
import { PARAMS } from './params.ts';
import type { KernelPorts } from './ports.ts';
import { type Agent, type ExitStatus, isAlive, ProcessTable } from './process.ts';
import { RIGHTS_ALL } from './rights.ts';
import { FairPolicy } from './sched/fair.ts';
import { type ResourceSpec, Scheduler } from './sched/scheduler.ts';
import type { PolicyFactory } from './sched/types.ts';
import { budgetsAbove } from './subtree.ts';
import { expireTokens } from './sys-token.ts';
import { type TokenRecord, Tokens } from './tokens.ts';

export interface KernelOptions {
  policy?: PolicyFactory;
  auditLevel?: AuditLevel;
  sealEvery?: number;
  resources?: ResourceSpec[];
  /** Agents alive at once, system-wide; at most (and by default) PARAMS.AGENTS_LIVE_MAX. */
  agentsMax?: number;
}

/** What the store gives back after a restart. */
export interface KernelRestore {
  nextPid: number;
  tokens: TokenRecord[];
  audit: AuditHead;
  checkpoints?: CheckpointRecord[];
}

export const DEFAULT_RESOURCES: ResourceSpec[] = [
  // The LLM's capacity is learnt by the host and set with resize(); this is where it starts.
  { name: 'llm', slots: PARAMS.LLM_SLOTS_START, preemptive: true },
  { name: 'tool', slots: 8 },
  { name: 'cpu', slots: 2, preemptive: true },
];

export class Kernel {
  readonly ports: KernelPorts;
  readonly processes: ProcessTable;
  readonly handles: Handles;
  readonly ipc: Ipc;
  readonly memory: Memory;
  readonly tokens: Tokens;
  readonly scheduler: Scheduler;
  readonly audit: AuditChain;
  readonly lifecycle: Lifecycle;
  readonly checkpoints: Checkpoints;
  /** The root object: a handle to it with all rights is the owner's authority. */
  readonly system: ResourceObject;
  readonly resources = new Map<string, ResourceObject>();
  /** Handles redeemed from each token, revoked with it. */
  readonly redeemed = new Map<string, Handle[]>();
  /** Everything the kernel tells the layers above it; see events.ts. */
  readonly events = new KernelEvents();
  #koid = 0;

  constructor(ports: KernelPorts, options: KernelOptions = {}) {
    this.ports = ports;
    const nextKoid = () => ++this.#koid;
    this.processes = new ProcessTable(
      nextKoid,
      Math.min(options.agentsMax ?? PARAMS.AGENTS_LIVE_MAX, PARAMS.AGENTS_LIVE_MAX),
    );
    this.handles = new Handles({
      randomU32: () => ports.randomU32(),
      now: () => ports.now(),
      release: (o) => this.#release(o),
      gone: (h) => {
        if (h.object.kind === 'channel') h.object.lease?.handleGone(h);
      },
    });
    this.ipc = new Ipc(this.handles, { nextKoid, signal: (e, s, c) => this.#signal(e, s, c) });
    this.memory = new Memory((pid) => this.processes.get(pid), nextKoid);
    this.tokens = new Tokens(ports);
    this.scheduler = new Scheduler(options.policy ?? (() => new FairPolicy()));
    this.scheduler.cpuBudgets = (pid) => budgetsAbove((p) => this.processes.get(p), pid);
    this.scheduler.observer = (event) => {
      if (this.events.has('sched')) this.events.emit('sched', event);
    };
    this.audit = new AuditChain(ports, {
      level: options.auditLevel,
      sealEvery: options.sealEvery,
    });
    this.audit.onFull(() => this.flushAudit());
    this.lifecycle = new Lifecycle(this);
    this.checkpoints = new Checkpoints((key, record) => this.events.emit('checkpoint', key, record));
    this.system = { koid: nextKoid(), kind: 'resource', name: 'system', handleCount: 0 };
    for (const spec of options.resources ?? DEFAULT_RESOURCES) {
      this.scheduler.define(spec, ports.now());
      this.resources.set(spec.name, { koid: nextKoid(), kind: 'resource', name: spec.name, handleCount: 0 });
    }
  }

  /** Creates init (pid 1), which holds the system handle with every right. */
  boot(restore?: KernelRestore): { init: Agent; systemHandle: number } {
    if (restore) {
      this.tokens.restore(restore.tokens);
      this.audit.restore(restore.audit);
      this.checkpoints.restore(restore.checkpoints ?? []);
    }
    const init = this.processes.create(
      {
        parent: 0,
        name: 'init',
        image: { ref: 'kernel:init', hash: '' },
        runtime: 'kernel',
        orphans: 'reparent',
        // init is the parent of every agent started from outside (CLI, API): the table's size bounds it
        quotas: { children: PARAMS.AGENTS_MAX },
      },
      this.ports.now(),
    );
    this.processes.transition(init, 'running');
    this.processes.nextPid = Math.max(2, restore?.nextPid ?? 2);
    const system = this.handles.install(init.table, init.pid, this.system, RIGHTS_ALL);
    this.audit.record(0, 'boot', 'kernel_boot', true, undefined, {
      policy: this.scheduler.policyName,
      auditLevel: this.audit.level,
      resumedAt: restore?.audit.seq ?? 0,
    });
    const tail = restore?.audit.block ?? [];
    if (tail.length > 0) {
      // A run that stopped without sealing left these; this run's next seal signs them
      // as the store holds them now, so the journal says they were signed late.
      this.audit.record(0, 'note', 'audit_unsealed_tail', false, undefined, {
        from: restore!.audit.seq - tail.length + 1,
        to: restore!.audit.seq,
        message: 'entries the previous run did not sign (it did not shut down cleanly)',
      });
    }
    return { init, systemHandle: system.value };
  }

  /**
   * Runs a syscall for an agent: validates the arguments, checks the handle's rights, runs
   * the handler and records the decision. Returns the result or throws a KernelError.
   */
  syscall(pid: number, name: string | number, args: Record<string, unknown> = {}): unknown {
    return dispatch(this, pid, name, args);
  }

  /** The host has started the agent's code. */
  started(pid: number): void {
    const agent = this.processes.required(pid);
    if (agent.state !== 'spawning') return;
    this.processes.transition(agent, 'running');
    this.audit.record(pid, 'lifecycle', 'running', true);
    this.events.lifecycle('running', agent);
  }

  /** The agent's code ended by itself (returned, threw, or hit a limit). */
  exited(pid: number, status: ExitStatus): void {
    const agent = this.processes.get(pid);
    if (agent && isAlive(agent)) this.lifecycle.end(agent, status);
  }

  /** The agent is waiting on something (a read, a call, a child); it does not compete for resources. */
  setBlocked(pid: number, blocked: boolean): void {
    const agent = this.processes.get(pid);
    if (!agent) return;
    if (blocked && agent.state === 'running') agent.state = 'blocked';
    else if (!blocked && agent.state === 'blocked') agent.state = 'running';
  }

  /**
   * Advances time-driven state: call timeouts, and what expired tokens gave. Returns the
   * number of expired calls.
   */
  tick(now: number): number {
    expireTokens(this, now);
    return this.ipc.expire(now);
  }

  /**
   * Writes queued audit records as lines and hands them to the store hook; with `seal`, also
   * signs the open block (see AuditChain.flush).
   */
  flushAudit(options: { seal?: boolean } = {}): string[] {
    this.events.emit('flushing');
    const lines = this.audit.flush(options);
    if (lines.length > 0) this.events.emit('audit', lines);
    return lines;
  }

  /** A live agent by pid, or E_NOT_FOUND / E_BAD_STATE. */
  liveAgent(pid: number): Agent {
    const agent = this.processes.required(pid);
    if (!isAlive(agent)) throw new KernelError('E_BAD_STATE', `Agent ${pid} has ${agent.state}`);
    return agent;
  }

  resource(name: string): ResourceObject {
    const r = name === 'system' ? this.system : this.resources.get(name);
    if (!r) throw new KernelError('E_NOT_FOUND', `No resource is named '${name}'`);
    return r;
  }

  #release(object: KObject): void {
    if (object.kind === 'channel') this.ipc.close(object);
    else if (object.kind === 'region') this.memory.free(object);
  }

  #signal(endpoint: Endpoint, signal: IpcSignal, call?: PendingCall): void {
    if (call && call.boosted !== 0) {
      this.scheduler.unboost(call.boosted);
      call.boosted = 0;
    }
    this.events.signal(endpoint, signal, call);
  }
}
