/**
 * Entry of a pool worker thread: hosts many agents, each in its own isolate, and relays
 * their calls to the kernel over the link it was given. Control frames from the kernel start,
 * stop, suspend and resume agents; a watchdog enforces each agent's CPU limit.
 */
import { writeSync } from 'node:fs';
import { threadId, workerData } from 'node:worker_threads';
import type { LinkEnd } from '../link.ts';
import { type AgentSpec, disposeWarm, IsolateAgent, type Outcome } from './isolate-agent.ts';
import { WorkerSide } from './side.ts';

/** How often the watchdog looks at running agents' CPU time. */
const WATCH_MS = 5;
/** How often CPU usage is reported to the kernel. */
const USAGE_EVERY = 20;

interface Running {
  agent: IsolateAgent;
  done: Promise<unknown>;
}

const agents = new Map<number, Running>();
const side = new WorkerSide((workerData as { link: LinkEnd }).link, onControl);
let ticks = 0;
/** The SDK bundle, sent with the first start frame only. */
let sdkSource = '';

/** CPU ms last reported per agent: only changes are sent. */
const reported = new Map<number, number>();

const watchdog = setInterval(() => {
  ticks++;
  for (const [pid, running] of agents) {
    const cpuMs = running.agent.check();
    if (ticks % USAGE_EVERY === 0 && reported.get(pid) !== cpuMs) {
      reported.set(pid, cpuMs);
      side.control(pid, { op: 'usage', cpuMs });
    }
  }
}, WATCH_MS);
watchdog.unref();
if (process.env.AIOS_DEBUG_WORKER) {
  setInterval(() => {
    const phases: Record<string, number> = {};
    for (const r of agents.values()) phases[r.agent.phase] = (phases[r.agent.phase] ?? 0) + 1;
    debug('phases', JSON.stringify(phases));
  }, 3000).unref();
}

const debug = process.env.AIOS_DEBUG_WORKER
  ? (...parts: unknown[]) =>
      writeSync(
        2,
        `[worker ${threadId} ${(performance.timeOrigin + performance.now()).toFixed(2)}] ${parts.join(' ')}\n`,
      )
  : () => {};

function onControl(pid: number, value: Record<string, unknown>): void {
  debug('control', pid, value.op);
  switch (value.op) {
    case 'start':
      if (closing)
        side.control(pid, { op: 'exit', ok: false, reason: 'killed', message: 'the system shut down' });
      else start(pid, value);
      return;
    case 'stop':
      agents.get(pid)?.agent.stop('killed');
      debug('disposed', pid);
      return;
    case 'shutdown':
      void shutdown();
      return;
  }
}

/**
 * Stops every agent and lets isolated-vm finish tearing their isolates down before the
 * kernel terminates this thread; terminating with isolate work in flight can abort the
 * process.
 */
let closing = false;

async function shutdown(): Promise<void> {
  closing = true;
  const runs = [...agents.values()].map((r) => r.done);
  for (const r of agents.values()) r.agent.stop('killed');
  await Promise.allSettled(runs);
  disposeWarm();
  await new Promise((r) => setTimeout(r, 5));
  debug('closed');
  side.control(0, { op: 'closed' });
}

function start(pid: number, value: Record<string, unknown>): void {
  if (typeof value.sdk === 'string') sdkSource = value.sdk;
  const spec: AgentSpec = {
    pid,
    tier: value.tier === 'wasm' ? 'wasm' : 'isolate',
    wasm: value.wasm as Uint8Array | undefined,
    handles: value.handles as Record<string, number>,
    memoryMb: Number(value.memoryMb),
    cpuMs: Number(value.cpuMs),
    sdk: sdkSource,
    code: String(value.code),
    file: String(value.file),
  };
  const forward = (op: number, name: string, args: unknown, timeoutMs?: number) =>
    side.call({ pid, op: op as never, name, args: (args ?? {}) as Record<string, unknown>, timeoutMs });
  const agent = new IsolateAgent(spec, forward);
  const done = agent.run().then((outcome: Outcome) => {
    debug('ended', pid, JSON.stringify(outcome).slice(0, 120));
    agents.delete(pid);
    reported.delete(pid);
    side.control(pid, { op: 'usage', cpuMs: agent.cpuMs });
    if (outcome.ok) side.control(pid, { op: 'exit', ok: true, result: outcome.result });
    else if (outcome.reason === 'hibernate') side.control(pid, { op: 'hibernate', wait: outcome.wait });
    else side.control(pid, { op: 'exit', ...outcome });
  });
  agents.set(pid, { agent, done });
}
