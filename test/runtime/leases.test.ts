/**
 * Channel leases end to end: isolate agents on two different worker threads talk over a
 * channel the kernel has leased to their workers, and everything the kernel defines still
 * holds — order, backpressure at the queue's depth, the 64 KiB limit, request/reply with
 * timeouts, the peer closing, and the audit's and agents' counts of the traffic.
 */
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { boot, hostPlaneOf, type System } from '../../src/boot.ts';
import type { Endpoint } from '../../src/kernel/objects.ts';
import { RIGHTS } from '../../src/kernel/rights.ts';
import type { Lease } from '../../src/runtime/fast/lease.ts';
import type { Leases } from '../../src/runtime/fast/leases.ts';
import { WorkerPool } from '../../src/runtime/pool.ts';
import { PooledRuntime } from '../../src/runtime/pooled.ts';
import { testEnv } from '../helpers/env.ts';
import { core } from '../helpers/internals.ts';

/**
 * Calls that are not about timeouts wait as long as a loaded machine needs (the default
 * timeout is shorter than starting an isolate can take with every core busy).
 */
const PATIENT = '{ timeoutMs: 300_000 }';

/**
 * The parent creates a channel of `depth`, starts `child` with one end, and (before `body`)
 * makes one call the child answers: from then on the channel is idle with both ends in use,
 * so the kernel leases it. `body` runs with `mine` and the child's handle; with the `cue`
 * option, also with `cue`: the parent's end of a second channel, the child's `os.handles.cue`.
 */
const parent = (child: string, depth: number, body: string, { cue = false } = {}) => `
export default async function (os) {
  const [mine, theirs] = await os.ipc.channel(${depth});
  const [cue, theirCue] = ${cue ? 'await os.ipc.channel()' : '[0, 0]'};
  const child = await os.spawn('${child}', {
    quotas: { cpuMsPerEpoch: 2000 },
    grants: ${cue ? '{ peer: theirs, cue: theirCue }' : '{ peer: theirs }'},
  });
  await os.handle.close(theirs);
  if (theirCue) await os.handle.close(theirCue);
  await os.ipc.call(mine, 'hello', ${PATIENT});
  ${body}
}`;

/** Answers 'hello', then runs `body` with `peer`. */
const child = (body: string) => `
export default async function (os) {
  const peer = os.handles.peer;
  const hello = await os.ipc.recv(peer);
  await os.ipc.reply(peer, hello, 'hi');
  ${body}
}`;

/** These tests are not about CPU limits: a loaded machine must not stop their agents. */
const CPU = { cpuMsPerEpoch: 2000 };

