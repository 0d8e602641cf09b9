/**
 * Hostile agents against memory regions: mapping more than the memory limit holds, freeing a
 * mapped region to get its quota back, filling the heap with answers. Each ends the agent
 * (or meets E_QUOTA), never the host; the bystander keeps answering.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { core } from '../helpers/internals.ts';
import { exitWith, useHostile } from './harness.ts';

const MiB = 2 ** 20;

describe('hostile agents: memory regions', () => {
  const system = useHostile();

  it('map then free, eight times, cannot take more than the quota nor abort the host', async () => {
    const { pid, exit } = await system().run(
      'map-free.js',
      `export default async (os) => {
         const kept = [];
         try {
           for (let i = 0; i < 8; i++) {
             const h = await os.mem.alloc(16 * 2 ** 20);
             kept.push(await os.mem.map(h));
             await os.mem.free(h);
           }
         } catch (e) { return { mapped: kept.length, code: e.code }; }
         return { mapped: kept.length };
       }`,
      { quotas: { memoryBytes: 64 * MiB, cpuMsPerEpoch: 10_000 } },
    );
    // Freed regions stay charged while mapped: the quota runs out (E_QUOTA) or the mappings
    // fill the isolate's heap limit first (memory_limit). Never eight.
    if (exit.reason === 'normal') assert.deepEqual(JSON.parse(exit.result!), { mapped: 4, code: 'E_QUOTA' });
    else assert.equal(exit.reason, 'memory_limit', exit.message);
    await system().assertUnharmed();
    system().assertAudited(pid, (e) => e.kind === 'lifecycle' && e.what === 'exit');
    assert.equal(core(system().system).memory.charged, 0, 'its regions were released when it ended');
  });

  it('mapping regions past the heap limit ends the agent with memory_limit, not the host', async () => {
    const { pid, exit } = await system().run(
      'map-fill.js',
      `export default async (os) => {
         const kept = [];
         for (let i = 0; i < 4; i++) kept.push(await os.mem.map(await os.mem.alloc(16 * 2 ** 20 - 8192)));
         const junk = [];
         for (let i = 0; i < 1000; i++) junk.push(new Array(1000).fill(i));
         return kept.length;
       }`,
      { quotas: { memoryBytes: 64 * MiB, cpuMsPerEpoch: 10_000 } },
    );
    assert.equal(exit.reason, 'memory_limit', exit.message);
    assert.equal(exit.message, 'exceeded its 64 MB memory limit');
    await system().assertUnharmed();
    system().assertAudited(pid, exitWith('memory_limit'));
  });

  it('answers that no longer fit under the heap limit end the agent with memory_limit', async () => {
    const { exit } = await system().run(
      'read-fill.js',
      `export default async (os) => {
         const h = await os.mem.alloc(900000);
         const keep = [];
         for (;;) keep.push(await os.mem.read(h, 0, 900000));
       }`,
      { quotas: { memoryBytes: 32 * MiB, cpuMsPerEpoch: 10_000 } },
    );
    assert.equal(exit.reason, 'memory_limit', exit.message);
    await system().assertUnharmed();
  });

  it('a freed region is out of reach through the kernel, and its pages stay charged while mapped', async () => {
    const { exit } = await system().run(
      'use-after-free.js',
      `export default async (os) => {
         const h = await os.mem.alloc(4096);
         const view = await os.mem.map(h);
         await os.mem.free(h);
         const codes = [];
         for (const f of [() => os.mem.read(h, 0, 1), () => os.mem.write(h, 0, new Uint8Array(1)), () => os.mem.map(h)]) {
           try { await f(); codes.push('OK'); } catch (e) { codes.push(e.code); }
         }
         const info = await os.info(os.handles.self);
         // Writing through the kept mapping reaches no other region: a new one is never its memory.
         const fresh = await os.mem.alloc(4096);
         view.fill(7);
         const seen = await os.mem.read(fresh, 0, 4096);
         return { codes, charged: info.usage.memoryBytes, length: view.length, leaked: seen.some((b) => b !== 0) };
       }`,
      { quotas: { memoryBytes: 64 * MiB } },
    );
    assert.equal(exit.reason, 'normal', exit.message);
    assert.deepEqual(JSON.parse(exit.result!), {
      codes: ['E_BAD_STATE', 'E_BAD_STATE', 'E_BAD_STATE'],
      charged: 4096,
      length: 4096,
      leaked: false,
    });
    await system().assertUnharmed();
  });
});
