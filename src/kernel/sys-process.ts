/**
 * The process_* syscalls: their table entries and handlers. Arguments arrive validated and the
 * primary handle resolved with its rights checked (see dispatch.ts); handlers check what is
 * specific to them.
 */
import { KernelError } from './errors.ts';
import type { Kernel } from './kernel.ts';
import type { Handle } from './objects.ts';
import { INIT_PID } from './params.ts';
import type {
  Agent,
  AgentState,
  ExitStatus,
  ImageRef,
  OrphanPolicy,
  Quotas,
  RuntimeTier,
  SchedClass,
} from './process.ts';
import { isAlive, SERVICE_LABEL, weakerRuntime } from './process.ts';
import { DEFAULT_RIGHTS, RIGHTS } from './rights.ts';
import { SYSCALL_SPAWN_TIERS } from './runtimes.ts';
import { H, type SyscallDef } from './syscall-def.ts';

export const PROCESS_CALLS: readonly SyscallDef[] = [
  {
    no: 1,
    name: 'process_spawn',
    doc: 'Create a child agent from an image, in a runtime no weaker than the caller’s; returns its pid and a handle to it',
    args: {
      handle: H('System or agent handle with the spawn right'),
      image: { type: 'image', doc: 'Code reference and its SHA-256' },
      runtime: { type: `enum:${SYSCALL_SPAWN_TIERS.join('|')}`, doc: 'Isolation tier' },
      name: { type: 'string', optional: true, doc: 'Display name' },
      schedClass: { type: 'enum:realtime|normal|batch', optional: true, doc: 'Scheduling class' },
      weight: { type: 'u32', optional: true, doc: 'Fair-share weight, 1-1000' },
      deadlineMs: { type: 'u32', optional: true, doc: 'Relative deadline of realtime requests' },
      quotas: { type: 'quotas', optional: true, doc: 'Memory, CPU, IPC and LLM quotas' },
      orphans: {
        type: 'enum:cascade|reparent',
        optional: true,
        doc: 'What happens to its children when it ends',
      },
      labels: { type: 'labels', optional: true, doc: 'Caller-defined labels' },
      grants: { type: 'grants', optional: true, doc: 'Handles of the caller duplicated into the child' },
    },
    handle: { arg: 'handle', rights: RIGHTS.SPAWN },
    plane: 'control',
    run: (k, c, a) => spawn(k, c, a),
    audit: (a, r) => ({ child: r.pid, image: a.image.ref, runtime: a.runtime }),
  },
  {
    no: 2,
    name: 'process_kill',
    doc: 'End an agent and, unless it reparents them, its children',
    args: { handle: H('Agent handle') },
    handle: { arg: 'handle', kind: 'agent', rights: RIGHTS.MANAGE },
    plane: 'control',
    run: (k, c, _a, h) => kill(k, c, h),
  },
  {
    no: 3,
    name: 'process_suspend',
    doc: 'Pause an agent: its code stops and its requests leave the queues',
    args: { handle: H('Agent handle') },
    handle: { arg: 'handle', kind: 'agent', rights: RIGHTS.MANAGE },
    plane: 'control',
    run: (k, c, _a, h) => suspend(k, c, h),
  },
  {
    no: 4,
    name: 'process_resume',
    doc: 'Continue a suspended agent',
    args: { handle: H('Agent handle') },
    handle: { arg: 'handle', kind: 'agent', rights: RIGHTS.MANAGE },
    plane: 'control',
    run: (k, c, _a, h) => resume(k, c, h),
  },
  {
    no: 5,
    name: 'process_wait',
    doc: 'Exit status of an ended agent; E_WOULD_BLOCK while it runs',
    args: { handle: H('Agent handle') },
    handle: { arg: 'handle', kind: 'agent', rights: RIGHTS.WAIT },
    plane: 'data',
    run: (k, c, _a, h) => wait(k, c, h),
  },
  {
    no: 6,
    name: 'process_info',
    doc: 'State, class, quotas and usage of an agent',
    args: { handle: H('Agent handle') },
    handle: { arg: 'handle', kind: 'agent', rights: RIGHTS.INSPECT },
    plane: 'data',
    run: (k, c, _a, h) => info(k, c, h),
  },
  {
    no: 7,
    name: 'process_list',
    doc: 'Every agent in the process table',
    args: { handle: H('System handle') },
    handle: { arg: 'handle', kind: 'resource', rights: RIGHTS.INSPECT },
    plane: 'data',
    run: (k, c, _a, h) => list(k, c, h),
  },
  {
    no: 8,
    name: 'process_clone',
    doc: 'A new agent with the same image, settings and duplicable handles',
    args: { handle: H('Agent handle') },
    handle: { arg: 'handle', kind: 'agent', rights: RIGHTS.MANAGE },
    plane: 'control',
    run: (k, c, _a, h) => clone(k, c, h),
    audit: (_a, r) => ({ child: r.pid }),
  },
  {
    no: 9,
    name: 'process_upgrade',
    doc: 'Replace an agent’s image (not in a runtime weaker than the caller’s); it keeps its pid, handles and children',
    args: { handle: H('Agent handle'), image: { type: 'image', doc: 'New code reference and hash' } },
    handle: { arg: 'handle', kind: 'agent', rights: RIGHTS.MANAGE },
    plane: 'control',
    run: (k, c, a, h) => upgrade(k, c, h, a.image),
  },
  {
    no: 10,
    name: 'process_exit',
    doc: 'End the calling agent with an exit code and an optional JSON result',
    args: {
      code: { type: 'u32', doc: '0 for success' },
      result: { type: 'json', optional: true, doc: 'JSON text of the result' },
      message: { type: 'string', optional: true, doc: 'Why it ended, for its parent and the audit' },
    },
    plane: 'control',
    run: (k, c, a) => exit(k, c, a.code, a.result, a.message),
  },
  {
    no: 11,
    name: 'process_handle',
    doc: 'A handle to any agent by pid, with the system handle’s rights narrowed to an agent’s',
    args: { handle: H('System handle'), pid: { type: 'u32', doc: 'Pid of the agent' } },
    handle: { arg: 'handle', kind: 'resource', rights: RIGHTS.INSPECT },
    plane: 'data',
    run: (k, c, a, h) => handleFor(k, c, h, a.pid),
  },
];

