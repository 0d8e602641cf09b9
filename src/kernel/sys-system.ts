/**
 * The system family: what the layers above the kernel (the API, the dashboard, the shell,
 * the supervisor) need to read or derive from the system handle, as syscalls, so that every
 * such read is checked and audited on the one path (dispatch.ts) rather than by hand.
 *
 * @example
 * k.syscall(INIT_PID, 'resource_handle', { handle: system, name: 'tool', rights: RIGHTS.USE });
 * k.syscall(pid, 'system_info', { handle, detail: true }); // needs inspect on the system handle
 */
import { KernelError } from './errors.ts';
import type { Kernel } from './kernel.ts';
import type { Handle } from './objects.ts';
import { INIT_PID } from './params.ts';
import type { Agent, AgentState } from './process.ts';
import { RIGHTS } from './rights.ts';
import type { ResourceView } from './sched/scheduler.ts';
import { H, type SyscallDef } from './syscall-def.ts';

/** How many agents system_info names as the busiest senders. */
const TOP_SENDERS = 20;

export interface SystemInfo {
  /** Agents the kernel holds (live and recently ended). */
  agents: number;
  policy: string;
  /** Scheduler decisions since boot. */
  decisions: number;
  resources: ResourceView[];
  /** Messages and payload bytes written since boot. */
  messages: number;
  bytes: number;
  auditHead: number;
  /** With `detail` (inspect on the system handle): agents by state and the busiest senders. */
  byState?: Partial<Record<AgentState, number>>;
  senders?: { pid: number; name: string; messagesSent: number; bytesSent: number }[];
}

function systemOnly(k: Kernel, h: Handle, what: string): void {
  if (h.object !== k.system) throw new KernelError('E_BAD_HANDLE', `${what} needs the system handle`);
}

/** A handle to a named resource, derived from the system handle or from a handle to that resource. */
function resourceHandle(k: Kernel, caller: Agent, h: Handle, name: string, rights: number) {
  const resource = k.resource(name);
  if (h.object !== k.system && h.object !== resource) {
    throw new KernelError(
      'E_NO_RIGHTS',
      `A handle to '${name}' comes from the system handle or another handle to '${name}'`,
    );
  }
  const granted = rights & h.rights;
  // Init's handles are the owner's authority and are never revoked: no lineage to keep.
  const parent = caller.pid === INIT_PID ? undefined : h;
  const made = k.handles.install(caller.table, caller.pid, resource, granted, parent);
  return { handle: made.value, rights: granted };
}

function systemInfo(k: Kernel, h: Handle, detail: boolean): SystemInfo {
  const info: SystemInfo = {
    agents: k.processes.size,
    policy: k.scheduler.policyName,
    decisions: k.scheduler.decisions,
    resources: k.scheduler.resources(),
    messages: k.ipc.messages,
    bytes: k.ipc.bytes,
    auditHead: k.audit.head.seq,
  };
  if (!detail) return info;
  systemOnly(k, h, 'Detailed system information');
  if ((h.rights & RIGHTS.INSPECT) === 0) {
    throw new KernelError('E_NO_RIGHTS', 'Detailed system information needs the inspect right on the system');
  }
  const byState: Partial<Record<AgentState, number>> = {};
  const senders: Agent[] = [];
  for (const a of k.processes.values()) {
    byState[a.state] = (byState[a.state] ?? 0) + 1;
    if (a.usage.messagesSent > 0) senders.push(a);
  }
  senders.sort((a, b) => b.usage.messagesSent - a.usage.messagesSent);
  info.byState = byState;
  info.senders = senders.slice(0, TOP_SENDERS).map((a) => ({
    pid: a.pid,
    name: a.name,
    messagesSent: a.usage.messagesSent,
    bytesSent: a.usage.bytesSent,
  }));
  return info;
}

export const SYSTEM_CALLS: readonly SyscallDef[] = [
  {
    no: 80,
    name: 'resource_handle',
    doc: 'A handle to a named resource (system, llm, tool, cpu) with the same or fewer rights',
    args: {
      handle: H('The system handle, or a handle to the resource named'),
      name: { type: 'string', doc: 'Resource name' },
      rights: { type: 'u32', doc: 'Rights wanted; the new handle gets those the handle holds' },
    },
    handle: { arg: 'handle', kind: 'resource', rights: RIGHTS.DUPLICATE },
    plane: 'control',
    run: (k, c, a, h) => resourceHandle(k, c, h, a.name, a.rights),
    audit: (a, r) => ({ resource: a.name, rights: r.rights }),
  },
  {
    no: 81,
    name: 'system_info',
    doc: 'Counts of agents, messages and scheduler state; with detail (inspect on the system), by agent',
    args: {
      handle: H('Any handle the caller holds; the system handle with inspect for detail'),
      detail: { type: 'bool', optional: true, doc: 'Add agents by state and the busiest senders' },
    },
    handle: { arg: 'handle', rights: 0 },
    plane: 'data',
    run: (k, _c, a, h) => systemInfo(k, h, a.detail === true),
  },
  {
    no: 82,
    name: 'audit_read',
    doc: 'The audit head (seq and hash); the right to read the journal the store keeps',
    args: { handle: H('System handle') },
    handle: { arg: 'handle', kind: 'resource', rights: RIGHTS.AUDIT },
    plane: 'data',
    run: (k, _c, _a, h) => {
      systemOnly(k, h, 'Reading the audit');
      return k.audit.head;
    },
  },
];
