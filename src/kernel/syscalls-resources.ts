/**
 * The syscall table's resource calls: shared memory regions, scheduling (LLM and tool
 * resources, CPU slices), tool calls and checkpoints. Part of the one table in syscalls.ts.
 */
import { RIGHTS } from './rights.ts';
import { RISK_SCALE } from './risk.ts';
import * as ipc from './sys-ipc.ts';
import * as tok from './sys-token.ts';
import { H, type SyscallDef } from './syscall-def.ts';

export const RESOURCE_CALLS: readonly SyscallDef[] = [
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
    run: (k, c, _a, h) => ipc.regionMap(k, c, h),
  },
  {
    no: 44,
    name: 'region_free',
    doc: 'Free a region: every handle to it stops working; its pages return to the pool once no agent that mapped it is alive',
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
      risk: { type: 'u32', doc: RISK_SCALE },
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
