/**
 * kill -9 of `aios up` in the middle of a multi-step `aios do`: the request ran on the planner,
 * so the next `aios up` goes on from the last committed step, and every step's effect happens
 * exactly once. Each of the three steps appends its own line; `aios up` is killed (SIGKILL, by
 * the planner's fault point) before the first step's effect, after the second's effect and
 * before its commit, and after the third's commit. At the end the lines are there once each, in
 * order, the request is `done` in `aios history`, its run in `aios plan ls`, and `aios undo`
 * takes all three lines back.
 */
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { aios, aiosUp, type TestEnv, testEnv } from './helpers/env.ts';

const POINTS = ['before-effect:s1', 'after-effect:s2', 'committed:s3'];
const REQUEST = 'append one to log.txt and append two to log.txt and append three to log.txt';

test('a multi-step aios do killed at node boundaries finishes after aios up, each step once, and undoes', async (t) => {
  const env = testEnv(t);
  const work = join(env.home, 'work');
  mkdirSync(work, { recursive: true });
  const log = join(work, 'log.txt');
  const lines = () => (existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter(Boolean) : []);
  const crashing = (point: string): TestEnv => ({
    ...env,
    env: { ...env.env, AIOS_PLANNER_CRASH_AT: point },
  });

  for (const [i, point] of POINTS.entries()) {
    const up = await aiosUp(crashing(point), ['--no-http']);
    const died = once(up.child, 'exit');
    // the first boot is given the request; every later one resumes its run on its own
    if (i === 0) void aios(env, ['do', REQUEST, '--yes'], { cwd: work, timeoutMs: 60_000 });
    const [code, signal] = await died;
    assert.equal(signal, 'SIGKILL', `killed at ${point} (exit ${code}): ${up.output()}`);
    const expected = {
      'before-effect:s1': [],
      'after-effect:s2': ['1', '2'],
      'committed:s3': ['1', '2', '3'],
    };
    assert.deepEqual(lines(), expected[point as keyof typeof expected], `after the kill at ${point}`);
  }

  const up = await aiosUp(env, ['--no-http']);
  t.after(() => up.stop());
  const listed = await aios(env, ['plan', 'ls', '--json']);
  assert.equal(listed.code, 0, listed.stderr);
  const run = JSON.parse(listed.stdout).runs.find((r: { name: string }) => r.name.startsWith('atlas #1:'));
  assert.ok(run, listed.stdout);
  const waited = await aios(env, ['plan', 'wait', run.id, '--json'], { timeoutMs: 60_000 });
  const view = JSON.parse(waited.stdout);
  assert.equal(view.state, 'done', waited.stdout);
  assert.deepEqual(lines(), ['1', '2', '3'], 'each step exactly once');
  assert.deepEqual(
    view.nodes.map((n: { id: string; state: string }) => `${n.id}:${n.state}`),
    ['s1:done', 's2:done', 's3:done'],
  );

  const history = await aios(env, ['history', '--json']);
  assert.equal(history.code, 0, history.stderr);
  const [entry] = JSON.parse(history.stdout);
  assert.equal(entry.status, 'done', history.stdout);
  assert.equal(entry.undoId, '1');
  const undone = await aios(env, ['undo', '1']);
  assert.equal(undone.code, 0, undone.stdout + undone.stderr);
  assert.equal(existsSync(log), false, `undo takes every line back: ${undone.stdout}`);
});