describe('channel leases between isolate agents on two workers', () => {
  let system: System;
  let pool: WorkerPool;
  let leases: Leases<unknown>;
  let dir: string;
  const cleanups: (() => unknown)[] = [];
  before(async () => {
    const env = testEnv({ after: (fn) => cleanups.push(fn) });
    dir = join(env.dir, 'agents');
    mkdirSync(dir);
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

  const run = async (name: string, parentSource: string, childName: string, childSource: string) => {
    writeFileSync(join(dir, childName), childSource);
    writeFileSync(join(dir, name), parentSource);
    const before = { granted: leases.granted, across: leases.grantedAcross, carried: leases.carried };
    const { pid } = system.host.spawnFile(join(dir, name), { grants: { system: RIGHTS.SPAWN }, quotas: CPU });
    const exit = await system.host.exitOf(pid, 300_000);
    assert.equal(exit.reason, 'normal', exit.message);
    system.persist.flush();
    return {
      pid,
      result: JSON.parse(exit.result!),
      granted: leases.granted - before.granted,
      across: leases.grantedAcross - before.across,
      carried: leases.carried - before.carried,
    };
  };

  /** Sum of the audit's counts of `what` for `pid` (entries of kind 'syscalls'). */
  const counted = (pid: number, what: string) => {
    let count = 0;
    let bytes = 0;
    for (const line of system.store.audit.page(0, 1_000_000)) {
      const e = JSON.parse(line) as {
        kind: string;
        pid: number;
        what: string;
        detail?: { count: number; bytes: number };
      };
      if (e.kind === 'syscalls' && e.pid === pid && e.what === what) {
        count += e.detail!.count;
        bytes += e.detail!.bytes;
      }
    }
    return { count, bytes };
  };
  const denied = (pid: number, code: string) =>
    system.store.audit
      .page(0, 1_000_000)
      .map((l) => JSON.parse(l) as { kind: string; pid: number; ok: boolean; code?: string; what: string })
      .filter((e) => e.kind === 'syscall' && e.pid === pid && !e.ok && e.code === code);

  it('streams in order over a lease, and the audit and usage count every message once', async () => {
    const N = 3000;
    const r = await run(
      'stream.js',
      parent(
        'stream-child.js',
        16,
        `for (let i = 0; i < ${N}; i++) await os.ipc.send(mine, new Uint8Array([i & 255, i >> 8]));
         await os.ipc.send(mine, 'end');
         const exit = await os.wait(child.handle);
         return { child: JSON.parse(exit.result), childPid: (await os.info(child.handle)).pid };`,
      ),
      'stream-child.js',
      child(`let n = 0, inOrder = true;
        for (;;) {
          const m = await os.ipc.recv(peer);
          if (m.bytes.length === 3) break;
          if (m.bytes[0] + (m.bytes[1] << 8) !== n) inOrder = false;
          n++;
        }
        return { n, inOrder };`),
    );
    assert.deepEqual(r.result.child, { n: N, inOrder: true });
    assert.ok(r.granted >= 1 && r.across >= 1, 'the channel was leased to two different workers');
    assert.ok(r.carried > N / 2, `most messages went over the lease (${r.carried})`);
    const writes = counted(r.pid, 'channel_write');
    assert.equal(writes.count, N + 1, 'every write counted once, on the lease or in the kernel');
    assert.equal(writes.bytes, N * 2 + 3);
    assert.equal(counted(r.result.childPid, 'channel_read').count, N + 2);
    const usage = core(system).processes.get(r.pid)!.usage;
    assert.equal(usage.messagesSent, N + 2, 'the hello call and the stream');
  });

  it('pushes back at the queue’s depth: a try says E_WOULD_BLOCK, a send waits for room', async () => {
    const r = await run(
      'depth.js',
      parent(
        'depth-child.js',
        4,
        `const tries = [];
         for (let i = 0; i < 5; i++) {
           try { await os.ipc.trySend(mine, String(i)); tries.push('ok'); } catch (e) { tries.push(e.code); }
         }
         await os.ipc.send(cue, 'full'); // the child reads only now that the queue is full
         await os.ipc.send(mine, 'go'); // waits until the child has made room
         await os.ipc.send(mine, 'last');
         const exit = await os.wait(child.handle);
         return { tries, child: JSON.parse(exit.result) };`,
        { cue: true },
      ),
      'depth-child.js',
      child(`await os.ipc.recv(os.handles.cue);
        const got = [];
        for (let i = 0; i < 6; i++) got.push((await os.ipc.recv(peer)).text());
        return got;`),
    );
    assert.deepEqual(r.result.tries, ['ok', 'ok', 'ok', 'ok', 'E_WOULD_BLOCK']);
    assert.deepEqual(r.result.child, ['0', '1', '2', '3', 'go', 'last']);
    assert.equal(r.carried, 6, 'all six messages went over the lease');
    assert.ok(counted(r.pid, 'channel_write:would_block').count >= 1);
  });

  it('takes a message of exactly 64 KiB with its header and refuses one byte more, audited', async () => {
    const r = await run(
      'size.js',
      parent(
        'size-child.js',
        8,
        `await os.ipc.send(mine, new Uint8Array(65536 - 16));
         let code = 'none';
         try { await os.ipc.send(mine, new Uint8Array(65536 - 15)); } catch (e) { code = e.code; }
         await os.ipc.send(mine, 'after');
         const exit = await os.wait(child.handle);
         return { code, child: JSON.parse(exit.result) };`,
      ),
      'size-child.js',
      child(`const a = await os.ipc.recv(peer);
        const b = await os.ipc.recv(peer);
        return [a.bytes.length, b.text()];`),
    );
    assert.deepEqual(r.result, { code: 'E_TOO_BIG', child: [65536 - 16, 'after'] });
    assert.ok(r.carried >= 1, 'the largest message went over the lease');
    assert.equal(denied(r.pid, 'E_TOO_BIG').length, 1);
  });

  it('keeps request/reply: replies by transaction id, a late reply is refused after the timeout', async () => {
    const r = await run(
      'calls.js',
      parent(
        'calls-child.js',
        8,
        `const answers = [];
         for (let i = 0; i < 50; i++) answers.push((await os.ipc.call(mine, String(i), ${PATIENT})).text());
         let code = 'none';
         try { await os.ipc.call(mine, 'ignore me', { timeoutMs: 50 }); } catch (e) { code = e.code; }
         const last = (await os.ipc.call(mine, 'still there?', ${PATIENT})).text();
         const exit = await os.wait(child.handle);
         return { ok: answers.every((a, i) => a === 'echo:' + i), code, last, child: JSON.parse(exit.result) };`,
      ),
      'calls-child.js',
      child(`for (let i = 0; i < 50; i++) { const m = await os.ipc.recv(peer); await os.ipc.reply(peer, m, 'echo:' + m.text()); }
        const ignored = await os.ipc.recv(peer);
        // The next call comes only once the caller has given up on the one it ignores.
        const m = await os.ipc.recv(peer);
        let late = 'none';
        try { await os.ipc.reply(peer, ignored, 'too late'); } catch (e) { late = e.code; }
        await os.ipc.reply(peer, m, 'yes');
        return { late };`),
    );
    assert.deepEqual(r.result, {
      ok: true,
      code: 'E_TIMED_OUT',
      last: 'yes',
      child: { late: 'E_NOT_FOUND' },
    });
    assert.ok(r.carried >= 100, 'calls and replies went over the lease');
    assert.equal(denied(r.pid, 'E_TIMED_OUT').length, 1, 'the timeout is audited as the kernel’s');
  });

  it('a message carrying a handle goes through the kernel, in order with those around it', async () => {
    const r = await run(
      'transfer.js',
      parent(
        'transfer-child.js',
        64,
        `for (let i = 0; i < 20; i++) await os.ipc.send(mine, String(i));
         const [keep, give] = await os.ipc.channel();
         await os.ipc.send(mine, 'handle', { handles: [give] });
         for (let i = 20; i < 40; i++) await os.ipc.send(mine, String(i));
         const back = (await os.ipc.recv(keep)).text();
         const exit = await os.wait(child.handle);
         return { back, child: JSON.parse(exit.result) };`,
      ),
      'transfer-child.js',
      child(`const got = [];
        let given = 0;
        for (let i = 0; i < 41; i++) {
          const m = await os.ipc.recv(peer);
          got.push(m.text());
          if (m.handles.length === 1) given = m.handles[0];
        }
        await os.ipc.send(given, 'through the handle');
        return got.join(',');`),
    );
    const expected = [
      ...Array.from({ length: 20 }, (_, i) => String(i)),
      'handle',
      ...Array.from({ length: 20 }, (_, i) => String(i + 20)),
    ];
    assert.deepEqual(r.result, { back: 'through the handle', child: expected.join(',') });
    assert.ok(r.carried >= 20, 'the plain messages went over the lease');
  });

  it('a reader gets every message, then E_PEER_CLOSED once the writer closes its end', async () => {
    const r = await run(
      'close.js',
      parent(
        'close-child.js',
        64,
        `for (let i = 0; i < 40; i++) await os.ipc.send(mine, String(i));
         await os.handle.close(mine);
         const exit = await os.wait(child.handle);
         return JSON.parse(exit.result);`,
      ),
      'close-child.js',
      child(`const got = [];
        try { for (;;) got.push((await os.ipc.recv(peer)).text()); }
        catch (e) { return { n: got.length, last: got.at(-1), code: e.code }; }`),
    );
    assert.deepEqual(r.result, { n: 40, last: '39', code: 'E_PEER_CLOSED' });
    assert.equal(r.carried, 40, 'every message went over the lease');
  });

  it('suspending an agent takes its channels back into the kernel, which holds its calls until resumed', async () => {
    writeFileSync(
      join(dir, 'ticker-child.js'),
      child(`let n = 0;
      try { for (;;) { await os.ipc.recv(peer); n++; } } catch (e) { return { n, code: e.code }; }`),
    );
    writeFileSync(
      join(dir, 'ticker.js'),
      parent(
        'ticker-child.js',
        8,
        `for (let i = 0; i < 400; i++) { await os.ipc.send(mine, 'tick'); if (i % 20 === 0) await os.sleep(1); }
        await os.handle.close(mine);
        return JSON.parse((await os.wait(child.handle)).result);`,
      ),
    );
    const { pid } = system.host.spawnFile(join(dir, 'ticker.js'), {
      grants: { system: RIGHTS.SPAWN },
      quotas: CPU,
    });
    const agent = core(system).processes.get(pid)!;
    while (leases.live === 0) {
      assert.ok(
        !['exited', 'crashed'].includes(agent.state),
        'the stream ended before its channel was leased',
      );
      await new Promise((r) => setTimeout(r, 1));
    }
    core(system).lifecycle.suspend(agent);
    assert.equal(leases.live, 0, 'recalled as the agent was suspended');
    const sent = agent.usage.messagesSent;
    await new Promise((r) => setTimeout(r, 50));
    system.persist.flush();
    assert.equal(agent.usage.messagesSent, sent, 'nothing sent while suspended');
    core(system).lifecycle.resume(agent);
    const exit = await system.host.exitOf(pid, 300_000);
    assert.equal(exit.reason, 'normal', exit.message);
    assert.deepEqual(JSON.parse(exit.result!), { n: 400, code: 'E_PEER_CLOSED' });
  });

  it('loses, repeats and reorders nothing while the kernel recalls the lease again and again mid-stream', async () => {
    const N = 4000;
    writeFileSync(
      join(dir, 'storm-child.js'),
      child(`let next = 0, calls = 0, bad = 0;
        for (;;) {
          const m = await os.ipc.recv(peer);
          const text = m.text();
          if (text === 'end') break;
          if (Number(text) !== next) bad++;
          next = Number(text) + 1;
          if (m.txid !== 0) { calls++; await os.ipc.reply(peer, m, 'ack:' + text); }
        }
        return { next, calls, bad };`),
    );
    writeFileSync(
      join(dir, 'storm.js'),
      parent(
        'storm-child.js',
        8,
        `let acks = 0;
         const pending = [];
         for (let i = 0; i < ${N}; i++) {
           if (i % 50 === 0) { if ((await os.ipc.call(mine, String(i), ${PATIENT})).text() === 'ack:' + i) acks++; }
           else if (i % 7 === 0) pending.push(os.ipc.send(mine, String(i))); // not awaited: order must hold anyway
           else { await Promise.all(pending.splice(0)); await os.ipc.send(mine, String(i)); }
         }
         await Promise.all(pending);
         await os.ipc.send(mine, 'end');
         return { acks, child: JSON.parse((await os.wait(child.handle)).result) };`,
      ),
    );
    const recallsBefore = leases.recalls;
    const { pid } = system.host.spawnFile(join(dir, 'storm.js'), {
      grants: { system: RIGHTS.SPAWN },
      quotas: CPU,
    });
    let storming = true;
    const storm = (async () => {
      while (storming) {
        const agent = core(system).processes.get(pid);
        for (const h of agent?.table.values() ?? []) {
          const lease =
            h.object.kind === 'channel' ? (h.object.lease as Lease<unknown> | undefined) : undefined;
          // Recalled once it has carried a little, in the middle of whatever is under way.
          if (lease && lease.counted(pid, h.value).writes >= 100)
            core(system).ipc.settle(h.object as Endpoint);
        }
        await new Promise((r) => setTimeout(r, 1));
      }
    })();
    const exit = await system.host.exitOf(pid, 300_000);
    storming = false;
    await storm;
    assert.equal(exit.reason, 'normal', exit.message);
    assert.deepEqual(JSON.parse(exit.result!), {
      acks: N / 50,
      child: { next: N, calls: N / 50, bad: 0 },
    });
    // How often depends on the machine's speed (a fast stream ends sooner, and a channel
    // recalled early waits longer before its next lease): at least again, not a rate.
    assert.ok(
      leases.recalls - recallsBefore >= 2,
      `recalled mid-stream (${leases.recalls - recallsBefore} times)`,
    );
  });
});
