/**
 * Undo is complete: after a request changes files (delete, move, overwrite, append, replace,
 * copy, archive, extract, organise, download, a shell command…) and is undone, the tree is
 * byte-identical to before, at the original paths, with modes and file times. Also after a
 * restart, for several requests undone in turn, and with conflicts reported, never forced.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { boot, type System } from '../../src/boot.ts';
import { Atlas } from '../../src/shell/atlas.ts';
import { testEnv } from '../helpers/env.ts';
import { buildTemplates, instance, type Templates, type Variant } from './fixture.ts';
import { diff, snapshot } from './snapshot.ts';

const CONFIG = { roots: [], onlyRoots: false, mutatingStepsPerMinute: 100_000, undoDays: 30 };
let env: ReturnType<typeof testEnv>;
let templates: Templates;
let system: System;
let n = 0;

before(async () => {
  env = testEnv();
  templates = await buildTemplates(join(env.dir, 'templates'));
  system = await boot({ home: env.aiosHome, logLevel: 'error' });
});

after(async () => {
  await system.shutdown();
  const { rmSync } = await import('node:fs');
  rmSync(env.dir, { recursive: true, force: true });
});

function fresh(variant: Variant = 'base') {
  const { root, cwd } = instance(templates, variant, join(env.dir, `u${++n}`));
  return { root, cwd, atlas: new Atlas(system, { home: root, config: CONFIG }) };
}

async function run(atlas: Atlas, cwd: string, request: string) {
  const planned = await atlas.plan(request, { cwd });
  assert.ok(planned.steps.length > 0, `not understood: ${request}: ${planned.clarify}`);
  const out = await atlas.execute(planned.id, { confirmed: true });
  assert.ok(out.ok, `failed: ${request}: ${JSON.stringify(out.results.find((r) => !r.ok))}`);
  assert.ok(out.undoId, `${request} left nothing to undo`);
  return out;
}

/** Runs each request, checks the tree changed, undoes them newest first, checks it is back. */
async function roundTrip(requests: string[], variant: Variant = 'base', skip: string[] = []) {
  const { root, cwd, atlas } = fresh(variant);
  const before = snapshot(root, { skip });
  for (const r of requests) await run(atlas, cwd, r);
  assert.notDeepEqual(snapshot(root, { skip }), before, 'the requests changed nothing');
  for (let i = 0; i < requests.length; i++) {
    const r = await atlas.undo();
    assert.deepEqual(r.conflicts, [], `undo ${r.undoId} had conflicts`);
  }
  assert.deepEqual(diff(before, snapshot(root, { skip })), [], 'the tree is not what it was');
  atlas.close();
  return { root, cwd };
}

const FILE_REQUESTS = [
  'delete notes.txt',
  'remove the docs folder',
  'delete log files older than 7 days',
  'move notes.txt to archive/',
  'rename config.json to settings.json',
  'move todo.txt to notes.txt',
  "write 'brand new' to fresh.txt",
  "overwrite todo.txt with 'nothing left'",
  "append 'call Alice' to todo.txt",
  "replace 'database' with 'datastore' in README.md and notes.txt",
  'copy notes.txt to backup/',
  'copy the docs folder to docs-backup',
  'zip the docs folder',
  'make a tarball of src',
  'unzip archive.zip',
  'extract backup.tar.gz here',
  'organise this folder by file type',
  'delete the duplicates',
  'mkdir archive/2024/q1',
  'create a folder called backup and copy all .txt files into it',
  'change the extension of all .txt files to .md',
  'add the prefix old- to every csv file',
  'make the txt file names uppercase',
  'rename the log files to log-1.log, log-2.log and so on',
  'set debug to false in config.json',
  'empty the logs folder',
  "run 'rm notes.txt && echo hi > hi.txt && mkdir -p made/deep && echo x > made/deep/x && chmod 600 todo.txt'",
];

for (const request of FILE_REQUESTS) {
  test(`undo restores every byte and path: ${request}`, async () => {
    await roundTrip([request]);
  });
}

