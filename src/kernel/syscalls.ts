/**
 * The syscall table: the single source of every call's number, name, arguments, required
 * rights and doc line. dispatch.ts validates every argument, resolves the primary handle and
 * checks its rights before a handler runs, and records the decision in the audit chain.
 * docs/syscalls.md and `aios syscalls` are generated from this table.
 */
import type { ArgSpec } from './args.ts';
import type { Kernel } from './kernel.ts';
import type { Handle } from './objects.ts';
import type { Agent } from './process.ts';
import { type ObjectKind, RIGHTS } from './rights.ts';
import * as ipc from './sys-ipc.ts';
import * as proc from './sys-process.ts';
import * as tok from './sys-token.ts';

// biome-ignore lint/suspicious/noExplicitAny: arguments are validated against `args` before a handler sees them
type Args = any;

export interface SyscallDef {
  readonly no: number;
  readonly name: string;
  readonly doc: string;
  readonly args: Record<string, ArgSpec>;
  /** The handle argument dispatch resolves, the kind it must name (any if omitted) and the rights it needs. */
  readonly handle?: { readonly arg: string; readonly kind?: ObjectKind; readonly rights: number };
  /** Data-plane calls are counted in the audit; control-plane calls are each an entry. */
  readonly plane: 'control' | 'data';
  readonly run: (k: Kernel, caller: Agent, args: Args, h: Handle) => unknown;
  /** What the audit entry of an allowed call records besides its name. */
  readonly audit?: (args: Args, result: Args) => object;
}

const H = (doc = 'Handle the call acts on'): ArgSpec => ({ type: 'handle', doc });
const bytes: ArgSpec = { type: 'bytes', doc: 'Message payload' };
const sent: ArgSpec = { type: 'handles', optional: true, doc: 'Handles to move to the receiver' };

