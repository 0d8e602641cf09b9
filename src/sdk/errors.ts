/**
 * Typed errors for agent code: every kernel error code reaches the agent as an AiosError
 * with that code, the same in every runtime.
 *
 * @example
 * try { await os.ipc.send(h, 'hi'); }
 * catch (e) { if (AiosError.is(e, 'E_NO_RIGHTS')) os.log('not allowed'); }
 */
import type { ErrorCode } from '../kernel/errors.ts';

export type { ErrorCode };

export class AiosError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string) {
    super(message);
    this.name = 'AiosError';
    this.code = code;
  }

  static is(error: unknown, code?: ErrorCode): error is AiosError {
    return (
      typeof error === 'object' &&
      error !== null &&
      (error as { name?: unknown }).name === 'AiosError' &&
      (code === undefined || (error as { code?: unknown }).code === code)
    );
  }
}

/** Turns whatever a transport threw into an AiosError when it carries a kernel code. */
export function toAiosError(error: unknown): unknown {
  if (typeof error === 'object' && error !== null) {
    const e = error as { code?: unknown; message?: unknown };
    if (typeof e.code === 'string' && e.code.startsWith('E_'))
      return new AiosError(e.code as ErrorCode, String(e.message));
  }
  return error;
}
