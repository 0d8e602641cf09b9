/**
 * The transport between worker threads and the kernel: shared-memory rings against the
 * MessagePort fallback, in the same run, with the same frames, kernel and SDK.
 * - round trip between two agents on different workers (request/reply through the kernel);
 * - one-way frames of 64 bytes from a worker to the kernel thread (the transport alone),
 *   and agent-to-agent messages through channel syscalls (transport + kernel);
 * - the same for 64 KiB messages, in bytes per second.
 * The agents are trusted code running in the worker thread itself (bench/transport-worker.ts),
 * so an isolate's own boundary is not in these figures; the isolate row shows it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { boot, type System } from '../src/boot.ts';
import { RIGHTS } from '../src/kernel/rights.ts';
import { Link, type Transport } from '../src/runtime/link.ts';
import { WorkerPool } from '../src/runtime/pool.ts';
import { PooledRuntime } from '../src/runtime/pooled.ts';
import { Doorbell } from '../src/runtime/ring.ts';
import { fmt, mdTable, percentile, type Section, verdict } from './lib.ts';

const AGENTS = join(import.meta.dirname, 'agents');
const WORKER = new URL('./transport-worker.ts', import.meta.url);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 20_000);

async function withSystem<T>(transport: Transport | 'isolate', fn: (s: System) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'aios-bench-'));
  const system = await boot({ home: join(dir, 'aios') });
  if (transport !== 'isolate') {
    const pool = new WorkerPool({ workers: 2, transport, workerFile: WORKER, kernel: system.kernel });
    system.host.register(new PooledRuntime('isolate', pool));
  }
  try {
    return await fn(system);
  } finally {
    await system.shutdown();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function runAgent(s: System, file: string, labels: Record<string, string>): Promise<unknown> {
  const { pid } = s.host.spawnFile(join(AGENTS, file), {
    grants: { system: RIGHTS.SPAWN },
    labels,
    quotas: { cpuMsPerEpoch: 600_000, ipcQueueDepth: 4096 },
  });
  const exit = await s.host.exitOf(pid, 600_000);
  if (exit.reason !== 'normal') throw new Error(`${file}: ${exit.reason}: ${exit.message}`);
  return JSON.parse(exit.result!);
}

async function roundTrip(transport: Transport | 'isolate', rounds: number) {
  return withSystem(transport, async (s) => {
    const us = (await runAgent(s, 'rt-ping.ts', { rounds: String(rounds) })) as number[];
    return { p50: percentile(us, 50), p99: percentile(us, 99) };
  });
}

async function stream(transport: Transport, count: number, size: number) {
  return withSystem(transport, async (s) => {
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

export default async function transportBench(): Promise<Section> {
  const rtRing = await roundTrip('ring', ROUNDS);
  const rtPort = await roundTrip('port', Math.min(ROUNDS, 5_000));
  const rtIsolate = await roundTrip('isolate', Math.min(ROUNDS, 2_000));
  const raw64Ring = await raw('ring', 2_000_000, 64);
  const raw64Port = await raw('port', 200_000, 64);
  const raw64kRing = await raw('ring', 20_000, 65_536 - 64);
  const raw64kPort = await raw('port', 5_000, 65_536 - 64);
  const e2e64Ring = await stream('ring', 100_000, 64);
  const e2e64Port = await stream('port', 50_000, 64);
  const e2e64kRing = await stream('ring', 5_000, 65_536 - 16);
  const e2e64kPort = await stream('port', 2_000, 65_536 - 16);

  const ratio = rtPort.p50 / rtRing.p50;
  const verdicts = {
    'round trip p50 <= 10 us': rtRing.p50 <= 10,
    'round trip >= 5x MessagePort': ratio >= 5,
    '>= 1,000,000 64-byte messages/s one way': raw64Ring.perSec >= 1_000_000,
    '64 KiB messages >= 2 GB/s': raw64kRing.bytesPerSec >= 2e9,
  };
  const gb = (b: number) => `${(b / 1e9).toFixed(2)} GB/s`;
  const body = `${mdTable(
    ['measure', 'shared-memory rings', 'MessagePort', 'ratio', 'target', 'verdict'],
    [
      [
        'round trip, agent ↔ agent on two workers via the kernel, p50',
        `${fmt(rtRing.p50)} µs`,
        `${fmt(rtPort.p50)} µs`,
        `${ratio.toFixed(1)}x`,
        '≤ 10 µs and ≥ 5x',
        `${verdict(verdicts['round trip p50 <= 10 us'])} / ${verdict(verdicts['round trip >= 5x MessagePort'])}`,
      ],
      ['round trip, p99', `${fmt(rtRing.p99)} µs`, `${fmt(rtPort.p99)} µs`, '', '', ''],
      [
        '64-byte frames one way, worker → kernel thread',
        `${fmt(raw64Ring.perSec)}/s`,
        `${fmt(raw64Port.perSec)}/s`,
        `${(raw64Ring.perSec / raw64Port.perSec).toFixed(1)}x`,
        '≥ 1,000,000/s',
        verdict(verdicts['>= 1,000,000 64-byte messages/s one way']),
      ],
      [
        '64 KiB frames one way, worker → kernel thread',
        gb(raw64kRing.bytesPerSec),
        gb(raw64kPort.bytesPerSec),
        `${(raw64kRing.bytesPerSec / raw64kPort.bytesPerSec).toFixed(1)}x`,
        '≥ 2 GB/s',
        verdict(verdicts['64 KiB messages >= 2 GB/s']),
      ],
      [
        '64-byte messages agent → agent through channel syscalls',
        `${fmt(e2e64Ring.perSec)}/s`,
        `${fmt(e2e64Port.perSec)}/s`,
        `${(e2e64Ring.perSec / e2e64Port.perSec).toFixed(1)}x`,
        '',
        '',
      ],
      [
        '64 KiB messages agent → agent through channel syscalls',
        gb(e2e64kRing.bytesPerSec),
        gb(e2e64kPort.bytesPerSec),
        `${(e2e64kRing.bytesPerSec / e2e64kPort.bytesPerSec).toFixed(1)}x`,
        '',
        '',
      ],
      [
        'round trip between two isolate agents (SDK in V8 isolates), mean',
        `${fmt(rtIsolate.p50)} µs`,
        '',
        '',
        '',
        '',
      ],
    ],
  )}

Round trips: one agent calls (os.ipc.call, 64 bytes) another that echoes, ${fmt(ROUNDS, 0)} times after a
warm-up; the two run on different worker threads and every call goes worker → kernel thread (syscall
checks, audit counting) → the other worker and back. The kernel thread polls while traffic flows and
sleeps on a futex doorbell when idle; workers nap on their doorbells. One-way frame rows measure the link
alone (the kernel thread decodes each frame); agent-to-agent rows add a channel_write and a channel_read
syscall per message on the kernel thread, 256 in flight each way. Large payloads beyond 64 KiB travel
as memory-region handles (region_map shares the SharedArrayBuffer; nothing is copied).`;
  return { title: 'Transport: shared-memory rings vs MessagePort', body, verdicts };
}
