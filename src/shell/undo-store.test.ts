import assert from 'node:assert/strict';
import {
  appendFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { test } from 'node:test';
import { testEnv } from '../../test/helpers/env.ts';
import { toolContext } from './context.ts';
import { UndoStore } from './undo-store.ts';

function setup(t: Parameters<typeof testEnv>[0]) {
  const env = testEnv(t);
  const dir = join(env.dir, 'w');
  mkdirSync(dir, { recursive: true });
  const db = new DatabaseSync(':memory:');
  const store = new UndoStore(db, env.aiosHome);
  const ctx = toolContext({ cwd: dir, home: env.home, roots: [dir], forbidden: [] });
  const undo = (id: string) => store.undo(id, new Map(), ctx, () => {});
  return { dir, store, undo, env };
}

test('trash moves a file into the store; undo moves it back, same bytes, mode and time', async (t) => {
  const { dir, store, undo } = setup(t);
  const f = join(dir, 'a.txt');
  writeFileSync(f, 'hello', { mode: 0o640 });
  const before = statSync(f);
  store.journal('1').trash(f);
  assert.ok(!existsSync(f));
  const r = await undo('1');
  assert.deepEqual(r, { restored: [f], conflicts: [] });
  assert.equal(readFileSync(f, 'utf8'), 'hello');
  assert.equal(statSync(f).mode, before.mode);
  assert.equal(statSync(f).mtimeMs, before.mtimeMs);
  assert.equal(store.count('1'), 0);
});

test('a saved file comes back over what replaced it; an append is truncated away', async (t) => {
  const { dir, store, undo } = setup(t);
  const f = join(dir, 'b.txt');
  writeFileSync(f, 'original');
  const j = store.journal('2');
  j.save(f);
  writeFileSync(f, 'replaced');
  j.appended(f, statSync(f).size);
  appendFileSync(f, ' and more');
  await undo('2');
  assert.equal(readFileSync(f, 'utf8'), 'original');
});

test('entries are undone newest first: a move back, then the directory it made', async (t) => {
  const { dir, store, undo } = setup(t);
  const from = join(dir, 'c.txt');
  const sub = join(dir, 'sub');
  writeFileSync(from, 'c');
  const j = store.journal('3');
  mkdirSync(sub);
  j.created(sub, 'dir');
  renameSync(from, join(sub, 'c.txt'));
  j.moved(from, join(sub, 'c.txt'));
  const r = await undo('3');
  assert.deepEqual(r.conflicts, []);
  assert.ok(existsSync(from) && !existsSync(sub));
});

test('conflicts are reported and nothing is overwritten; the entry stays for a later try', async (t) => {
  const { dir, store, undo } = setup(t);
  const f = join(dir, 'd.txt');
  writeFileSync(f, 'mine');
  const j = store.journal('4');
  j.trash(f);
  writeFileSync(f, 'someone else');
  const r = await undo('4');
  assert.match(r.conflicts[0], /something else is there now/);
  assert.equal(readFileSync(f, 'utf8'), 'someone else');
  assert.equal(store.count('4'), 1);
});

test('a created file edited since is kept', async (t) => {
  const { dir, store, undo } = setup(t);
  const f = join(dir, 'e.txt');
  writeFileSync(f, 'v1');
  store.journal('5').created(f, 'file');
  writeFileSync(f, 'v2');
  const r = await undo('5');
  assert.match(r.conflicts[0], /changed after the request created it/);
  assert.equal(readFileSync(f, 'utf8'), 'v2');
});

test('forget drops the stored bytes and the journal', (t) => {
  const { dir, store, env } = setup(t);
  const f = join(dir, 'g.txt');
  writeFileSync(f, 'g');
  store.journal('6').trash(f);
  assert.ok(existsSync(join(env.aiosHome, 'undo', '6')));
  store.forget('6');
  assert.ok(!existsSync(join(env.aiosHome, 'undo', '6')));
  assert.equal(store.count('6'), 0);
});
