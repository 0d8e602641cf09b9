/**
 * semantic-ipcd's errors: the kernel's codes (so callers handle them like any other), each
 * message one line that says what was wrong and what to do.
 *
 * @example
 * throw new IntentError('E_NOT_FOUND', "No handler for 'bake a cake' (closest: 'music' 0.31); rephrase it or list handlers");
 */
export const INTENT_ERROR_CODES = [
  'E_BAD_ARG',
  'E_NOT_FOUND',
  'E_NO_RIGHTS',
  'E_BAD_STATE',
  'E_QUOTA',
  'E_TIMED_OUT',
  'E_UNAVAILABLE',
] as const;

export type IntentErrorCode = (typeof INTENT_ERROR_CODES)[number];

export class IntentError extends Error {
  readonly code: IntentErrorCode;
  constructor(code: IntentErrorCode, message: string) {
    super(message);
    this.name = 'IntentError';
    this.code = code;
  }
}
