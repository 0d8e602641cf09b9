/**
 * The context bus (busd) through the service, from isolate agents, beside raw kernel IPC in the
 * same run and on the same system:
 * - publish → read latency: a subscriber long-polls `read({ waitMs })`; the publisher publishes
 *   one event stamped with its clock, and publishes the next once the subscriber has answered
 *   on a raw kernel channel between them; the subscriber takes the difference with its clock;
 * - the baselines: a raw request/reply round trip between two isolate agents over a kernel
 *   channel (bench/agents/rt-ping.ts), and a service call round trip (`get` of one key);
 * - throughput: publishes one at a time, publishes with 32 in flight, and a reader draining the
 *   backlog 1,000 events a read.
 * Every publish is one SQLite transaction (WAL, synchronous normal) and one audit entry.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { boot, type System } from '../src/boot.ts';
import { RIGHTS } from '../src/kernel/rights.ts';
import { BusEngine } from '../src/services/bus/engine.ts';
import { fmt, mdTable, median, percentile, type Section } from './lib.ts';

// Isolate agents get a microsecond clock in benchmarks only (see bench/transport.bench.ts).
setFlagsFromString('--harmony-temporal');
process.env.AIOS_BENCH_CLOCK = '1';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2000);
const EVENTS = Number(process.env.BENCH_EVENTS ?? 2000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const AGENTS = join(import.meta.dirname, 'agents');

const PRELUDE = `
  const bus = (op, args) => os.services.call('busd', op, args);
  const now = () => globalThis.performance.now();
  const labels = (await os.info(os.handles.self)).labels;
  const n = Number(labels.n);`;

const agent = (body: string) => `export default async (os) => {${PRELUDE}\n${body}\n};\n`;

/**
 * Subscribes to `lat` and answers each event on its raw kernel channel `peer` (not on the bus,
 * whose write would add its audit entry to the next event's latency); returns one-way latencies
 * in µs.
 */
const SUBSCRIBER = agent(`
  const us = []; let after = 0;
  await os.ipc.send(os.handles.peer, 'ready');
  while (us.length < n) {
    const r = await bus('read', { context: 'lat', after, waitMs: 10000 });
    const t = now();
    for (const e of r.events) us.push((t - e.data.t) * 1000);
    after = r.next;
    if (r.events.length > 0) await os.ipc.send(os.handles.peer, 'ack');
  }
  return us;`);

/** Publishes `n` stamped events on `lat`, each once the subscriber has answered the last. */
const PUBLISHER = agent(`
  await os.ipc.recv(os.handles.peer);
  for (let i = 0; i < n; i++) {
    await bus('publish', { context: 'lat', type: 'ping', data: { t: now() } });
    await os.ipc.recv(os.handles.peer);
  }
  return n;`);

/** Starts the subscriber and the publisher with a kernel channel between them; returns the latencies. */
const PAIR = `export default async (os) => {
  const labels = (await os.info(os.handles.self)).labels;
  const [a, b] = await os.ipc.channel();
  const opts = (peer) => ({ grants: { peer }, labels: { n: labels.n }, quotas: { cpuMsPerEpoch: 600000 } });
  const sub = await os.spawn('subscriber.ts', { name: 'subscriber', ...opts(a) });
  const pub = await os.spawn('publisher.ts', { name: 'publisher', ...opts(b) });
  const [s, p] = [await os.wait(sub.handle), await os.wait(pub.handle)];
  if (s.reason !== 'normal' || p.reason !== 'normal') throw new Error(s.message ?? p.message);
  return JSON.parse(s.result);
};
`;

/** Service call round trips: `get` of one key, `n` times; µs each. */
const GETTER = agent(`
  for (let i = 0; i < 200; i++) await bus('get', { context: 'lat', key: 'k' });
  const us = [];
  for (let i = 0; i < n; i++) { const t0 = now(); await bus('get', { context: 'lat', key: 'k' }); us.push((now() - t0) * 1000); }
  return us;`);

/** Throughput: `n` publishes one at a time, then `n` with 32 in flight, then reads them back. */
const THROUGHPUT = agent(`
  await bus('create', { name: 'tp', backlog: 10000 });
  let t0 = now();
  for (let i = 0; i < n; i++) await bus('publish', { context: 'tp', type: 'x', data: { i } });
  const serial = n / ((now() - t0) / 1000);
  t0 = now(); let next = 0;
  const lane = async () => { while (next < n) { next++; await bus('publish', { context: 'tp', type: 'x', data: { i: next } }); } };
  await Promise.all(Array.from({ length: 32 }, lane));
  const piped = n / ((now() - t0) / 1000);
  t0 = now(); let after = 0; let got = 0;
  while (got < 2 * n) { const r = await bus('read', { context: 'tp', after, limit: 1000 }); got += r.events.length; after = r.next; }
  const drain = got / ((now() - t0) / 1000);
  await bus('drop', { context: 'tp' });
  return { serial, piped, drain };`);

