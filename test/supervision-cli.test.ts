/**
 * Supervision from the command line against a real `aios up`: trees from a spec file,
 * `spawn --restart`, restart counts in `ps`, and checkpoints that survive kill -9 of the
 * whole system.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { aios, aiosUp, testEnv } from './helpers/env.ts';
import { WORKER } from './helpers/supervision.ts';

test('aios supervise, ps and kill -9 of the whole system: state survives', async (t) => {
  const env = testEnv(t);
  writeFileSync(join(env.dir, 'worker.ts'), WORKER);
  writeFileSync(
    join(env.dir, 'web.json'),
    JSON.stringify({
      name: 'web',
      strategy: 'one_for_one',
      children: [{ id: 'counter', file: 'worker.ts' }],
    }),
  );
  let up = await aiosUp(env);
  t.after(() => up.stop('SIGKILL'));

  const started = await aios(env, ['supervise', 'web.json']);
  assert.equal(started.code, 0, started.stderr);
  assert.match(started.stdout, /^supervising web \(pid \d+\): counter \d+$/m);
  for (const n of [1, 2]) {
    const r = await aios(env, ['supervise', 'call', 'web/counter', '{"incr":true}']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(JSON.parse(r.stdout).n, n);
  }

  // Killing the worker is a crash as far as its supervisor is concerned: it comes back.
  const ps = JSON.parse((await aios(env, ['ps', '--json'])).stdout) as {
    pid: number;
    supervision?: { path: string; restarts: number };
  }[];
  const counter = ps.find((a) => a.supervision?.path === 'web/counter')!;
  assert.equal(counter.supervision?.restarts, 0);
  assert.equal((await aios(env, ['kill', String(counter.pid)])).code, 0);
  const after = await aios(env, ['supervise', 'call', 'web/counter', '{"get":true}']);
  assert.equal(JSON.parse(after.stdout).n, 2);
  assert.notEqual(JSON.parse(after.stdout).pid, counter.pid);
  const table = (await aios(env, ['ps'])).stdout;
  assert.match(table, /RESTARTS\s+SUPERVISED/);
  assert.match(table, /\s1\s+web\/counter$/m);
  const ls = (await aios(env, ['supervise', 'ls'])).stdout;
  assert.match(ls, /^web\/counter\s+worker\s+permanent\s+running\s+\d+\s+-\s+1\s+killed 137/m);

  // kill -9 of aios itself, then up again: the tree is back and the count goes on.
  assert.equal(await up.stop('SIGKILL'), 137);
  up = await aiosUp(env);
  const resumed = await aios(env, ['supervise', 'call', 'web/counter', '{"incr":true}']);
  assert.equal(resumed.code, 0, resumed.stderr);
  assert.equal(JSON.parse(resumed.stdout).n, 3);

  // Stopping forgets the tree and its checkpoints.
  assert.equal((await aios(env, ['supervise', 'stop', 'web'])).code, 0);
  // what is left is the system's own services tree, started by every `aios up`
  const left = (await aios(env, ['supervise', 'ls'])).stdout;
  assert.doesNotMatch(left, /^web/m);
  assert.match(left, /^services\/memoryd +worker +permanent +running/m);
  assert.equal(await up.stop(), 0);
});

test('aios spawn --restart --critical supervises one agent with a warm standby', async (t) => {
  const env = testEnv(t);
  writeFileSync(join(env.dir, 'worker.ts'), WORKER);
  const up = await aiosUp(env);
  t.after(() => up.stop('SIGKILL'));
  const r = await aios(env, ['spawn', 'worker.ts', '--restart', 'permanent', '--critical', '--name', 'solo']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^spawned \d+ \(supervised by 'solo', restart permanent, critical\)$/m);
  const ps = (await aios(env, ['ps'])).stdout;
  assert.match(ps, /solo\/solo \(standby\)$/m);
  assert.match(ps, /solo \(sup\)$/m);
  const reply = await aios(env, ['supervise', 'call', 'solo/solo', '{"echo":"hi"}']);
  assert.equal(JSON.parse(reply.stdout).echo, 'hi');
  const again = await aios(env, ['spawn', 'worker.ts', '--restart', 'permanent', '--name', 'solo']);
  assert.equal(again.code, 1);
  assert.match(again.stderr, /already supervised/);
  assert.equal(await up.stop(), 0);
});

test('bad supervision input: one line, the right exit code, nothing started', async (t) => {
  const env = testEnv(t);
  writeFileSync(join(env.dir, 'worker.ts'), WORKER);
  writeFileSync(
    join(env.dir, 'bad.json'),
    JSON.stringify({ name: 'b', strategy: 'all_for_one', children: [] }),
  );
  writeFileSync(join(env.dir, 'broken.json'), '{ "name": ');
  const usage = [
    ['spawn', 'worker.ts', '--critical'],
    ['spawn', 'worker.ts', '--restart', 'sometimes'],
    ['supervise'],
    ['supervise', 'broken.json'],
    ['supervise', 'missing.json'],
    ['supervise', 'call', 'x/y', '{nope'],
  ];
  for (const args of usage) {
    const r = await aios(env, args);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
  }
  const up = await aiosUp(env);
  t.after(() => up.stop('SIGKILL'));
  const bad = await aios(env, ['supervise', 'bad.json']);
  assert.equal(bad.code, 1);
  assert.match(bad.stderr.trim(), /^aios supervise: Spec field 'strategy': .*one_for_one/);
  const stop = await aios(env, ['supervise', 'stop', 'nope']);
  assert.equal(stop.code, 1);
  assert.match(stop.stderr, /No child is named 'nope'/);
  assert.equal(await up.stop(), 0);
});
