/**
 * Checks of the caller's own handle for routes that read kernel state directly rather than
 * through a syscall (the audit journal, the event stream): the same bitmask check a syscall
 * makes, with the same errors.
 */
import { KernelError } from '../../kernel/errors.ts';
import { isAlive } from '../../kernel/process.ts';
import type { RouteContext } from '../route.ts';

type Ctx = RouteContext<unknown, unknown, unknown>;

/** Throws unless the caller's handle is the system handle and holds `rights`. */
export function requireSystem(ctx: Ctx, rights: number, what: string): void {
  const k = ctx.system.kernel;
  const agent = k.processes.required(ctx.principal.pid);
  const h = k.handles.lookup(agent.table, ctx.principal.handle, 'resource', rights);
  if (h.object !== k.system) throw new KernelError('E_BAD_HANDLE', `${what} needs the system handle`);
}

/** Whether the caller's handle has `rights` (without throwing). */
export function holds(ctx: Ctx, rights: number): boolean {
  try {
    requireSystem(ctx, rights, 'This');
    return true;
  } catch {
    return false;
  }
}

/** Whether the caller's session and handle are still good (not ended, not revoked). */
export function stillValid(ctx: Ctx): boolean {
  const agent = ctx.system.kernel.processes.get(ctx.principal.pid);
  const handle = agent?.table.get(ctx.principal.handle);
  return agent !== undefined && isAlive(agent) && handle !== undefined && !handle.revoked;
}
