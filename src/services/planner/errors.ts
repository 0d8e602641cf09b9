/**
 * The planner's errors carry the kernel's codes (E_BAD_ARG, E_NO_RIGHTS, E_NOT_FOUND, …), so the
 * service hands them to callers as they are; each message is one line that names the node or
 * the run and says what to do.
 *
 * @example
 * throw new PlanError('E_BAD_ARG', "Node 'b' uses '$from: x.output' but no node is named 'x'; name an earlier node");
 */
import type { ErrorCode } from '../../kernel/errors.ts';

export class PlanError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string) {
    super(message);
    this.name = 'PlanError';
    this.code = code;
  }
}
