/**
 * The Atlas API the CLI, HTTP routes and MCP build on: plan previews change nothing, a plan
 * runs once, a plan made in one process can be run by id in the next, sessions carry
 * context, history records plans and outcomes, and long copies report progress.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { boot } from '../../src/boot.ts';
import { Atlas } from '../../src/shell/atlas.ts';
import { AtlasError } from '../../src/shell/types.ts';
import { testEnv } from '../helpers/env.ts';

const CONFIG = { roots: [], onlyRoots: false, mutatingStepsPerMinute: 1000, undoDays: 30 };

function setup(t: Parameters<typeof testEnv>[0]) {
  const env = testEnv(t);
  const cwd = join(env.home, 'work');
  mkdirSync(cwd, { recursive: true });
  for (const f of ['a.log', 'b.log', 'notes.txt']) writeFileSync(join(cwd, f), `${f}\n`);
  return { env, cwd };
}

test('a plan previews what it will touch and changes nothing; it runs once', async (t) => {
  const { env, cwd } = setup(t);
  const system = await boot({ home: env.aiosHome, logLevel: 'error' });
  t.after(() => system.shutdown());
  const atlas = new Atlas(system, { home: env.home, config: CONFIG });
  const p = await atlas.plan('delete all .log files', { cwd });
  assert.deepEqual(p.steps[1].preview.paths, [join(cwd, 'a.log'), join(cwd, 'b.log')]);
  assert.equal(p.steps[1].preview.bytes, 12);
  assert.ok(existsSync(join(cwd, 'a.log')));
  const out = await atlas.execute(p.id, { confirmed: true });
  assert.ok(out.ok);
  await assert.rejects(atlas.execute(p.id, { confirmed: true }), AtlasError);
  await assert.rejects(atlas.execute('99999', { confirmed: true }), /no planned request 99999/);
  const h = atlas.history(5);
  assert.equal(h[0].id, p.id);
  assert.equal(h[0].status, 'done');
  assert.deepEqual(
    h[0].steps.map((s) => s.action),
    ['find', 'delete'],
  );
  assert.equal(h[0].undoId, p.id);
});

test('a plan made before a restart runs by id after it, exactly as previewed', async (t) => {
  const { env, cwd } = setup(t);
  let system = await boot({ home: env.aiosHome, logLevel: 'error' });
  const p = await new Atlas(system, { home: env.home, config: CONFIG }).plan('delete all .log files', {
    cwd,
  });
  await system.shutdown();
  writeFileSync(join(cwd, 'c.log'), 'new since the preview\n');
  system = await boot({ home: env.aiosHome, logLevel: 'error' });
  t.after(() => system.shutdown());
  const out = await new Atlas(system, { home: env.home, config: CONFIG }).execute(p.id, { confirmed: true });
  assert.ok(out.ok);
  assert.ok(!existsSync(join(cwd, 'a.log')));
  assert.ok(existsSync(join(cwd, 'c.log')), 'only what was previewed is deleted');
  // Steps resolved at run time, or skipped, survive the restart too.
  const chained = await new Atlas(system, { home: env.home, config: CONFIG }).plan(
    'copy all .txt files to keep/ and then zip them and then delete all .tmp files',
    { cwd },
  );
  const again = await new Atlas(system, { home: env.home, config: CONFIG }).execute(chained.id, {
    confirmed: true,
  });
  assert.ok(again.ok, JSON.stringify(again.results));
  assert.ok(existsSync(join(cwd, 'keep', 'notes.txt')));
  assert.ok(existsSync(join(cwd, 'archive.zip')), 'the zip of what the copy produced');
});

test('a session remembers what the last request touched', async (t) => {
  const { env, cwd } = setup(t);
  const system = await boot({ home: env.aiosHome, logLevel: 'error' });
  t.after(() => system.shutdown());
  const atlas = new Atlas(system, { home: env.home, config: CONFIG });
  const first = await atlas.plan('find the log files', { cwd, session: 's' });
  await atlas.execute(first.id, { confirmed: false });
  const second = await atlas.plan('and now zip them', { cwd, session: 's' });
  assert.deepEqual(second.steps[0].args.paths, [join(cwd, 'a.log'), join(cwd, 'b.log')]);
  const other = await atlas.plan('and now zip them', { cwd, session: 'another' });
  assert.equal(other.steps.length, 0, 'another session has no "them"');
});

test('a long copy reports its progress to the end', async (t) => {
  const { env, cwd } = setup(t);
  writeFileSync(join(cwd, 'big.bin'), Buffer.alloc(8 * 1024 * 1024, 7));
  const system = await boot({ home: env.aiosHome, logLevel: 'error' });
  t.after(() => system.shutdown());
  const atlas = new Atlas(system, { home: env.home, config: CONFIG });
  const p = await atlas.plan('copy big.bin to backup/', { cwd });
  const seen: [number, number][] = [];
  const out = await atlas.execute(p.id, {
    confirmed: false,
    onProgress: (_s, done, total) => seen.push([done, total]),
  });
  assert.ok(out.ok);
  assert.ok(seen.length > 1);
  assert.deepEqual(seen.at(-1), [8 * 1024 * 1024, 8 * 1024 * 1024]);
  assert.deepEqual(readdirSync(join(cwd, 'backup')), ['big.bin']);
});

test('nothing to act on: the change step is skipped and nothing needs confirming', async (t) => {
  const { env, cwd } = setup(t);
  const system = await boot({ home: env.aiosHome, logLevel: 'error' });
  t.after(() => system.shutdown());
  const atlas = new Atlas(system, { home: env.home, config: CONFIG });
  const p = await atlas.plan('delete all .tmp files', { cwd });
  assert.equal(p.requiresConfirmation, false);
  assert.match(p.steps[1].preview.summary, /nothing to do/);
  const out = await atlas.execute(p.id, { confirmed: false });
  assert.ok(out.ok);
  assert.equal(out.undoId, undefined);
});
