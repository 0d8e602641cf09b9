/**
 * A step whose output is bigger than a row keeps (a 1 MB file read) runs on the planner like any
 * other: `aios do` under `aios up` reads the file and goes on to the next step, the run is done,
 * and the whole output reads back from the run (kept in a file beside planner.db), also after a
 * restart.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { aios, aiosUp, testEnv } from './helpers/env.ts';

test('aios do of a 1 MB read and an append runs on the planner and keeps the whole output', async (t) => {
  const env = testEnv(t);
  const work = join(env.home, 'work');
  mkdirSync(work, { recursive: true });
  // about 1 MB of text in lines: a big read, over the 256 KiB a row keeps
  const text = `${randomBytes(750_000)
    .toString('base64')
    .match(/.{1,100}/g)!
    .join('\n')}\n`;
  assert.ok(text.length > 1_000_000);
  writeFileSync(join(work, 'big.txt'), text);

  let up = await aiosUp(env, ['--no-http']);
  t.after(() => up.stop());
  const done = await aios(env, ['do', 'read big.txt and append done to log.txt', '--yes'], {
    cwd: work,
    timeoutMs: 90_000,
  });
  assert.equal(done.code, 0, done.stdout.slice(-2000) + done.stderr);
  assert.equal(readFileSync(join(work, 'log.txt'), 'utf8'), 'done\n', 'the step after the big read ran');

  const listed = await aios(env, ['plan', 'ls', '--json']);
  const run = JSON.parse(listed.stdout).runs.find((r: { name: string }) => r.name.startsWith('atlas #1:'));
  assert.ok(run, `the request ran on the planner: ${listed.stdout}`);
  const show = async () => {
    const shown = await aios(env, ['plan', 'show', run.id, '--json']);
    assert.equal(shown.code, 0, shown.stderr);
    return JSON.parse(shown.stdout) as { state: string; nodes: { id: string; output: { text: string } }[] };
  };
  let view = await show();
  assert.equal(view.state, 'done');
  assert.equal(view.nodes[0].output.text, text, 'the whole read, byte for byte');
  assert.ok(
    readdirSync(join(env.aiosHome, 'planner', 'outputs', run.id)).length > 0,
    'kept apart from the row',
  );

  await up.stop();
  up = await aiosUp(env, ['--no-http']);
  view = await show();
  assert.equal(view.nodes[0].output.text, text, 'and after a restart');
});
