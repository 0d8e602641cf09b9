/**
 * Goals and self-reflection as a person meets them through `aios do`: the goal named in the
 * preview and --json, the safety steps Atlas adds for it (a listing and a backup before a
 * clean-up deletes, a verification after a migration), which run and are undone with the rest;
 * and the critique: a copy that does not fit its filesystem (a real sparse file larger than the
 * free space) or a move of a file that is not there is doubted, and Atlas asks even with --yes.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statfsSync,
  truncateSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { aios, type TestEnv, testEnv } from '../helpers/env.ts';

interface JsonStep {
  id: string;
  action: string;
  tool: string;
  added?: { goal: string; reason: string; guards: string };
  confidence?: number;
  reasons?: string[];
}

function home(t: Parameters<typeof testEnv>[0]): TestEnv {
  const env = testEnv(t);
  mkdirSync(env.home, { recursive: true });
  return env;
}

const daysAgo = (path: string, days: number) => {
  const when = new Date(Date.now() - days * 86_400_000);
  utimesSync(path, when, when);
};

test('"clean up my Downloads, delete the old zips" lists and backs up what it deletes first, and undo takes it all back', async (t) => {
  const env = home(t);
  const downloads = join(env.home, 'Downloads');
  mkdirSync(downloads);
  for (const [name, age] of [
    ['old1.zip', 60],
    ['old2.zip', 45],
    ['new.zip', 1],
  ] as const) {
    writeFileSync(join(downloads, name), `zip ${name}\n`);
    daysAgo(join(downloads, name), age);
  }
  const request = 'clean up my Downloads, delete the old zips';
  const preview = await aios(env, ['do', request, '--dry-run'], { cwd: env.home });
  assert.equal(preview.code, 0, preview.stderr);
  assert.match(preview.stdout, /Goal: clean up/);
  const lines = preview.stdout.split('\n');
  const at = (re: RegExp) => lines.findIndex((l) => re.test(l));
  const listing = at(/files\.inventory/);
  const backup = at(/files\.archive/);
  const remove = at(/files\.delete/);
  assert.ok(
    listing > 0 && backup > listing && remove > backup,
    `listing, backup, then delete:\n${preview.stdout}`,
  );
  assert.match(preview.stdout, /added by Atlas to clean up: keeps a copy of what step s2 deletes/);

  const json = JSON.parse(
    (await aios(env, ['do', request, '--dry-run', '--json'], { cwd: env.home })).stdout,
  );
  assert.equal(json.inferredGoal.kind, 'cleanup');
  const steps = json.steps as JsonStep[];
  assert.deepEqual(
    steps.map((s) => `${s.tool}.${s.action}${s.added ? ' (added)' : ''}`),
    ['files.find', 'files.inventory (added)', 'files.archive (added)', 'files.delete'],
  );
  assert.ok(steps.every((s) => typeof s.confidence === 'number'));

  const run = await aios(env, ['do', request, '--yes'], { cwd: env.home });
  assert.equal(run.code, 0, run.stdout + run.stderr);
  assert.deepEqual(readdirSync(downloads), ['new.zip']);
  const backups = join(env.aiosHome, 'backups');
  const [archive] = readdirSync(backups);
  assert.match(archive, /cleanup-s2\.tar\.gz$/);
  const listed = execFileSync('tar', ['-tzf', join(backups, archive)], { encoding: 'utf8' });
  assert.deepEqual(listed.trim().split('\n').sort(), ['old1.zip', 'old2.zip']);

  const undo = await aios(env, ['undo'], { cwd: env.home });
  assert.equal(undo.code, 0, undo.stdout + undo.stderr);
  assert.deepEqual(readdirSync(downloads).sort(), ['new.zip', 'old1.zip', 'old2.zip']);
  assert.equal(readFileSync(join(downloads, 'old1.zip'), 'utf8'), 'zip old1.zip\n');
  assert.ok(!existsSync(join(backups, archive)), 'the backup the request made is taken back too');
});

test('"migrate my notes folder to ~/archive/notes" checks after the move that every file arrived', async (t) => {
  const env = home(t);
  mkdirSync(join(env.home, 'notes', 'sub'), { recursive: true });
  writeFileSync(join(env.home, 'notes', 'a.md'), 'alpha\n');
  writeFileSync(join(env.home, 'notes', 'sub', 'b.md'), 'beta beta\n');
  const request = 'migrate my notes folder to ~/archive/notes';
  const json = JSON.parse(
    (await aios(env, ['do', request, '--dry-run', '--json'], { cwd: env.home })).stdout,
  );
  assert.equal(json.inferredGoal.kind, 'migrate');
  const steps = json.steps as JsonStep[];
  assert.deepEqual(
    steps.map((s) => `${s.tool}.${s.action}`),
    ['files.move', 'files.verify'],
  );
  assert.equal(steps[1].added?.guards, steps[0].id);
  assert.match(steps[1].added?.reason ?? '', /arrived \(2 files, 16 bytes\)/);

  const run = await aios(env, ['do', request], { cwd: env.home });
  assert.equal(run.code, 0, run.stdout + run.stderr);
  assert.match(run.stdout, /verified: 2 files \(16 B\) arrived/);
  assert.equal(readFileSync(join(env.home, 'archive', 'notes', 'sub', 'b.md'), 'utf8'), 'beta beta\n');
  assert.equal((await aios(env, ['undo'], { cwd: env.home })).code, 0);
  assert.equal(readFileSync(join(env.home, 'notes', 'a.md'), 'utf8'), 'alpha\n');
  assert.ok(!existsSync(join(env.home, 'archive', 'notes')));
});

test('a copy larger than the free space of its filesystem is doubted, and Atlas asks even with --yes', async (t) => {
  const env = home(t);
  // A real file whose size is more than the filesystem has free; sparse, so it takes no room.
  const fs = statfsSync(env.home);
  const big = join(env.home, 'disk.img');
  writeFileSync(big, '');
  truncateSync(big, fs.bavail * fs.bsize + 1024 ** 3);
  mkdirSync(join(env.home, 'copies'));
  const request = 'copy disk.img to copies';

  const json = JSON.parse(
    (await aios(env, ['do', request, '--dry-run', '--json'], { cwd: env.home })).stdout,
  );
  const copy = (json.steps as JsonStep[]).find((s) => s.action === 'copy');
  assert.ok(copy && (copy.confidence ?? 1) < 0.5, JSON.stringify(copy));
  assert.match(copy?.reasons?.[0] ?? '', /^needs .* but the filesystem of 'copies' has .* free$/);
  assert.equal(json.doubts[0].stepId, copy?.id);

  const run = await aios(env, ['do', request, '--yes'], { cwd: env.home, input: 'n\n' });
  assert.equal(run.code, 1);
  assert.match(run.stderr, /Atlas doubts this plan: step 1 \(files\.copy\) has confidence 0\.05: needs/);
  assert.match(run.stdout, /Cancelled; nothing was changed/);
  assert.deepEqual(readdirSync(join(env.home, 'copies')), []);

  const scripted = await aios(env, ['do', request, '--yes', '--json'], { cwd: env.home });
  assert.equal(scripted.code, 1);
  assert.match(JSON.parse(scripted.stdout).error, /doubts this plan/);
  assert.deepEqual(readdirSync(join(env.home, 'copies')), []);
});

test('a move of a file that is not there has confidence 0, says it does not exist, and asks', async (t) => {
  const env = home(t);
  const request = 'make a folder docs and move missing.txt to docs';
  const json = JSON.parse(
    (await aios(env, ['do', request, '--dry-run', '--json'], { cwd: env.home })).stdout,
  );
  const move = (json.steps as JsonStep[]).find((s) => s.action === 'move');
  assert.equal(move?.confidence, 0);
  assert.match(move?.reasons?.[0] ?? '', /missing\.txt' does not exist, and no earlier step makes it/);

  const run = await aios(env, ['do', request, '--yes'], { cwd: env.home });
  assert.equal(run.code, 1);
  assert.match(run.stdout, /Doubt: step 2 has confidence 0: .*does not exist/);
  assert.match(run.stdout, /Cancelled; nothing was changed/);
  assert.ok(!existsSync(join(env.home, 'docs')), 'not even the first step ran');
});

test("atlas.json's minConfidence decides what is doubted, and a bad value stops aios up with one line", async (t) => {
  const env = home(t);
  mkdirSync(env.aiosHome, { recursive: true });
  writeFileSync(join(env.aiosHome, 'atlas.json'), JSON.stringify({ minConfidence: 0 }));
  const run = await aios(env, ['do', 'make a folder docs and move missing.txt to docs', '--yes'], {
    cwd: env.home,
  });
  assert.doesNotMatch(run.stdout, /Doubt:/);
  assert.match(run.stdout + run.stderr, /does not exist/, 'nothing doubted, so it ran and the move failed');

  writeFileSync(join(env.aiosHome, 'atlas.json'), JSON.stringify({ minConfidence: 2 }));
  const up = await aios(env, ['up'], { cwd: env.home });
  assert.notEqual(up.code, 0);
  assert.match(up.stderr, /'minConfidence' is 2, over the limit; set it to at most 1 or remove it/);
  assert.doesNotMatch(up.stderr, /\n\s+at /, 'no stack trace');
});
