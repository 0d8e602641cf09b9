/**
 * The closed set of kernel errors. Every syscall either returns its value or throws a
 * KernelError carrying one of these codes; the SDK re-raises them as typed errors.
 *
 * @example
 * try { k.syscall(pid, 'channel_read', { handle }); }
 * catch (e) { if (e instanceof KernelError && e.code === 'E_WOULD_BLOCK') wait(); }
 */

export const ERROR_CODES = {
  E_UNKNOWN_CALL: 'No syscall has this name or number',
  E_BAD_ARG: 'An argument is missing, of the wrong type or out of range',
  E_BAD_HANDLE: 'The handle is not in the caller’s table, or names an object of the wrong kind',
  E_REVOKED: 'The handle, or one it was derived from, has been revoked',
  E_NO_RIGHTS: 'The handle lacks a right the call requires',
  E_TOKEN_EXPIRED: 'The capability token is past its expiry',
  E_TOKEN_REVOKED: 'The capability token has been revoked',
  E_TOKEN_FORGED: 'The capability token was not issued by this kernel',
  E_TOKEN_TAMPERED: 'The capability token was issued here but its contents were changed',
  E_QUOTA: 'A quota would be exceeded',
  E_WOULD_BLOCK: 'The call cannot complete now; wait for the object to become ready',
  E_NOT_FOUND: 'The object named does not exist',
  E_BAD_STATE: 'The object is not in a state that allows this call',
  E_TIMED_OUT: 'The deadline passed before the call completed',
  E_PEER_CLOSED: 'The other end of the channel is closed',
  E_TOO_BIG: 'The message or region exceeds the size limit',
  E_UNAVAILABLE: 'The system service called is down or restarting; call again shortly',
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

/** Numeric codes for wire formats; order is part of the ABI, append only. */
export const ERROR_NUMBERS: Readonly<Record<ErrorCode, number>> = Object.fromEntries(
  Object.keys(ERROR_CODES).map((code, i) => [code, i + 1]),
) as Record<ErrorCode, number>;

export class KernelError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string) {
    super(message);
    this.name = 'KernelError';
    this.code = code;
  }
}
