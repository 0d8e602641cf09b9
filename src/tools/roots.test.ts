import assert from 'node:assert/strict';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { testEnv } from '../../test/helpers/env.ts';
import { Roots } from './roots.ts';

function setup(t: Parameters<typeof testEnv>[0]) {
  const env = testEnv(t);
  const cwd = join(env.dir, 'project');
  mkdirSync(cwd, { recursive: true });
  mkdirSync(env.aiosHome, { recursive: true });
  writeFileSync(join(env.dir, 'outside.txt'), 'x');
  return {
    env,
    cwd,
    roots: new Roots({ cwd, home: env.home, roots: [cwd, env.home], forbidden: [env.aiosHome] }),
  };
}

test('paths inside cwd or HOME resolve; ~ expands; outside is refused with the roots named', (t) => {
  const { env, cwd, roots } = setup(t);
  assert.equal(roots.resolve('a/b.txt'), join(cwd, 'a/b.txt'));
  // '~' is the test's own HOME (a temporary directory), never the real one.
  const tilde = ['~', 'notes'].join('/');
  assert.equal(roots.resolve(tilde), join(env.home, 'notes'));
  assert.throws(() => roots.resolve('../outside.txt'), /outside the allowed roots \(.*project.*\)/);
  assert.throws(() => roots.resolve('/etc/passwd'), /outside the allowed roots/);
  assert.throws(() => roots.resolve(''), /empty/);
  assert.throws(() => roots.resolve('a\0b'), /NUL/);
});

test("aios's own directory is forbidden even inside HOME", (t) => {
  const { env, roots } = setup(t);
  assert.throws(() => roots.resolve(join(env.aiosHome, 'aios.db')), /own state directory/);
});

test('symlinks: content follows the link, the entry does not; dangling links are judged by their target', (t) => {
  const { env, cwd, roots } = setup(t);
  symlinkSync(join(env.dir, 'outside.txt'), join(cwd, 'link'));
  symlinkSync(join(env.dir, 'nope', 'new.txt'), join(cwd, 'dangling'));
  assert.throws(() => roots.resolve('link'), /outside/);
  assert.equal(roots.resolve('link', 'entry'), join(cwd, 'link'));
  assert.throws(() => roots.resolve('dangling'), /outside/);
});

test('a root itself cannot be deleted or moved (an entry use)', (t) => {
  const { cwd, roots } = setup(t);
  assert.throws(() => roots.resolve('.', 'entry'), /allowed root itself/);
  assert.equal(roots.resolve('.'), cwd);
});

test("hostile: the backups folder kept in aios's state directory opens nothing else of it", (t) => {
  const { env, cwd } = setup(t);
  const backups = join(env.aiosHome, 'backups');
  mkdirSync(backups);
  writeFileSync(join(env.aiosHome, 'aios.db'), 'state');
  const roots = new Roots({ cwd, home: env.home, roots: [cwd], forbidden: [env.aiosHome], kept: [backups] });
  assert.equal(roots.resolve(join(backups, 'x.tar.gz')), join(backups, 'x.tar.gz'));
  // climbing out, a link inside it that leads to the state, the folder itself, its parent
  assert.throws(() => roots.resolve(join(backups, '..', 'aios.db')), /own state directory/);
  symlinkSync(env.aiosHome, join(backups, 'up'));
  assert.throws(() => roots.resolve(join(backups, 'up', 'aios.db')), /own state directory/);
  assert.throws(() => roots.resolve(join(backups, 'up', 'aios.db'), 'entry'), /own state directory/);
  assert.throws(() => roots.resolve(backups, 'entry'), /allowed root itself/);
  assert.throws(() => roots.resolve(env.aiosHome, 'entry'), /own state directory/);
  // a kept folder that is itself a link to the state directory keeps nothing but what it leads to
  const sneaky = join(env.aiosHome, 'sneaky');
  symlinkSync(env.aiosHome, sneaky);
  const fooled = new Roots({ cwd, home: env.home, roots: [cwd], forbidden: [env.aiosHome], kept: [sneaky] });
  assert.throws(() => fooled.resolve(join(env.aiosHome, 'aios.db')), /own state directory/);
});