interface Run {
  lat: number[];
  get: number[];
  ipc: number[];
  tp: Record<string, number>;
}

/** Publishes per second of the engine alone, in this process: no IPC, no service, no audit. */
function engineAlone(dir: string, n: number): number {
  const bus = new BusEngine({ path: join(dir, 'alone.db') });
  const me = { name: 'bench', owner: false };
  bus.create(me, 'tp', 10_000);
  const t0 = performance.now();
  for (let i = 0; i < n; i++) bus.publish(me, { context: 'tp', type: 'x', data: { i } });
  const perSec = n / ((performance.now() - t0) / 1000);
  bus.close();
  return perSec;
}

async function once(): Promise<Run> {
  const dir = mkdtempSync(join(tmpdir(), 'aios-bench-'));
  const files = join(dir, 'agents');
  mkdirSync(files);
  const system = await boot({ home: join(dir, 'aios'), logLevel: 'warn', services: true });
  const run = async (source: string, name: string, labels: Record<string, string> = {}) => {
    const file = join(files, `${name}.ts`);
    writeFileSync(file, source);
    return exitOf(
      system,
      system.host.spawnFile(file, {
        name,
        labels,
        grants: { system: RIGHTS.SPAWN },
        quotas: { cpuMsPerEpoch: 600_000 },
      }).pid,
    );
  };
  try {
    const owner = (op: string, args: unknown) => system.services.call(1, 'busd', op, args);
    await owner('create', { name: 'lat', backlog: 10_000 });
    for (const who of ['pair/subscriber', 'pair/publisher', 'getter'])
      await owner('share', { context: 'lat', agent: who, access: 'write' });
    await owner('set', { context: 'lat', key: 'k', value: { small: true } });
    const n = String(ROUNDS);
    writeFileSync(join(files, 'subscriber.ts'), SUBSCRIBER);
    writeFileSync(join(files, 'publisher.ts'), PUBLISHER);
    const lat = (await run(PAIR, 'pair', { n })) as number[];
    const get = (await run(GETTER, 'getter', { n })) as number[];
    const { pid } = system.host.spawnFile(join(AGENTS, 'rt-ping.ts'), {
      grants: { system: RIGHTS.SPAWN },
      labels: { rounds: n },
      quotas: { cpuMsPerEpoch: 600_000 },
    });
    const ipc = (await exitOf(system, pid)) as number[];
    const tp = (await run(THROUGHPUT, 'throughput', { n: String(EVENTS) })) as Record<string, number>;
    tp.alone = engineAlone(dir, EVENTS);
    return { lat, get, ipc, tp };
  } finally {
    await system.shutdown();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function exitOf(system: System, pid: number): Promise<unknown> {
  const exit = await system.host.exitOf(pid, 600_000);
  if (exit.reason !== 'normal') throw new Error(`agent ${pid}: ${exit.reason}: ${exit.message}`);
  return JSON.parse(exit.result!);
}

export default async function (): Promise<Section> {
  const runs: Run[] = [];
  for (let i = 0; i < RUNS; i++) runs.push(await once());
  const stat = (pick: (r: Run) => number[], p: number) => median(runs.map((r) => percentile(pick(r), p)));
  const rows = [
    ['publish → read, one way (busd)', stat((r) => r.lat, 50), stat((r) => r.lat, 99)],
    ['service call round trip (busd get)', stat((r) => r.get, 50), stat((r) => r.get, 99)],
    ['raw kernel IPC round trip, isolate ↔ isolate', stat((r) => r.ipc, 50), stat((r) => r.ipc, 99)],
  ] as const;
  const ipc50 = rows[2][1];
  const tp = (k: string) => median(runs.map((r) => r.tp[k]));
  const body = [
    mdTable(
      ['path', 'p50 µs', 'p99 µs', 'p50 / raw IPC round trip'],
      rows.map(([name, p50, p99]) => [name, fmt(p50), fmt(p99), `${fmt(p50 / ipc50)}×`]),
    ),
    '',
    mdTable(
      ['throughput (one isolate agent)', 'events/s'],
      [
        ['publish, one at a time', fmt(tp('serial'), 0)],
        ['publish, 32 in flight', fmt(tp('piped'), 0)],
        ['read back, 1,000 a read', fmt(tp('drain'), 0)],
        ['publish, the engine alone in one process (no IPC, no audit)', fmt(tp('alone'), 0)],
      ],
    ),
    '',
    `${ROUNDS} rounds per latency row, ${EVENTS} events per throughput row, medians of ${RUNS} runs on fresh systems (\`aios up\`'s services, isolate agents on the worker pool, busd on its own thread). ` +
      'A publish through the service is a SQLite transaction and an audit entry (serve.ts calls tool_invoke): the gap between the engine alone and the service is mostly that entry (a probe with the audit call skipped measured about 0.4 ms a publish through the service, against 3.3 ms with it). ' +
      'A read that finds nothing waits in the service (no polling), and the publish wakes it.',
  ].join('\n');
  return { title: 'Context bus (busd)', body };
}
