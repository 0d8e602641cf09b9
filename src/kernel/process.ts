/**
 * The process table. An agent is a process: identity, image, runtime tier, state, scheduling
 * class, quotas, usage, handle table and exit status. This file holds the records and the
 * legal state transitions; kernel.ts ties them to handles, IPC and the scheduler.
 *
 * @example
 * const agent = table.create({ parent: 1, image: { ref: 'hello.ts', hash }, runtime: 'isolate' });
 * table.transition(agent, 'running');
 */
import { KernelError } from './errors.ts';
import type { HandleTable } from './handles.ts';
import type { AgentObject } from './objects.ts';
import { INIT_PID, PARAMS } from './params.ts';
import type { RuntimeTier } from './runtimes.ts';
import type { SubtreeUsage } from './subtree.ts';

export { CONFINEMENT, type RuntimeTier, weakerRuntime } from './runtimes.ts';

export type AgentState = 'spawning' | 'running' | 'blocked' | 'suspended' | 'exited' | 'crashed';
export type SchedClass = 'realtime' | 'normal' | 'batch';
/** What happens to an agent's children when it ends: killed with it, or handed to init. */
export type OrphanPolicy = 'cascade' | 'reparent';

/** An agent's quotas; each bounds the agents below it too (subtree.ts). */
export interface Quotas {
  /** Its isolate's heap, and the memory regions held by it and the agents below it. */
  memoryBytes: number;
  cpuMsPerEpoch: number;
  ipcQueueDepth: number;
  /** LLM tokens a minute, taken by it and the agents below it. */
  llmTokensPerMin: number;
  /** Live agents below it: children, their children, and so on. */
  children: number;
}

export interface Usage {
  memoryBytes: number;
  cpuMsThisEpoch: number;
  cpuMsTotal: number;
  llmTokensThisMinute: number;
  llmMinuteStart: number;
  syscalls: number;
  denied: number;
  messagesSent: number;
  bytesSent: number;
}

export interface ImageRef {
  /** Where the code comes from: a path, a URL or a content address. */
  ref: string;
  /** SHA-256 of the code, hex. */
  hash: string;
}

export interface ExitStatus {
  code: number;
  reason: 'normal' | 'error' | 'killed' | 'crashed' | 'memory_limit' | 'cpu_limit' | 'timeout' | 'denied';
  message?: string;
  /** JSON text of the agent's return value. */
  result?: string;
}

export interface Agent {
  readonly pid: number;
  parent: number;
  name: string;
  image: ImageRef;
  readonly runtime: RuntimeTier;
  state: AgentState;
  /** State to return to on resume. */
  stateBeforeSuspend: AgentState | undefined;
  schedClass: SchedClass;
  weight: number;
  /** Relative deadline in ms for realtime requests. */
  deadlineMs: number | undefined;
  readonly quotas: Quotas;
  readonly usage: Usage;
  /** What it and every agent below it use together, bounded by its quotas (subtree.ts). */
  readonly subtree: SubtreeUsage;
  readonly table: HandleTable;
  readonly children: Set<number>;
  readonly orphans: OrphanPolicy;
  readonly object: AgentObject;
  readonly createdAt: number;
  exit: ExitStatus | undefined;
  /** Handle values the agent starts with: its own, then each grant in order. */
  startHandles: number[];
  /** Extra, caller-defined labels (restart policy, service name). */
  labels: Record<string, string>;
}

/**
 * The label that makes an agent a system service. Only init, or a service (the root supervisor,
 * the services tree), may give it, and a service is stopped only by init or the agent that
 * started it: a token
 * that may manage agents still cannot take the system's own services down.
 */
export const SERVICE_LABEL = 'service';

export interface SpawnSpec {
  parent: number;
  name?: string;
  image: ImageRef;
  runtime: RuntimeTier;
  schedClass?: SchedClass;
  weight?: number;
  deadlineMs?: number;
  quotas?: Partial<Quotas>;
  orphans?: OrphanPolicy;
  labels?: Record<string, string>;
}

const TRANSITIONS: Readonly<Record<AgentState, readonly AgentState[]>> = {
  spawning: ['running', 'exited', 'crashed', 'suspended'],
  running: ['blocked', 'suspended', 'exited', 'crashed'],
  blocked: ['running', 'suspended', 'exited', 'crashed'],
  suspended: ['running', 'blocked', 'spawning', 'exited', 'crashed'],
  exited: [],
  crashed: [],
};

export function isAlive(agent: Agent): boolean {
  return agent.state !== 'exited' && agent.state !== 'crashed';
}

export function defaultQuotas(): Quotas {
  return {
    memoryBytes: PARAMS.MEM_QUOTA_DEFAULT,
    cpuMsPerEpoch: PARAMS.CPU_MS_PER_EPOCH_DEFAULT,
    ipcQueueDepth: PARAMS.IPC_QUEUE_DEPTH_DEFAULT,
    llmTokensPerMin: PARAMS.LLM_TOKENS_PER_MIN_DEFAULT,
    children: PARAMS.CHILDREN_PER_AGENT_DEFAULT,
  };
}

