/**
 * aios logs: the last lines, formatted; level and text filters; raw JSON; following a running
 * system's log as it grows.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { AIOS_BIN, aios, aiosUp, testEnv } from './helpers/env.ts';

const line = (level: string, msg: string, fields: object = {}) =>
  JSON.stringify({ t: '2030-01-02T03:04:05.678Z', level, msg, ...fields });

test('aios logs shows the last lines for people, filtered by level and text, or as raw JSON', async (t) => {
  const env = testEnv(t);
  mkdirSync(join(env.aiosHome, 'logs'), { recursive: true });
  writeFileSync(
    join(env.aiosHome, 'logs', 'aios.log'),
    [
      line('debug', 'tick'),
      line('info', 'kernel ready', { bootMs: 12 }),
      line('warn', 'wrong dashboard login code', { ip: '127.0.0.1' }),
      line('error', 'request failed', { path: '/v1/x', error: 'boom here' }),
      '',
    ].join('\n'),
  );
  const two = await aios(env, ['logs', '-n', '2']);
  assert.equal(two.code, 0);
  assert.deepEqual(two.stdout.trim().split('\n'), [
    '2030-01-02 03:04:05.678 WARN  wrong dashboard login code  ip=127.0.0.1',
    '2030-01-02 03:04:05.678 ERROR request failed  path=/v1/x error="boom here"',
  ]);
  const warn = await aios(env, ['logs', '--level', 'warn', '--json']);
  assert.deepEqual(
    warn.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l).level),
    ['warn', 'error'],
  );
  const grep = await aios(env, ['logs', '--grep', 'ready']);
  assert.match(grep.stdout, /kernel ready {2}bootMs=12/);
  const bad = await aios(env, ['logs', '--level', 'loud']);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--level must be one of debug, info, warn, error/);
});

test('aios logs --follow prints lines a running system writes', async (t) => {
  const env = testEnv(t);
  const up = await aiosUp(env);
  t.after(() => up.stop());
  const follower = spawn(process.execPath, [AIOS_BIN, 'logs', '-f', '-n', '0', '--level', 'info'], {
    env: env.env,
  });
  t.after(() => follower.kill('SIGTERM'));
  let out = '';
  follower.stdout.on('data', (d) => {
    out += d;
  });
  await new Promise((r) => setTimeout(r, 400));
  const minted = await aios(env, ['token', 'mint', '--rights', 'inspect']);
  assert.equal(minted.code, 0);
  const deadline = Date.now() + 5000;
  while (!/INFO +api .*route=\/v1\/tokens status=200/.test(out) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.match(out, /INFO +api {2}method=POST route=\/v1\/tokens status=200/);
  assert.doesNotMatch(out, /kernel ready/, '-n 0 starts at the end');
});
