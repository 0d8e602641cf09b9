/**
 * Errors as application/problem+json (RFC 9457): every failure the API returns names what
 * was wrong and, where a field was at fault, which one.
 */
import type { ErrorCode } from '../kernel/errors.ts';

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code?: string;
  field?: string;
}

const STATUS: Record<ErrorCode, number> = {
  E_UNKNOWN_CALL: 404,
  E_BAD_ARG: 400,
  E_BAD_HANDLE: 403,
  E_REVOKED: 403,
  E_NO_RIGHTS: 403,
  E_TOKEN_EXPIRED: 401,
  E_TOKEN_REVOKED: 401,
  E_TOKEN_FORGED: 401,
  E_TOKEN_TAMPERED: 401,
  E_QUOTA: 429,
  E_WOULD_BLOCK: 409,
  E_NOT_FOUND: 404,
  E_BAD_STATE: 409,
  E_TIMED_OUT: 504,
  E_PEER_CLOSED: 410,
  E_TOO_BIG: 413,
  E_UNAVAILABLE: 503,
};

export function statusOf(code: ErrorCode): number {
  return STATUS[code];
}

export function problem(
  status: number,
  title: string,
  detail: string,
  extra: Partial<Problem> = {},
): Problem {
  return {
    type: `https://aios.dev/problems/${title.toLowerCase().replace(/[^a-z]+/g, '-')}`,
    title,
    status,
    detail,
    ...extra,
  };
}

export class ProblemError extends Error {
  readonly problem: Problem;
  constructor(p: Problem) {
    super(p.detail);
    this.problem = p;
  }
}