export interface AgentInfo {
  pid: number;
  parent: number;
  name: string;
  image: ImageRef;
  runtime: RuntimeTier;
  state: AgentState;
  schedClass: SchedClass;
  weight: number;
  deadlineMs: number | null;
  quotas: Quotas;
  usage: Agent['usage'];
  /** What it and the agents below it use together, against its quotas. */
  subtree: Agent['subtree'];
  handles: number;
  children: number[];
  createdAt: number;
  exit: ExitStatus | null;
  labels: Record<string, string>;
}

export function agentInfo(a: Agent): AgentInfo {
  return {
    pid: a.pid,
    parent: a.parent,
    name: a.name,
    image: a.image,
    runtime: a.runtime,
    state: a.state,
    schedClass: a.schedClass,
    weight: a.weight,
    deadlineMs: a.deadlineMs ?? null,
    quotas: { ...a.quotas },
    usage: { ...a.usage },
    subtree: { ...a.subtree },
    handles: a.table.size,
    children: [...a.children],
    createdAt: a.createdAt,
    exit: a.exit ?? null,
    labels: { ...a.labels },
  };
}

interface SpawnArgs {
  handle: number;
  image: ImageRef;
  runtime: RuntimeTier;
  name?: string;
  schedClass?: SchedClass;
  weight?: number;
  deadlineMs?: number;
  quotas?: Partial<Quotas>;
  orphans?: OrphanPolicy;
  labels?: Record<string, string>;
  grants?: { handle: number; rights: number }[];
}

function spawn(k: Kernel, caller: Agent, a: SpawnArgs): { pid: number; handle: number } {
  if (a.runtime === 'kernel') throw new KernelError('E_BAD_ARG', "'runtime' kernel is reserved for init");
  const weaker = weakerRuntime(caller.runtime, a.runtime);
  if (weaker !== undefined) throw new KernelError('E_NO_RIGHTS', weaker);
  // A system service may start the services below it (the root supervisor, the services tree)
  if (
    a.labels?.[SERVICE_LABEL] !== undefined &&
    caller.pid !== INIT_PID &&
    caller.labels[SERVICE_LABEL] === undefined
  ) {
    throw new KernelError(
      'E_BAD_ARG',
      `Label '${SERVICE_LABEL}' is reserved for system services started by init or by another service`,
    );
  }
  const grants = (a.grants ?? []).map((g) => ({
    handle: k.handles.lookup(caller.table, g.handle, undefined, 0),
    rights: g.rights,
  }));
  const { agent, handle } = k.lifecycle.spawn(
    caller,
    {
      name: a.name,
      image: a.image,
      runtime: a.runtime,
      schedClass: a.schedClass,
      weight: a.weight,
      deadlineMs: a.deadlineMs,
      quotas: a.quotas,
      orphans: a.orphans,
      labels: k.checkpoints.labelChild(caller, a.labels),
    },
    grants,
  );
  return { pid: agent.pid, handle };
}

