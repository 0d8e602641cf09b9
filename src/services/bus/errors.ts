/**
 * The context bus's errors carry the kernel's codes (E_NO_RIGHTS, E_NOT_FOUND, E_TOO_BIG, …),
 * so the service hands them to callers as they are; each message is one line that says what was
 * wrong and what to do.
 *
 * @example
 * throw new BusError('E_NOT_FOUND', "No context is named 'plan'; create it first (aios context create plan)");
 */
import type { ErrorCode } from '../../kernel/errors.ts';

export class BusError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string) {
    super(message);
    this.name = 'BusError';
    this.code = code;
  }
}
