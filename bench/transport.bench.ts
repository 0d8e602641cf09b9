/**
 * The transport between worker threads and the kernel: shared-memory rings against the
 * MessagePort fallback, in the same run, with the same frames, kernel and SDK.
 * - round trip between two agents on different workers: over a channel lease (the kernel
 *   leases an idle channel whose ends are in use by agents on workers to those workers, which
 *   then move its messages in shared memory, src/runtime/fast), through the kernel thread over
 *   rings, and through the kernel thread over MessagePorts (the baseline);
 * - one-way frames of 64 bytes from a worker to the kernel thread (the transport alone),
 *   and agent-to-agent messages through channel syscalls (transport + kernel);
 * - the same for 64 KiB messages, in bytes per second.
 * "Agent" in the target rows: trusted code running in the worker thread itself
 * (bench/transport-worker.ts) with the real worker side of the link and the SDK, so an
 * isolate's own boundary is not in these figures; the isolate rows show it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { Worker } from 'node:worker_threads';
import { boot, hostPlaneOf, type System } from '../src/boot.ts';
import { RIGHTS } from '../src/kernel/rights.ts';
import { Link, type Transport } from '../src/runtime/link.ts';
import { WorkerPool } from '../src/runtime/pool.ts';
import { PooledRuntime } from '../src/runtime/pooled.ts';
import { Doorbell } from '../src/runtime/ring.ts';
import { SERVICE_THREAD_LABEL, SERVICE_THREAD_WORKER } from '../src/runtime/service-thread.ts';
import { fmt, mdTable, median, percentile, type Section, verdict } from './lib.ts';

// Isolate agents get a microsecond clock in this benchmark only (V8's Temporal, read in the
// isolate; see IsolateAgent): set before any worker thread or isolate exists.
setFlagsFromString('--harmony-temporal');
process.env.AIOS_BENCH_CLOCK = '1';

const AGENTS = join(import.meta.dirname, 'agents');
const WORKER = new URL('./transport-worker.ts', import.meta.url);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 20_000);
/** Round-trip measurements are repeated this many times, interleaved; medians are reported. */
const RUNS = Number(process.env.BENCH_RUNS ?? 3);

/**
 * How the agents are hosted: trusted agents in the worker thread (`lease`: channel leases on;
 * `ring`: every call through the kernel thread over rings; `port`: over MessagePorts), or
 * isolate agents (`isolate-lease`, `isolate-kernel`), or an isolate agent calling a built-in
 * service agent in the aios process (`isolate-service`, leases on as in `aios up`) or on a
 * worker thread of its own (`isolate-thread-service`, src/runtime/service-thread.ts). Always
 * two workers (for isolate agents; a service's own thread comes besides).
 */
type Mode =
  | Transport
  | 'lease'
  | 'isolate-lease'
  | 'isolate-kernel'
  | 'isolate-service'
  | 'isolate-thread-service';