test('undo restores an overwritten file that an archive extraction replaced', async () => {
  const { root, cwd, atlas } = fresh();
  await run(atlas, cwd, 'extract backup.tar.gz into restored');
  writeFileSync(join(cwd, 'restored', 'todo.txt'), 'edited after extraction\n');
  const before = snapshot(root);
  await run(atlas, cwd, 'extract backup.tar.gz into restored');
  assert.equal(readFileSync(join(cwd, 'restored', 'todo.txt'), 'utf8'), 'buy milk\nwrite report\n');
  await atlas.undo();
  assert.deepEqual(diff(before, snapshot(root)), []);
});

test('a batch rename never replaces a file: the plan is refused before anything moves', async () => {
  const { root, cwd, atlas } = fresh();
  writeFileSync(join(cwd, 'draft.txt'), 'taken\n');
  const before = snapshot(root);
  // The preview already finds the clash: the plan is refused, with what to do.
  await assert.rejects(
    atlas.plan('rename all .tmp files to .txt', { cwd }),
    /'draft\.txt' exists already; move it away/,
  );
  assert.deepEqual(diff(before, snapshot(root)), []);
  atlas.close();
});

test('several requests undo newest first back to the start', async () => {
  await roundTrip([
    'move all pdfs into docs',
    'zip the docs folder',
    'delete the docs folder',
    "write 'x' to docs.txt",
  ]);
});

test('a download is undone: a new file goes, an overwritten one comes back', async () => {
  const server = createServer((_req, res) => res.end('downloaded\n'));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  try {
    await roundTrip([`download http://127.0.0.1:${port}/file.txt`]);
    await roundTrip([`download http://127.0.0.1:${port}/x to todo.txt`]);
  } finally {
    server.close();
  }
});

test('undo works after a restart: a new kernel reads the journal and the stored bytes', async () => {
  const { root, cwd, atlas } = fresh();
  const before = snapshot(root);
  await run(atlas, cwd, 'delete all .log files');
  await run(atlas, cwd, "overwrite notes.txt with 'gone'");
  atlas.close();
  await system.shutdown();
  system = await boot({ home: env.aiosHome, logLevel: 'error' });
  const again = new Atlas(system, { home: root, config: CONFIG });
  await again.undo();
  await again.undo();
  assert.deepEqual(diff(before, snapshot(root)), []);
  again.close();
});

test('undo by id takes back that request only', async () => {
  const { root, cwd, atlas } = fresh();
  const first = await run(atlas, cwd, 'delete draft.tmp');
  const mid = snapshot(root);
  await run(atlas, cwd, 'delete cache.tmp');
  const r = await atlas.undo(first.undoId);
  assert.equal(r.undoId, first.undoId);
  assert.ok(readFileSync(join(cwd, 'draft.tmp'), 'utf8'));
  assert.deepEqual(Object.keys(diff(mid, snapshot(root))).length > 0, true);
  await assert.rejects(atlas.undo(first.undoId), /undone already/);
  atlas.close();
});

test('undo reports a conflict instead of overwriting what is there now', async () => {
  const { cwd, atlas } = fresh();
  await run(atlas, cwd, 'delete notes.txt');
  writeFileSync(join(cwd, 'notes.txt'), 'a new file with the same name\n');
  const r = await atlas.undo();
  assert.equal(r.conflicts.length, 1);
  assert.match(r.conflicts[0], /something else is there now/);
  assert.equal(readFileSync(join(cwd, 'notes.txt'), 'utf8'), 'a new file with the same name\n');
  atlas.close();
});

test('undo keeps a created file that was edited afterwards', async () => {
  const { cwd, atlas } = fresh();
  await run(atlas, cwd, "write 'v1' to made.txt");
  writeFileSync(join(cwd, 'made.txt'), 'v2, edited by hand\n');
  const r = await atlas.undo();
  assert.match(r.conflicts[0], /changed after the request created it/);
  assert.equal(readFileSync(join(cwd, 'made.txt'), 'utf8'), 'v2, edited by hand\n');
  atlas.close();
});

