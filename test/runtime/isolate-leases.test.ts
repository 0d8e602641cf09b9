/**
 * Channel leases done by the agents' isolates themselves (src/runtime/isolate/lease-client.ts):
 * once an isolate agent alone holds its end of a leased channel on its worker, its channel
 * calls there run on the isolate's own thread. What users rely on still holds: every message
 * in order, the CPU limit counts those calls as calls out, the kill switch stops an agent
 * waiting there at once, and the kernel takes the channel back after such an agent dies.
 */
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { boot, hostPlaneOf, type System } from '../../src/boot.ts';
import { RIGHTS } from '../../src/kernel/rights.ts';
import type { Leases } from '../../src/runtime/fast/leases.ts';
import { WorkerPool } from '../../src/runtime/pool.ts';
import { PooledRuntime } from '../../src/runtime/pooled.ts';
import { testEnv } from '../helpers/env.ts';

/** Echoes every request on `peer` until the other end closes. */
const ECHO = `export default async function (os) {
  await os.ipc.serve(os.handles.peer, (m) => m.bytes);
  return 'closed';
}`;

/** Answers 200 warm-up requests, then reads 60 messages three reads at a time. */
const READER = `export default async function (os) {
  const peer = os.handles.peer;
  for (let i = 0; i < 200; i++) {
    const m = await os.ipc.recv(peer);
    await os.ipc.reply(peer, m, 'ok');
  }
  const got = [];
  while (got.length < 60) {
    const batch = await Promise.all([os.ipc.recv(peer), os.ipc.recv(peer), os.ipc.recv(peer)]);
    for (const m of batch) got.push(m.bytes[0]);
  }
  return got;
}`;

