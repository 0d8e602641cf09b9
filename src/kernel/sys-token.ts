/**
 * Handlers of the token_* and sched_* syscalls, and the expiry of what tokens gave.
 */
import { KernelError } from './errors.ts';
import type { Kernel } from './kernel.ts';
import type { Handle, KObject } from './objects.ts';
import { PARAMS } from './params.ts';
import type { Agent } from './process.ts';
import { isAlive } from './process.ts';
import { type RightName, rightNames } from './rights.ts';
import { isRisk, RISK_RIGHTS, RISK_SCALE, riskAllowedBy } from './risk.ts';
import { parseScope, SCOPE_WORDS } from './scope.ts';
import { budgetChain, chargeLlm } from './subtree.ts';

export function mint(
  k: Kernel,
  caller: Agent,
  h: Handle,
  a: { agentId: number; rights: number; scope: string; ttlMs?: number },
): { token: string; tokenId: string; expiresAt: number } {
  if (h.object !== k.system) throw new KernelError('E_BAD_HANDLE', 'Minting tokens needs the system handle');
  if ((a.rights & ~h.rights) !== 0)
    throw new KernelError('E_NO_RIGHTS', 'A token cannot carry rights its minter lacks');
  scopeObject(k, a.scope); // the scope must name something that exists now
  const now = k.ports.now();
  const { token, record } = k.tokens.mint({ ...a, ...within(h, a.ttlMs, now) }, now);
  k.audit.record(caller.pid, 'token', 'token_mint', true, undefined, {
    tokenId: record.tokenId,
    agentId: record.agentId,
    rights: rightNames(record.rights),
    scope: record.scope,
    expiresAt: record.expiresAt,
  });
  k.hooks.token?.(record);
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

export function revokeToken(
  k: Kernel,
  caller: Agent,
  h: Handle,
  tokenId: string,
): { handlesRevoked: number } {
  if (h.object !== k.system) throw new KernelError('E_BAD_HANDLE', 'Revoking tokens needs the system handle');
  const revoked = k.tokens.revoke(tokenId);
  if (!revoked) throw new KernelError('E_NOT_FOUND', `No token '${tokenId}' was issued here`);
  let handlesRevoked = 0;
  for (const record of revoked) {
    handlesRevoked += revokeRedeemed(k, record.tokenId);
    k.hooks.token?.(record);
  }
  k.audit.record(caller.pid, 'token', 'token_revoke', true, undefined, {
    tokenId,
    handlesRevoked,
    ...(revoked.length > 1 ? { alsoRevoked: revoked.slice(1).map((r) => r.tokenId) } : {}),
  });
  return { handlesRevoked };
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
export function listTokens(k: Kernel, _caller: Agent, h: Handle): TokenInfo[] {
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

export function redeem(
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

export function schedSubmit(
  k: Kernel,
  caller: Agent,
  h: Handle,
  a: { cost: number; deadlineMs?: number; preemptible?: boolean },
): { id: number } {
  if (h.object.kind !== 'resource' || h.object === k.system) {
    throw new KernelError('E_BAD_HANDLE', 'Handle does not name a scheduled resource');
  }
  const now = k.ports.now();
  const resource = h.object.name;
  if (resource === 'llm') {
    const u = caller.usage;
    if (now - u.llmMinuteStart >= PARAMS.LLM_QUOTA_WINDOW_MS) {
      u.llmMinuteStart = now;
      u.llmTokensThisMinute = 0;
    }
    if (u.llmTokensThisMinute + a.cost > caller.quotas.llmTokensPerMin) {
      throw new KernelError(
        'E_QUOTA',
        `Agent ${caller.pid} would use ${u.llmTokensThisMinute + a.cost} LLM tokens this minute; its quota is ${caller.quotas.llmTokensPerMin}`,
      );
    }
    chargeLlm(
      budgetChain((pid) => k.processes.get(pid), caller),
      a.cost,
      now,
    );
    u.llmTokensThisMinute += a.cost;
  }
  const relative = a.deadlineMs ?? caller.deadlineMs;
  const request = k.scheduler.submit(
    {
      pid: caller.pid,
      resource,
      cost: a.cost,
      schedClass: caller.schedClass,
      weight: caller.weight,
      deadline: relative === undefined ? undefined : now + relative,
      preemptible: a.preemptible,
    },
    now,
  );
  return { id: request.id };
}

export function schedCancel(k: Kernel, caller: Agent, id: number): void {
  const request = k.scheduler.get(id);
  if (!request || request.pid !== caller.pid)
    throw new KernelError('E_NOT_FOUND', `Agent ${caller.pid} has no request ${id}`);
  k.scheduler.cancel(id);
}

export function toolInvoke(
  _k: Kernel,
  _caller: Agent,
  h: Handle,
  a: { tool: string; action: string; risk: number },
): { allowed: true } {
  if (h.object.kind !== 'resource' || h.object.name !== 'tool') {
    throw new KernelError('E_BAD_HANDLE', 'Tool calls need the tool resource handle');
  }
  if (!isRisk(a.risk)) throw new KernelError('E_BAD_ARG', `Risk ${a.risk} is not a level; use ${RISK_SCALE}`);
  const needed = RISK_RIGHTS[a.risk];
  if ((h.rights & needed) !== needed) {
    throw new KernelError(
      'E_NO_RIGHTS',
      `${a.tool}.${a.action} is risk ${a.risk}; this handle allows risk ${riskAllowedBy(h.rights)} (confirm the plan to raise it)`,
    );
  }
  return { allowed: true };
}