// git: the working tree is compared byte for byte (git rewrites files, so not their times);
// .git by what git itself reports.
function gitState(cwd: string): string {
  const g = (...a: string[]) => execFileSync('git', a, { cwd, encoding: 'utf8' });
  return [
    g('rev-parse', 'HEAD'),
    g('symbolic-ref', '-q', 'HEAD'),
    g('branch', '-v'),
    g('ls-files', '-s'),
    g('stash', 'list'),
    g('status', '--porcelain'),
  ].join('\n');
}

for (const requests of [
  ['stage all changes'],
  ["commit everything as 'wip'"],
  ['create a branch called feature'],
  ['delete the branch experiment'],
  ['switch to branch experiment'],
  ['create and switch to a new branch called fix'],
  ['stash my changes'],
  ['git add notes.txt', "commit with message 'notes'"],
]) {
  test(`undo restores the repository: ${requests.join(', then ')}`, async () => {
    const { root, cwd, atlas } = fresh('git');
    const before = { tree: snapshot(root, { skip: ['work/.git'], mtimes: false }), git: gitState(cwd) };
    for (const r of requests) await run(atlas, cwd, r);
    for (const _ of requests) assert.deepEqual((await atlas.undo()).conflicts, []);
    assert.deepEqual(diff(before.tree, snapshot(root, { skip: ['work/.git'], mtimes: false })), []);
    assert.equal(gitState(cwd), before.git);
    atlas.close();
  });
}

test('undo restores a popped stash', async () => {
  const { root, cwd, atlas } = fresh('git');
  await run(atlas, cwd, 'stash my changes');
  const before = { tree: snapshot(root, { skip: ['work/.git'], mtimes: false }), git: gitState(cwd) };
  await run(atlas, cwd, 'pop the stash');
  await atlas.undo();
  assert.deepEqual(diff(before.tree, snapshot(root, { skip: ['work/.git'], mtimes: false })), []);
  assert.equal(gitState(cwd), before.git);
  atlas.close();
});

test('npm: undo of an install and of a removal puts package.json back byte for byte', async () => {
  const skip = ['work/node_modules/.package-lock.json'];
  await roundTrip(['install ./vendor/tiny-lib'], 'npm', skip);
  const { root, cwd, atlas } = fresh('npm');
  await run(atlas, cwd, 'install ./vendor/tiny-lib');
  const before = snapshot(root, { skip, mtimes: false });
  await run(atlas, cwd, 'uninstall tiny-lib');
  await atlas.undo();
  assert.deepEqual(diff(before, snapshot(root, { skip, mtimes: false })), []);
  atlas.close();
});

test('undo of a kill starts the same command again in the same directory', async (t) => {
  const { cwd, atlas } = fresh();
  const child = spawn('sleep', ['4242'], { cwd, stdio: 'ignore' });
  // Gone once the kill step ran; if it did not, the test must not wait 4242 s for it.
  t.after(() => child.kill('SIGKILL'));
  await new Promise((r) => child.once('spawn', r));
  await run(atlas, cwd, `kill process ${child.pid}`);
  const r = await atlas.undo();
  const pid = Number(/pid (\d+)/.exec(r.restored[0])?.[1]);
  t.after(() => pid > 0 && process.kill(pid, 'SIGKILL'));
  assert.ok(pid > 0, r.restored[0]);
  assert.equal(readFileSync(`/proc/${pid}/cmdline`, 'utf8'), 'sleep\x004242\x00');
  assert.equal(execFileSync('readlink', [`/proc/${pid}/cwd`], { encoding: 'utf8' }).trim(), cwd);
  atlas.close();
});

test('what an undo displaces (edits made after the request) is kept in the undo store, not lost', async () => {
  const { cwd, atlas } = fresh();
  const out = await run(atlas, cwd, "overwrite todo.txt with 'v2'");
  writeFileSync(join(cwd, 'todo.txt'), 'v3, typed by hand after the request\n');
  await atlas.undo();
  assert.equal(readFileSync(join(cwd, 'todo.txt'), 'utf8'), 'buy milk\nwrite report\n');
  const store = join(env.aiosHome, 'undo', String(out.undoId));
  const kept = readdirSync(store).map((f) => readFileSync(join(store, f), 'utf8'));
  assert.ok(kept.includes('v3, typed by hand after the request\n'), 'the later edit is gone');
  atlas.close();
});
