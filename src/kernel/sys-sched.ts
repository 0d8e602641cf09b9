/**
 * The sched_* syscalls: requests for the scheduled resources (LLM, tool, CPU), charged against
 * the caller's LLM quota and its subtree's budget before they queue (see sched/).
 */
import { KernelError } from './errors.ts';
import type { Kernel } from './kernel.ts';
import type { Handle } from './objects.ts';
import { PARAMS } from './params.ts';
import type { Agent } from './process.ts';
import { RIGHTS } from './rights.ts';
import { budgetChain, chargeLlm } from './subtree.ts';
import { H, type SyscallDef } from './syscall-def.ts';

export const SCHED_CALLS: readonly SyscallDef[] = [
  {
    no: 50,
    name: 'sched_submit',
    doc: 'Queue a request for a scheduled resource (LLM, tool, CPU); returns its id',
    args: {
      handle: H('Resource handle'),
      cost: { type: 'number', doc: 'Cost in the resource’s unit (tokens, ms, calls)' },
      deadlineMs: { type: 'u32', optional: true, doc: 'Relative deadline' },
      preemptible: { type: 'bool', optional: true, doc: 'Whether it may be preempted' },
    },
    handle: { arg: 'handle', kind: 'resource', rights: RIGHTS.USE },
    plane: 'data',
    run: (k, c, a, h) => schedSubmit(k, c, h, a),
  },
  {
    no: 51,
    name: 'sched_cancel',
    doc: 'Withdraw one of the caller’s requests',
    args: { id: { type: 'u32', doc: 'Request id' } },
    plane: 'data',
    run: (k, c, a) => schedCancel(k, c, a.id),
  },
];

function schedSubmit(
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
        `Agent ${caller.pid} would use ${u.llmTokensThisMinute + a.cost} LLM tokens this minute, over its budget of ${caller.quotas.llmTokensPerMin} a minute (quota llmTokensPerMin); wait for the next minute, ask for fewer tokens, or spawn it with a larger --llm-tokens`,
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

function schedCancel(k: Kernel, caller: Agent, id: number): void {
  const request = k.scheduler.get(id);
  if (!request || request.pid !== caller.pid)
    throw new KernelError('E_NOT_FOUND', `Agent ${caller.pid} has no request ${id}`);
  k.scheduler.cancel(id);
}
