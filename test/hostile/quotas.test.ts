/**
 * Hostile agents that try to grow past what they were given: a child asking for more than
 * its parent holds, a spawn tree going wide and deep, children pooling memory. Each is
 * refused with E_QUOTA naming the limit; the system and a bystander are unharmed.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type Agent, isAlive } from '../../src/kernel/process.ts';
import { RIGHTS } from '../../src/kernel/rights.ts';
import { core } from '../helpers/internals.ts';
import { deniedWith, useHostile } from './harness.ts';

const SPAWN = RIGHTS.SPAWN | RIGHTS.DUPLICATE;

/** Spawns `width` copies of `child` (passing on its spawn handle), then stays. */
const spawner = (child: string, width: number) => `
export default async (os) => {
  let made = 0;
  for (let i = 0; i < ${width}; i++) {
    try { await os.spawn('${child}', { grants: { system: os.handles.system } }); made++; } catch {}
  }
  await os.sleep(60_000);
}`;

describe('hostile agents: quotas and subtree budgets', () => {
  const system = useHostile();

  it('a child cannot be given more CPU, LLM tokens or children than its parent', async () => {
    const s = system();
    s.write('greedy-child.js', 'export default async () => 1;');
    const { pid, exit } = await s.run(
      'greedy.js',
      `export default async (os) => {
         const codes = {};
         for (const [field, value] of [['cpuMsPerEpoch', 10_000], ['llmTokensPerMin', 100_000_000], ['children', 100_000]]) {
           try { await os.spawn('greedy-child.js', { quotas: { [field]: value } }); codes[field] = 'none'; }
           catch (e) { codes[field] = e.code + ': ' + e.message; }
         }
         return codes;
       }`,
      { grants: { system: SPAWN }, quotas: { cpuMsPerEpoch: 2000, children: 5 } },
    );
    assert.equal(exit.reason, 'normal', exit.message);
    const codes = JSON.parse(exit.result!) as Record<string, string>;
    for (const [field, code] of Object.entries(codes)) {
      assert.match(
        code,
        new RegExp(`^E_QUOTA: A child cannot be given more ${field} than its parent`),
        field,
      );
    }
    await s.assertUnharmed();
    s.assertAudited(pid, deniedWith('E_QUOTA', 'process_spawn'));
  });

  it('a 4-wide, 3-deep spawn tree stops at its root’s children quota', async () => {
    const s = system();
    const k = core(s.system);
    s.write('leaf.js', 'export default async (os) => { await os.sleep(60_000); };');
    s.write('level2.js', spawner('leaf.js', 4));
    s.write('level1.js', spawner('level2.js', 4));
    const root = s.write('fork-root.js', spawner('level1.js', 4));
    const { pid } = s.system.host.spawnFile(root, {
      grants: { system: SPAWN },
      quotas: { children: 10, cpuMsPerEpoch: 2000 },
    });
    const inTree = (a: Agent) => {
      for (let p: Agent | undefined = a; p; p = k.processes.get(p.parent)) if (p.pid === pid) return true;
      return false;
    };
    const below = () =>
      [...k.processes.values()].filter((a) => a.pid !== pid && isAlive(a) && inTree(a)).length;
    const refusals = () =>
      [...k.processes.values()]
        .filter(inTree)
        .flatMap((a) => s.audited(a.pid, deniedWith('E_QUOTA', 'process_spawn')));
    // the tree grows until its spawners are refused (4 + 16 + 64 tries would make 84 agents)
    for (let i = 0; i < 300 && (below() < 10 || refusals().length === 0); i++) {
      await new Promise((r) => setTimeout(r, 100));
    }
    await new Promise((r) => setTimeout(r, 500));
    assert.equal(below(), 10, 'the tree holds exactly its root’s quota of agents below it');
    for (const e of refusals()) {
      assert.match(
        String(e.detail?.message),
        new RegExp(`agent ${pid} already has 10 agents below it, its children quota`),
      );
    }
    k.syscall(1, 'process_kill', {
      handle: k.syscall(1, 'process_handle', { handle: s.system.systemHandle, pid }),
    });
    assert.equal(below(), 0, 'killing the root ends the tree');
    await s.assertUnharmed();
  });

  it('children share their parent’s memory budget for regions', async () => {
    const s = system();
    s.write(
      'hog.js',
      `export default async (os) => { await os.mem.alloc(10 << 20); await os.sleep(60_000); };`,
    );
    const { exit } = await s.run(
      'pool.js',
      `export default async (os) => {
         const first = await os.spawn('hog.js');
         await os.sleep(300);
         const second = await os.spawn('hog.js');
         const end = await os.wait(second.handle);
         await os.kill(first.handle);
         return end;
       }`,
      { grants: { system: SPAWN }, quotas: { memoryBytes: 16 << 20, cpuMsPerEpoch: 2000 } },
    );
    assert.equal(exit.reason, 'normal', exit.message);
    const end = JSON.parse(exit.result!) as { reason: string; message: string };
    assert.equal(end.reason, 'denied');
    assert.match(end.message, /the memory quota of agent \d+ is 16777216/);
    await s.assertUnharmed();
  });
});
