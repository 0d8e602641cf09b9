/**
 * Handlers of the token_* and sched_* syscalls.
 */
import { KernelError } from './errors.ts';
import type { Kernel } from './kernel.ts';
import type { Handle, KObject } from './objects.ts';
import type { Agent } from './process.ts';
import { isAlive } from './process.ts';
import { RISK_RIGHTS, rightNames } from './rights.ts';
import { isScope } from './tokens.ts';

export function mint(
  k: Kernel,
  caller: Agent,
  h: Handle,
  a: { agentId: number; rights: number; scope: string; ttlMs?: number },
): { token: string; tokenId: string; expiresAt: number } {
  if (h.object !== k.system) throw new KernelError('E_BAD_HANDLE', 'Minting tokens needs the system handle');
  if ((a.rights & ~h.rights) !== 0)
    throw new KernelError('E_NO_RIGHTS', 'A token cannot carry rights its minter lacks');
  if (!isScope(a.scope)) {
    throw new KernelError(
      'E_BAD_ARG',
      `Scope '${a.scope}' is not valid; use system, agent:<pid> or resource:<name>`,
    );
  }
  scopeObject(k, a.scope); // the scope must name something that exists now
  const { token, record } = k.tokens.mint(a, k.ports.now());
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

export function revokeToken(
  k: Kernel,
  caller: Agent,
  h: Handle,
  tokenId: string,
): { handlesRevoked: number } {
  if (h.object !== k.system) throw new KernelError('E_BAD_HANDLE', 'Revoking tokens needs the system handle');
  if (!k.tokens.revoke(tokenId))
    throw new KernelError('E_NOT_FOUND', `No token '${tokenId}' was issued here`);
  let handlesRevoked = 0;
  for (const handle of k.redeemed.get(tokenId) ?? []) {
    if (handle.live && !handle.revoked) handlesRevoked += k.handles.revoke(handle);
  }
  k.redeemed.delete(tokenId);
  k.audit.record(caller.pid, 'token', 'token_revoke', true, undefined, { tokenId, handlesRevoked });
  k.hooks.token?.(k.tokens.get(tokenId)!);
  return { handlesRevoked };
}

export function redeem(
  k: Kernel,
  caller: Agent,
  token: string,
): { handle: number; rights: string[]; scope: string } {
  const claims = k.tokens.check(token, caller.pid, k.ports.now());
  const object = scopeObject(k, claims.scope);
  const handle = k.handles.install(caller.table, caller.pid, object, claims.rights);
  const list = k.redeemed.get(claims.tokenId);
  if (list) list.push(handle);
  else k.redeemed.set(claims.tokenId, [handle]);
  return { handle: handle.value, rights: rightNames(claims.rights), scope: claims.scope };
}

function scopeObject(k: Kernel, scope: string): KObject {
  if (scope === 'system') return k.system;
  if (scope.startsWith('agent:')) {
    const agent = k.processes.get(Number(scope.slice(6)));
    if (!agent || !isAlive(agent))
      throw new KernelError('E_NOT_FOUND', `Scope '${scope}' names no live agent`);
    return agent.object;
  }
  return k.resource(scope.slice('resource:'.length));
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
    if (now - u.llmMinuteStart >= 60_000) {
      u.llmMinuteStart = now;
      u.llmTokensThisMinute = 0;
    }
    if (u.llmTokensThisMinute + a.cost > caller.quotas.llmTokensPerMin) {
      throw new KernelError(
        'E_QUOTA',
        `Agent ${caller.pid} would use ${u.llmTokensThisMinute + a.cost} LLM tokens this minute; its quota is ${caller.quotas.llmTokensPerMin}`,
      );
    }
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
  if (a.risk > 3) throw new KernelError('E_BAD_ARG', 'Risk is 0 (read-only) to 3 (delete/kill)');
  const needed = RISK_RIGHTS[a.risk];
  if ((h.rights & needed) !== needed) {
    throw new KernelError(
      'E_NO_RIGHTS',
      `${a.tool}.${a.action} is risk ${a.risk}; this handle allows risk ${maxRisk(h.rights)} (confirm the plan to raise it)`,
    );
  }
  return { allowed: true };
}

/** The highest risk level a tool handle's rights allow, or -1. */
export function maxRisk(rights: number): number {
  let risk = -1;
  for (let r = 0; r < RISK_RIGHTS.length; r++) if ((rights & RISK_RIGHTS[r]) === RISK_RIGHTS[r]) risk = r;
  return risk;
}
