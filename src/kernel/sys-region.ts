/**
 * The region_* syscalls: shared memory regions allocated from the caller's pool, moved by
 * handle and mapped without a copy (see memory.ts for pools and freeing).
 */
import type { Kernel } from './kernel.ts';
import type { Handle, Region } from './objects.ts';
import type { Agent } from './process.ts';
import { DEFAULT_RIGHTS, RIGHTS } from './rights.ts';
import { H, type SyscallDef } from './syscall-def.ts';

export const REGION_CALLS: readonly SyscallDef[] = [
  {
    no: 40,
    name: 'region_alloc',
    doc: 'Allocate a shared memory region from the caller’s pool',
    args: { size: { type: 'u32', doc: 'Size in bytes' } },
    plane: 'control',
    run: (k, c, a) => regionAlloc(k, c, a.size),
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
    run: (k, _c, a, h) => k.memory.read(h.object as Region, a.offset, a.length),
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
    run: (k, _c, a, h) => k.memory.write(h.object as Region, a.offset, a.bytes),
  },
  {
    no: 43,
    name: 'region_map',
    doc: 'Map a region into the caller (its shared buffer, no copy)',
    args: { handle: H('Region') },
    handle: { arg: 'handle', kind: 'region', rights: RIGHTS.MAP },
    plane: 'control',
    run: (k, c, _a, h) => regionMap(k, c, h),
  },
  {
    no: 44,
    name: 'region_free',
    doc: 'Free a region: every handle to it stops working; its pages return to the pool once no agent that mapped it is alive',
    args: { handle: H('Region') },
    handle: { arg: 'handle', kind: 'region', rights: RIGHTS.WRITE },
    plane: 'control',
    run: (k, _c, _a, h) => k.memory.free(h.object as Region),
  },
];

function regionAlloc(k: Kernel, caller: Agent, size: number): { handle: number } {
  const region = k.memory.alloc(caller, size);
  try {
    return { handle: k.handles.install(caller.table, caller.pid, region, DEFAULT_RIGHTS.region).value };
  } catch (error) {
    k.memory.free(region);
    throw error;
  }
}

function regionMap(k: Kernel, caller: Agent, h: Handle): { buffer: SharedArrayBuffer; size: number } {
  return k.memory.map(h.object as Region, caller);
}