export const SYSCALLS: readonly SyscallDef[] = [
  // Processes
  {
    no: 1,
    name: 'process_spawn',
    doc: 'Create a child agent from an image; returns its pid and a handle to it',
    args: {
      handle: H('System or agent handle with the spawn right'),
      image: { type: 'image', doc: 'Code reference and its SHA-256' },
      runtime: { type: 'enum:builtin|isolate|wasm|process|external', doc: 'Isolation tier' },
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
    run: (k, c, a) => proc.spawn(k, c, a),
    audit: (a, r) => ({ child: r.pid, image: a.image.ref, runtime: a.runtime }),
  },
  {
    no: 2,
    name: 'process_kill',
    doc: 'End an agent and, unless it reparents them, its children',
    args: { handle: H('Agent handle') },
    handle: { arg: 'handle', kind: 'agent', rights: RIGHTS.MANAGE },
    plane: 'control',
    run: (k, c, _a, h) => proc.kill(k, c, h),
  },
  {
    no: 3,
    name: 'process_suspend',
    doc: 'Pause an agent: its code stops and its requests leave the queues',
    args: { handle: H('Agent handle') },
    handle: { arg: 'handle', kind: 'agent', rights: RIGHTS.MANAGE },
    plane: 'control',
    run: (k, c, _a, h) => proc.suspend(k, c, h),
  },
  {
    no: 4,
    name: 'process_resume',
    doc: 'Continue a suspended agent',
    args: { handle: H('Agent handle') },
    handle: { arg: 'handle', kind: 'agent', rights: RIGHTS.MANAGE },
    plane: 'control',
    run: (k, c, _a, h) => proc.resume(k, c, h),
  },
  {
    no: 5,
    name: 'process_wait',
    doc: 'Exit status of an ended agent; E_WOULD_BLOCK while it runs',
    args: { handle: H('Agent handle') },
    handle: { arg: 'handle', kind: 'agent', rights: RIGHTS.WAIT },
    plane: 'data',
    run: (k, c, _a, h) => proc.wait(k, c, h),
  },
  {
    no: 6,
    name: 'process_info',
    doc: 'State, class, quotas and usage of an agent',
    args: { handle: H('Agent handle') },
    handle: { arg: 'handle', kind: 'agent', rights: RIGHTS.INSPECT },
    plane: 'data',
    run: (k, c, _a, h) => proc.info(k, c, h),
  },
  {
    no: 7,
    name: 'process_list',
    doc: 'Every agent in the process table',
    args: { handle: H('System handle') },
    handle: { arg: 'handle', kind: 'resource', rights: RIGHTS.INSPECT },
    plane: 'data',
    run: (k, c, _a, h) => proc.list(k, c, h),
  },
  {
    no: 8,
    name: 'process_clone',
    doc: 'A new agent with the same image, settings and duplicable handles',
    args: { handle: H('Agent handle') },
    handle: { arg: 'handle', kind: 'agent', rights: RIGHTS.MANAGE },
    plane: 'control',
    run: (k, c, _a, h) => proc.clone(k, c, h),
    audit: (_a, r) => ({ child: r.pid }),
  },
  {
    no: 9,
    name: 'process_upgrade',
    doc: 'Replace an agent’s image; it keeps its pid, handles and children',
    args: { handle: H('Agent handle'), image: { type: 'image', doc: 'New code reference and hash' } },
    handle: { arg: 'handle', kind: 'agent', rights: RIGHTS.MANAGE },
    plane: 'control',
    run: (k, c, a, h) => proc.upgrade(k, c, h, a.image),
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
    run: (k, c, a) => proc.exit(k, c, a.code, a.result, a.message),
  },
  {
    no: 11,
    name: 'process_handle',
    doc: 'A handle to any agent by pid, with the system handle’s rights narrowed to an agent’s',
    args: { handle: H('System handle'), pid: { type: 'u32', doc: 'Pid of the agent' } },
    handle: { arg: 'handle', kind: 'resource', rights: RIGHTS.INSPECT },
    plane: 'data',
    run: (k, c, a, h) => proc.handleFor(k, c, h, a.pid),
  },
  // Handles and tokens
  {
    no: 20,
    name: 'handle_duplicate',
    doc: 'A second handle to the same object with the same or fewer rights',
    args: { handle: H(), rights: { type: 'u32', doc: 'Rights of the new handle; a subset' } },
    handle: { arg: 'handle', rights: RIGHTS.DUPLICATE },
    plane: 'control',
    run: (k, c, a, h) => k.handles.duplicate(c.table, h, a.rights).value,
  },
  {
    no: 21,
    name: 'handle_close',
    doc: 'Close a handle; closing a value not held is harmless',
    args: { handle: { type: 'u32', doc: 'Handle value' } },
    plane: 'data',
    run: (k, c, a) => k.handles.close(c.table, a.handle),
  },
  {
    no: 22,
    name: 'handle_revoke',
    doc: 'Revoke a handle and every handle derived from it',
    args: { handle: H() },
    handle: { arg: 'handle', rights: RIGHTS.REVOKE },
    plane: 'control',
    run: (k, c, _a, h) => k.handles.revoke(h, c.table),
  },
  {
    no: 23,
    name: 'handle_info',
    doc: 'Kind, object id and rights of a handle',
    args: { handle: H() },
    handle: { arg: 'handle', rights: 0 },
    plane: 'data',
    run: (_k, _c, _a, h) => proc.handleInfo(h),
  },
  {
    no: 24,
    name: 'token_mint',
    doc: 'Sign a capability token granting rights on a scope',
    args: {
      handle: H('System handle'),
      agentId: { type: 'u32', doc: 'Pid allowed to redeem it, or 0 for a bearer token' },
      rights: { type: 'u32', doc: 'Rights the token grants' },
      scope: { type: 'string', doc: 'system, agent:<pid> or resource:<name>' },
      ttlMs: { type: 'u32', optional: true, doc: 'Lifetime in ms' },
    },
    handle: { arg: 'handle', kind: 'resource', rights: RIGHTS.MINT },
    plane: 'control',
    run: (k, c, a, h) => tok.mint(k, c, h, a),
  },
  {
    no: 25,
    name: 'token_revoke',
    doc: 'Revoke a token and every handle redeemed from it',
    args: { handle: H('System handle'), tokenId: { type: 'string', doc: 'Token id' } },
    handle: { arg: 'handle', kind: 'resource', rights: RIGHTS.MINT },
    plane: 'control',
    run: (k, c, a, h) => tok.revokeToken(k, c, h, a.tokenId),
  },
  {
    no: 26,
    name: 'token_redeem',
    doc: 'Verify a capability token and receive a handle with its rights',
    args: { token: { type: 'token', doc: 'Encoded token' } },
    plane: 'control',
    run: (k, c, a) => tok.redeem(k, c, a.token),
    audit: (_a, r) => ({ scope: r.scope, rights: r.rights }),
  },
  // IPC
  {
    no: 30,
    name: 'channel_create',
    doc: 'A pair of connected channel endpoints, both held by the caller',
    args: { depth: { type: 'u32', optional: true, doc: 'Queue depth of each end' } },
    plane: 'control',
    run: (k, c, a) => ipc.channelCreate(k, c, a.depth),
  },
  {
    no: 31,
    name: 'channel_write',
    doc: 'Queue a message (at most 64 KiB with header) on the peer end',
    args: { handle: H('Channel endpoint'), bytes, handles: sent },
    handle: { arg: 'handle', kind: 'channel', rights: RIGHTS.WRITE },
    plane: 'data',
    run: (k, c, a, h) => ipc.channelWrite(k, c, h, a.bytes, a.handles),
  },
  {
    no: 32,
    name: 'channel_read',
    doc: 'Take the next message; E_WOULD_BLOCK when none waits',
    args: { handle: H('Channel endpoint') },
    handle: { arg: 'handle', kind: 'channel', rights: RIGHTS.READ },
    plane: 'data',
    run: (k, c, _a, h) => ipc.channelRead(k, c, h),
  },
  {
    no: 33,
    name: 'channel_call',
    doc: 'Send a request and register for its reply; returns a transaction id',
    args: {
      handle: H('Channel endpoint'),
      bytes,
      handles: sent,
      timeoutMs: { type: 'u32', optional: true, doc: 'Reply deadline in ms' },
    },
    handle: { arg: 'handle', kind: 'channel', rights: RIGHTS.WRITE | RIGHTS.READ },
    plane: 'data',
    run: (k, c, a, h) => ipc.channelCall(k, c, h, a.bytes, a.handles, a.timeoutMs),
  },
  {
    no: 34,
    name: 'channel_call_result',
    doc: 'The reply to a call; E_WOULD_BLOCK until it arrives, E_TIMED_OUT after the deadline',
    args: { handle: H('Channel endpoint'), txid: { type: 'u32', doc: 'Transaction id from channel_call' } },
    handle: { arg: 'handle', kind: 'channel', rights: RIGHTS.READ },
    plane: 'data',
    run: (k, c, a, h) => ipc.channelCallResult(k, c, h, a.txid),
  },
  {
    no: 35,
    name: 'channel_reply',
    doc: 'Answer a request read from this endpoint',
    args: {
      handle: H('Channel endpoint'),
      txid: { type: 'u32', doc: 'Transaction id of the request' },
      bytes,
      handles: sent,
    },
    handle: { arg: 'handle', kind: 'channel', rights: RIGHTS.WRITE },
    plane: 'data',
    run: (k, c, a, h) => ipc.channelReply(k, c, h, a.txid, a.bytes, a.handles),
  },
  // Memory
  {
    no: 40,
    name: 'region_alloc',
    doc: 'Allocate a shared memory region from the caller’s pool',
    args: { size: { type: 'u32', doc: 'Size in bytes' } },
    plane: 'control',
    run: (k, c, a) => ipc.regionAlloc(k, c, a.size),
    audit: (a) => ({ size: a.size }),
  },
  {
    no: 41,
    name: 'region_read',
    doc: 'Copy bytes out of a region',
    args: {
      handle: H('Region'),
      offset: { type: 'u32', doc: 'Byte offset' },
      length: { type: 'u32', doc: 'Byte count' },
    },
    handle: { arg: 'handle', kind: 'region', rights: RIGHTS.READ },
    plane: 'data',
    run: (k, _c, a, h) => k.memory.read(h.object as never, a.offset, a.length),
  },
  {
    no: 42,
    name: 'region_write',
    doc: 'Copy bytes into a region',
    args: {
      handle: H('Region'),
      offset: { type: 'u32', doc: 'Byte offset' },
      bytes: { type: 'bytes', doc: 'Data' },
    },
    handle: { arg: 'handle', kind: 'region', rights: RIGHTS.WRITE },
    plane: 'data',
    run: (k, _c, a, h) => k.memory.write(h.object as never, a.offset, a.bytes),
  },
  {
    no: 43,
    name: 'region_map',
    doc: 'Map a region into the caller (its shared buffer, no copy)',
    args: { handle: H('Region') },
    handle: { arg: 'handle', kind: 'region', rights: RIGHTS.MAP },
    plane: 'control',
    run: (_k, _c, _a, h) => ipc.regionMap(h),
  },
  {
    no: 44,
    name: 'region_free',
    doc: 'Return a region to its pool; every handle to it stops working',
    args: { handle: H('Region') },
    handle: { arg: 'handle', kind: 'region', rights: RIGHTS.WRITE },
    plane: 'control',
    run: (k, _c, _a, h) => k.memory.free(h.object as never),
  },
  // Scheduling
  {
    no: 50,
    name: 'sched_submit',
    doc: 'Queue a request for a scheduled resource (LLM, tool, CPU); returns its id',
    args: {
      handle: H('Resource handle'),
      cost: { type: 'number', doc: 'Cost in the resource’s unit (tokens, ms, calls)' },
      deadlineMs: { type: 'u32', optional: true, doc: 'Relative deadline' },
      preemptible: { type: 'bool', optional: true, doc: 'Whether it may be preempted' },
    },
    handle: { arg: 'handle', kind: 'resource', rights: RIGHTS.USE },
    plane: 'data',
    run: (k, c, a, h) => tok.schedSubmit(k, c, h, a),
  },
  {
    no: 51,
    name: 'sched_cancel',
    doc: 'Withdraw one of the caller’s requests',
    args: { id: { type: 'u32', doc: 'Request id' } },
    plane: 'data',
    run: (k, c, a) => tok.schedCancel(k, c, a.id),
  },
  // Tools
  {
    no: 60,
    name: 'tool_invoke',
    doc: 'Authorise one tool action at a risk level (0 read … 3 destroy); the host runs it only after this succeeds',
    args: {
      handle: H('Tool resource handle'),
      tool: { type: 'string', doc: 'Tool name (files, text, git, …)' },
      action: { type: 'string', doc: 'Action name (list, move, delete, …)' },
      risk: { type: 'u32', doc: '0 read-only, 1 create/move, 2 overwrite, 3 delete/kill' },
      target: { type: 'string', optional: true, doc: 'What it acts on, for the audit (a path, a pid)' },
    },
    handle: { arg: 'handle', kind: 'resource', rights: RIGHTS.USE },
    plane: 'control',
    run: (k, c, a, h) => tok.toolInvoke(k, c, h, a),
    audit: (a) => ({ tool: a.tool, action: a.action, risk: a.risk, target: a.target }),
  },
  // Checkpoints (an agent's saved state, loaded by its restarted successor)
  {
    no: 70,
    name: 'checkpoint_save',
    doc: 'Save the caller’s state under its checkpoint key, replacing the previous one',
    args: { state: { type: 'json', doc: 'JSON text of the state' } },
    plane: 'data',
    run: (k, c, a) => {
      const r = k.checkpoints.save(c, a.state, k.ports.now());
      return { key: r.key, seq: r.seq };
    },
  },
  {
    no: 71,
    name: 'checkpoint_load',
    doc: 'The last state saved under the caller’s checkpoint key, or null',
    args: {},
    plane: 'data',
    run: (k, c) => k.checkpoints.load(c) ?? null,
  },
  {
    no: 72,
    name: 'checkpoint_clear',
    doc: 'Forget the caller’s checkpoint, or that of its child named `name` and all below it',
    args: { name: { type: 'string', optional: true, doc: 'Checkpoint name the caller gave a child' } },
    plane: 'control',
    run: (k, c, a) => ({ cleared: k.checkpoints.clear(c, a.name) }),
    audit: (a, r) => ({ name: a.name, cleared: r.cleared }),
  },
];
