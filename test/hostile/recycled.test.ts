/**
 * Isolates that serve one agent after another (same image, same spawner): an agent that
 * tampers with everything it can reach leaves nothing for the next; an agent that ends with a
 * call in flight leaves its isolate to no one; the CPU an earlier agent used is not billed to
 * the next; code of an ended agent cannot act in its name.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { WorkerPool } from '../../src/runtime/pool.ts';
import { core } from '../helpers/internals.ts';
import { useHostile } from './harness.ts';

const TAMPER = `export default async () => {
  const seen = {
    mark: globalThis.__mark,
    poison: ({}).__poison,
    push: Array.prototype.push.name,
    parse: JSON.parse('[1]').length,
    promiseThen: typeof Promise.prototype.then,
  };
  globalThis.__mark = 'left behind';
  Object.prototype.__poison = 'poisoned';
  Array.prototype.push = function evil() { return 0; };
  JSON.parse = () => 'evil';
  Promise.prototype.then = function evil() {};
  return seen;
};
`;

describe('hostile agents: isolates that served an earlier agent', () => {
  const system = useHostile();
  const pool = () => (system().system.host.runtime('isolate') as unknown as { pool: WorkerPool }).pool;

  it('an agent finds nothing that the agent before it in the isolate left behind', async () => {
    system().write('tamper.js', TAMPER);
    const before = pool().reused;
    for (let i = 0; i < 12; i++) {
      const { exit } = await system().run('tamper.js', '');
      assert.equal(exit.reason, 'normal', exit.message);
      assert.deepEqual(JSON.parse(exit.result!), { push: 'push', parse: 1, promiseThen: 'function' });
    }
    assert.ok(pool().reused > before, 'some of the runs were in an isolate an earlier run had used');
    await system().assertUnharmed();
  });

  /** Runs `source` (as `name`) several times: no run may take an isolate an earlier one used. */
  async function neverPassedOn(name: string, source: string) {
    system().write(name, source);
    await system().run(name, ''); // the first run may take an isolate kept earlier
    const before = pool().reused;
    for (let i = 0; i < 6; i++) {
      const { exit } = await system().run(name, '');
      assert.equal(exit.reason, 'normal', exit.message);
    }
    assert.equal(pool().reused, before);
    await system().assertUnharmed();
  }

  it('an agent that ends with a call in flight leaves its isolate to no one', () =>
    neverPassedOn('in-flight.js', `export default async (os) => { void os.sleep(60_000); return 1; };\n`));

  it('an agent that mapped shared memory leaves its isolate to no one', () =>
    neverPassedOn(
      'mapped.js',
      `export default async (os) => { const r = await os.mem.alloc(4096); (await os.mem.map(r))[0] = 1; return 1; };\n`,
    ));

  it('the CPU an earlier agent used is not billed to the agent after it', async () => {
    system().write(
      'spin-or-not.js',
      `export default async (os) => {
        const { labels } = await os.info(os.handles.self);
        if (labels.spin) { const end = Date.now() + 150; while (Date.now() < end); }
        return 1;
      };\n`,
    );
    for (let i = 0; i < 4; i++) {
      // Not about the CPU limit: a generous one, so a loaded machine cannot stop the spin.
      const { exit } = await system().run('spin-or-not.js', '', {
        labels: { spin: '1' },
        quotas: { cpuMsPerEpoch: 10_000 },
      });
      assert.equal(exit.reason, 'normal', exit.message);
    }
    const before = pool().reused;
    for (let i = 0; i < 8; i++) {
      const { pid, exit } = await system().run('spin-or-not.js', '');
      assert.equal(exit.reason, 'normal', exit.message);
      const cpu = core(system().system).processes.get(pid)!.usage.cpuMsTotal;
      assert.ok(cpu < 100, `agent ${pid} is billed ${cpu} ms, not the 150 ms of the agent before it`);
    }
    assert.ok(pool().reused > before, 'the quiet runs took isolates the spinning runs had used');
  });

  it('code of an ended agent, woken later in its old context, acts as no one', async () => {
    // Each run leaves callbacks that the collector calls once their objects are dead: after
    // the run has ended, while its isolate may serve the next run, which allocates enough to
    // make the collector find them. A callback tries to open a channel as the ended agent.
    system().write(
      'zombie.js',
      `export default async (os) => {
        const registry = new FinalizationRegistry(() => { void os.ipc.channel().catch(() => {}); });
        for (let i = 0; i < 2000; i++) registry.register({ big: new Array(500).fill(i) }, i);
        globalThis.__keep = registry;
        return 1;
      };\n`,
    );
    const pids: number[] = [];
    for (let i = 0; i < 8; i++) {
      // Not about the CPU limit: its allocations must not meet it on a loaded machine.
      const { pid, exit } = await system().run('zombie.js', '', { quotas: { cpuMsPerEpoch: 10_000 } });
      assert.equal(exit.reason, 'normal', exit.message);
      pids.push(pid);
    }
    for (const pid of pids) {
      assert.deepEqual(
        system().audited(pid, (e) => e.what === 'channel_create'),
        [],
        `agent ${pid} acted after it ended`,
      );
    }
    await system().assertUnharmed();
  });
});
