/**
 * /v1/tokens: mint, list and revoke capability tokens.
 */
import { z } from 'zod';
import { parseRights } from '../../kernel/rights.ts';
import type { TokenInfo } from '../../kernel/sys-token.ts';
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
    response: Ok,
    handler: (ctx) => {
      ctx.sys('token_revoke', { handle: ctx.principal.handle, tokenId: ctx.params.id });
      ctx.system.persist.flush();
      return { ok: true as const };
    },
  }),
];
