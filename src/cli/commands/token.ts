/**
 * aios token mint --rights R [--scope S] [--agent PID] [--ttl D] | revoke ID | list
 */

import { INIT_PID } from '../../kernel/params.ts';
import { parseRights, RIGHT_GROUP_NAMES, RIGHT_NAMES, rightNames } from '../../kernel/rights.ts';
import { isScope, SCOPE_WORDS } from '../../kernel/scope.ts';
import { type Command, type CommandContext, durationArg, intArg, UsageError } from '../command.ts';
import { api, embedded, isUp } from '../connect.ts';
import { table, wrapList } from '../format.ts';

interface Minted {
  token: string;
  tokenId: string;
  expiresAt: number;
}

async function mint(ctx: CommandContext): Promise<number> {
  const rights = ctx.values.rights as string | undefined;
  if (!rights) throw new UsageError('missing --rights (for example --rights inspect,manage)');
  try {
    parseRights(rights);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const scope = (ctx.values.scope as string | undefined) ?? 'system';
  if (!isScope(scope)) {
    throw new UsageError(`--scope must be ${SCOPE_WORDS}, not '${scope}'`);
  }
  const agentId = intArg(ctx.values.agent, '--agent', 0) ?? 0;
  const ttlMs = durationArg(ctx.values.ttl, '--ttl');
  const body = { rights, scope, agentId, ttlMs };
  const minted = isUp(ctx.home)
    ? await api<Minted>(ctx.home, 'POST', '/v1/tokens', body)
    : await embedded(ctx.home, async (system) => {
        const result = system.kernel.syscall(INIT_PID, 'token_mint', {
          handle: system.systemHandle,
          ...body,
          rights: parseRights(rights),
        });
        system.persist.flush();
        return result as Minted;
      });
  if (ctx.json) ctx.out(JSON.stringify(minted));
  else {
    ctx.out(minted.token);
    ctx.err(
      `token ${minted.tokenId} (${rightNames(parseRights(rights)).join(',')} on ${scope}) expires ${new Date(minted.expiresAt).toISOString()}`,
    );
  }
  return 0;
}

async function revoke(ctx: CommandContext): Promise<number> {
  const id = ctx.positionals[1];
  if (!id) throw new UsageError('missing the token id to revoke');
  if (!/^[0-9a-f]{32}$/.test(id))
    throw new UsageError(`'${id}' is not a token id (32 hex characters; see aios token list)`);
  if (isUp(ctx.home)) await api(ctx.home, 'DELETE', `/v1/tokens/${id}`);
  else {
    await embedded(ctx.home, async (system) => {
      system.kernel.syscall(INIT_PID, 'token_revoke', { handle: system.systemHandle, tokenId: id });
      system.persist.flush();
    });
  }
  ctx.out(ctx.json ? JSON.stringify({ revoked: id }) : `revoked ${id}`);
  return 0;
}

async function list(ctx: CommandContext): Promise<number> {
  interface Row {
    tokenId: string;
    agentId: number;
    rights: string[];
    scope: string;
    expiresAt: number;
    revoked: boolean;
  }
  let rows: Row[];
  if (isUp(ctx.home)) rows = await api<Row[]>(ctx.home, 'GET', '/v1/tokens');
  else {
    const { Store } = await import('../../platform/store.ts');
    const store = Store.open(ctx.home);
    rows = store.tokens().map((t) => ({ ...t, rights: rightNames(t.rights) }));
    store.close();
  }
  if (ctx.json) {
    ctx.out(JSON.stringify(rows));
    return 0;
  }
  const now = Date.now();
  for (const line of table(
    ['ID', 'AGENT', 'SCOPE', 'RIGHTS', 'STATUS'],
    rows.map((r) => [
      r.tokenId,
      r.agentId,
      r.scope,
      r.rights.join(','),
      r.revoked ? 'revoked' : r.expiresAt <= now ? 'expired' : 'valid',
    ]),
  )) {
    ctx.out(line);
  }
  return 0;
}

const token: Command = {
  name: 'token',
  summary: 'Mint, list or revoke capability tokens',
  usage: [
    'token mint --rights RIGHTS [--scope SCOPE] [--agent PID] [--ttl DURATION]',
    'token revoke ID',
    'token list',
  ],
  help: `mint     sign a token (ML-DSA-65) and print it; rights are names or groups:
         ${wrapList(RIGHT_NAMES, 92, '         ')}; groups ${RIGHT_GROUP_NAMES.join(', ')}
         --scope ${SCOPE_WORDS} (default system)
         --agent PID: only that agent may redeem it (default 0: a bearer token)
         --ttl: lifetime, e.g. 15m, 24h (default 24h, at most 30d)
revoke   revoke a token and every handle redeemed from it
list     tokens issued here (ids, never the token text)`,
  options: {
    rights: { type: 'string' },
    scope: { type: 'string' },
    agent: { type: 'string' },
    ttl: { type: 'string' },
  },
  maxPositionals: 2,
  async run(ctx) {
    const sub = ctx.positionals[0];
    if (sub === 'mint') return mint(ctx);
    if (sub === 'revoke') return revoke(ctx);
    if (sub === 'list') return list(ctx);
    if (sub === undefined) throw new UsageError('missing what to do: mint, revoke or list');
    throw new UsageError(`unknown token command '${sub}'; use mint, revoke or list`);
  },
};

export default token;