/** Checks quota values against the kernel's ceilings; throws E_BAD_ARG naming the field. */
function checkQuotas(q: Quotas): void {
  const bad = (field: string, limit: string) => {
    throw new KernelError('E_BAD_ARG', `Quota ${field} must be ${limit}`);
  };
  if (!(q.memoryBytes > 0 && q.memoryBytes <= PARAMS.MEM_QUOTA_MAX))
    bad('memoryBytes', 'between 1 byte and 1 GiB');
  if (!(q.cpuMsPerEpoch > 0)) bad('cpuMsPerEpoch', 'positive');
  if (!(q.ipcQueueDepth >= 1 && q.ipcQueueDepth <= PARAMS.IPC_QUEUE_DEPTH_MAX)) {
    bad('ipcQueueDepth', `between 1 and ${PARAMS.IPC_QUEUE_DEPTH_MAX}`);
  }
  if (!(q.llmTokensPerMin >= 0)) bad('llmTokensPerMin', 'zero or more');
  if (!(q.children >= 0)) bad('children', 'zero or more');
}

export class ProcessTable {
  readonly #agents = new Map<number, Agent>();
  #nextPid = INIT_PID;
  #nextKoid: () => number;
  readonly #liveMax: number;
  #live = 0;

  /** `liveMax`: the most agents alive at once, system-wide. */
  constructor(nextKoid: () => number, liveMax: number = PARAMS.AGENTS_LIVE_MAX) {
    this.#nextKoid = nextKoid;
    this.#liveMax = liveMax;
  }

  /** Agents in the table, ended ones kept for ps and wait included. */
  get size(): number {
    return this.#agents.size;
  }

  /** Agents alive now. */
  get live(): number {
    return this.#live;
  }

  /** The next pid to hand out; restored after a restart so pids are never reused. */
  get nextPid(): number {
    return this.#nextPid;
  }
  set nextPid(pid: number) {
    this.#nextPid = Math.max(this.#nextPid, pid);
  }

  create(spec: SpawnSpec, now: number): Agent {
    if (this.#live >= this.#liveMax) {
      throw new KernelError(
        'E_QUOTA',
        `The system already runs ${this.#live} agents, its limit; end some agents before starting more`,
      );
    }
    if (this.#agents.size >= PARAMS.AGENTS_MAX) {
      throw new KernelError('E_QUOTA', `The process table is full (${PARAMS.AGENTS_MAX} agents)`);
    }
    const weight = spec.weight ?? 1;
    if (!Number.isInteger(weight) || weight < PARAMS.WEIGHT_MIN || weight > PARAMS.WEIGHT_MAX) {
      throw new KernelError(
        'E_BAD_ARG',
        `Weight must be an integer from ${PARAMS.WEIGHT_MIN} to ${PARAMS.WEIGHT_MAX}`,
      );
    }
    const quotas = { ...defaultQuotas(), ...spec.quotas };
    checkQuotas(quotas);
    const pid = this.#nextPid++;
    const agent: Agent = {
      pid,
      parent: spec.parent,
      name: spec.name ?? spec.image.ref.split('/').pop() ?? `agent-${pid}`,
      image: spec.image,
      runtime: spec.runtime,
      state: 'spawning',
      stateBeforeSuspend: undefined,
      schedClass: spec.schedClass ?? 'normal',
      weight,
      deadlineMs: spec.deadlineMs,
      quotas,
      usage: {
        memoryBytes: 0,
        cpuMsThisEpoch: 0,
        cpuMsTotal: 0,
        llmTokensThisMinute: 0,
        llmMinuteStart: now,
        syscalls: 0,
        denied: 0,
        messagesSent: 0,
        bytesSent: 0,
      },
      subtree: { agents: 0, memoryBytes: 0, llmTokensThisMinute: 0, llmMinuteStart: now },
      table: new Map(),
      children: new Set(),
      orphans: spec.orphans ?? 'cascade',
      object: { koid: this.#nextKoid(), kind: 'agent', pid, handleCount: 0 },
      createdAt: now,
      exit: undefined,
      startHandles: [],
      labels: { ...spec.labels },
    };
    this.#agents.set(pid, agent);
    this.#live++;
    return agent;
  }

  get(pid: number): Agent | undefined {
    return this.#agents.get(pid);
  }

  /** The agent, or E_NOT_FOUND. */
  required(pid: number): Agent {
    const agent = this.#agents.get(pid);
    if (agent === undefined) throw new KernelError('E_NOT_FOUND', `No agent has pid ${pid}`);
    return agent;
  }

  /** Moves an agent to a new state; throws E_BAD_STATE for an illegal move. */
  transition(agent: Agent, to: AgentState): void {
    if (agent.state === to) return;
    if (!TRANSITIONS[agent.state].includes(to)) {
      throw new KernelError('E_BAD_STATE', `Agent ${agent.pid} is ${agent.state}; it cannot become ${to}`);
    }
    if (to === 'exited' || to === 'crashed') this.#live--;
    agent.state = to;
  }

  /** Forgets an ended agent (reaped by its parent or by the table's retention). */
  remove(pid: number): void {
    this.#agents.delete(pid);
  }

  values(): IterableIterator<Agent> {
    return this.#agents.values();
  }
}
