/**
 * The context bus end to end: busd under the services tree of an embedded system with its
 * services started, reached by real isolate agents over kernel IPC through the SDK.
 */
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { boot, type System } from '../src/boot.ts';
import { INIT_PID } from '../src/kernel/index.ts';
import { busAgent } from './helpers/bus-agents.ts';
import { testEnv } from './helpers/env.ts';
import { withServices } from './helpers/services.ts';

describe('context bus through real agents', () => {
  let system: System;
  let dir: string;
  const cleanups: (() => unknown)[] = [];
  before(async () => {
    const env = testEnv({ after: (fn) => cleanups.push(fn) });
    dir = join(env.dir, 'agents');
    mkdirSync(dir);
    system = await boot({ home: env.aiosHome, logLevel: 'warn', services: true });
  });
  after(async () => {
    await system.shutdown();
    for (const fn of cleanups) fn();
  });

  const spawn = (name: string, body: string) => {
    const file = join(dir, `${name}-${Math.random().toString(36).slice(2)}.ts`);
    writeFileSync(file, busAgent(body));
    const { pid } = system.host.spawnFile(file, { name });
    return system.host.exitOf(pid, 120_000).then((exit) => {
      assert.equal(exit.reason, 'normal', `${name}: ${exit.message}`);
      return JSON.parse(exit.result ?? 'null');
    });
  };

  it('one agent publishes 1,000 events while another reads them all, in order, none lost', async () => {
    await spawn(
      'writer',
      `await bus('create', { name: 'work', backlog: 2000 });
       await bus('share', { context: 'work', agent: 'reader', access: 'read' });
       await bus('set', { context: 'work', key: 'goal', value: { text: 'count to 1000' } });`,
    );
    const reader = spawn(
      'reader',
      `const got = []; let after = 0; let missed = 0; let reads = 0;
       while (got.length < 1000) {
         const r = await bus('read', { context: 'work', after, limit: 300, waitMs: 10000 });
         reads++; missed += r.missed; after = r.next;
         for (const e of r.events) got.push([e.seq, e.data.i, e.from, e.type]);
       }
       const goal = (await bus('get', { context: 'work', key: 'goal' })).entries[0];
       return { got, missed, reads, goal: goal.value.text, denied: await codeOf(bus('publish', { context: 'work', type: 'x' })) };`,
    );
    const writer = spawn(
      'writer',
      `let last = 0;
       for (let i = 1; i <= 1000; i++) last = (await bus('publish', { context: 'work', type: 'tick', data: { i } })).seq;
       return last;`,
    );
    const [read, last] = await Promise.all([reader, writer]);
    assert.equal(last, 1000);
    assert.equal(read.missed, 0);
    assert.deepEqual(
      read.got,
      Array.from({ length: 1000 }, (_, k) => [k + 1, k + 1, 'writer', 'tick']),
    );
    assert.ok(read.reads < 1000, `the reader took events in batches (${read.reads} reads)`);
    assert.equal(read.goal, 'count to 1000');
    assert.equal(read.denied, 'E_NO_RIGHTS', 'a reader cannot publish');
  });

  it('an agent waiting on a read can publish meanwhile: its own event wakes its read', async () => {
    const r = await spawn(
      'solo',
      `await bus('create', { name: 'solo-ctx' });
       const t0 = Date.now();
       const waiting = bus('read', { context: 'solo-ctx', waitMs: 20000 });
       const published = await bus('publish', { context: 'solo-ctx', type: 'note', data: { n: 1 } });
       const read = await waiting;
       await bus('drop', { context: 'solo-ctx' });
       return { seq: published.seq, got: read.events.map((e) => e.data.n), waitedFull: Date.now() - t0 >= 20000 };`,
    );
    assert.deepEqual(r, { seq: 1, got: [1], waitedFull: false });
  });

  it('an agent without a grant gets E_NO_RIGHTS on every operation and sees nothing', async () => {
    const r = await spawn(
      'intruder',
      `return {
         read: await codeOf(bus('read', { context: 'work' })),
         get: await codeOf(bus('get', { context: 'work' })),
         publish: await codeOf(bus('publish', { context: 'work', type: 'evil', data: 1 })),
         set: await codeOf(bus('set', { context: 'work', key: 'goal', value: 'mine' })),
         share: await codeOf(bus('share', { context: 'work', agent: 'intruder', access: 'write' })),
         drop: await codeOf(bus('drop', { context: 'work' })),
         listed: (await bus('contexts', {})).contexts.length,
       };`,
    );
    assert.deepEqual(r, {
      read: 'E_NO_RIGHTS',
      get: 'E_NO_RIGHTS',
      publish: 'E_NO_RIGHTS',
      set: 'E_NO_RIGHTS',
      share: 'E_NO_RIGHTS',
      drop: 'E_NO_RIGHTS',
      listed: 0,
    });
    // Nothing changed: the owner still sees its goal and its 1,000 events
    const owner = await system.services.call(1, 'busd', 'get', { context: 'work', key: 'goal' });
    assert.deepEqual((owner as { entries: { value: unknown }[] }).entries[0].value, {
      text: 'count to 1000',
    });
    const listed = (await system.services.call(1, 'busd', 'contexts', {})) as {
      contexts: { name: string; seq: number }[];
    };
    assert.deepEqual(
      listed.contexts.map((c) => [c.name, c.seq]),
      [['work', 1000]],
    );
  });

  it('bad arguments come back as one clear line with E_BAD_ARG', async () => {
    const r = await spawn(
      'careless',
      `const out = {};
       for (const [name, p] of Object.entries({
         name: bus('create', { name: '../x' }),
         big: bus('create', { name: 'ok', backlog: 10 ** 9 }),
         op: bus('subscribe', { context: 'ok' }),
       })) { try { await p; out[name] = 'ok'; } catch (e) { out[name] = e.code + ': ' + e.message; } }
       return out;`,
    );
    assert.match(r.name, /^E_BAD_ARG: Invalid context name '\.\.\/x'; use letters/);
    assert.match(r.big, /^E_BAD_ARG: busd\.create: 'backlog' /);
    assert.match(r.op, /^E_UNKNOWN_CALL: busd has no operation 'subscribe'/);
  });
});

