/**
 * Entry of a pool worker thread: hosts many agents, each in its own isolate, and relays
 * their calls to the kernel over the link it was given. Control frames from the kernel start,
 * stop, suspend and resume agents; a watchdog enforces each agent's CPU limit.
 */
import { writeSync } from 'node:fs';
import { threadId, workerData } from 'node:worker_threads';
import type { LinkEnd } from '../link.ts';
import { OP } from '../op.ts';
import { parkedCount } from './catastrophe.ts';
import { type AgentSpec, IsolateAgent, type Outcome } from './isolate-agent.ts';
import { forgetAll, refillOne, useSdk, warmCount } from './isolates.ts';
import { WorkerSide } from './side.ts';
import type { ProcessSample } from './stop-cause.ts';

/** How often the watchdog looks at running agents' CPU time. */
const WATCH_MS = 5;
/** How often CPU usage is reported to the kernel. */
const USAGE_EVERY = 20;

interface Running {
  agent: IsolateAgent;
  done: Promise<unknown>;
}

const agents = new Map<number, Running>();
const side = new WorkerSide((workerData as { link: LinkEnd }).link, onControl, {
  delegate: (pkg, pid) => agents.get(pid)?.agent.attachLease(pkg),
  idle: (pid) => agents.get(pid)?.agent.idle === true,
});
let ticks = 0;

/** CPU ms last reported per agent: only changes are sent. */
const reported = new Map<number, number>();

const watchdog = setInterval(() => {
  ticks++;
  const sample = agents.size > 0 ? processSample() : undefined;
  for (const [pid, running] of agents) {
    const cpuMs = running.agent.check(sample);
    if (ticks % USAGE_EVERY === 0 && reported.get(pid) !== cpuMs) {
      reported.set(pid, cpuMs);
      side.control(pid, { op: 'usage', cpuMs });
    }
  }
}, WATCH_MS);
watchdog.unref();

function processSample(): ProcessSample {
  const { user, system } = process.cpuUsage();
  return { cpuUs: user + system, rss: process.memoryUsage.rss() };
}
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
      startsSeen++;
      if (typeof value.sdk === 'string') useSdk(value.sdk);
      if (closing) side.control(pid, { op: 'exit', ...SHUT_DOWN });
      else if (!startTurn) {
        startTurn = true;
        start(pid, value);
        setImmediate(startNext);
      } else queued.set(pid, value);
      return;
    case 'stop':
      if (queued.delete(pid))
        side.control(pid, { op: 'exit', ok: false, reason: 'killed', message: 'stopped' });
      agents.get(pid)?.agent.stop('killed');
      debug('disposed', pid);
      return;
    case 'sdk':
      useSdk(String(value.sdk));
      return;
    case 'shutdown':
      void shutdown();
      return;
  }
}

const SHUT_DOWN = { ok: false, reason: 'killed', message: 'the system shut down' } as const;

/**
 * Starts that arrive together (a burst of spawns) go one per turn of the event loop: making
 * an isolate blocks the thread for about a millisecond, and in between the thread relays
 * the calls of agents already started, so they get going and the CPU stays busy.
 */
const queued = new Map<number, Record<string, unknown>>();
let startTurn = false;

function startNext(): void {
  const next = queued.entries().next();
  if (next.done) {
    startTurn = false;
    return;
  }
  const [pid, value] = next.value;
  queued.delete(pid);
  start(pid, value);
  setImmediate(startNext);
}

/**
 * Isolates for the next spawns are made one at a time while the thread is idle: nothing
 * waits in the link (a start, or an answer an agent awaits), so making one delays no one.
 * The kernel hears how many are ready and sends spawns where they are.
 */
let refillQueued = false;
/** Start frames received, so the kernel can tell which of them a report of ready isolates counts. */
let startsSeen = 0;
const REFILL_RETRY_MS = 1;

function refillSoon(): void {
  if (refillQueued || closing) return;
  refillQueued = true;
  setImmediate(refill);
}

function refill(): void {
  refillQueued = false;
  if (closing) return;
  if (side.link.hasInput() || queued.size > 0) {
    setTimeout(refillSoon, REFILL_RETRY_MS);
    return;
  }
  let more: boolean;
  try {
    more = refillOne();
  } catch (error) {
    debug('refill failed', (error as Error).message);
    return;
  }
  side.control(0, { op: 'warm', ready: warmCount(), seen: startsSeen });
  if (more) refillSoon();
}

/**
 * Stops every agent and lets isolated-vm finish tearing their isolates down before the
 * kernel terminates this thread; terminating with isolate work in flight can abort the
 * process.
 */
let closing = false;
/** Parked isolates the kernel side was told of. */
let parkedTold = 0;

async function shutdown(): Promise<void> {
  closing = true;
  for (const pid of queued.keys()) side.control(pid, { op: 'exit', ...SHUT_DOWN });
  queued.clear();
  const runs = [...agents.values()].map((r) => r.done);
  for (const r of agents.values()) r.agent.stop('killed');
  await Promise.allSettled(runs);
  for (const r of agents.values()) r.agent.release();
  agents.clear();
  forgetAll();
  await new Promise((r) => setTimeout(r, 5));
  debug('closed');
  side.control(0, { op: 'closed' });
}

function start(pid: number, value: Record<string, unknown>): void {
  const spec: AgentSpec = {
    pid,
    tier: value.tier === 'wasm' ? 'wasm' : 'isolate',
    wasm: value.wasm as Uint8Array | undefined,
    handles: value.handles as Record<string, number>,
    memoryMb: Number(value.memoryMb),
    cpuMs: Number(value.cpuMs),
    code: String(value.code),
    file: String(value.file),
    reuseKey: typeof value.reuseKey === 'string' ? value.reuseKey : undefined,
  };
  const forward = (op: number, name: string, args: unknown, timeoutMs?: number, via?: 'kernel') => {
    const call = { pid, op: op as never, name, args: (args ?? {}) as Record<string, unknown>, timeoutMs };
    if (op === OP.SERVICE && name === 'lease_result') return side.leaseResult(pid, args as never);
    return via === 'kernel' ? side.callKernel(call) : side.call(call);
  };
  const agent = new IsolateAgent(spec, forward, () => side.offer(pid));
  const done = agent.run().then((outcome: Outcome) => {
    debug('ended', pid, JSON.stringify(outcome).slice(0, 120));
    // Before the kernel hears of the end (and recalls the agent's leases).
    side.forget(pid);
    agents.delete(pid);
    reported.delete(pid);
    const { cpuMs, reused } = agent;
    if (outcome.ok) side.control(pid, { op: 'exit', ok: true, result: outcome.result, cpuMs, reused });
    else if (outcome.reason === 'hibernate')
      side.control(pid, { op: 'hibernate', wait: outcome.wait, cpuMs, reused });
    else side.control(pid, { op: 'exit', ...outcome, cpuMs, reused });
    // A parked isolate (see onCatastrophe) keeps this thread from ever terminating, and the
    // process from exiting normally: the kernel side must not wait for either.
    if (parkedCount() > parkedTold) {
      parkedTold = parkedCount();
      side.control(0, { op: 'parked' });
    }
    // The kernel has the news; the isolate goes after, off the spawn's path.
    agent.release();
    refillSoon();
  });
  agents.set(pid, { agent, done });
}
