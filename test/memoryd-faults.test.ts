/**
 * memoryd when things go wrong: its thread killed in the middle of calls, stopped by the owner,
 * attacked by an agent that may manage processes, and the whole system killed with SIGKILL
 * while an agent writes. Callers never hang: they get E_UNAVAILABLE, the supervisor brings the
 * service back, and every write that was acknowledged is still there.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { boot } from '../src/boot.ts';
import { INIT_PID, RIGHT_GROUPS } from '../src/kernel/index.ts';
import { logPath } from '../src/platform/paths.ts';
import type { BuiltinRuntime } from '../src/runtime/builtin.ts';
import { aios, aiosUp } from './helpers/env.ts';
import { agent, withServices } from './helpers/services.ts';

/** Polls `check` until it gives a value, for at most `ms` (a loaded machine restarts slowly). */
async function until<T>(what: string, check: () => Promise<T | undefined>, ms = 120_000): Promise<T> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    const value = await check();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`Gave up waiting until ${what}`);
}

test('memoryd’s thread killed mid-call: callers get E_UNAVAILABLE, its supervisor restarts it, the next call works', async (t) => {
  const s = await withServices(t);
  const owner = s.system.services;
  await owner.call(INIT_PID, 'memoryd', 'put', { text: 'loads the encoder first' });
  const pid = await s.memorydPid();
  let killed = false;
  const calls = Array.from({ length: 50 }, (_, i) =>
    owner.call(INIT_PID, 'memoryd', 'put', { text: `meeting note ${i}` }).then(
      (m) => {
        if (!killed) {
          killed = true;
          (s.system.host.runtime('builtin') as BuiltinRuntime).stop(pid); // the thread, wherever its code is
        }
        return { ok: m as { id: number } };
      },
      (error: { code: string }) => ({ code: error.code }),
    ),
  );
  const settled = await Promise.all(calls); // none hangs
  const failed = settled.filter((r) => 'code' in r);
  assert.ok(failed.length > 0, 'calls in flight when the thread died');
  assert.deepEqual([...new Set(failed.map((r) => (r as { code: string }).code))], ['E_UNAVAILABLE']);

  const next = await until('memoryd is restarted', async () => {
    const p = await s.memorydPid().catch(() => 0);
    return p !== 0 && p !== pid ? p : undefined;
  });
  assert.notEqual(next, pid);
  const after = (await owner.call(INIT_PID, 'memoryd', 'put', { text: 'after the restart' })) as {
    id: number;
  };
  const acked = settled.flatMap((r) => ('ok' in r ? [r.ok.id] : []));
  for (const id of [...acked, after.id]) {
    const m = (await owner.call(INIT_PID, 'memoryd', 'get', { id })) as { id: number };
    assert.equal(m.id, id, 'every acknowledged write survived');
  }
  const status = await s.system.supervisor!.status();
  const memoryd = status.children
    .find((c) => c.id === 'services')!
    .children!.find((c) => c.id === 'memoryd')!;
  assert.equal(memoryd.restarts, 1);
  assert.equal(memoryd.lastExit?.reason, 'crashed');
  assert.deepEqual(await owner.call(INIT_PID, 'memoryd', 'check', {}), {
    ok: true,
    memories: acked.length + 2,
    problems: [],
  });
});

test('an agent that may manage processes cannot stop memoryd; when the owner stops it, calls fail at once', async (t) => {
  const s = await withServices(t);
  const pid = await s.memorydPid();
  const out = await s.run(
    'manager',
    agent(`
    const h = await os.sys('process_handle', { handle: os.handles.system, pid: ${pid} });
    return { kill: await attempt(() => os.kill(h)), suspend: await attempt(() => os.suspend(h)),
      put: (await os.memory.put({ text: 'still here' })).namespace };
  `),
    undefined,
    { system: RIGHT_GROUPS.process | RIGHT_GROUPS.basic },
  );
  assert.deepEqual(
    [(out as { kill: { code: string } }).kill.code, (out as { suspend: { code: string } }).suspend.code],
    ['E_BAD_STATE', 'E_BAD_STATE'],
  );
  assert.equal((out as { put: string }).put, 'agent/manager');
  assert.equal(await s.memorydPid(), pid, 'memoryd still runs');

  await s.system.supervisor!.stop('services'); // the owner, on the host
  await assert.rejects(s.system.services.call(INIT_PID, 'memoryd', 'namespaces', {}), {
    code: 'E_UNAVAILABLE',
    message:
      "The system service 'memoryd' is down or restarting; call again in a moment (aios supervise ls shows it)",
  });
  const fromAgent = await s.run(
    'late',
    agent(`return await attempt(() => os.memory.search({ query: 'anything' }));`),
  );
  assert.equal((fromAgent as { code: string }).code, 'E_UNAVAILABLE');
});

test('kill -9 of the whole system during ingest: after restart every acknowledged write is there and check is clean', async (t) => {
  const s = await withServices(t);
  await s.system.shutdown(); // this test drives aios up itself; the home stays
  const env = s.env;
  const file = s.file(
    'ingest',
    agent(`
    for (let i = 0; ; i++) {
      const m = await os.memory.put({ text: 'Ingested fact number ' + i + ' about the quarterly report' });
      os.log('acked ' + m.id + ' ' + m.hash);
    }
  `),
  );
  const up = await aiosUp(env);
  let killed = false; // a child ended by a signal has no exit code, and would never report a second exit
  t.after(() => (killed ? undefined : up.stop('SIGKILL')));
  const spawned = await aios(env, ['spawn', file, '--name', 'ingest']);
  assert.equal(spawned.code, 0, spawned.stderr);
  const log = logPath(env.aiosHome);
  const acks = () => [
    ...(existsSync(log) ? readFileSync(log, 'utf8') : '').matchAll(/acked (\d+) ([0-9a-f]{64})/g),
  ];
  await until('20 writes acknowledged', async () => (acks().length >= 20 ? true : undefined), 180_000);
  assert.equal(await up.stop('SIGKILL'), 137);
  killed = true;
  const acked = acks();

  const system = await boot({ home: env.aiosHome, services: true });
  t.after(() => system.shutdown());
  for (const [, id, hash] of acked) {
    const m = (await system.services.call(INIT_PID, 'memoryd', 'get', {
      namespace: 'agent/ingest',
      id: Number(id),
    })) as { hash: string };
    assert.equal(m.hash, hash, `memory ${id} is there as acknowledged`);
  }
  const check = (await system.services.call(INIT_PID, 'memoryd', 'check', {})) as {
    ok: boolean;
    problems: string[];
  };
  assert.deepEqual(check.problems, []);
  assert.equal(check.ok, true);
});