async function withSystem<T>(mode: Mode, fn: (s: System, pool: WorkerPool) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'aios-bench-'));
  const system = await boot({ home: join(dir, 'aios') });
  const isolate = mode.startsWith('isolate');
  const pool = new WorkerPool({
    workers: 2,
    transport: mode === 'port' ? 'port' : 'ring',
    workerFile: isolate ? undefined : WORKER,
    plane: mode === 'port' || mode === 'ring' || mode === 'isolate-kernel' ? undefined : hostPlaneOf(system),
  });
  system.host.register(new PooledRuntime('isolate', pool));
  try {
    return await fn(system, pool);
  } finally {
    await pool.close();
    await system.shutdown();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function runAgent(
  s: System,
  file: string,
  labels: Record<string, string>,
  runtime?: 'builtin' | 'builtin-thread',
): Promise<unknown> {
  const thread = runtime === 'builtin-thread';
  const { pid } = s.host.spawnFile(join(AGENTS, file), {
    runtime: thread ? 'builtin' : runtime,
    grants: { system: RIGHTS.SPAWN },
    labels: thread ? { ...labels, [SERVICE_THREAD_LABEL]: SERVICE_THREAD_WORKER } : labels,
    quotas: { cpuMsPerEpoch: 600_000, ipcQueueDepth: 4096 },
  });
  const exit = await s.host.exitOf(pid, 600_000);
  if (exit.reason !== 'normal') throw new Error(`${file}: ${exit.reason}: ${exit.message}`);
  return JSON.parse(exit.result!);
}

async function roundTrip(mode: Mode, rounds: number) {
  return withSystem(mode, async (s, pool) => {
    const service = mode === 'isolate-service' || mode === 'isolate-thread-service';
    const labels = { rounds: String(rounds) };
    const us = (await runAgent(
      s,
      service ? 'rt-service.ts' : 'rt-ping.ts',
      labels,
      mode === 'isolate-thread-service' ? 'builtin-thread' : service ? 'builtin' : undefined,
    )) as number[];
    const across = pool.leases?.grantedAcross ?? 0;
    return {
      p50: percentile(us, 50),
      p99: percentile(us, 99),
      mean: us.reduce((a, b) => a + b, 0) / us.length,
      across,
    };
  });
}

/** Medians over RUNS interleaved runs of each mode (p50, p99 and mean are each a median). */
async function roundTrips(modes: [Mode, number][]) {
  const runs = new Map<Mode, Awaited<ReturnType<typeof roundTrip>>[]>();
  for (let i = 0; i < RUNS; i++) {
    for (const [mode, rounds] of modes) {
      const list = runs.get(mode) ?? [];
      list.push(await roundTrip(mode, rounds));
      runs.set(mode, list);
    }
  }
  const out = new Map<Mode, { p50: number; p99: number; mean: number; across: number }>();
  for (const [mode, list] of runs) {
    out.set(mode, {
      p50: median(list.map((r) => r.p50)),
      p99: median(list.map((r) => r.p99)),
      mean: median(list.map((r) => r.mean)),
      across: Math.min(...list.map((r) => r.across)),
    });
  }
  return out;
}

async function stream(mode: Mode, count: number, size: number) {
  return withSystem(mode, async (s) => {
    const r = (await runAgent(s, 'stream-send.ts', { count: String(count), size: String(size) })) as {
      ms: number;
      received: number;
      bytes: number;
    };
    return { perSec: (r.received / r.ms) * 1000, bytesPerSec: (r.bytes / r.ms) * 1000 };
  });
}

/** Frames per second from one worker to the kernel thread, which decodes each one. */
async function raw(transport: Transport, frames: number, size: number) {
  const bell = new Doorbell();
  const { kernelSide, workerEnd, transfer } = Link.pair(transport, bell);
  let got = 0;
  let first = 0;
  let last = 0;
  const done = new Promise<void>((resolve) => {
    const onFrame = () => {
      if (got++ === 0) first = performance.now();
      if (got === frames) {
        last = performance.now();
        resolve();
      }
    };
    if (transport === 'port') kernelSide.onFrame(onFrame);
    else {
      const drain = () => {
        kernelSide.poll(onFrame);
        if (got < frames) setImmediate(drain);
      };
      drain();
    }
  });
  const worker = new Worker(WORKER, {
    workerData: { link: workerEnd, raw: { frames, size } },
    transferList: transfer,
  });
  await done;
  await worker.terminate();
  kernelSide.close();
  const seconds = (last - first) / 1000;
  return { perSec: frames / seconds, bytesPerSec: (frames * size) / seconds };
}

/** Runs a throughput measurement RUNS times; the median of each figure. */
async function medianOf(run: () => Promise<{ perSec: number; bytesPerSec: number }>) {
  const runs: { perSec: number; bytesPerSec: number }[] = [];
  for (let i = 0; i < RUNS; i++) runs.push(await run());
  return { perSec: median(runs.map((r) => r.perSec)), bytesPerSec: median(runs.map((r) => r.bytesPerSec)) };
}

/**
 * Why a lease polls: the round trip of two threads handing a token back and forth, each
 * sleeping on a futex (Atomics.wait/notify) or polling, p50 in µs.
 */
async function wakeUps(rounds: number): Promise<{ futex: number; poll: number }> {
  const out = { futex: 0, poll: 0 };
  for (const mode of ['futex', 'poll'] as const) {
    const cells = new Int32Array(new SharedArrayBuffer(8));
    const worker = new Worker(
      `const { workerData } = require('node:worker_threads');
       const a = new Int32Array(workerData.buffer);
       for (let seen = 0;;) {
         let v;
         while ((v = Atomics.load(a, 0)) === seen) if (workerData.futex) Atomics.wait(a, 0, seen, 100);
         if (v < 0) break;
         seen = v;
         Atomics.store(a, 1, v);
         Atomics.notify(a, 1);
       }`,
      { eval: true, workerData: { buffer: cells.buffer, futex: mode === 'futex' } },
    );
    await new Promise((resolve) => worker.once('online', resolve));
    const us: number[] = [];
    for (let i = 1; i <= rounds; i++) {
      const t0 = performance.now();
      Atomics.store(cells, 0, i);
      Atomics.notify(cells, 0);
      while (Atomics.load(cells, 1) !== i) if (mode === 'futex') Atomics.wait(cells, 1, i - 1, 100);
      us.push((performance.now() - t0) * 1000);
    }
    Atomics.store(cells, 0, -1);
    Atomics.notify(cells, 0);
    await worker.terminate();
    out[mode] = percentile(us, 50);
  }
  return out;
}

export default async function transportBench(): Promise<Section> {
  const rt = await roundTrips([
    ['lease', ROUNDS],
    ['ring', Math.min(ROUNDS, 5_000)],
    ['port', Math.min(ROUNDS, 5_000)],
    ['isolate-lease', Math.min(ROUNDS, 5_000)],
    ['isolate-kernel', Math.min(ROUNDS, 2_000)],
    ['isolate-service', Math.min(ROUNDS, 2_000)],
    ['isolate-thread-service', Math.min(ROUNDS, 5_000)],
  ]);
  const wake = await wakeUps(20_000);
  const lease = rt.get('lease')!;
  const ring = rt.get('ring')!;
  const port = rt.get('port')!;
  const isoLease = rt.get('isolate-lease')!;
  const isoKernel = rt.get('isolate-kernel')!;
  const isoService = rt.get('isolate-service')!;
  const threadService = rt.get('isolate-thread-service')!;
  const raw64Ring = await medianOf(() => raw('ring', 2_000_000, 64));
  const raw64Port = await medianOf(() => raw('port', 200_000, 64));
  const raw64kRing = await medianOf(() => raw('ring', 20_000, 65_536 - 64));
  const raw64kPort = await medianOf(() => raw('port', 5_000, 65_536 - 64));
  const e2e64Lease = await medianOf(() => stream('lease', 100_000, 64));
  const e2e64Ring = await medianOf(() => stream('ring', 100_000, 64));
  const e2e64Port = await medianOf(() => stream('port', 50_000, 64));
  const e2e64kLease = await medianOf(() => stream('lease', 5_000, 65_536 - 16));
  const e2e64kRing = await medianOf(() => stream('ring', 5_000, 65_536 - 16));
  const e2e64kPort = await medianOf(() => stream('port', 2_000, 65_536 - 16));

  const ratio = port.p50 / lease.p50;
  const verdicts = {
    'round trip p50 <= 10 us': lease.p50 <= 10 && lease.across > 0,
    'round trip >= 5x MessagePort': ratio >= 5 && lease.across > 0,
    'isolate round trip p50 <= 25 us': isoLease.p50 <= 25 && isoLease.across > 0,
    'isolate round trip >= 5x MessagePort': port.p50 / isoLease.p50 >= 5 && isoLease.across > 0,
    'isolate to service p50 <= 25 us and >= 5x MessagePort':
      threadService.p50 <= 25 && port.p50 / threadService.p50 >= 5 && threadService.across > 0,
    '>= 1,000,000 64-byte messages/s one way': raw64Ring.perSec >= 1_000_000,
    '64 KiB messages >= 2 GB/s': raw64kRing.bytesPerSec >= 2e9,
  };
  const gb = (b: number) => `${(b / 1e9).toFixed(2)} GB/s`;
  const x = (a: number, b: number) => `${(a / b).toFixed(1)}x`;
  const body = `${mdTable(
    ['measure', 'shared-memory rings', 'MessagePort', 'ratio', 'target', 'verdict'],
    [
      [
        'round trip, agent ↔ agent on two workers, over a channel lease, p50',
        `${fmt(lease.p50)} µs`,
        `${fmt(port.p50)} µs`,
        x(port.p50, lease.p50),
        '≤ 10 µs and ≥ 5x',
        `${verdict(verdicts['round trip p50 <= 10 us'])} / ${verdict(verdicts['round trip >= 5x MessagePort'])}`,
      ],
      ['round trip, over a channel lease, p99', `${fmt(lease.p99)} µs`, `${fmt(port.p99)} µs`, '', '', ''],
      [
        'round trip, every call through the kernel thread (no lease), p50 / p99',
        `${fmt(ring.p50)} / ${fmt(ring.p99)} µs`,
        `${fmt(port.p50)} / ${fmt(port.p99)} µs`,
        x(port.p50, ring.p50),
        '',
        '',
      ],
      [
        'round trip between two isolate agents on two workers, over a channel lease, p50',
        `${fmt(isoLease.p50)} µs`,
        `${fmt(port.p50)} µs`,
        x(port.p50, isoLease.p50),
        '≤ 25 µs and ≥ 5x',
        `${verdict(verdicts['isolate round trip p50 <= 25 us'])} / ${verdict(verdicts['isolate round trip >= 5x MessagePort'])}`,
      ],
      [
        'round trip between two isolate agents, over a channel lease, p99 / mean',
        `${fmt(isoLease.p99)} / ${fmt(isoLease.mean)} µs`,
        `${fmt(port.p99)} / ${fmt(port.mean)} µs`,
        '',
        '',
        '',
      ],
      [
        'round trip between two isolate agents, every call through the kernel thread (no lease), p50 / p99',
        `${fmt(isoKernel.p50)} / ${fmt(isoKernel.p99)} µs`,
        `${fmt(port.p50)} / ${fmt(port.p99)} µs`,
        x(port.p50, isoKernel.p50),
        '',
        '',
      ],
      [
        'round trip, isolate agent → service agent on a worker thread of its own, over a channel lease, p50 / p99',
        `${fmt(threadService.p50)} / ${fmt(threadService.p99)} µs`,
        `${fmt(port.p50)} / ${fmt(port.p99)} µs`,
        x(port.p50, threadService.p50),
        '≤ 25 µs and ≥ 5x',
        verdict(verdicts['isolate to service p50 <= 25 us and >= 5x MessagePort']),
      ],
      [
        'round trip, isolate agent → service agent in the aios process (through the kernel thread), p50 / p99',
        `${fmt(isoService.p50)} / ${fmt(isoService.p99)} µs`,
        `${fmt(port.p50)} / ${fmt(port.p99)} µs`,
        x(port.p50, isoService.p50),
        '',
        '',
      ],
      [
        'two threads handing a token back and forth, round trip p50: futex sleep / polling',
        `${fmt(wake.futex)} / ${fmt(wake.poll)} µs`,
        '',
        '',
        '',
        '',
      ],
      [
        '64-byte frames one way, worker → kernel thread',
        `${fmt(raw64Ring.perSec)}/s`,
        `${fmt(raw64Port.perSec)}/s`,
        x(raw64Ring.perSec, raw64Port.perSec),
        '≥ 1,000,000/s',
        verdict(verdicts['>= 1,000,000 64-byte messages/s one way']),
      ],
      [
        '64 KiB frames one way, worker → kernel thread',
        gb(raw64kRing.bytesPerSec),
        gb(raw64kPort.bytesPerSec),
        x(raw64kRing.bytesPerSec, raw64kPort.bytesPerSec),
        '≥ 2 GB/s',
        verdict(verdicts['64 KiB messages >= 2 GB/s']),
      ],
      [
        '64-byte messages agent → agent through channel syscalls: lease / kernel thread',
        `${fmt(e2e64Lease.perSec)} / ${fmt(e2e64Ring.perSec)}/s`,
        `${fmt(e2e64Port.perSec)}/s`,
        x(e2e64Lease.perSec, e2e64Port.perSec),
        '',
        '',
      ],
      [
        '64 KiB messages agent → agent through channel syscalls: lease / kernel thread',
        `${gb(e2e64kLease.bytesPerSec)} / ${gb(e2e64kRing.bytesPerSec)}`,
        gb(e2e64kPort.bytesPerSec),
        x(e2e64kLease.bytesPerSec, e2e64kPort.bytesPerSec),
        '',
        '',
      ],
    ],
  )}

Round trips: one agent calls (os.ipc.call, 64 bytes) another that echoes (os.ipc.serve), ${fmt(ROUNDS, 0)} times
after a warm-up (fewer for the slower modes), each mode ${RUNS} times interleaved; figures are medians over
those runs (every other row too is the median of ${RUNS} runs). The two agents always run on different worker threads of a two-worker pool. In the target rows
an agent is trusted code running in its worker thread itself, with the real worker side of the link and the
SDK (bench/transport-worker.ts); the isolate rows run the same agents in V8 isolates (the default runtime).
On a lease, an isolate agent that alone holds its end on its worker does its channel calls on the isolate's own
thread, in a context of its isolate that its code cannot reach (src/runtime/isolate/lease-client.ts), while it
has nothing in flight through the worker; so a round trip between two isolate agents crosses no worker thread.
Through the kernel thread, each call also crosses from the isolate's thread to its worker thread and back. The
service rows are an isolate agent calling a trusted (builtin) service agent that serves requests on a channel
(bench/agents/rt-service.ts). Labelled to run on a worker thread of its own (src/runtime/service-thread.ts, the
target row), the service is to the kernel an agent on a worker: the channel is leased to its thread and the
caller's, and a round trip crosses the caller's isolate thread and the service's thread. Run in the aios process
(the supervisor's way), there is no lease (one end is not on a worker), so each call goes isolate → worker →
kernel thread → service and back. Isolates have no high-resolution clock; in
this benchmark only they get one (V8's Temporal, microseconds, read in the isolate). Over a lease, the kernel thread is not on the path: once the
channel is idle with both ends in use by agents on workers, the kernel grants the two workers shared-memory
rings for it, with the rights of the handles it names; the workers carry writes, reads, calls and replies,
poll briefly while the conversation is active, and add their counts to counters the kernel folds into the
audit; the kernel recalls the lease (taking every queued message and pending call back into its own queues)
before it touches the channel itself or when a handle to it is closed, revoked or sent away. Without a lease
every call goes worker → kernel thread (syscall checks, audit counting) → the other worker and back. The
MessagePort baseline is the same pool with MessagePorts for links (no shared memory, so no leases). One-way
frame rows measure the link alone (the kernel thread decodes each frame); agent-to-agent rows add a
channel_write and a channel_read per message, 256 in flight each way. Payloads beyond 64 KiB travel as
memory-region handles (region_map shares the SharedArrayBuffer; nothing is copied). The futex row is why
a lease polls while a conversation is active: a round trip through the kernel thread needs four wake-ups of
sleeping threads, and on this virtual machine one costs from a few to tens of microseconds depending on the
host's state (measured between 3 and 17 µs one way), while polling costs a cache-line transfer.`;
  return { title: 'Transport: shared-memory rings vs MessagePort', body, verdicts };
}
