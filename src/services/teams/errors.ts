/**
 * The teams service's errors carry the kernel's codes, so the service hands them to callers as
 * they are: one line that names what was wrong and what to do.
 *
 * @example
 * throw new TeamError('E_BAD_ARG', "Unknown right 'fly' for a team; use read, create, overwrite, delete");
 */
import type { ErrorCode } from '../../kernel/errors.ts';

export class TeamError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string) {
    super(message);
    this.name = 'TeamError';
    this.code = code;
  }
}