describe('isolate agents doing their leased channel calls on their own threads', () => {
  let system: System;
  let pool: WorkerPool;
  let leases: Leases<unknown>;
  let dir: string;
  const cleanups: (() => unknown)[] = [];
  before(async () => {
    const env = testEnv({ after: (fn) => cleanups.push(fn) });
    dir = join(env.dir, 'agents');
    mkdirSync(dir);
    writeFileSync(join(dir, 'echo.js'), ECHO);
    writeFileSync(join(dir, 'reader.js'), READER);
    system = await boot({ home: env.aiosHome });
    pool = new WorkerPool({ workers: 2, plane: hostPlaneOf(system) });
    system.host.register(new PooledRuntime('isolate', pool));
    leases = pool.leases as Leases<unknown>;
  });
  after(async () => {
    await pool.close();
    await system.shutdown();
    for (const fn of cleanups) fn();
  });

  const run = async (name: string, source: string, quotas: Record<string, number>, timeoutMs = 60_000) => {
    writeFileSync(join(dir, name), source);
    const { pid } = system.host.spawnFile(join(dir, name), { grants: { system: RIGHTS.SPAWN }, quotas });
    return system.host.exitOf(pid, timeoutMs);
  };

  it('carries a long conversation in order, within a CPU limit shorter than the conversation', async () => {
    // 4,000 round trips take far longer than 150 ms on any machine here; the caller computes
    // almost nothing between them, so the limit must not stop it.
    const N = 4000;
    const before = leases.carried;
    const exit = await run(
      'caller.js',
      `export default async function (os) {
        const [mine, theirs] = await os.ipc.channel();
        const echo = await os.spawn('echo.js', { quotas: { cpuMsPerEpoch: 150 }, grants: { peer: theirs } });
        await os.handle.close(theirs);
        const started = Date.now();
        let wrong = 0;
        for (let i = 0; i < ${N}; i++) {
          const reply = await os.ipc.call(mine, new Uint8Array([i & 255, i >> 8]));
          if (reply.bytes[0] + (reply.bytes[1] << 8) !== i) wrong++;
        }
        const ms = Date.now() - started;
        await os.handle.close(mine);
        const echoExit = await os.wait(echo.handle);
        return { wrong, ms, echo: echoExit.reason, result: echoExit.result };
      }`,
      { cpuMsPerEpoch: 150 },
    );
    assert.equal(exit.reason, 'normal', exit.message);
    const r = JSON.parse(exit.result!);
    assert.equal(r.wrong, 0, 'every reply answers its own request');
    assert.equal(r.echo, 'normal');
    system.persist.flush();
    assert.ok(
      leases.carried - before >= N,
      `the lease carried the conversation (${leases.carried - before})`,
    );
  });

  it('stops an agent waiting on its lease at once, and the kernel takes the channel back', async () => {
    const exit = await run(
      'killer.js',
      `export default async function (os) {
        const [mine, theirs] = await os.ipc.channel();
        const echo = await os.spawn('echo.js', { grants: { peer: theirs } });
        await os.handle.close(theirs);
        // A busy conversation first, so the echo agent's isolate owns its end and waits there.
        for (let i = 0; i < 500; i++) await os.ipc.call(mine, 'x');
        const t0 = Date.now();
        await os.kill(echo.handle);
        const exit = await os.wait(echo.handle);
        const killMs = Date.now() - t0;
        // The kernel recalled the lease without waiting for the dead isolate: the channel works.
        let code;
        try {
          await os.ipc.call(mine, 'anyone?', { timeoutMs: 2000 });
        } catch (e) {
          code = e.code;
        }
        return { reason: exit.reason, killMs, code };
      }`,
      { cpuMsPerEpoch: 2000 },
    );
    assert.equal(exit.reason, 'normal', exit.message);
    const r = JSON.parse(exit.result!);
    assert.equal(r.reason, 'killed');
    assert.ok(r.killMs < 2000, `the kill took ${r.killMs} ms`);
    assert.equal(r.code, 'E_PEER_CLOSED', 'the channel is the kernel’s again and says its peer is gone');
  });

  it('an agent that computes between its leased sends still gets them all through, in order', async () => {
    // Each burst of computing uses up a CPU slice, so the next send goes through the worker,
    // which asks the scheduler for the next slice, and the isolate takes the side back after.
    const exit = await run(
      'cruncher.js',
      `export default async function (os) {
        const [mine, theirs] = await os.ipc.channel();
        const reader = await os.spawn('reader.js', { grants: { peer: theirs } });
        await os.handle.close(theirs);
        for (let i = 0; i < 200; i++) await os.ipc.call(mine, 'warm');
        for (let i = 0; i < 60; i++) {
          if (i % 3 === 0) for (const until = Date.now() + 7; Date.now() < until; );
          await os.ipc.send(mine, new Uint8Array([i]));
        }
        return JSON.parse((await os.wait(reader.handle)).result);
      }`,
      { cpuMsPerEpoch: 2000 },
    );
    assert.equal(exit.reason, 'normal', exit.message);
    assert.deepEqual(
      JSON.parse(exit.result!),
      Array.from({ length: 60 }, (_, i) => i),
    );
  });

  it('keeps issue order when an agent has reads waiting while its peer pauses', async () => {
    // The reader waits longer than its isolate's own short wait, so the worker takes the side
    // back; several reads in flight at once still get the messages in order.
    const exit = await run(
      'pauser.js',
      `export default async function (os) {
        const [mine, theirs] = await os.ipc.channel();
        const reader = await os.spawn('reader.js', { grants: { peer: theirs } });
        await os.handle.close(theirs);
        for (let i = 0; i < 200; i++) await os.ipc.call(mine, 'warm');
        await os.sleep(50);
        for (let i = 0; i < 30; i++) await os.ipc.send(mine, new Uint8Array([i]));
        await os.sleep(20);
        for (let i = 30; i < 60; i++) await os.ipc.send(mine, new Uint8Array([i]));
        return JSON.parse((await os.wait(reader.handle)).result);
      }`,
      { cpuMsPerEpoch: 2000 },
    );
    assert.equal(exit.reason, 'normal', exit.message);
    assert.deepEqual(
      JSON.parse(exit.result!),
      Array.from({ length: 60 }, (_, i) => i),
    );
  });
});
