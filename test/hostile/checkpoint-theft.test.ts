/**
 * Hostile agents against checkpoints and supervision: an agent that may spawn tries to read,
 * overwrite or clear another agent's saved state, and a bearer-token client tries to use the
 * supervisor's authority. Each attempt fails, the victim's state is intact, and the audit
 * chain records the refusals.
 */
import assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { boot } from '../../src/boot.ts';
import { RIGHTS } from '../../src/kernel/rights.ts';
import { aios, aiosUp, testEnv } from '../helpers/env.ts';
import { core } from '../helpers/internals.ts';

const VICTIM = `export default async function (os) {
  await os.checkpoint.save({ secret: 'hunter2' });
  return 'saved';
}
`;

const SPY = `export default async function (os) {
  return { loaded: (await os.checkpoint.load()) ?? null };
}
`;

/** Every way it can think of to reach the checkpoint named 'bank'. */
const THIEF = `export default async function (os) {
  const tries = {};
  const attempt = async (name, fn) => {
    try { tries[name] = { ok: await fn() }; } catch (e) { tries[name] = { code: e.code ?? String(e) }; }
  };
  await attempt('load by key', () => os.sys('checkpoint_load', { key: 'bank' }));
  await attempt('clear by path', () => os.sys('checkpoint_clear', { name: '../bank' }));
  await attempt('clear absolute', () => os.sys('checkpoint_clear', { name: '/bank' }));
  await attempt('spawn named ../bank', () => os.spawn('spy.ts', { labels: { checkpoint: '../bank' } }));
  await attempt('spawn named bank/x', () => os.spawn('spy.ts', { labels: { checkpoint: 'bank/x' } }));
  const child = await os.spawn('spy.ts', { labels: { checkpoint: 'bank' } });
  tries['spy named bank'] = { ok: JSON.parse((await os.wait(child.handle)).result) };
  await attempt('clear child bank', () => os.sys('checkpoint_clear', { name: 'bank' }));
  await attempt('overwrite own', () => os.checkpoint.save({ secret: 'stolen' }));
  return tries;
}
`;

test('an agent cannot read, overwrite or clear another agent’s checkpoint', async (t) => {
  const env = testEnv();
  for (const [name, code] of [
    ['victim.ts', VICTIM],
    ['spy.ts', SPY],
    ['thief.ts', THIEF],
  ]) {
    writeFileSync(join(env.dir, name), code);
  }
  const system = await boot({ home: env.aiosHome });
  t.after(async () => {
    await system.shutdown();
    rmSync(env.dir, { recursive: true, force: true });
  });
  const victim = system.host.spawnFile(join(env.dir, 'victim.ts'), { labels: { checkpoint: 'bank' } });
  assert.equal((await system.host.exitOf(victim.pid)).reason, 'normal');
  const thief = system.host.spawnFile(join(env.dir, 'thief.ts'), { grants: { system: RIGHTS.SPAWN } });
  const exit = await system.host.exitOf(thief.pid);
  assert.equal(exit.reason, 'normal', exit.message);
  const tries = JSON.parse(exit.result!);
  assert.deepEqual(tries['load by key'], { code: 'E_BAD_ARG' });
  assert.deepEqual(tries['clear by path'], { code: 'E_BAD_ARG' });
  assert.deepEqual(tries['clear absolute'], { code: 'E_BAD_ARG' });
  assert.deepEqual(tries['spawn named ../bank'], { code: 'E_BAD_ARG' });
  assert.deepEqual(tries['spawn named bank/x'], { code: 'E_BAD_ARG' });
  assert.deepEqual(tries['spy named bank'], { ok: { loaded: null } }, 'its child is pid:N/bank, not bank');
  assert.deepEqual(tries['clear child bank'], { ok: { cleared: 0 } });
  // The victim's successor still finds the secret.
  const keys = [...core(system).checkpoints.values()].map((r) => [r.key, r.state]);
  assert.deepEqual(
    keys.find(([key]) => key === 'bank'),
    ['bank', '{"secret":"hunter2"}'],
  );
  // The refusals are in the audit chain.
  system.persist.flush();
  const denied = system.store.audit
    .page(0, 100_000)
    .map((line) => JSON.parse(line))
    .filter((e) => e.ok === false && e.code === 'E_BAD_ARG' && String(e.what).startsWith('checkpoint_'));
  assert.ok(denied.length >= 3, `audit has the refusals (${denied.length})`);
});

test('a bearer token cannot borrow the supervisor’s authority', async (t) => {
  const env = testEnv(t);
  writeFileSync(join(env.dir, 'a.ts'), 'export default async () => {};\n');
  const up = await aiosUp(env);
  t.after(() => up.stop('SIGKILL'));
  const url = /api (http:\/\/\S+?)\)/.exec(up.ready)![1];
  const minted = await aios(env, ['token', 'mint', '--rights', 'all', '--json']);
  const { token } = JSON.parse(minted.stdout);
  const tree = {
    name: 'evil',
    children: [{ id: 'a', file: join(env.dir, 'a.ts'), grants: { system: 'all' } }],
  };
  for (const [method, path, body] of [
    ['GET', '/v1/supervisor', undefined],
    ['POST', '/v1/supervisor/trees', tree],
    ['POST', '/v1/agents', { file: join(env.dir, 'a.ts'), restart: 'permanent' }],
    ['POST', '/v1/supervisor/call', { path: 'x/y', body: {} }],
    ['DELETE', '/v1/supervisor/trees/evil', undefined],
  ] as const) {
    const res = await fetch(`${url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    assert.equal(res.status, 403, `${method} ${path}`);
    assert.match(((await res.json()) as { detail: string }).detail, /owner only/);
  }
  const ls = await aios(env, ['supervise', 'ls']);
  assert.doesNotMatch(ls.stdout, /\bevil\b/, 'no tree was started');
  assert.equal(await up.stop(), 0);
});
