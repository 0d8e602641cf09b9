/**
 * System services on worker threads (src/runtime/service-thread.ts): a trusted service agent,
 * started by init like the supervisor and reached through the handle it was given, runs on a
 * thread of its own in the worker pool, so an isolate agent's calls to it go over a channel
 * lease. What callers and the owner notice: the answers are right, a handle without the right
 * is refused, a caller's death does not end the service, and a service that crashes ends alone
 * (reported as crashed) while the other agents and the host keep running.
 */
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { boot, hostPlaneOf, type System } from '../../src/boot.ts';
import { DEFAULT_RIGHTS, RIGHTS } from '../../src/kernel/rights.ts';
import type { Leases } from '../../src/runtime/fast/leases.ts';
import { imageOf } from '../../src/runtime/images.ts';
import { WorkerPool } from '../../src/runtime/pool.ts';
import { PooledRuntime } from '../../src/runtime/pooled.ts';
import { SERVICE_THREAD_LABEL, SERVICE_THREAD_WORKER } from '../../src/runtime/service-thread.ts';
import { createOs, type Os } from '../../src/sdk/os.ts';
import { testEnv } from '../helpers/env.ts';

/**
 * The service: answers on every `peer…` handle it was given until that caller goes. It has
 * Node (it is trusted), so it can say which thread it runs on.
 */
const SERVICE = `import { threadId } from 'node:worker_threads';
export default async function (os) {
  const serve = (h) => os.ipc.serve(h, async (m) => {
    const text = m.bytes.length > 0 && m.bytes[0] === 0 ? '' : m.text();
    if (m.bytes.length > 0 && m.bytes[0] === 0) return m.bytes.map((b) => 255 - b); // binary
    if (text === 'thread') return String(threadId);
    if (text === 'slow') await os.sleep(300);
    if (text === 'crash') setTimeout(() => { throw new Error('service bug: boom'); }, 0);
    if (text === 'loop') for (;;);
    if (text === 'grow') for (const keep = []; ; ) keep.push(new Array(4096).fill(keep.length));
    return 'echo:' + text;
  });
  const names = Object.keys(os.handles).filter((n) => n.startsWith('peer'));
  await Promise.all(names.map((n) => serve(os.handles[n])));
  return 'served';
}`;

/** Calls the service `rounds` times with text and binary payloads; counts wrong answers. */
const CALLER = `export default async function (os) {
  const svc = os.handles.svc;
  const rounds = Number((await os.info(os.handles.self)).labels.rounds);
  let wrong = 0;
  for (let i = 0; i < rounds; i++) {
    if (i % 2 === 0) {
      if ((await os.ipc.call(svc, 'm' + i)).text() !== 'echo:m' + i) wrong++;
    } else {
      const bytes = new Uint8Array(1 + (i % 700)).map((_, j) => (j === 0 ? 0 : (i + j) & 255));
      const back = (await os.ipc.call(svc, bytes)).bytes;
      if (back.length !== bytes.length || back.some((b, j) => b !== 255 - bytes[j])) wrong++;
    }
  }
  const thread = Number((await os.ipc.call(svc, 'thread')).text());
  return { wrong, thread };
}`;

