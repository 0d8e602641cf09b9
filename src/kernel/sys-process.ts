/**
 * Handlers of the process_* syscalls. Arguments arrive validated and the primary handle
 * resolved with its rights checked (see syscalls.ts); handlers check what is specific to them.
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
import { DEFAULT_RIGHTS, rightNames } from './rights.ts';

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

export interface SpawnArgs {
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

export function spawn(k: Kernel, caller: Agent, a: SpawnArgs): { pid: number; handle: number } {
  if (a.runtime === 'kernel') throw new KernelError('E_BAD_ARG', "'runtime' kernel is reserved for init");
  const weaker = weakerRuntime(caller.runtime, a.runtime);
  if (weaker !== undefined) throw new KernelError('E_NO_RIGHTS', weaker);
  if (a.labels?.[SERVICE_LABEL] !== undefined && caller.pid !== INIT_PID) {
    throw new KernelError(
      'E_BAD_ARG',
      `Label '${SERVICE_LABEL}' is reserved for system services started by init`,
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

export function kill(k: Kernel, caller: Agent, h: Handle): void {
  const agent = target(k, h);
  guardService(caller, agent, 'killed');
  k.lifecycle.kill(agent, caller.pid);
}

export function suspend(k: Kernel, caller: Agent, h: Handle): void {
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

export function resume(k: Kernel, _caller: Agent, h: Handle): void {
  k.lifecycle.resume(target(k, h));
}

export function wait(k: Kernel, _caller: Agent, h: Handle): NonNullable<Agent['exit']> {
  const agent = target(k, h);
  if (isAlive(agent)) throw new KernelError('E_WOULD_BLOCK', `Agent ${agent.pid} is still ${agent.state}`);
  return agent.exit!;
}

export function info(k: Kernel, _caller: Agent, h: Handle): AgentInfo {
  return agentInfo(target(k, h));
}

export function list(k: Kernel, _caller: Agent, h: Handle): AgentInfo[] {
  if (h.object !== k.system) throw new KernelError('E_BAD_HANDLE', 'Listing agents needs the system handle');
  return [...k.processes.values()].map(agentInfo);
}

export function clone(k: Kernel, caller: Agent, h: Handle): { pid: number; handle: number } {
  const { agent, handle } = k.lifecycle.clone(target(k, h), caller);
  if (caller.pid !== INIT_PID) delete agent.labels[SERVICE_LABEL]; // a copy of a service is no service
  return { pid: agent.pid, handle };
}

export function upgrade(k: Kernel, caller: Agent, h: Handle, image: ImageRef): void {
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

export function exit(k: Kernel, caller: Agent, code: number, result?: string, message?: string): void {
  k.lifecycle.end(caller, { code, reason: code === 0 ? 'normal' : 'error', message, result });
}

export function handleFor(k: Kernel, caller: Agent, h: Handle, pid: number): number {
  if (h.object !== k.system)
    throw new KernelError('E_BAD_HANDLE', 'Looking up agents needs the system handle');
  const agent = k.processes.required(pid);
  return k.handles.install(caller.table, caller.pid, agent.object, h.rights & DEFAULT_RIGHTS.agent, h).value;
}

export function handleInfo(h: Handle): { kind: string; koid: number; rights: string[]; rightsMask: number } {
  return { kind: h.object.kind, koid: h.object.koid, rights: rightNames(h.rights), rightsMask: h.rights };
}
