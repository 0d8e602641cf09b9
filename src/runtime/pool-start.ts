/**
 * What a worker is told to start an agent: the start frame (its tier, start handles, memory
 * and CPU limits, its bundles, and the key under which its isolate may serve a later agent),
 * kept by the pool to start the agent again after it hibernated. The SDK bundle, the same for
 * every agent, travels to a worker only the first time it needs it.
 *
 * @example
 * const start = agentStart(agent, port, 'isolate', { sdk, code, wasm: undefined });
 * sendStart(slot, agent.pid, start, ++startsSent);
 */
import type { Agent, PooledTier } from '../kernel/index.ts';
import type { AgentPort } from '../sdk/port.ts';
import type { Slot } from './pool-slots.ts';
import { encodeControl } from './wire.ts';

/** Smallest memory limit (MB) an isolate is given, whatever the agent's quota. */
const MEMORY_MIN_MB = 8;

/** The start frame of `agent` on a pooled tier, with its bundles (`code` for an isolate, `wasm` for a module). */
export function agentStart(
  agent: Agent,
  port: AgentPort,
  tier: PooledTier,
  bundles: { sdk: string; code: string; wasm: Uint8Array | undefined },
): Record<string, unknown> {
  const memoryMb = Math.max(MEMORY_MIN_MB, Math.ceil(agent.quotas.memoryBytes / 2 ** 20));
  return {
    op: 'start',
    tier,
    handles: { ...port.handles },
    memoryMb,
    // Agents of one image, spawned by one agent, may follow each other in an isolate.
    reuseKey: `${agent.image.ref}\0${agent.image.hash}\0${agent.parent}\0${memoryMb}`,
    cpuMs: agent.quotas.cpuMsPerEpoch,
    sdk: bundles.sdk,
    code: bundles.code,
    wasm: bundles.wasm,
    file: agent.image.ref,
  };
}

/** Sends a start frame to `slot`, the pool's `seq`-th; the SDK bundle goes only if the worker lacks it. */
export function sendStart(slot: Slot, pid: number, start: Record<string, unknown>, seq: number): void {
  const sdk = start.sdk as string;
  slot.link.send(encodeControl(pid, slot.sdk === sdk ? { ...start, sdk: undefined } : start));
  slot.sdk = sdk;
  slot.starts++;
  slot.lastStart = seq;
}
