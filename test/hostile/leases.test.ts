/**
 * Hostile agents against channel leases (the kernel lets two workers carry a channel's traffic
 * in shared memory): an agent cannot use a lease for a handle it does not hold or with rights
 * it lacks, and a revoked or closed handle stops working at once, lease or not. Each denial is
 * the kernel's own error, in the audit journal; the bystander is unharmed.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RIGHTS } from '../../src/kernel/rights.ts';
import type { PooledRuntime } from '../../src/runtime/pooled.ts';
import { deniedWith, useHostile } from './harness.ts';

/** These tests are not about CPU limits: a loaded machine must not stop their agents. */
const CPU = { cpuMsPerEpoch: 2000 };

describe('hostile agents: channel leases', () => {
  const system = useHostile();
  const leases = () => (system().system.host.runtime('isolate') as PooledRuntime).pool.leases!;

  it('a revoked handle stops at once: every message sent before the revocation arrives, none after', async () => {
    const s = system();
    s.write(
      'streamer.js',
      `export default async function (os) {
        const peer = os.handles.peer;
        const hello = await os.ipc.recv(peer);
        await os.ipc.reply(peer, hello, 'hi');
        let sent = 0;
        try { for (;;) { await os.ipc.send(peer, String(sent)); sent++; } }
        catch (e) { return { sent, code: e.code }; }
      }`,
    );
    const granted = leases().granted;
    const { exit } = await s.run(
      'revoker.js',
      `export default async function (os) {
        const [mine, theirs] = await os.ipc.channel(64);
        const child = await os.spawn('streamer.js', { quotas: { cpuMsPerEpoch: 2000 }, grants: { peer: theirs } });
        await os.ipc.call(mine, 'hello');
        let got = 0;
        for (; got < 500; got++) if ((await os.ipc.recv(mine)).text() !== String(got)) return { error: 'order' };
        await os.handle.revoke(theirs); // the child's handle was derived from this one
        const streamer = JSON.parse((await os.wait(child.handle)).result);
        try {
          for (;;) { const m = await os.ipc.tryRecv(mine); if (!m) break; if (m.text() !== String(got)) return { error: 'order' }; got++; }
        } catch (e) { if (e.code !== 'E_PEER_CLOSED') throw e; } // drained: its end is gone
        return { got, streamer, pid: (await os.info(child.handle)).pid };
      }`,
      { grants: { system: RIGHTS.SPAWN }, quotas: CPU },
    );
    assert.equal(exit.reason, 'normal', exit.message);
    const r = JSON.parse(exit.result!) as {
      got: number;
      streamer: { sent: number; code: string };
      pid: number;
    };
    assert.equal(r.streamer.code, 'E_REVOKED');
    assert.equal(r.got, r.streamer.sent, 'what the sender was told it sent is exactly what arrived');
    assert.ok(leases().granted > granted, 'the channel was leased while it streamed');
    await s.assertUnharmed();
    s.assertAudited(r.pid, deniedWith('E_REVOKED', 'channel_write'));
  });

  it('an agent cannot use the lease of a handle it does not hold, even knowing its number', async () => {
    const s = system();
    s.write(
      'echo.js',
      `export default async function (os) {
        await os.ipc.serve(os.handles.peer, (m) => m.bytes);
      }`,
    );
    s.write(
      'thief.js',
      `export default async function (os) {
        const labels = (await os.info(os.handles.self)).labels;
        const victim = Number(labels.victim);
        const codes = [];
        for (const attempt of [
          () => os.ipc.trySend(victim, 'stolen'),
          () => os.ipc.tryRecv(victim),
          () => os.ipc.call(victim, 'stolen'),
          () => os.ipc.reply(victim, 0x80000000, 'forged'),
        ]) { try { await attempt(); codes.push('none'); } catch (e) { codes.push(e.code); } }
        return codes;
      }`,
    );
    const granted = leases().granted;
    const { exit } = await s.run(
      'victim.js',
      `export default async function (os) {
        const [mine, theirs] = await os.ipc.channel();
        const echo = await os.spawn('echo.js', { quotas: { cpuMsPerEpoch: 2000 }, grants: { peer: theirs } });
        await os.handle.close(theirs);
        for (let i = 0; i < 100; i++) await os.ipc.call(mine, String(i)); // leased by now
        const thief = await os.spawn('thief.js', { quotas: { cpuMsPerEpoch: 2000 }, labels: { victim: String(mine) } });
        const codes = JSON.parse((await os.wait(thief.handle)).result);
        const still = (await os.ipc.call(mine, 'still mine')).text();
        await os.kill(echo.handle);
        return { codes, still, thief: (await os.info(thief.handle)).pid };
      }`,
      { grants: { system: RIGHTS.SPAWN }, quotas: CPU },
    );
    assert.equal(exit.reason, 'normal', exit.message);
    const r = JSON.parse(exit.result!) as { codes: string[]; still: string; thief: number };
    assert.deepEqual(r.codes, ['E_BAD_HANDLE', 'E_BAD_HANDLE', 'E_BAD_HANDLE', 'E_BAD_HANDLE']);
    assert.equal(r.still, 'still mine');
    assert.ok(leases().granted > granted, 'the victim’s channel was leased');
    await s.assertUnharmed();
    s.assertAudited(r.thief, deniedWith('E_BAD_HANDLE', 'channel_write'));
  });

  it('a read-only handle reads over the lease but cannot write through it', async () => {
    const s = system();
    s.write(
      'reader.js',
      `export default async function (os) {
        const peer = os.handles.peer;
        const got = [];
        for (let i = 0; i < 20; i++) got.push((await os.ipc.recv(peer)).text());
        let code = 'none';
        try { await os.ipc.trySend(peer, 'sneaky'); } catch (e) { code = e.code; }
        return { n: got.length, code };
      }`,
    );
    const granted = leases().granted;
    const { exit } = await s.run(
      'writer.js',
      `export default async function (os) {
        const [mine, theirs] = await os.ipc.channel();
        const reader = await os.spawn('reader.js', { quotas: { cpuMsPerEpoch: 2000 }, grants: { peer: [theirs, ${RIGHTS.READ | RIGHTS.WAIT}] } });
        await os.handle.close(theirs);
        for (let i = 0; i < 20; i++) { await os.ipc.send(mine, String(i)); await os.sleep(1); }
        const r = JSON.parse((await os.wait(reader.handle)).result);
        let extra = 'none';
        try { await os.ipc.tryRecv(mine); } catch (e) { extra = e.code; }
        return { ...r, extra, pid: (await os.info(reader.handle)).pid };
      }`,
      { grants: { system: RIGHTS.SPAWN }, quotas: CPU },
    );
    assert.equal(exit.reason, 'normal', exit.message);
    const r = JSON.parse(exit.result!) as { n: number; code: string; extra: string; pid: number };
    assert.deepEqual([r.n, r.code, r.extra], [20, 'E_NO_RIGHTS', 'E_PEER_CLOSED']);
    assert.ok(leases().granted > granted, 'the channel was leased');
    await s.assertUnharmed();
    s.assertAudited(r.pid, deniedWith('E_NO_RIGHTS', 'channel_write'));
  });

  it('a closed handle stops at once, and a flood over a lease meets the queue’s depth', async () => {
    const s = system();
    s.write(
      'flooder.js',
      `export default async function (os) {
        const peer = os.handles.peer;
        const hello = await os.ipc.recv(peer);
        await os.ipc.reply(peer, hello, 'hi');
        let ok = 0, blocked = 0;
        for (let i = 0; i < 2000; i++) {
          try { await os.ipc.trySend(peer, 'flood'); ok++; } catch (e) { if (e.code !== 'E_WOULD_BLOCK') throw e; blocked++; }
        }
        await os.handle.close(peer);
        let after = 'none';
        try { await os.ipc.trySend(peer, 'after close'); } catch (e) { after = e.code; }
        return { ok, blocked, after };
      }`,
    );
    const { exit } = await s.run(
      'target.js',
      `export default async function (os) {
        const [mine, theirs] = await os.ipc.channel(32);
        const flooder = await os.spawn('flooder.js', { quotas: { cpuMsPerEpoch: 2000 }, grants: { peer: theirs } });
        await os.handle.close(theirs);
        await os.ipc.call(mine, 'hello');
        const r = JSON.parse((await os.wait(flooder.handle)).result);
        let queued = 0;
        try { for (;;) { await os.ipc.recv(mine); queued++; } } catch (e) { return { ...r, queued, end: e.code, pid: (await os.info(flooder.handle)).pid }; }
      }`,
      { grants: { system: RIGHTS.SPAWN }, quotas: CPU },
    );
    assert.equal(exit.reason, 'normal', exit.message);
    const r = JSON.parse(exit.result!) as {
      ok: number;
      blocked: number;
      after: string;
      queued: number;
      end: string;
      pid: number;
    };
    assert.deepEqual([r.ok, r.blocked, r.queued], [32, 2000 - 32, 32], 'the depth bounds the flood');
    assert.equal(r.after, 'E_BAD_HANDLE');
    assert.equal(r.end, 'E_PEER_CLOSED');
    await s.assertUnharmed();
    s.assertAudited(r.pid, deniedWith('E_BAD_HANDLE', 'channel_write'));
  });

  it('an isolate agent that rewires its built-ins never gets the shared memory its own lease calls use', async () => {
    const s = system();
    s.write(
      'echo.js',
      'export default async function (os) { await os.ipc.serve(os.handles.peer, (m) => m.bytes); }',
    );
    const granted = leases().granted;
    const { exit } = await s.run(
      'rewire.js',
      `export default async function (os) {
        // Everything the agent's built-ins see that is shared memory is recorded.
        let seen = 0;
        let inside = false;
        const look = (v) => {
          if (inside) return;
          inside = true;
          try {
            if (v instanceof SharedArrayBuffer || (ArrayBuffer.isView(v) && v.buffer instanceof SharedArrayBuffer)) seen++;
          } catch {
          } finally {
            inside = false;
          }
        };
        for (const k of Object.getOwnPropertyNames(Atomics)) {
          const f = Atomics[k];
          if (typeof f === 'function') Atomics[k] = function (...a) { a.forEach(look); return f.apply(this, a); };
        }
        const TA = Object.getPrototypeOf(Int32Array.prototype);
        for (const name of ['length', 'buffer', 'byteOffset', 'byteLength']) {
          const d = Object.getOwnPropertyDescriptor(TA, name);
          Object.defineProperty(TA, name, { configurable: true, get() { look(this); return d.get.apply(this); } });
        }
        for (const name of ['set', 'subarray', 'slice', 'fill']) {
          const f = TA[name];
          TA[name] = function (...a) { look(this); a.forEach(look); return f.apply(this, a); };
        }
        for (const name of ['getUint32', 'setUint32', 'getInt32', 'setInt32']) {
          const f = DataView.prototype[name];
          DataView.prototype[name] = function (...a) { look(this); return f.apply(this, a); };
        }
        for (const C of [Map, Set]) {
          for (const name of ['get', 'set', 'add', 'has']) {
            const f = C.prototype[name];
            if (f) C.prototype[name] = function (...a) { a.forEach(look); const r = f.apply(this, a); look(r); return r; };
          }
        }
        const push = Array.prototype.push;
        Array.prototype.push = function (...a) { a.forEach(look); return push.apply(this, a); };
        // The traps work: shared memory of the agent's own is seen.
        Atomics.load(new Int32Array(new SharedArrayBuffer(8)), 0);
        const control = seen;

        const [mine, theirs] = await os.ipc.channel();
        const echo = await os.spawn('echo.js', { quotas: { cpuMsPerEpoch: 2000 }, grants: { peer: theirs } });
        await os.handle.close(theirs);
        let wrong = 0;
        for (let i = 0; i < 600; i++) {
          const r = await os.ipc.call(mine, new Uint8Array([i & 255]));
          if (r.bytes[0] !== (i & 255)) wrong++;
        }
        await os.kill(echo.handle);
        const names = ['__aiosAttach', '__aiosBoot', '__client', 'performance', 'Temporal'];
        return { control, seen: seen - control, wrong, reachable: names.filter((n) => n in globalThis) };
      }`,
      { grants: { system: RIGHTS.SPAWN }, quotas: CPU },
    );
    assert.equal(exit.reason, 'normal', exit.message);
    const r = JSON.parse(exit.result!);
    assert.equal(r.control, 1, 'the traps catch shared memory the agent touches');
    assert.deepEqual([r.seen, r.wrong, r.reachable], [0, 0, []]);
    assert.ok(leases().granted > granted, 'the channel was leased');
    await s.assertUnharmed();
  });
});
