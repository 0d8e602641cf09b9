import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { plannerHarness } from '../../../test/helpers/planner.ts';
import { findAction } from '../../tools/registry.ts';
import { Roots } from '../../tools/roots.ts';
import type { ActionDef, ToolContext } from '../../tools/types.ts';
import { planJournal, probeEffect } from './effects.ts';

/**
 * What a kill between an effect and its node's commit leaves, made with the real actions: the
 * record and probe written, the action run with the planner's journal (or not), then a restart.
 * test/atlas-planner-crash-moves.test.ts kills a real `aios up` at these points.
 */
async function cutOff(
  h: ReturnType<typeof plannerHarness>,
  tool: string,
  args: Record<string, unknown>,
  effect: boolean,
  meanwhile: () => void = () => {},
) {
  const id = 'pcut';
  const kept = join(h.dir, '..', '.aios', 'planner', 'kept', id, 'n');
  const home = join(h.dir, '..');
  const ctx: ToolContext = {
    cwd: h.dir,
    home,
    paths: new Roots({ cwd: h.dir, home, roots: [home], forbidden: [join(home, '.aios')] }),
    journal: planJournal(kept, []),
    exec: () => Promise.reject(new Error('no programs here')),
    now: () => Date.now(),
  };
  h.store.createRun(
    {
      id,
      parent: null,
      parentNode: null,
      name: 'cut',
      plan: { nodes: [{ id: 'n', kind: 'tool', tool, args }] },
      submitter: 'init',
      submitterPid: 1,
      owner: true,
      toolRisk: 3,
      cwd: h.dir,
      forkedFrom: null,
      forkedAt: null,
    },
    ['n'],
  );
  h.store.startNode(id, 'n', args);
  h.store.beginEffect(id, 'n', 'n', args, probeEffect(tool, args, ctx, kept));
  const [t, a] = tool.split('.');
  if (effect) await (findAction(t, a) as ActionDef).run(args, ctx);
  meanwhile();
  h.restart().resumeAll();
  return h.settle(id);
}

const undoOf = (output: unknown) => (output as { undo: Record<string, unknown>[] }).undo;

test('a delete that happened before the kill commits recovered, its kept copy in its undo', async (t) => {
  const h = plannerHarness(t);
  writeFileSync(join(h.dir, 'a.log'), 'log');
  const view = await cutOff(h, 'files.delete', { paths: ['a.log'] }, true);
  assert.equal(view.state, 'done', JSON.stringify(view));
  const [entry] = undoOf(view.nodes[0].output);
  assert.equal(entry.kind, 'trashed');
  assert.equal(entry.path, join(h.dir, 'a.log'));
  assert.equal(readFileSync(entry.blob as string, 'utf8'), 'log', 'the way back names the kept copy');
  assert.equal((view.nodes[0].output as { recovered: boolean }).recovered, true);
});

test('a delete that never ran runs once on resume', async (t) => {
  const h = plannerHarness(t);
  writeFileSync(join(h.dir, 'a.log'), 'log');
  const view = await cutOff(h, 'files.delete', { paths: ['a.log'] }, false);
  assert.equal(view.state, 'done');
  assert.equal(existsSync(join(h.dir, 'a.log')), false);
  assert.equal(undoOf(view.nodes[0].output)[0].kind, 'trashed');
});

test('a move over an existing file that happened is recovered with both ways back, in order', async (t) => {
  const h = plannerHarness(t);
  writeFileSync(join(h.dir, 'c.txt'), 'new');
  mkdirSync(join(h.dir, 'box'));
  writeFileSync(join(h.dir, 'box', 'c.txt'), 'old');
  const view = await cutOff(h, 'files.move', { paths: ['c.txt'], to: 'box/c.txt' }, true);
  assert.equal(view.state, 'done', JSON.stringify(view));
  assert.deepEqual(
    undoOf(view.nodes[0].output).map((e) => e.kind),
    ['trashed', 'moved'],
  );
  assert.equal(readFileSync(join(h.dir, 'box', 'c.txt'), 'utf8'), 'new', 'moved once');
});

test('a rename into a folder the move makes is recovered, the folder in its undo', async (t) => {
  const h = plannerHarness(t);
  writeFileSync(join(h.dir, 'c.txt'), 'c');
  const view = await cutOff(h, 'files.move', { paths: ['c.txt'], to: 'new/deeper/c.txt' }, true);
  assert.equal(view.state, 'done', JSON.stringify(view));
  assert.deepEqual(
    undoOf(view.nodes[0].output).map((e) => `${e.kind} ${String(e.path ?? e.to).slice(h.dir.length)}`),
    ['created /new', 'created /new/deeper', 'moved /new/deeper/c.txt'],
  );
});

test('a rename that happened is recovered as moves back', async (t) => {
  const h = plannerHarness(t);
  writeFileSync(join(h.dir, 'x.txt'), 'x');
  const view = await cutOff(h, 'files.rename', { paths: ['x.txt'], ext: 'md' }, true);
  assert.equal(view.state, 'done', JSON.stringify(view));
  assert.deepEqual(undoOf(view.nodes[0].output), [
    { kind: 'moved', from: join(h.dir, 'x.txt'), to: join(h.dir, 'x.md') },
  ]);
});

test('an overwrite that happened is recovered with the copy of what it replaced', async (t) => {
  const h = plannerHarness(t);
  writeFileSync(join(h.dir, 'b.txt'), 'original');
  const view = await cutOff(h, 'files.write', { path: 'b.txt', content: 'changed' }, true);
  assert.equal(view.state, 'done', JSON.stringify(view));
  const [entry] = undoOf(view.nodes[0].output);
  assert.equal(entry.kind, 'saved');
  assert.equal(readFileSync(entry.blob as string, 'utf8'), 'original');
  assert.equal(typeof entry.mode, 'number');
});

test('a delete whose file went some other way (no kept copy) waits for a person', async (t) => {
  const h = plannerHarness(t);
  writeFileSync(join(h.dir, 'a.log'), 'log');
  const view = await cutOff(h, 'files.delete', { paths: ['a.log'] }, false, () =>
    rmSync(join(h.dir, 'a.log')),
  );
  assert.equal(view.state, 'waiting');
  assert.equal(view.nodes[0].state, 'unknown');
  assert.match(view.waiting[0].why, /'.*a\.log' is neither where it was nor among the kept copies/);
});
