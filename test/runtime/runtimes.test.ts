/**
 * The isolate, wasm and process runtimes end to end on an embedded system: the examples,
 * shared memory regions, suspend and resume, and the process tier's permission model.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { boot, type System } from '../../src/boot.ts';
import { RIGHTS } from '../../src/kernel/rights.ts';
import { createOs, type Os } from '../../src/sdk/os.ts';
import { ROOT, testEnv } from '../helpers/env.ts';
import { core } from '../helpers/internals.ts';

const EXAMPLES = join(ROOT, 'examples', 'agents');

describe('agent runtimes', () => {
  let system: System;
  let dir: string;
  let init: Os;
  const cleanups: (() => unknown)[] = [];
  before(async () => {
    const env = testEnv({ after: (fn) => cleanups.push(fn) });
    dir = join(env.dir, 'agents');
    mkdirSync(dir);
    system = await boot({ home: env.aiosHome });
    init = createOs({ ...system.host.portFor(core(system).processes.get(1)!), handles: {} });
  });
  after(async () => {
    await system.shutdown();
    for (const fn of cleanups) fn();
  });

  const write = (name: string, source: string) => {
    const file = join(dir, name);
    writeFileSync(file, source);
    return file;
  };
  const run = async (file: string, options: Parameters<System['host']['spawnFile']>[1] = {}) => {
    const { pid } = system.host.spawnFile(file, options);
    return system.host.exitOf(pid, 20_000);
  };

  it('runs the hello example in an isolate by default', async () => {
    const file = join(EXAMPLES, 'hello.ts');
    const { pid } = system.host.spawnFile(file);
    assert.equal(core(system).processes.get(pid)!.runtime, 'isolate');
    const exit = await system.host.exitOf(pid);
    assert.equal(exit.reason, 'normal');
    assert.deepEqual(JSON.parse(exit.result!), { greeting: 'hello, world' });
  });

  it('runs each agent file as itself when files share their text (a compiled-code cache keyed loosely would mix them up)', async () => {
    // Same text, so the same image hash; the bundles differ (esbuild names the export after
    // the file) but have the same length, which is all V8 checks of a code cache.
    const text = `export default async () => 'same';\n`;
    for (const name of ['one.ts', 'two.ts', 'one.ts', 'two.ts', 'one.ts', 'two.ts']) {
      const exit = await run(write(name, text));
      assert.equal(exit.reason, 'normal', exit.message);
    }
  });

  it('plays ping-pong between two isolated agents', async () => {
    const exit = await run(join(EXAMPLES, 'ping.ts'), { grants: { system: RIGHTS.SPAWN } });
    assert.equal(exit.reason, 'normal', exit.message);
    const r = JSON.parse(exit.result!);
    assert.deepEqual([r.rounds, r.allOk, r.pong], [10, true, 'normal']);
  });

  it('runs a worker pool under a coordinator', async () => {
    const exit = await run(join(EXAMPLES, 'coordinator.ts'), { grants: { system: RIGHTS.SPAWN } });
    assert.equal(exit.reason, 'normal', exit.message);
    assert.deepEqual(JSON.parse(exit.result!), { sumOfSquares: 2870, workersUsed: 4, workersExited: 4 });
  });

  it('lets a denied agent catch the typed error and go on', async () => {
    const exit = await run(join(EXAMPLES, 'denied.ts'));
    assert.equal(exit.reason, 'normal', exit.message);
    const r = JSON.parse(exit.result!);
    assert.deepEqual([r.refused, r.isAiosError, r.myState], ['E_BAD_HANDLE', true, 'running']);
  });

  it('runs the WebAssembly example built from WAT with wabt', async () => {
    const wasm = join(EXAMPLES, 'build', 'counter.wasm');
    if (!existsSync(wasm)) execFileSync(process.execPath, [join(ROOT, 'scripts', 'build-wasm.ts')]);
    const { pid } = system.host.spawnFile(wasm);
    assert.equal(core(system).processes.get(pid)!.runtime, 'wasm');
    const exit = await system.host.exitOf(pid, 20_000);
    assert.equal(exit.reason, 'normal', exit.message);
    assert.equal(exit.result, '15');
  });

  it('shares a memory region between two agents without copying', async () => {
    write(
      'reader.js',
      `export default async (os) => {
         const m = await os.ipc.recv(os.handles.peer);
         const view = await os.mem.map(m.handles[0]);
         const seen = view[100];
         view[101] = 7;
         await os.ipc.send(os.handles.peer, 'done');
         return seen;
       }`,
    );
    const file = write(
      'writer.js',
      `export default async (os) => {
         const [mine, theirs] = await os.ipc.channel();
         const region = await os.mem.alloc(1 << 20);
         const view = await os.mem.map(region);
         view[100] = 42;
         const reader = await os.spawn('reader.js', { grants: { peer: theirs } });
         const shared = await os.handle.duplicate(region, ${RIGHTS.READ | RIGHTS.WRITE | RIGHTS.MAP | RIGHTS.TRANSFER});
         await os.ipc.send(mine, 'region', { handles: [shared] });
         await os.ipc.recv(mine);
         const exit = await os.wait(reader.handle);
         return { readerSaw: Number(exit.result), writerSees: view[101] };
       }`,
    );
    const exit = await run(file, { grants: { system: RIGHTS.SPAWN } });
    assert.equal(exit.reason, 'normal', exit.message);
    assert.deepEqual(JSON.parse(exit.result!), { readerSaw: 42, writerSees: 7 });
  });

  const ticker = (name: string) =>
    write(
      name,
      `export default async (os) => {
         for (let i = 0; ; i++) { await os.ipc.send(os.handles.out, String(i)); await os.sleep(5); }
       }`,
    );

  /** Counts what an agent sends over 150 ms. */
  const ticks = async (channel: number) => {
    await new Promise((r) => setTimeout(r, 150));
    let n = 0;
    while (await init.ipc.tryRecv(channel)) n++;
    return n;
  };

  for (const runtime of ['isolate', 'process'] as const) {
    it(`suspend pauses a ${runtime} agent and resume lets it go on`, async () => {
      const [mine, theirs] = await init.ipc.channel();
      const file = ticker(`ticker-${runtime}.js`);
      const { imageOf } = await import('../../src/runtime/images.ts');
      const { pid, handle } = system.kernel.syscall(1, 'process_spawn', {
        handle: system.systemHandle,
        image: imageOf(file),
        runtime,
        labels: { grantNames: 'out' },
        grants: [{ handle: theirs, rights: RIGHTS.WRITE | RIGHTS.READ }],
      }) as { pid: number; handle: number };
      // It runs once its ticks arrive; on a loaded machine a process may take seconds to start
      // and may send nothing for a whole window, so windows are counted until ticks come.
      let first = 0;
      for (let i = 0; i < 200 && first === 0; i++) first = await ticks(mine);
      assert.ok(first > 0, 'it runs');
      system.kernel.syscall(1, 'process_suspend', { handle });
      await ticks(mine); // what was in flight
      assert.equal(await ticks(mine), 0, 'nothing while suspended');
      assert.equal(core(system).processes.get(pid)!.state, 'suspended');
      system.kernel.syscall(1, 'process_resume', { handle });
      let again = 0;
      for (let i = 0; i < 200 && again === 0; i++) again = await ticks(mine);
      assert.ok(again > 0, 'it runs again');
      system.kernel.syscall(1, 'process_kill', { handle });
      assert.equal((await system.host.exitOf(pid)).reason, 'killed');
    });
  }

  it('runs a process-tier agent that may read only its own folder', async () => {
    write('data.txt', 'mine');
    const file = write(
      'proc.mjs',
      `import { readFileSync, writeFileSync } from 'node:fs';
       import { spawnSync } from 'node:child_process';
       import { Worker } from 'node:worker_threads';
       export default async (os) => {
         const attempt = (f) => { try { f(); return 'allowed'; } catch (e) { return e.code; } };
         const [a, b] = await os.ipc.channel();
         await os.ipc.send(a, 'over ipc');
         return {
           own: readFileSync(new URL('./data.txt', import.meta.url), 'utf8'),
           passwd: attempt(() => readFileSync('/etc/passwd')),
           write: attempt(() => writeFileSync(new URL('./new.txt', import.meta.url), 'x')),
           spawn: attempt(() => { const r = spawnSync('/bin/true'); if (r.error) throw r.error; }),
           worker: attempt(() => new Worker('1', { eval: true })),
           message: (await os.ipc.recv(b)).text(),
         };
       }`,
    );
    const exit = await run(file, { runtime: 'process' });
    assert.equal(exit.reason, 'normal', exit.message);
    assert.deepEqual(JSON.parse(exit.result!), {
      own: 'mine',
      passwd: 'ERR_ACCESS_DENIED',
      write: 'ERR_ACCESS_DENIED',
      spawn: 'ERR_ACCESS_DENIED',
      worker: 'ERR_ACCESS_DENIED',
      message: 'over ipc',
    });
  });

  it('stops a process-tier agent at its memory limit', async () => {
    const file = write(
      'proc-bomb.mjs',
      `export default async () => { const a = []; for (;;) a.push(new Array(1e5).fill(1.5)); }`,
    );
    const exit = await run(file, { runtime: 'process', quotas: { memoryBytes: 32 * 2 ** 20 } });
    assert.equal(exit.reason, 'memory_limit', exit.message);
    assert.equal(exit.message, 'exceeded its 32 MB heap limit');
  });

  it('stops a process-tier agent that never yields at its CPU limit', async () => {
    const file = write('proc-spin.mjs', `export default async () => { for (;;) {} }`);
    const exit = await run(file, { runtime: 'process', quotas: { cpuMsPerEpoch: 20 } });
    assert.equal(exit.reason, 'cpu_limit', exit.message);
    assert.match(exit.message ?? '', /^used \d+ ms of CPU in 1000 ms; its limit is 200 ms$/);
  });
});

