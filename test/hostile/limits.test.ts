/**
 * Hostile agents that try to take more than their share: CPU, memory, time, a channel's
 * queue. Each is stopped with the exact reason; the system and a bystander are unharmed.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { exitWith, useHostile } from './harness.ts';

describe('hostile agents: limits', () => {
  const system = useHostile();

  it('an infinite loop is stopped at its CPU limit', async () => {
    const { pid, exit } = await system().run('loop.js', `export default async () => { for (;;) {} }`, {
      quotas: { cpuMsPerEpoch: 100 },
    });
    assert.equal(exit.reason, 'cpu_limit');
    assert.match(exit.message ?? '', /^ran \d+ ms without yielding; its limit is 100 ms$/);
    await system().assertUnharmed();
    system().assertAudited(pid, exitWith('cpu_limit'));
  });

  it('an infinite loop in top-level code is stopped at its CPU limit', async () => {
    const { pid, exit } = await system().run('top-loop.js', `for (;;) {} export default async () => 1;`, {
      quotas: { cpuMsPerEpoch: 100 },
    });
    assert.equal(exit.reason, 'cpu_limit');
    assert.match(exit.message ?? '', /^ran \d+ ms without yielding; its limit is 100 ms$/);
    await system().assertUnharmed();
    system().assertAudited(pid, exitWith('cpu_limit'));
  });

  it('an agent that waits, looks idle, then spins is still stopped at its CPU limit', async () => {
    const { exit } = await system().run(
      'idle-then-spin.js',
      `export default async (os) => { await os.sleep(200); for (;;) {} }`,
      { quotas: { cpuMsPerEpoch: 100 } },
    );
    assert.equal(exit.reason, 'cpu_limit');
    await system().assertUnharmed();
  });

  it('a loop that yields is not stopped, one that stops yielding is', async () => {
    const { exit } = await system().run(
      'yield-then-spin.js',
      `export default async (os) => {
         for (let i = 0; i < 20; i++) { const t = Date.now(); while (Date.now() - t < 10) {} await os.sleep(0); }
         for (;;) {}
       }`,
      // Each stretch is a tenth of the limit, so a loaded machine cannot push one over it.
      { quotas: { cpuMsPerEpoch: 100 } },
    );
    assert.equal(exit.reason, 'cpu_limit');
    await system().assertUnharmed();
  });

  it('a memory bomb is stopped at its memory limit', async () => {
    const { pid, exit } = await system().run(
      'bomb.js',
      `export default async () => { const a = []; for (;;) a.push(new Array(1e5).fill(Math.random())); }`,
      { quotas: { memoryBytes: 16 * 2 ** 20, cpuMsPerEpoch: 10_000 } },
    );
    assert.equal(exit.reason, 'memory_limit');
    assert.equal(exit.message, 'exceeded its 16 MB memory limit');
    await system().assertUnharmed();
    system().assertAudited(pid, exitWith('memory_limit'));
  });

  // Near its heap limit V8 collects garbage again and again, which counts as computing: the
  // stop must still name the memory limit, under the default CPU quota.
  it('an agent that fills its heap to the limit is stopped at its memory limit, not its CPU limit', async () => {
    const { pid, exit } = await system().run(
      'fill-then-bomb.js',
      `export default async (os) => {
         const a = [];
         for (let i = 0; i < 70; i++) { a.push(new Array(1e5).fill(i + 0.5)); await os.yield(); }
         for (;;) a.push({ x: Math.random() });
       }`,
      { quotas: { memoryBytes: 64 * 2 ** 20 } },
    );
    assert.equal(exit.reason, 'memory_limit', exit.message);
    assert.equal(exit.message, 'exceeded its 64 MB memory limit');
    await system().assertUnharmed();
    system().assertAudited(pid, exitWith('memory_limit'));
  });

  it('a buffer bomb is stopped at its memory limit, not as an error', async () => {
    const { exit } = await system().run(
      'buffer-bomb.js',
      `export default async () => { const a = []; for (;;) a.push(new Float64Array(1e6)); }`,
      { quotas: { memoryBytes: 64 * 2 ** 20 } },
    );
    assert.equal(exit.reason, 'memory_limit', exit.message);
    await system().assertUnharmed();
  });

  it('a string bomb is stopped at its memory limit', async () => {
    const { exit } = await system().run(
      'string-bomb.js',
      `export default async () => { let s = 'x'; const keep = []; for (;;) { s = s + s; keep.push(s + '!'); } }`,
      { quotas: { memoryBytes: 16 * 2 ** 20, cpuMsPerEpoch: 10_000 } },
    );
    assert.ok(['memory_limit', 'error'].includes(exit.reason), `${exit.reason}: ${exit.message}`);
    await system().assertUnharmed();
  });

  it('an agent that never ends is stopped at its timeout', async () => {
    const { pid, exit } = await system().run(
      'forever.js',
      `export default async (os) => { for (;;) await os.sleep(50); }`,
      {
        timeoutMs: 300,
      },
    );
    assert.equal(exit.reason, 'timeout');
    assert.equal(exit.message, 'still running after 300 ms');
    await system().assertUnharmed();
    system().assertAudited(pid, exitWith('timeout'));
  });

  it('the kill switch stops a spinning agent', async () => {
    const s = system();
    const file = s.write('spin.js', `export default async (os) => { await os.log('spinning'); for (;;) {} }`);
    const { pid } = s.system.host.spawnFile(file, { quotas: { cpuMsPerEpoch: 60_000 } });
    await new Promise((r) => setTimeout(r, 100));
    const handle = s.system.kernel.syscall(1, 'process_handle', {
      handle: s.system.systemHandle,
      pid,
    }) as number;
    s.system.kernel.syscall(1, 'process_kill', { handle });
    const exit = await s.system.host.exitOf(pid);
    assert.equal(exit.reason, 'killed');
    await s.assertUnharmed();
    s.assertAudited(pid, exitWith('killed'));
  });

  it('an IPC flood against another agent meets backpressure and the target still answers', async () => {
    const s = system();
    s.write('sink.js', `export default async (os) => { await os.sleep(60_000); }`);
    const { pid, exit } = await s.run(
      'flood.js',
      `export default async (os) => {
         const [mine, theirs] = await os.ipc.channel(64);
         const sink = await os.spawn('sink.js', { grants: { chan: theirs } });
         let sent = 0;
         try { for (;;) { await os.ipc.trySend(mine, new Uint8Array(1024)); sent++; } }
         catch (e) { await os.kill(sink.handle); return { sent, code: e.code }; }
       }`,
      { grants: { system: 0b1000_1010_0000 } },
    );
    assert.equal(exit.reason, 'normal', exit.message);
    assert.deepEqual(JSON.parse(exit.result!), { sent: 64, code: 'E_WOULD_BLOCK' });
    await s.assertUnharmed();
    s.assertAudited(
      pid,
      (e) => e.what === 'syscalls' || (e.kind === 'syscall' && e.what === 'process_spawn'),
    );
  });
});