function target(k: Kernel, h: Handle): Agent {
  if (h.object.kind !== 'agent') throw new KernelError('E_BAD_HANDLE', 'Handle does not name an agent');
  return k.processes.required(h.object.pid);
}

/** Throws E_BAD_STATE when `agent` is a system service and `caller` is neither init nor its parent. */
function guardService(caller: Agent, agent: Agent, verb: string): void {
  const service = agent.labels[SERVICE_LABEL];
  if (service === undefined || caller.pid === INIT_PID || caller.pid === agent.parent) return;
  throw new KernelError(
    'E_BAD_STATE',
    `Agent ${agent.pid} is the system service '${service}' and cannot be ${verb} like init; only the owner can stop it, on the host`,
  );
}

function kill(k: Kernel, caller: Agent, h: Handle): void {
  const agent = target(k, h);
  guardService(caller, agent, 'killed');
  k.lifecycle.kill(agent, caller.pid);
}

function suspend(k: Kernel, caller: Agent, h: Handle): void {
  const agent = target(k, h);
  guardService(caller, agent, 'suspended');
  // An external agent (an API session, Atlas) runs no code here to pause: suspended, it could
  // only fail every call it makes, including the one that would resume it.
  if (agent.runtime === 'external') {
    throw new KernelError(
      'E_BAD_STATE',
      `Agent ${agent.pid} is an external session with no code to pause; revoke its token to end it`,
    );
  }
  k.lifecycle.suspend(agent);
}

function resume(k: Kernel, _caller: Agent, h: Handle): void {
  k.lifecycle.resume(target(k, h));
}

function wait(k: Kernel, _caller: Agent, h: Handle): NonNullable<Agent['exit']> {
  const agent = target(k, h);
  if (isAlive(agent)) throw new KernelError('E_WOULD_BLOCK', `Agent ${agent.pid} is still ${agent.state}`);
  return agent.exit!;
}

function info(k: Kernel, _caller: Agent, h: Handle): AgentInfo {
  return agentInfo(target(k, h));
}

function list(k: Kernel, _caller: Agent, h: Handle): AgentInfo[] {
  if (h.object !== k.system) throw new KernelError('E_BAD_HANDLE', 'Listing agents needs the system handle');
  return [...k.processes.values()].map(agentInfo);
}

function clone(k: Kernel, caller: Agent, h: Handle): { pid: number; handle: number } {
  const { agent, handle } = k.lifecycle.clone(target(k, h), caller);
  if (caller.pid !== INIT_PID) delete agent.labels[SERVICE_LABEL]; // a copy of a service is no service
  return { pid: agent.pid, handle };
}

function upgrade(k: Kernel, caller: Agent, h: Handle, image: ImageRef): void {
  const agent = target(k, h);
  guardService(caller, agent, 'upgraded');
  // New code in the target's runtime: as much a start as a spawn is
  if (weakerRuntime(caller.runtime, agent.runtime) !== undefined) {
    throw new KernelError(
      'E_NO_RIGHTS',
      `Cannot upgrade agent ${agent.pid}: its '${agent.runtime}' runtime confines less than the caller's (${caller.runtime}); only the owner may change the code it runs`,
    );
  }
  k.lifecycle.upgrade(agent, image);
}

function exit(k: Kernel, caller: Agent, code: number, result?: string, message?: string): void {
  k.lifecycle.end(caller, { code, reason: code === 0 ? 'normal' : 'error', message, result });
}

function handleFor(k: Kernel, caller: Agent, h: Handle, pid: number): number {
  if (h.object !== k.system)
    throw new KernelError('E_BAD_HANDLE', 'Looking up agents needs the system handle');
  const agent = k.processes.required(pid);
  return k.handles.install(caller.table, caller.pid, agent.object, h.rights & DEFAULT_RIGHTS.agent, h).value;
}
