/**
 * The critique pass only looks: planning destructive requests (a clean-up of a selection, a
 * move of a file another process holds open, a checkout in a repository with uncommitted
 * changes whose index is stale) leaves every byte, mode and time of the tree as it was, the
 * repository's index included, while the preview reports what the probes found.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { boot, type System } from '../../src/boot.ts';
import { Atlas } from '../../src/shell/atlas.ts';
import { testEnv } from '../helpers/env.ts';
import { snapshot } from './snapshot.ts';

const CONFIG = { roots: [], onlyRoots: false, mutatingStepsPerMinute: 100_000, undoDays: 30 };
let env: ReturnType<typeof testEnv>;
let system: System;

before(async () => {
  env = testEnv();
  system = await boot({ home: env.aiosHome, logLevel: 'error' });
});

after(async () => {
  await system.shutdown();
  rmSync(env.dir, { recursive: true, force: true });
});

const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], {
    cwd,
    env: env.env,
  });

test('a critique of destructive plans changes nothing on disk, not even a stale git index', async (t) => {
  const home = join(env.dir, 'home');
  const cwd = join(home, 'work');
  mkdirSync(join(cwd, 'logs'), { recursive: true });
  for (const name of ['a.tmp', 'b.tmp', 'keep.txt']) writeFileSync(join(cwd, name), `${name}\n`);
  writeFileSync(join(cwd, 'logs', 'app.log'), 'line\n');
  git(cwd, 'init', '-q', '-b', 'main');
  git(cwd, 'add', '.');
  git(cwd, 'commit', '-qm', 'first');
  git(cwd, 'branch', 'dev');
  writeFileSync(join(cwd, 'keep.txt'), 'changed since\n');
  // A later mtime on a tracked file makes the index stale: a plain `git status` would rewrite it.
  const later = new Date(Date.now() + 60_000);
  utimesSync(join(cwd, 'logs', 'app.log'), later, later);
  // Another process holds the log open, as a running program holds its log.
  const holder = spawn('sh', ['-c', 'exec 3<logs/app.log; exec sleep 60'], { cwd, stdio: 'ignore' });
  t.after(() => holder.kill('SIGKILL'));
  await new Promise((r) => holder.once('spawn', r));
  await new Promise((r) => setTimeout(r, 200));

  const atlas = new Atlas(system, { home, config: CONFIG });
  t.after(() => atlas.close());
  const before = snapshot(cwd);
  const cleanup = await atlas.plan('clean up this folder, delete all the tmp files', { cwd });
  const move = await atlas.plan('move logs/app.log to archive/', { cwd });
  const checkout = await atlas.plan('switch to the dev branch', { cwd });
  assert.deepEqual(snapshot(cwd), before, 'planning and critique changed nothing');

  assert.equal(cleanup.inferredGoal?.kind, 'cleanup');
  assert.ok(cleanup.steps.some((s) => s.added && s.action === 'archive'));
  const moved = move.steps.find((s) => s.action === 'move');
  assert.equal(moved?.confidence, 0.6);
  assert.match(moved?.reasons?.[0] ?? '', /logs\/app\.log' is open in process \d+ \(sleep\)/);
  const switched = checkout.steps.find((s) => s.action === 'checkout');
  assert.equal(switched?.confidence, 0.6);
  assert.match(switched?.reasons?.[0] ?? '', /uncommitted changes in 1 path/);
});
