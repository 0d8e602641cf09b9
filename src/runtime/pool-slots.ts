/**
 * The pool's book of its workers (slots) and of the agents it hosts, and where the next agent
 * goes: the least loaded worker, and of those the one with the most isolates ready.
 *
 * @example
 * const slot = leastLoaded(sharedSlots);
 */
import type { Worker } from 'node:worker_threads';
import type { Agent } from '../kernel/index.ts';
import type { AgentPort } from '../sdk/port.ts';
import type { Link } from './link.ts';
import type { Call } from './wire.ts';

export interface Slot {
  worker: Worker;
  link: Link;
  agents: number;
  ready: Promise<void>;
  /** The SDK bundle this worker already has. */
  sdk?: string;
  /** Isolates the worker said it had ready for the next spawns, after `seen` start frames. */
  warm: number;
  seen: number;
  /** Start frames sent to it, and when the last one went (a count over all workers). */
  starts: number;
  lastStart: number;
  /** Resolved when the worker reports it has stopped its agents (see close). */
  closed?: () => void;
  /** A thread of one system service's own (service-thread.ts): it never hosts other agents. */
  service?: boolean;
}

export interface Hosted {
  agent: Agent;
  port: AgentPort;
  /** The worker it runs on; undefined while it hibernates. */
  slot: Slot | undefined;
  /** CPU ms of its earlier incarnations (before it hibernated). */
  cpuBase: number;
  /** The start frame's contents, sent again to wake it from hibernation. */
  start: Record<string, unknown>;
  resolve(result: string | undefined): void;
  reject(error: { reason: string; message: string; exitCode?: number }): void;
  /** Calls that arrived while the agent was suspended, replayed on resume. */
  held: Call[] | undefined;
}

/** The worker for the next agent among `slots` (at least one): fewest agents, then most isolates ready, then the longest idle. */
export function leastLoaded(slots: readonly Slot[]): Slot {
  let best = slots[0];
  for (const s of slots) {
    if (s.agents !== best.agents) {
      if (s.agents < best.agents) best = s;
      continue;
    }
    const ready = readyOn(s);
    const bestReady = readyOn(best);
    if (ready > bestReady || (ready === bestReady && s.lastStart < best.lastStart)) best = s;
  }
  return best;
}

/** Isolates a worker has ready now, by its last word less the starts it had not seen then. */
function readyOn(slot: Slot): number {
  return Math.max(0, slot.warm - (slot.starts - slot.seen));
}
