/**
 * The checks of routes that read what the kernel or the store keeps rather than acting (the
 * audit journal, the event stream, metrics): each is a syscall of the caller's, so the kernel
 * checks the handle's rights and records the decision, as for any other call.
 */
import { KernelError, type SystemInfo } from '../../kernel/index.ts';
import type { RouteContext } from '../route.ts';

type Ctx = RouteContext<unknown, unknown, unknown>;

function call<T>(ctx: Ctx, name: string, args: Record<string, unknown> = {}): T {
  return ctx.system.kernel.syscall(ctx.principal.pid, name, { handle: ctx.principal.handle, ...args }) as T;
}

/**
 * The system in detail (agents by state, busiest senders); throws unless the caller's handle
 * is the system handle with the inspect right. `what` names the refused action in the error.
 */
export function inspectSystem(ctx: Ctx, what: string): SystemInfo {
  try {
    return call<SystemInfo>(ctx, 'system_info', { detail: true });
  } catch (error) {
    if (error instanceof KernelError && (error.code === 'E_NO_RIGHTS' || error.code === 'E_BAD_HANDLE'))
      throw new KernelError(error.code, `${what} needs the inspect right on the system handle`);
    throw error;
  }
}

/** The audit head; throws unless the caller's handle is the system handle with the audit right. */
export function readAudit(ctx: Ctx): { seq: number; hash: string } {
  try {
    return call(ctx, 'audit_read');
  } catch (error) {
    if (error instanceof KernelError && (error.code === 'E_NO_RIGHTS' || error.code === 'E_BAD_HANDLE'))
      throw new KernelError(error.code, 'Reading the audit needs the audit right on the system handle');
    throw error;
  }
}

/** Whether the caller may read the audit (asked of the kernel, which records the answer). */
export function mayReadAudit(ctx: Ctx): boolean {
  try {
    readAudit(ctx);
    return true;
  } catch (error) {
    if (error instanceof KernelError) return false;
    throw error;
  }
}

/** Whether the caller's session and handle are still good (not ended, not revoked, not expired). */
export function stillValid(ctx: Ctx): boolean {
  return ctx.principal.owner || ctx.system.host.external.sessionProblem(ctx.principal) === undefined;
}
