/**
 * Subtree budgets. An agent's quotas bound its whole subtree, not only itself: a child is
 * given at most its parent's quotas, and what the agents below an agent use (how many of
 * them live, the region memory they hold, the LLM tokens they take this minute) counts
 * against its quotas as well as their own; so does the CPU they are granted each epoch (the
 * scheduler's CPU budgets). init is the root of every tree; the system-wide
 * limits (PARAMS.AGENTS_LIVE_MAX, the kernel ceilings) bound it instead of its quotas.
 *
 * @example
 * const quotas = childQuotas(parent, spec.quotas); // E_QUOTA if it asks for more than the parent holds
 * const chain = budgetChain(get, parent);          // parent, its parent, … up to (not including) init
 * admitAgent(chain);                               // E_QUOTA if some ancestor's tree is full
 */
import { KernelError } from './errors.ts';
import { INIT_PID, PARAMS } from './params.ts';
import type { Agent, Quotas } from './process.ts';
import { defaultQuotas } from './process.ts';

/** What an agent and every agent below it use together. */
export interface SubtreeUsage {
  /** Live agents below it: its children, their children, and so on. */
  agents: number;
  /** Bytes of memory regions held by it and the agents below it. */
  memoryBytes: number;
  /** LLM tokens taken this minute by it and the agents below it. */
  llmTokensThisMinute: number;
  llmMinuteStart: number;
}

/** init and kernel agents answer to the system-wide limits, not to their own quotas. */
function isRoot(agent: Agent): boolean {
  return agent.pid === INIT_PID || agent.runtime === 'kernel';
}

/**
 * The agents whose quotas bound what `agent` uses: itself and each ancestor, up to but not
 * including init. A live agent's ancestors are all alive (an ending agent's children end
 * with it or move to its nearest live ancestor), so the chain is exact.
 */
export function budgetChain(get: (pid: number) => Agent | undefined, agent: Agent | undefined): Agent[] {
  const chain: Agent[] = [];
  for (let a = agent; a !== undefined && !isRoot(a); a = get(a.parent)) chain.push(a);
  return chain;
}

/**
 * The agents above `pid` whose quotas bound it too: its budget chain without itself. The
 * scheduler charges a CPU slice to each of them and holds the agent back while any of their
 * trees has used its CPU quota this epoch.
 */
export function budgetsAbove(get: (pid: number) => Agent | undefined, pid: number): number[] {
  const above: number[] = [];
  const agent = get(pid);
  if (agent === undefined || isRoot(agent)) return above;
  for (let a = get(agent.parent); a !== undefined && !isRoot(a); a = get(a.parent)) above.push(a.pid);
  return above;
}

/**
 * The quotas of a new child of `parent`: what it asked for, each at most the parent's own;
 * unasked, the default or the parent's, whichever is less. init's children get what they
 * ask for, within the kernel's ceilings (checked when the agent is created).
 */
export function childQuotas(parent: Agent, asked: Partial<Quotas> | undefined): Quotas {
  const quotas = { ...defaultQuotas(), ...asked };
  if (isRoot(parent)) return quotas;
  for (const field of Object.keys(quotas) as (keyof Quotas)[]) {
    const most = parent.quotas[field];
    if (asked?.[field] === undefined) quotas[field] = Math.min(quotas[field], most);
    else if (asked[field] > most) {
      throw new KernelError(
        'E_QUOTA',
        `A child cannot be given more ${field} than its parent: asked for ${asked[field]}, agent ${parent.pid}’s quota is ${most}; ask for at most ${most}`,
      );
    }
  }
  return quotas;
}

/** Refuses one more agent below `chain[0]` when any tree it joins is full. */
export function admitAgent(chain: readonly Agent[]): void {
  for (const a of chain) {
    if (a.subtree.agents + 1 > a.quotas.children) {
      throw new KernelError(
        'E_QUOTA',
        `Cannot spawn: agent ${a.pid} already has ${a.subtree.agents} agents below it, its children quota; end some of them, or give agent ${a.pid} a larger children quota`,
      );
    }
  }
}

/** Counts a new agent, or (with -1) an ended one, in every tree above it. */
export function countAgent(chain: readonly Agent[], delta: 1 | -1): void {
  for (const a of chain) a.subtree.agents += delta;
}

/** Refuses `bytes` more region memory for the owner `chain[0]` when a tree above it would exceed its quota. */
export function admitMemory(chain: readonly Agent[], bytes: number): void {
  const owner = chain[0];
  for (const a of chain) {
    if (a.subtree.memoryBytes + bytes > a.quotas.memoryBytes) {
      throw new KernelError(
        'E_QUOTA',
        `Agent ${owner.pid} would take the regions held by agent ${a.pid} and the agents below it to ${a.subtree.memoryBytes + bytes} bytes; the memory quota of agent ${a.pid} is ${a.quotas.memoryBytes}; free some regions first`,
      );
    }
  }
}

/** Adds (or with a negative count, returns) region bytes to each tree in `chain`. */
export function chargeMemory(chain: readonly Agent[], bytes: number): void {
  for (const a of chain) a.subtree.memoryBytes += bytes;
}

/** Takes `cost` LLM tokens this minute for `chain[0]`, or E_QUOTA when a tree above it would exceed its quota. */
export function chargeLlm(chain: readonly Agent[], cost: number, now: number): void {
  const caller = chain[0];
  for (const a of chain) {
    const s = a.subtree;
    if (now - s.llmMinuteStart >= PARAMS.LLM_QUOTA_WINDOW_MS) {
      s.llmMinuteStart = now;
      s.llmTokensThisMinute = 0;
    }
    if (s.llmTokensThisMinute + cost > a.quotas.llmTokensPerMin) {
      throw new KernelError(
        'E_QUOTA',
        `Agent ${caller.pid} would take the LLM tokens used this minute by agent ${a.pid} and the agents below it to ${s.llmTokensThisMinute + cost}; the LLM quota of agent ${a.pid} is ${a.quotas.llmTokensPerMin} a minute (llmTokensPerMin); wait for the next minute, or give agent ${a.pid} a larger --llm-tokens`,
      );
    }
  }
  for (const a of chain) a.subtree.llmTokensThisMinute += cost;
}
