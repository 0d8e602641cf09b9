/**
 * The token_* syscalls: mint, revoke, redeem and list capability tokens (see tokens.ts for
 * signing and checking), and the expiry of the handles redeemed from them.
 */
import { KernelError } from './errors.ts';
import type { Kernel } from './kernel.ts';
import type { Handle, KObject } from './objects.ts';
import { PARAMS } from './params.ts';
import type { Agent } from './process.ts';
import { isAlive } from './process.ts';
import { RIGHTS, type RightName, rightNames } from './rights.ts';
import { parseScope, SCOPE_WORDS } from './scope.ts';
import { H, type SyscallDef } from './syscall-def.ts';

export const TOKEN_CALLS: readonly SyscallDef[] = [
  {
    no: 24,
    name: 'token_mint',
    doc: 'Sign a capability token granting rights on a scope',
    args: {
      handle: H('System handle'),
      agentId: { type: 'u32', doc: 'Pid allowed to redeem it, or 0 for a bearer token' },
      rights: { type: 'u32', doc: 'Rights the token grants' },
      scope: { type: 'string', doc: SCOPE_WORDS },
      ttlMs: { type: 'u32', optional: true, doc: 'Lifetime in ms' },
    },
    handle: { arg: 'handle', kind: 'resource', rights: RIGHTS.MINT },
    plane: 'control',
    run: (k, _c, a, h) => mint(k, h, a),
    audit: (a, r) => ({
      tokenId: r.tokenId,
      agentId: a.agentId,
      rights: rightNames(a.rights),
      scope: a.scope,
      expiresAt: r.expiresAt,
    }),
  },
  {
    no: 25,
    name: 'token_revoke',
    doc: 'Revoke a token, the tokens minted under it, and every handle redeemed from them',
    args: { handle: H('System handle'), tokenId: { type: 'string', doc: 'Token id' } },
    handle: { arg: 'handle', kind: 'resource', rights: RIGHTS.MINT },
    plane: 'control',
    run: (k, _c, a, h) => revokeToken(k, h, a.tokenId),
    audit: (a, r) => ({ tokenId: a.tokenId, ...r }),
  },
  {
    no: 26,
    name: 'token_redeem',
    doc: 'Verify a capability token and receive a handle with its rights',
    args: { token: { type: 'token', doc: 'Encoded token' } },
    plane: 'control',
    run: (k, c, a) => redeem(k, c, a.token),
    audit: (_a, r) => ({ scope: r.scope, rights: r.rights }),
  },
  {
    no: 27,
    name: 'token_list',
    doc: 'Tokens the caller may see: all for the owner, else its own token and those minted under it',
    args: { handle: H('System handle') },
    handle: { arg: 'handle', kind: 'resource', rights: RIGHTS.MINT },
    plane: 'data',
    run: (k, _c, _a, h) => listTokens(k, h),
  },
];

function mint(
  k: Kernel,
  h: Handle,
  a: { agentId: number; rights: number; scope: string; ttlMs?: number },
): { token: string; tokenId: string; expiresAt: number } {
  if (h.object !== k.system) throw new KernelError('E_BAD_HANDLE', 'Minting tokens needs the system handle');
  if ((a.rights & ~h.rights) !== 0)
    throw new KernelError('E_NO_RIGHTS', 'A token cannot carry rights its minter lacks');
  scopeObject(k, a.scope); // the scope must name something that exists now
  const now = k.ports.now();
  const { token, record } = k.tokens.mint({ ...a, ...within(h, a.ttlMs, now) }, now);
  k.events.emit('token', record);
  return { token, tokenId: record.tokenId, expiresAt: record.expiresAt };
}

/**
 * A minter whose authority came from a token mints under it: the new token expires no later
 * than that one, and is revoked with it.
 */
function within(h: Handle, ttlMs: number | undefined, now: number): { ttlMs?: number; mintedBy?: string } {
  if (h.token === undefined) return { ttlMs };
  const left = Math.floor(h.token.expiresAt - now);
  if (ttlMs !== undefined && ttlMs > left) {
    throw new KernelError(
      'E_NO_RIGHTS',
      `A token minted under token ${h.token.tokenId} cannot outlive it; ask for a ttlMs of at most ${left}`,
    );
  }
  return { ttlMs: ttlMs ?? Math.min(PARAMS.TOKEN_TTL_DEFAULT_MS, left), mintedBy: h.token.tokenId };
}

