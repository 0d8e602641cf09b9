/**
 * /v1/tokens: mint, list and revoke capability tokens.
 */
import { z } from 'zod';
import type { TokenInfo } from '../../kernel/index.ts';
import { parseRights } from '../../kernel/rights.ts';
import { ProblemError, problem } from '../problem.ts';
import { route } from '../route.ts';
import { MintRequest, MintResponse, Ok, TokenRecord } from '../schemas.ts';

export const tokenRoutes = [
  route({
    method: 'post',
    path: '/v1/tokens',
    summary: 'Mint a capability token',
    tag: 'tokens',
    body: MintRequest,
    response: MintResponse,
    errors: { 404: 'The scope names no live agent' },
    handler: (ctx) => {
      const b = ctx.body;
      const minted = ctx.sys<z.infer<typeof MintResponse>>('token_mint', {
        handle: ctx.principal.handle,
        agentId: b.agentId ?? 0,
        rights: parseRights(b.rights),
        scope: b.scope ?? 'system',
        ttlMs: b.ttlMs,
      });
      ctx.system.persist.flush();
      return minted;
    },
  }),
  route({
    method: 'get',
    path: '/v1/tokens',
    summary:
      'Tokens the caller may see (never the token text): all for the owner, else its own and those it minted',
    tag: 'tokens',
    response: z.array(TokenRecord),
    handler: (ctx) => ctx.sys<TokenInfo[]>('token_list', { handle: ctx.principal.handle }),
  }),
  route({
    method: 'delete',
    path: '/v1/tokens/:id',
    summary: 'Revoke a token and every handle redeemed from it',
    tag: 'tokens',
    params: z.object({ id: z.string().regex(/^[0-9a-f]{32}$/, 'a token id is 32 hex characters') }),
    query: z.object({
      force: z
        .enum(['true', 'false'])
        .default('false')
        .describe('true: revoke even the token this request uses, or the dashboard’s'),
    }),
    response: Ok,
    errors: {
      404: 'No token with that id was issued here',
      409: 'The token is the caller’s own or the dashboard’s; repeat with ?force=true to revoke it',
    },
    handler: (ctx) => {
      const id = ctx.params.id;
      if (!ctx.principal.owner && ctx.query.force !== 'true') {
        const what =
          id === ctx.principal.tokenId
            ? 'the token this request uses; the next call with it gets 401'
            : ctx.services.logins.isLoginToken(id)
              ? 'the dashboard’s token; the dashboard is logged out'
              : undefined;
        if (what) {
          throw new ProblemError(
            problem(409, 'Conflict', `Token ${id} is ${what}; repeat with ?force=true if you mean it`, {
              field: 'query.force',
            }),
          );
        }
      }
      ctx.sys('token_revoke', { handle: ctx.principal.handle, tokenId: id });
      ctx.system.persist.flush();
      return { ok: true as const };
    },
  }),
];