describe('hibernation', () => {
  it('releases an idle isolate agent and starts it again from its checkpoint when a message comes', async (t) => {
    const env = testEnv();
    const system = await boot({ home: env.aiosHome });
    t.after(async () => {
      await system.shutdown();
      rmSync(env.dir, { recursive: true, force: true });
    });
    const init = createOs({ ...system.host.portFor(core(system).processes.get(1)!), handles: {} });
    const file = join(env.dir, 'hibernator.js');
    writeFileSync(
      file,
      `export default async function (os) {
         const state = (await os.checkpoint.load()) ?? { wakes: 0, seen: 0 };
         state.wakes++;
         let m;
         while ((m = await os.ipc.tryRecv(os.handles.inbox))) {
           state.seen++;
           if (m.text() === 'stop') return state;
         }
         await os.checkpoint.save(state);
         if (state.seen > 0) await os.ipc.send(os.handles.inbox, 'read ' + state.seen);
         await os.hibernate({ kind: 'readable', handle: os.handles.inbox });
       }`,
    );
    const { imageOf } = await import('../../src/runtime/images.ts');
    const [mine, theirs] = await init.ipc.channel();
    const { pid } = system.kernel.syscall(1, 'process_spawn', {
      handle: system.systemHandle,
      image: imageOf(file),
      runtime: 'isolate',
      labels: { grantNames: 'inbox' },
      grants: [{ handle: theirs, rights: RIGHTS.READ | RIGHTS.WRITE }],
    }) as { pid: number };
    const pool = (system.host.runtime('isolate') as unknown as { pool: { hibernating: number } }).pool;
    // Bounded only so that a broken wake fails the test instead of hanging it.
    const hibernated = async () => {
      for (let i = 0; i < 3000 && pool.hibernating === 0; i++) await new Promise((r) => setTimeout(r, 10));
      return pool.hibernating;
    };
    assert.equal(await hibernated(), 1, 'it hibernates when its inbox is empty');
    assert.equal(core(system).processes.get(pid)!.state, 'blocked', 'and stays a live agent');
    for (const [i, text] of ['one', 'two'].entries()) {
      await init.ipc.send(mine, text);
      // Its answer says it woke and read the message; only then is it sent the next one.
      const answer = await init.ipc.recv(mine, { timeoutMs: 120_000 }); // bounded: a failure, not a hang
      assert.equal(answer.text(), `read ${i + 1}`, 'it woke with its state');
      assert.equal(await hibernated(), 1, 'and hibernates again');
    }
    await init.ipc.send(mine, 'stop');
    const exit = await system.host.exitOf(pid, 30_000);
    assert.equal(exit.reason, 'normal', exit.message);
    const state = JSON.parse(exit.result!) as { wakes: number; seen: number };
    assert.deepEqual(state, { wakes: 4, seen: 3 }, 'each message woke it once from its checkpoint');
  });
});