describe('a system service on a worker thread of its own', () => {
  let system: System;
  let pool: WorkerPool;
  let leases: Leases<unknown>;
  let init: Os;
  let dir: string;
  const cleanups: (() => unknown)[] = [];
  before(async () => {
    const env = testEnv({ after: (fn) => cleanups.push(fn) });
    dir = join(env.dir, 'agents');
    mkdirSync(dir);
    writeFileSync(join(dir, 'service.js'), SERVICE);
    writeFileSync(join(dir, 'caller.js'), CALLER);
    system = await boot({ home: env.aiosHome });
    pool = new WorkerPool({ workers: 2, plane: hostPlaneOf(system) });
    system.host.register(new PooledRuntime('isolate', pool));
    leases = pool.leases as Leases<unknown>;
    init = createOs(system.host.initPort());
  });
  after(async () => {
    await pool.close();
    await system.shutdown();
    for (const fn of cleanups) fn();
  });

  /** Spawns as init (the owner), granting init's handles with the given rights, as boot does. */
  const spawn = async (
    file: string,
    options: {
      runtime: 'builtin' | 'isolate';
      memoryBytes?: number;
      labels?: Record<string, string>;
      grants?: Record<string, [number, number]>;
    },
  ) => {
    const grants = Object.entries(options.grants ?? {});
    return (await init.sys('process_spawn', {
      handle: system.systemHandle,
      image: imageOf(join(dir, file)),
      runtime: options.runtime,
      quotas: { cpuMsPerEpoch: 60_000, ...(options.memoryBytes ? { memoryBytes: options.memoryBytes } : {}) },
      labels: { ...options.labels, grantNames: grants.map(([name]) => name).join(',') },
      grants: grants.map(([, [handle, rights]]) => ({ handle, rights })),
    })) as { pid: number; handle: number };
  };

  /** A service with one channel per caller; init keeps the callers' ends. */
  const startService = async (callers: number, memoryBytes?: number) => {
    const ends: number[] = [];
    const grants: Record<string, [number, number]> = {};
    for (let i = 0; i < callers; i++) {
      const [mine, theirs] = await init.ipc.channel();
      grants[`peer${i}`] = [theirs, DEFAULT_RIGHTS.channel];
      ends.push(mine);
    }
    const service = await spawn('service.js', {
      runtime: 'builtin',
      labels: { service: `echo-${ends[0]}`, [SERVICE_THREAD_LABEL]: SERVICE_THREAD_WORKER },
      grants,
      memoryBytes,
    });
    for (const [name, [h]] of Object.entries(grants)) if (name.startsWith('peer')) await init.handle.close(h);
    return { service, ends };
  };

  const caller = (end: number, rights: number, rounds: number, file = 'caller.js') =>
    spawn(file, { runtime: 'isolate', labels: { rounds: String(rounds) }, grants: { svc: [end, rights] } });

  it('answers an isolate agent over a channel lease, off the kernel thread', async () => {
    const { service, ends } = await startService(1);
    const across = leases.grantedAcross;
    const carried = leases.carried;
    const N = 2000;
    const c = await caller(ends[0], DEFAULT_RIGHTS.channel, N);
    await init.handle.close(ends[0]);
    const exit = await system.host.exitOf(c.pid, 60_000);
    assert.equal(exit.reason, 'normal', exit.message);
    const r = JSON.parse(exit.result!);
    assert.equal(r.wrong, 0, 'every answer matches its request');
    assert.notEqual(r.thread, 0, 'the service runs on a worker thread, not the main thread');
    assert.ok(leases.grantedAcross > across, 'the channel was leased to the two threads');
    // The caller ended, so its end closed: the service's serving loop ends and so does it.
    const served = await system.host.exitOf(service.pid, 10_000);
    assert.equal(served.reason, 'normal', served.message);
    assert.equal(JSON.parse(served.result!), 'served');
    system.persist.flush();
    assert.ok(leases.carried - carried >= N, `the lease carried the calls (${leases.carried - carried})`);
  });

  it('refuses a caller whose handle lacks the right, on the lease and through the kernel', async () => {
    const { service, ends } = await startService(2);
    writeFileSync(
      join(dir, 'narrow.js'),
      `export default async function (os) {
        const svc = os.handles.svc;
        for (let i = 0; i < 300; i++) await os.ipc.call(svc, 'warm'); // the channel is leased now
        const readOnly = await os.handle.duplicate(svc, ${RIGHTS.READ});
        let code;
        try { await os.ipc.call(readOnly, 'sneak'); } catch (e) { code = e.code; }
        const still = (await os.ipc.call(svc, 'after')).text();
        return { code, still };
      }`,
    );
    const narrowed = await caller(ends[0], DEFAULT_RIGHTS.channel, 0, 'narrow.js');
    const r1 = await system.host.exitOf(narrowed.pid, 60_000);
    assert.equal(r1.reason, 'normal', r1.message);
    assert.deepEqual(JSON.parse(r1.result!), { code: 'E_NO_RIGHTS', still: 'echo:after' });
    // Granted without the right from the start, its first call is refused: the agent fails.
    const refused = await caller(ends[1], RIGHTS.READ, 5);
    const r2 = await system.host.exitOf(refused.pid, 60_000);
    assert.equal(r2.reason, 'denied');
    assert.match(r2.message ?? '', /E_NO_RIGHTS/);
    const info = (await init.info(service.handle)) as { state: string };
    assert.notEqual(info.state, 'exited', 'the service keeps running');
    await init.kill(service.handle);
    await system.host.exitOf(service.pid, 10_000);
  });

  it("survives a caller's death in the middle of a call and keeps answering the others", async () => {
    const { service, ends } = await startService(2);
    writeFileSync(
      join(dir, 'dying.js'),
      `export default async function (os) {
        for (let i = 0; i < 300; i++) await os.ipc.call(os.handles.svc, 'warm');
        await os.ipc.call(os.handles.svc, 'slow'); // killed while the service works on it
      }`,
    );
    const dying = await caller(ends[0], DEFAULT_RIGHTS.channel, 0, 'dying.js');
    await init.handle.close(ends[0]);
    await init.sleep(150);
    await init.kill(dying.handle);
    assert.equal((await system.host.exitOf(dying.pid, 10_000)).reason, 'killed');
    await init.sleep(400); // the service's answer to the dead caller has nowhere to go
    const other = await caller(ends[1], DEFAULT_RIGHTS.channel, 500);
    await init.handle.close(ends[1]);
    const exit = await system.host.exitOf(other.pid, 60_000);
    assert.equal(exit.reason, 'normal', exit.message);
    assert.equal(JSON.parse(exit.result!).wrong, 0);
    const served = await system.host.exitOf(service.pid, 10_000);
    assert.equal(served.reason, 'normal', served.message);
  });

  it('a crash of the service ends it alone, reported; its callers and the other agents go on', async () => {
    const { service, ends } = await startService(2);
    // A bystander: an isolate agent with a conversation of its own on the pool.
    const [bystanderEnd, echoEnd] = await init.ipc.channel();
    writeFileSync(
      join(dir, 'echo.js'),
      `export default async (os) => { await os.ipc.serve(os.handles.peer, (m) => m.bytes); }`,
    );
    writeFileSync(
      join(dir, 'bystander.js'),
      `export default async function (os) {
        let n = 0;
        for (const until = Date.now() + 1500; Date.now() < until; n++) await os.ipc.call(os.handles.svc, 'x');
        return n;
      }`,
    );
    const echo = await spawn('echo.js', {
      runtime: 'isolate',
      grants: { peer: [echoEnd, DEFAULT_RIGHTS.channel] },
    });
    const bystander = await caller(bystanderEnd, DEFAULT_RIGHTS.channel, 0, 'bystander.js');
    writeFileSync(
      join(dir, 'crasher.js'),
      `export default async function (os) {
        for (let i = 0; i < 300; i++) await os.ipc.call(os.handles.svc, 'warm');
        await os.ipc.call(os.handles.svc, 'crash');
        // The service may answer a few more before its thread gets to the timer that crashes it.
        for (let i = 0; i < 100000; i++) {
          try { await os.ipc.call(os.handles.svc, 'anyone?', { timeoutMs: 5000 }); } catch (e) { return e.code; }
        }
      }`,
    );
    const crasher = await caller(ends[0], DEFAULT_RIGHTS.channel, 0, 'crasher.js');
    const crashed = await system.host.exitOf(service.pid, 10_000);
    assert.equal(crashed.reason, 'crashed');
    assert.match(crashed.message ?? '', /service bug: boom/);
    const c = await system.host.exitOf(crasher.pid, 10_000);
    assert.equal(c.reason, 'normal', c.message);
    assert.equal(JSON.parse(c.result!), 'E_PEER_CLOSED', 'its caller hears the service is gone, at once');
    const b = await system.host.exitOf(bystander.pid, 10_000);
    assert.equal(b.reason, 'normal', b.message);
    assert.ok(JSON.parse(b.result!) > 0);
    await init.kill(echo.handle);
    for (const h of [ends[1], bystanderEnd]) await init.handle.close(h);
    // The host still starts agents, services included.
    const again = await startService(1);
    const next = await caller(again.ends[0], DEFAULT_RIGHTS.channel, 10);
    await init.handle.close(again.ends[0]);
    assert.equal((await system.host.exitOf(next.pid, 60_000)).reason, 'normal');
    assert.equal((await system.host.exitOf(again.service.pid, 10_000)).reason, 'normal');
  });

  it('the label gives a confined agent no thread of Node: only builtin agents get one', async () => {
    writeFileSync(
      join(dir, 'pretender.js'),
      `export default async function (os) {
        let code;
        try {
          await os.spawn('service.js', { runtime: 'builtin', labels: { thread: 'worker' } });
        } catch (e) { code = e.code; }
        // Looked up at run time, past the bundler: what the isolate's global really holds
        const node = Function('return typeof process + " " + typeof require')();
        return { node, code };
      }`,
    );
    const pretender = await spawn('pretender.js', {
      runtime: 'isolate',
      labels: { [SERVICE_THREAD_LABEL]: SERVICE_THREAD_WORKER },
      grants: { system: [system.systemHandle, RIGHTS.SPAWN] },
    });
    const exit = await system.host.exitOf(pretender.pid, 60_000);
    assert.equal(exit.reason, 'normal', exit.message);
    assert.deepEqual(JSON.parse(exit.result!), { node: 'undefined undefined', code: 'E_NO_RIGHTS' });
  });

  it('a service whose heap outgrows its memory quota ends with memory_limit, alone', async () => {
    const { service, ends } = await startService(1, 32 * 2 ** 20);
    writeFileSync(
      join(dir, 'grower.js'),
      `export default async function (os) {
        await os.ipc.call(os.handles.svc, 'warm');
        try { await os.ipc.call(os.handles.svc, 'grow', { timeoutMs: 30000 }); } catch (e) { return e.code; }
      }`,
    );
    const grower = await caller(ends[0], DEFAULT_RIGHTS.channel, 0, 'grower.js');
    await init.handle.close(ends[0]);
    const exit = await system.host.exitOf(service.pid, 30_000);
    assert.equal(exit.reason, 'memory_limit', exit.message);
    const g = await system.host.exitOf(grower.pid, 10_000);
    assert.equal(JSON.parse(g.result!), 'E_PEER_CLOSED');
    assert.equal((await init.ipc.channel()).length, 2, 'the host goes on');
  });

  it('the kill switch stops a service in an endless loop, and only that service', async () => {
    const { service, ends } = await startService(1);
    writeFileSync(
      join(dir, 'looper.js'),
      `export default async function (os) {
        await os.ipc.call(os.handles.svc, 'warm');
        await os.ipc.send(os.handles.ready, 'go');
        let code;
        try { await os.ipc.call(os.handles.svc, 'loop', { timeoutMs: 10000 }); } catch (e) { code = e.code; }
        return code;
      }`,
    );
    const [ready, readyEnd] = await init.ipc.channel();
    const looper = await spawn('looper.js', {
      runtime: 'isolate',
      grants: { svc: [ends[0], DEFAULT_RIGHTS.channel], ready: [readyEnd, DEFAULT_RIGHTS.channel] },
    });
    await init.handle.close(ends[0]);
    await init.ipc.recv(ready);
    await init.sleep(200); // its 'loop' request reaches the service
    const t0 = performance.now();
    await init.kill(service.handle);
    const exit = await system.host.exitOf(service.pid, 10_000);
    assert.equal(exit.reason, 'killed');
    const l = await system.host.exitOf(looper.pid, 10_000);
    assert.equal(l.reason, 'normal', l.message);
    assert.ok(performance.now() - t0 < 5000, 'its caller did not wait for its own deadline');
    assert.equal(JSON.parse(l.result!), 'E_PEER_CLOSED');
  });
});
