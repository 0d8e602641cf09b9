/**
 * kill -9 of `aios up` at every node boundary of a multi-step `aios do` that deletes a file,
 * moves one into a folder it makes, and overwrites a third: the request runs on the planner, and
 * a kill between an effect and its node's commit must neither run the effect again nor lose its
 * way back. Each action's recovery check (services/planner/recovery.ts) finds the effect done from
 * the identity of what moved (the deleted file among the kept copies, the moved one at its
 * destination, the replaced content's copy by its hash), so the run goes on by itself, and
 * `aios undo` puts every file back byte for byte.
 */
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { aios, aiosUp, type TestEnv, testEnv } from './helpers/env.ts';

const STEPS = ['s1', 's2', 's3'];
const POINTS = STEPS.flatMap((s) => [`before-effect:${s}`, `after-effect:${s}`, `committed:${s}`]);
const REQUEST = 'delete a.log and move c.txt to archive/c.txt and write changed to b.txt';

test('a delete, a move and an overwrite killed at every boundary each happen once, and undo restores every byte', async (t) => {
  const env = testEnv(t);
  const work = join(env.home, 'work');
  mkdirSync(work, { recursive: true });
  const original = {
    'a.log': 'the first log\n'.repeat(50),
    'c.txt': 'moved content\n',
    'b.txt': 'original b\n',
  };
  for (const [name, text] of Object.entries(original)) writeFileSync(join(work, name), text);
  const crashing = (point: string): TestEnv => ({
    ...env,
    env: { ...env.env, AIOS_PLANNER_CRASH_AT: point },
  });
  /** What the user sees in the folder: which effects have happened. */
  const seen = () => ({
    deleted: !existsSync(join(work, 'a.log')),
    moved: existsSync(join(work, 'archive', 'c.txt')) && !existsSync(join(work, 'c.txt')),
    written: readFileSync(join(work, 'b.txt'), 'utf8') === 'changed',
  });

  for (const [i, point] of POINTS.entries()) {
    const up = await aiosUp(crashing(point), ['--no-http']);
    const died = once(up.child, 'exit');
    // the first boot is given the request; every later one resumes its run on its own
    if (i === 0) void aios(env, ['do', REQUEST, '--yes'], { cwd: work, timeoutMs: 90_000 });
    // a run that stopped to wait for a person never reaches the point: say so rather than hang
    const timer = setTimeout(() => void up.stop('SIGTERM'), 150_000);
    const [code, signal] = await died;
    clearTimeout(timer);
    assert.equal(signal, 'SIGKILL', `killed at ${point} (exit ${code}): ${up.output()}`);
    const step = STEPS.indexOf(point.split(':')[1]);
    const happened = point.startsWith('before-effect') ? step : step + 1;
    assert.deepEqual(
      seen(),
      { deleted: happened >= 1, moved: happened >= 2, written: happened >= 3 },
      `after the kill at ${point}`,
    );
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
  assert.deepEqual(
    view.nodes.map((n: { id: string; state: string }) => `${n.id}:${n.state}`),
    ['s1:done', 's2:done', 's3:done'],
  );
  // each effect was found done after its kill by its own check, not run again
  assert.ok(
    view.nodes.every((n: { output: { recovered?: boolean } }) => n.output.recovered === true),
    waited.stdout,
  );
  assert.deepEqual(seen(), { deleted: true, moved: true, written: true });

  let entry: { status: string; undoId?: string } | undefined;
  for (let i = 0; i < 100 && entry?.status !== 'done'; i++) {
    const history = await aios(env, ['history', '--json']);
    assert.equal(history.code, 0, history.stderr);
    [entry] = JSON.parse(history.stdout);
    if (entry?.status !== 'done') await new Promise((ok) => setTimeout(ok, 200));
  }
  assert.equal(entry?.status, 'done');
  assert.equal(entry?.undoId, '1');
  const undone = await aios(env, ['undo', '1']);
  assert.equal(undone.code, 0, undone.stdout + undone.stderr);
  for (const [name, text] of Object.entries(original))
    assert.equal(
      readFileSync(join(work, name), 'utf8'),
      text,
      `${name} is back byte for byte: ${undone.stdout}`,
    );
  assert.equal(existsSync(join(work, 'archive')), false, 'the folder the move made is gone again');
});
