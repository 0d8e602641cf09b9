/**
 * Hostile: agents attacking the context bus (busd) through the SDK, as isolate agents on an
 * embedded system with its services started. A flood of publishes does not stop a bystander's
 * reads and writes; an agent cannot pass for a context's owner by its child's name or by what
 * it sends; oversized data and runaway context creation get one clear error each, and the
 * service keeps serving everyone.
 */
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { boot, type System } from '../../src/boot.ts';
import { RIGHTS } from '../../src/kernel/rights.ts';
import type { Busd } from '../../src/services/bus/ops.ts';
import type { OpArgs, OpResult } from '../../src/services/declare.ts';
import { busAgent } from '../helpers/bus-agents.ts';
import { testEnv } from '../helpers/env.ts';
import { core } from '../helpers/internals.ts';

describe('hostile agents against the context bus', () => {
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

  let files = 0;
  const start = (name: string, body: string, grants: Record<string, number> = {}) => {
    const file = join(dir, `${name}-${files++}.ts`);
    writeFileSync(file, busAgent(body));
    return system.host.spawnFile(file, { name, grants });
  };
  const result = async (pid: number) => {
    const exit = await system.host.exitOf(pid, 120_000);
    assert.equal(exit.reason, 'normal', exit.message);
    return JSON.parse(exit.result ?? 'null');
  };
  const owner = <K extends keyof Busd['ops'] & string>(op: K, args: OpArgs<Busd, K>) =>
    system.services.call(1, 'busd', op, args) as Promise<OpResult<Busd, K>>;
  const seqOf = async (context: string) =>
    (await owner('contexts', {})).contexts.find((c) => c.name === context)?.seq ?? 0;

  it('a flood of publishes does not stop a bystander, and is held to its backlog', async () => {
    const flooder = start(
      'flooder',
      `await bus('create', { name: 'spam', backlog: 100 });
       const lane = async () => { for (;;) await bus('publish', { context: 'spam', type: 'spam', data: 'x'.repeat(1000) }); };
       await Promise.all(Array.from({ length: 32 }, lane));`,
    );
    for (let tries = 0; (await seqOf('spam')) < 50; tries++) {
      assert.ok(tries < 600, 'the flood starts');
      await new Promise((r) => setTimeout(r, 50));
    }
    const floodBefore = await seqOf('spam');
    const bystander = start(
      'bystander',
      `await bus('create', { name: 'calm' });
       const seen = [];
       for (let i = 1; i <= 30; i++) {
         await bus('set', { context: 'calm', key: 'i', value: i, ifVersion: i - 1 });
         await bus('publish', { context: 'calm', type: 'tick', data: i });
         const got = (await bus('get', { context: 'calm', key: 'i' })).entries[0];
         const r = await bus('read', { context: 'calm', after: i - 1 });
         seen.push([got.value, r.events.map((e) => e.data).join(',')]);
       }
       return seen;`,
    );
    const seen = await result(bystander.pid);
    assert.deepEqual(
      seen,
      Array.from({ length: 30 }, (_, k) => [k + 1, String(k + 1)]),
      "the bystander's every write and read went through, in order",
    );
    const floodAfter = await seqOf('spam');
    assert.ok(floodAfter > floodBefore, `the flood went on meanwhile (${floodBefore} → ${floodAfter})`);
    assert.equal(
      core(system).processes.get(flooder.pid)?.state,
      'running',
      'the flooder was not stopped for it',
    );
    const spam = (await owner('contexts', {})).contexts.find((c) => c.name === 'spam');
    assert.equal(spam?.events, 100, 'the service holds only the backlog, however many were published');
    system.host.kernel.syscall(1, 'process_kill', { handle: flooder.handle });
    await system.host.exitOf(flooder.pid, 30_000);
  });

  it("an agent cannot pass for a context's owner: not by its child's name, not by what it sends", async () => {
    await result(
      start(
        'writer',
        `await bus('create', { name: 'secret' });
         await bus('set', { context: 'secret', key: 'plan', value: 'the real plan' });`,
      ).pid,
    );
    const imposter = join(dir, 'imposter.ts');
    writeFileSync(
      imposter,
      busAgent(`const claim = { from: 'writer', owner: true, caller: { name: 'writer', owner: true }, agent: 'writer' };
        return {
          read: await codeOf(bus('read', { context: 'secret', ...claim })),
          set: await codeOf(bus('set', { context: 'secret', key: 'plan', value: 'mine', ...claim })),
          share: await codeOf(bus('share', { context: 'secret', ...claim, agent: 'evil/writer', access: 'write' })),
          drop: await codeOf(bus('drop', { context: 'secret', ...claim })),
          listed: (await bus('contexts', claim)).contexts.map((c) => c.name),
        };`),
    );
    // Its child is named 'writer' too, but the name the host vouches for is 'evil/writer'
    const evil = start(
      'evil',
      `const child = await os.spawn('imposter.ts', { name: 'writer' });
       const exit = await os.wait(child.handle);
       return { exit: exit.reason, message: exit.message, result: JSON.parse(exit.result ?? 'null') };`,
      { system: RIGHTS.SPAWN },
    );
    const r = await result(evil.pid);
    assert.equal(r.exit, 'normal', r.message);
    assert.deepEqual(r.result, {
      read: 'E_NO_RIGHTS',
      set: 'E_NO_RIGHTS',
      share: 'E_NO_RIGHTS',
      drop: 'E_NO_RIGHTS',
      listed: [],
    });
    const plan = await owner('get', { context: 'secret', key: 'plan' });
    assert.deepEqual(
      plan.entries.map((e) => [e.value, e.updatedBy]),
      [['the real plan', 'writer']],
    );
  });

  it('oversized data and runaway creation get one clear error each; the service keeps serving', async () => {
    const r = await result(
      start(
        'greedy',
        `const out = {};
         const fail = async (name, p) => { try { await p; out[name] = 'ok'; } catch (e) { out[name] = e.code + ': ' + e.message; } };
         await bus('create', { name: 'greedy-0' });
         await fail('event', bus('publish', { context: 'greedy-0', type: 'big', data: 'x'.repeat(100000) }));
         await fail('value', bus('set', { context: 'greedy-0', key: 'k', value: 'x'.repeat(100000) }));
         await fail('huge', bus('publish', { context: 'greedy-0', type: 'big', data: 'x'.repeat(2 * 1024 * 1024) }));
         let made = 1;
         for (let i = 1; i < 100; i++) { try { await bus('create', { name: 'greedy-' + i }); made++; } catch (e) { out.create = e.code + ': ' + e.message; break; } }
         out.made = made;
         out.after = (await bus('publish', { context: 'greedy-0', type: 'small', data: 1 })).seq;
         return out;`,
      ).pid,
    );
    assert.match(
      r.event,
      /^E_TOO_BIG: Data of event 'big' is 100002 bytes as JSON, over the 16384-byte limit/,
    );
    assert.match(r.value, /^E_TOO_BIG: Value of key 'k' is 100002 bytes as JSON, over the 16384-byte limit/);
    assert.match(r.huge, /^E_TOO_BIG: .*over the 1048576-byte limit of a service request/);
    assert.match(r.create, /^E_QUOTA: Agent 'greedy' already owns 32 contexts, its limit; drop one/);
    assert.equal(r.made, 32);
    assert.equal(r.after, 1, 'nothing oversized was published, and the next publish goes through');
    for (const line of [r.event, r.value, r.huge, r.create]) assert.doesNotMatch(line, /\n|at .*\.ts:/);
  });
});