function revokeToken(
  k: Kernel,
  h: Handle,
  tokenId: string,
): { handlesRevoked: number; alsoRevoked?: string[] } {
  if (h.object !== k.system) throw new KernelError('E_BAD_HANDLE', 'Revoking tokens needs the system handle');
  const revoked = k.tokens.revoke(tokenId);
  if (!revoked) throw new KernelError('E_NOT_FOUND', `No token '${tokenId}' was issued here`);
  let handlesRevoked = 0;
  for (const record of revoked) {
    handlesRevoked += revokeRedeemed(k, record.tokenId);
    k.events.emit('token', record);
  }
  if (revoked.length === 1) return { handlesRevoked };
  return { handlesRevoked, alsoRevoked: revoked.slice(1).map((r) => r.tokenId) };
}

/** Revokes every live handle redeemed from a token (and so every handle derived from one). */
function revokeRedeemed(k: Kernel, tokenId: string): number {
  let count = 0;
  for (const handle of k.redeemed.get(tokenId) ?? []) {
    if (handle.live && !handle.revoked) count += k.handles.revoke(handle);
  }
  k.redeemed.delete(tokenId);
  return count;
}

/**
 * The kernel's clock: ends what tokens that expired by `now` gave (lookups already refuse
 * such handles; revoking them also stops channel traffic carried outside the kernel).
 */
export function expireTokens(k: Kernel, now: number): void {
  for (const [tokenId, handles] of k.redeemed) {
    const record = k.tokens.get(tokenId);
    if (record !== undefined && record.expiresAt > now) {
      if (!handles.some((h) => h.live)) k.redeemed.delete(tokenId);
      continue;
    }
    const handlesRevoked = revokeRedeemed(k, tokenId);
    k.audit.record(0, 'token', 'token_expire', true, undefined, { tokenId, handlesRevoked });
  }
}

export interface TokenInfo {
  tokenId: string;
  agentId: number;
  rights: RightName[];
  scope: string;
  issuedAt: number;
  expiresAt: number;
  revoked: boolean;
  mintedBy: string | null;
}

/**
 * Tokens the caller may see: every one for a minter whose authority is not a token's (the
 * owner), else the token its authority came from and those minted under it.
 */
function listTokens(k: Kernel, h: Handle): TokenInfo[] {
  if (h.object !== k.system) throw new KernelError('E_BAD_HANDLE', 'Listing tokens needs the system handle');
  const records = h.token === undefined ? k.tokens.list() : k.tokens.lineage(h.token.tokenId);
  return records.map((t) => ({
    tokenId: t.tokenId,
    agentId: t.agentId,
    rights: rightNames(t.rights),
    scope: t.scope,
    issuedAt: t.issuedAt,
    expiresAt: t.expiresAt,
    revoked: t.revoked,
    mintedBy: t.mintedBy ?? null,
  }));
}

function redeem(
  k: Kernel,
  caller: Agent,
  token: string,
): { handle: number; rights: string[]; scope: string } {
  const claims = k.tokens.check(token, caller.pid, k.ports.now());
  const object = scopeObject(k, claims.scope);
  const handle = k.handles.install(caller.table, caller.pid, object, claims.rights, undefined, {
    tokenId: claims.tokenId,
    expiresAt: claims.expiresAt,
  });
  const list = k.redeemed.get(claims.tokenId);
  if (list) list.push(handle);
  else k.redeemed.set(claims.tokenId, [handle]);
  return { handle: handle.value, rights: rightNames(claims.rights), scope: claims.scope };
}

/** The object a scope names; E_BAD_ARG if it is not a scope, E_NOT_FOUND if nothing is there. */
function scopeObject(k: Kernel, scope: string): KObject {
  const parsed = parseScope(scope);
  if (parsed === undefined)
    throw new KernelError('E_BAD_ARG', `Scope '${scope}' is not valid; use ${SCOPE_WORDS}`);
  if (parsed.kind === 'system') return k.system;
  if (parsed.kind === 'agent') {
    const agent = k.processes.get(parsed.pid);
    if (!agent || !isAlive(agent))
      throw new KernelError('E_NOT_FOUND', `Scope '${scope}' names no live agent`);
    return agent.object;
  }
  return k.resource(parsed.name);
}