describe('context bus across a restart of busd', () => {
  it('a reader waiting when busd is killed does not hang: it reads on once busd is back (E_UNAVAILABLE at worst)', async (t) => {
    const s = await withServices(t);
    const owner = (op: string, args: unknown) => s.system.services.call(INIT_PID, 'busd', op, args);
    await owner('create', { name: 'live' });
    await owner('share', { context: 'live', agent: 'listener', access: 'read' });
    const busdPid = async () => {
      const status = await s.system.supervisor!.status();
      return status.children.find((c) => c.id === 'services')?.children?.find((c) => c.id === 'busd')?.pid;
    };
    const { pid } = s.system.host.spawnFile(
      s.file(
        'listener',
        busAgent(`const codes = []; let after = 0;
          for (let tries = 0; tries < 100000; tries++) {
            try {
              const r = await bus('read', { context: 'live', after, waitMs: 20000 });
              after = r.next;
              if (r.events.length > 0) return { codes: [...new Set(codes)], events: r.events.map((e) => e.type) };
            } catch (e) { codes.push(e.code); }
          }
          return { codes, events: [] };`),
      ),
      { name: 'listener' },
    );
    // Kill busd once the listener waits in it (a read is there to be cut off)
    await new Promise((r) => setTimeout(r, 1000));
    const first = await busdPid();
    assert.ok(first, 'busd runs');
    const sys = (call: string, args: Record<string, unknown>) =>
      s.system.kernel.syscall(INIT_PID, call, args);
    const handle = sys('process_handle', { handle: s.system.systemHandle, pid: first }) as number;
    sys('process_kill', { handle });
    for (let tries = 0; ; tries++) {
      const now = await busdPid();
      if (now !== undefined && now !== first) break;
      assert.ok(tries < 600, 'the supervisor starts busd again');
      await new Promise((r) => setTimeout(r, 50));
    }
    for (let tries = 0; ; tries++) {
      try {
        await owner('publish', { context: 'live', type: 'after-restart' });
        break;
      } catch (error) {
        assert.equal((error as { code?: string }).code, 'E_UNAVAILABLE');
        assert.ok(tries < 600, 'busd answers again');
        await new Promise((r) => setTimeout(r, 50));
      }
    }
    const exit = await s.system.host.exitOf(pid, 60_000);
    assert.equal(exit.reason, 'normal', exit.message);
    const r = JSON.parse(exit.result!);
    assert.deepEqual(r.events, ['after-restart']);
    // The SDK may connect again by itself (a read is safe to repeat); if not, the agent sees
    // E_UNAVAILABLE and nothing else
    assert.ok(
      r.codes.every((c: string) => c === 'E_UNAVAILABLE'),
      String(r.codes),
    );
  });
});
