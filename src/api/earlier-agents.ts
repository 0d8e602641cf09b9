/**
 * Agents recorded by earlier boots of the same AIOS_HOME, for listings: the kernel's process
 * table holds only this boot's, but a person looking for the agent that was running when aios
 * died wants to see it, crashed, with its exit. Pids are never reused across boots, so the
 * agents below this boot's first pid are the earlier ones; the newest EARLIER_AGENTS_LISTED
 * of them are listed (all of them stay in the store; `aios ps --all` with aios stopped shows all).
 *
 * @example
 * const agents = [...earlierAgents(system), ...ctx.sys('process_list', { handle })];
 */
import type { System } from '../boot.ts';
import type { AgentInfo } from '../kernel/index.ts';

/** How many agents of earlier boots a listing shows, newest first. */
export const EARLIER_AGENTS_LISTED = 100;

export type ListedAgent = AgentInfo & { earlierBoot?: true };

/** Read once per boot: what earlier boots recorded no longer changes (boot marked the lost ones). */
const cache = new WeakMap<object, ListedAgent[]>();

/** The newest agents of earlier boots, oldest first, as listings show agents; usage is not kept across boots. */
export function earlierAgents(
  system: Pick<System, 'store' | 'firstPid'>,
  limit = EARLIER_AGENTS_LISTED,
): ListedAgent[] {
  if (limit !== EARLIER_AGENTS_LISTED) return read(system, limit);
  let agents = cache.get(system);
  if (!agents) {
    agents = read(system, limit);
    cache.set(system, agents);
  }
  return agents;
}

function read(system: Pick<System, 'store' | 'firstPid'>, limit: number): ListedAgent[] {
  return system.store.agentsBefore(system.firstPid, limit).map((r) => ({
    ...r,
    deadlineMs: r.deadlineMs ?? null,
    usage: {
      memoryBytes: 0,
      cpuMsThisEpoch: 0,
      cpuMsTotal: 0,
      llmTokensThisMinute: 0,
      llmMinuteStart: 0,
      syscalls: 0,
      denied: 0,
      messagesSent: 0,
      llmTokens: 0,
      llmCostUsd: 0,
      bytesSent: 0,
    },
    subtree: { agents: 0, memoryBytes: 0, llmTokensThisMinute: 0, llmMinuteStart: 0 },
    handles: 0,
    children: [],
    earlierBoot: true as const,
  }));
}
