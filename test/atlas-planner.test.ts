/**
 * Atlas's multi-step plans run on the planner when it runs: the request's run is listed by
 * `plan ls` (as the owner sees it), each step is a node, the outcome and history are Atlas's,
 * and `aios undo` takes the whole request back from the copies the planner kept. A single step
 * keeps the direct path. The hostile side: the run has no more rights than the person cleared,
 * and no other agent can see or steer it (test/hostile/atlas-planner.test.ts).
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { boot, type System } from '../src/boot.ts';
import { INIT_PID } from '../src/kernel/index.ts';
import { Atlas } from '../src/shell/atlas.ts';
import { OPEN_CONFIG } from './helpers/atlas-system.ts';
import { testEnv } from './helpers/env.ts';

interface Runs {
  runs: { id: string; name: string; state: string; submitter: string; nodes: number; done: number }[];
}

describe('Atlas on the planner', () => {
  let system: System;
  let home: string;
  let work: string;
  let atlas: Atlas;
  const cleanups: (() => unknown)[] = [];
  before(async () => {
    const env = testEnv({ after: (fn) => cleanups.push(fn) });
    home = env.home;
    work = join(home, 'work');
    mkdirSync(work, { recursive: true });
    process.env.HOME = home; // the planner's thread reads HOME for the roots it may touch
    system = await boot({ home: env.aiosHome, logLevel: 'warn', services: true });
    atlas = new Atlas(system, { home, config: OPEN_CONFIG });
  });
  after(async () => {
    atlas.close();
    await system.shutdown();
    for (const fn of cleanups) fn();
  });

  const runs = async () => (await system.services.call(INIT_PID, 'planner', 'ls', {})) as Runs;

  it('runs a request of several steps as a plan run, and undo takes it all back', async () => {
    writeFileSync(join(work, 'old.log'), 'old\n');
    writeFileSync(join(work, 'keep.txt'), 'keep\n');
    const planned = await atlas.plan('write hello to notes.txt and append bye to notes.txt', { cwd: work });
    assert.equal(planned.steps.length, 2);
    const outcome = await atlas.execute(planned.id, { confirmed: false });
    assert.equal(outcome.ok, true, JSON.stringify(outcome));
    assert.equal(readFileSync(join(work, 'notes.txt'), 'utf8'), 'hello\nbye\n');
    assert.deepEqual(outcome.ranSteps, ['s1', 's2']);

    const run = (await runs()).runs.find((r) => r.name.startsWith(`atlas #${planned.id}:`));
    assert.ok(run, 'the request is a plan run');
    assert.equal(run.state, 'done');
    assert.equal(run.submitter, 'atlas');
    assert.equal(run.done, 2);

    const [entry] = atlas.history(1);
    assert.equal(entry.status, 'done');
    assert.equal(entry.undoId, planned.id);
    const undone = await atlas.undo(planned.id);
    assert.deepEqual(undone.conflicts, []);
    assert.equal(existsSync(join(work, 'notes.txt')), false, 'undo removes the file the plan made');
  });

  it('takes back a confirmed delete and overwrite from the kept copies', async () => {
    writeFileSync(join(work, 'a.log'), 'first log\n');
    writeFileSync(join(work, 'b.txt'), 'original b\n');
    const planned = await atlas.plan('delete a.log and write changed to b.txt', { cwd: work });
    assert.equal(planned.steps.length, 2, JSON.stringify(planned.steps));
    assert.equal(planned.requiresConfirmation, true);
    const outcome = await atlas.execute(planned.id, { confirmed: true });
    assert.equal(outcome.ok, true, JSON.stringify(outcome));
    assert.equal(existsSync(join(work, 'a.log')), false);
    assert.equal(readFileSync(join(work, 'b.txt'), 'utf8'), 'changed');
    assert.ok((await runs()).runs.some((r) => r.name.startsWith(`atlas #${planned.id}:`)));

    const undone = await atlas.undo(planned.id);
    assert.deepEqual(undone.conflicts, []);
    assert.equal(readFileSync(join(work, 'a.log'), 'utf8'), 'first log\n', 'the deleted file is back');
    assert.equal(readFileSync(join(work, 'b.txt'), 'utf8'), 'original b\n', 'the overwritten file is back');
  });

  it('keeps the direct path for a single step', async () => {
    const before = (await runs()).runs.length;
    const planned = await atlas.plan('make a folder single', { cwd: work });
    assert.equal(planned.steps.length, 1);
    const outcome = await atlas.execute(planned.id, { confirmed: false });
    assert.equal(outcome.ok, true);
    assert.equal((await runs()).runs.length, before, 'no plan run for one step');
  });

  it('reports a step the planner failed, and stops there', async () => {
    const planned = await atlas.plan('make a folder made and move missing.txt into it', { cwd: work });
    if (planned.steps.length < 2) return; // the translator asks instead: nothing to run
    // The critique doubts the move (nothing makes missing.txt); the person says to run it anyway
    assert.ok(planned.doubts?.some((d) => /missing\.txt/.test(d.reason)));
    const outcome = await atlas.execute(planned.id, { confirmed: true, acceptDoubts: true });
    assert.equal(outcome.ok, false);
    assert.equal(outcome.results.at(-1)?.ok, false);
    assert.match(outcome.results.at(-1)?.error ?? '', /missing/);
  });
});
