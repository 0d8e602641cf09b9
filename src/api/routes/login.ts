/**
 * POST /v1/login: the dashboard trades the login code from the URL `aios up` printed for its
 * capability token. The only route that needs no token.
 */
import type { RightName } from '../../kernel/rights.ts';
import { ProblemError, problem } from '../problem.ts';
import { route } from '../route.ts';
import { LoginRequest, LoginResponse } from '../schemas.ts';

export const loginRoutes = [
  route({
    method: 'post',
    path: '/v1/login',
    summary: 'Trade a dashboard login code for its capability token',
    tag: 'tokens',
    auth: 'none',
    body: LoginRequest,
    response: LoginResponse,
    errors: {
      401: 'The login code is wrong or expired',
      429: 'Too many wrong login codes; wait a minute (Retry-After)',
    },
    handler: (ctx) => {
      const login = ctx.services.logins.exchange(ctx.body.code, remote(ctx.c.env));
      if (login === 'throttled') {
        throw new ProblemError(
          problem(
            429,
            'Too many requests',
            'Too many wrong login codes from this address; wait a minute and try again',
          ),
        );
      }
      if (!login) {
        ctx.system.log.warn('wrong dashboard login code', { ip: remote(ctx.c.env) });
        throw new ProblemError(
          problem(401, 'Unauthorized', 'That login code is wrong or expired; use the URL aios up printed', {
            field: 'code',
          }),
        );
      }
      return { token: login.token, expiresAt: login.expiresAt, rights: login.rights as RightName[] };
    },
  }),
];

function remote(env: unknown): string | undefined {
  return (env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming?.socket
    ?.remoteAddress;
}
