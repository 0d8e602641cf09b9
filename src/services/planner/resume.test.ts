import assert from 'node:assert/strict';
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { OWNER, plannerHarness } from '../../../test/helpers/planner.ts';
import { PlanError } from './errors.ts';

/**
 * What a kill leaves in the store, made by hand: a run whose node was started and whose effect
 * record was written (and, in some cases, whose effect happened) before the commit.
 * test/planner-crash.test.ts kills a real `aios up` at each of these points.
 */
function interrupted(
  h: ReturnType<typeof plannerHarness>,
  node: object,
  args: Record<string, unknown>,
  probe: Record<string, unknown>,
) {
  const id = 'pcrash';
  h.store.createRun(
    {
      id,
      parent: null,
      parentNode: null,
      name: 'cut',
      plan: { nodes: [node] },
      submitter: 'init',
      submitterPid: 1,
      owner: true,
      toolRisk: 3,
      cwd: h.dir,
      forkedFrom: null,
      forkedAt: null,
    },
    [(node as { id: string }).id],
  );
  h.store.startNode(id, (node as { id: string }).id, args);
  h.store.beginEffect(id, (node as { id: string }).id, (node as { id: string }).id, args, probe);
  return id;
}

test('resume: an append whose record was written but which never ran runs once', async (t) => {
  const h = plannerHarness(t);
  const log = join(h.dir, 'log.txt');
  writeFileSync(log, 'before\n');
  const args = { path: 'log.txt', content: 'line', newline: true };
  const id = interrupted(h, { id: 'a', kind: 'tool', tool: 'files.append', args }, args, {
    path: log,
    size: 7,
  });
  assert.deepEqual(h.restart().resumeAll(), [id]);
  const view = await h.settle(id);
  assert.equal(view.state, 'done');
  assert.equal(readFileSync(log, 'utf8'), 'before\nline\n');
});

test('resume: an append that happened before the kill is found by its check and not run again', async (t) => {
  const h = plannerHarness(t);
  const log = join(h.dir, 'log.txt');
  writeFileSync(log, 'before\n');
  const args = { path: 'log.txt', content: 'line', newline: true };
  const id = interrupted(h, { id: 'a', kind: 'tool', tool: 'files.append', args }, args, {
    path: log,
    size: 7,
  });
  appendFileSync(log, 'line\n'); // the effect, then the kill before the commit
  h.restart().resumeAll();
  const view = await h.settle(id);
  assert.equal(view.state, 'done');
  assert.equal(readFileSync(log, 'utf8'), 'before\nline\n', 'exactly once');
  assert.equal((view.nodes[0].output as { recovered: boolean }).recovered, true);
});

test('resume: an effect with no check is never run again silently; a person approves it again or rejects the run', async (t) => {
  const h = plannerHarness(t);
  const args = { command: 'echo ran >> shell.txt', cwd: '.', timeoutMs: 10_000 };
  const node = { id: 's', kind: 'tool', tool: 'shell.run', args };
  const id = interrupted(h, node, args, {});
  h.restart().resumeAll();
  const view = await h.settle(id);
  assert.equal(view.state, 'waiting');
  assert.equal(view.nodes[0].state, 'unknown');
  assert.match(
    view.waiting[0].why,
    /shell.run: the system stopped while it ran, and shell.run has no check of whether it took effect; approve it to run it again/,
  );
  await h.planner.approve(OWNER, id, {});
  const done = await h.settle(id);
  assert.equal(done.state, 'done');
  assert.equal(readFileSync(join(h.dir, 'shell.txt'), 'utf8'), 'ran\n', 'ran once, after the person said so');
});

test('an approval pauses the run; approving with new arguments edits the node it gates', async (t) => {
  const h = plannerHarness(t);
  const view = await h.run({
    nodes: [
      { id: 'review', kind: 'approval', prompt: 'Write the note?', target: 'write' },
      { id: 'write', kind: 'tool', tool: 'files.write', args: { path: 'note.txt', content: 'draft' } },
    ],
  });
  assert.equal(view.state, 'waiting');
  assert.deepEqual(
    view.waiting.map((w) => w.node),
    ['review'],
  );
  assert.match(view.waiting[0].why, /Waits for approval: Write the note\?/);
  await h.planner.approve(OWNER, view.id, { node: 'review', args: { content: 'final' } });
  const done = await h.settle(view.id);
  assert.equal(done.state, 'done');
  assert.equal(readFileSync(join(h.dir, 'note.txt'), 'utf8'), 'final');
  const again = () => h.planner.approve(OWNER, view.id, { node: 'write' });
  await assert.rejects(
    again,
    (e: unknown) => e instanceof PlanError && /Node 'write' of run p\w+ is done, not waiting/.test(e.message),
  );
  await assert.rejects(h.planner.approve(OWNER, 'pnope', {}), /No plan run 'pnope' of yours/);
});

test('rejecting runs the compensations and ends the run rejected', async (t) => {
  const h = plannerHarness(t);
  const view = await h.run({
    nodes: [
      {
        id: 'prep',
        kind: 'tool',
        tool: 'files.write',
        args: { path: 'prep.txt', content: 'p' },
        compensate: { tool: 'files.delete', args: { paths: ['prep.txt'] } },
      },
      { id: 'ok', kind: 'approval', prompt: 'Go on?', after: ['prep'] },
    ],
  });
  assert.equal(view.state, 'waiting');
  const rejected = await h.planner.reject(OWNER, view.id, { reason: 'not today' });
  assert.equal(rejected.state, 'rejected');
  assert.equal(rejected.error, 'Rejected by init: not today');
  assert.deepEqual(
    rejected.nodes.map((n) => n.state),
    ['compensated', 'failed'],
  );
  assert.throws(() => readFileSync(join(h.dir, 'prep.txt')), /ENOENT/);
});

test('a sub-plan runs as a run of its own; its outputs are the node output', async (t) => {
  const h = plannerHarness(t);
  const view = await h.run({
    nodes: [
      {
        id: 'inner',
        kind: 'plan',
        plan: {
          name: 'inner',
          nodes: [{ id: 'w', kind: 'tool', tool: 'files.write', args: { path: 'sub.txt', content: 's' } }],
        },
      },
      {
        id: 'use',
        kind: 'tool',
        tool: 'files.append',
        args: { path: 'log.txt', content: { $from: 'inner.output.w.path' } },
      },
    ],
  });
  assert.equal(view.state, 'done', JSON.stringify(view));
  assert.equal(view.nodes[0].run, `${view.id}.inner`);
  assert.equal(readFileSync(join(h.dir, 'log.txt'), 'utf8').trim(), join(h.dir, 'sub.txt'));
});

test('cancel stops a waiting run and what is left is cancelled', async (t) => {
  const h = plannerHarness(t);
  const view = await h.run({
    nodes: [
      { id: 'ok', kind: 'approval', prompt: 'Go?' },
      { id: 'w', kind: 'tool', tool: 'files.write', args: { path: 'x.txt', content: 'x' }, after: ['ok'] },
    ],
  });
  const cancelled = await h.planner.cancel(OWNER, view.id);
  assert.equal(cancelled.state, 'cancelled');
  assert.deepEqual(
    cancelled.nodes.map((n) => n.state),
    ['cancelled', 'cancelled'],
  );
  await assert.rejects(h.planner.cancel(OWNER, view.id), /has already ended \(cancelled\)/);
});
