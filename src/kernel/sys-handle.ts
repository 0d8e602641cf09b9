/**
 * The handle_* syscalls: duplicate, close, revoke and inspect handles (see handles.ts for the
 * rules: a duplicate only narrows, closing a value not held is harmless).
 */
import type { Handle } from './objects.ts';
import { RIGHTS, rightNames } from './rights.ts';
import { H, type SyscallDef } from './syscall-def.ts';

export const HANDLE_CALLS: readonly SyscallDef[] = [
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
    run: (_k, _c, _a, h) => handleInfo(h),
  },
];

function handleInfo(h: Handle): { kind: string; koid: number; rights: string[]; rightsMask: number } {
  return { kind: h.object.kind, koid: h.object.koid, rights: rightNames(h.rights), rightsMask: h.rights };
}
