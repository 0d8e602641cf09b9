import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { OWNER, plannerHarness } from '../../../test/helpers/planner.ts';
import { PlanStore } from './store.ts';

const lines = (path: string) =>
  existsSync(path) ? readFileSync(path, 'utf8').split('\n').filter(Boolean) : [];
const append = (id: string, content: unknown, extra: object = {}) => ({
  id,
  kind: 'tool',
  tool: 'files.append',
  args: { path: 'log.txt', content },
  ...extra,
});

test('data flows along edges: a node reads an earlier output, or a field of it', async (t) => {
  const h = plannerHarness(t);
  writeFileSync(join(h.dir, 'in.txt'), 'hello from the first file');
  const view = await h.run({
    nodes: [
      { id: 'read', kind: 'tool', tool: 'files.read', args: { path: 'in.txt' } },
      append('copy', { $from: 'read.output.text' }),
    ],
  });
  assert.equal(view.state, 'done', JSON.stringify(view));
  assert.deepEqual(lines(join(h.dir, 'log.txt')), ['hello from the first file']);
  const copy = view.nodes.find((n) => n.id === 'copy');
  assert.deepEqual((copy?.args as { content?: string } | undefined)?.content, 'hello from the first file');
  assert.ok(
    h.invoked.some((i) => i.startsWith('files.append 1 plan')),
    'the kernel is asked at the action risk',
  );
});

test('a reference to a field the output does not have fails that node with one line naming it', async (t) => {
  const h = plannerHarness(t);
  writeFileSync(join(h.dir, 'in.txt'), 'x');
  const view = await h.run({
    nodes: [
      { id: 'read', kind: 'tool', tool: 'files.read', args: { path: 'in.txt' } },
      append('copy', { $from: 'read.output.nothing' }),
    ],
  });
  assert.equal(view.state, 'failed');
  assert.match(
    view.error ?? '',
    /Node 'copy' failed: Node 'copy' needs 'read.output.nothing', but the output of 'read' has no field 'nothing'/,
  );
});

test('conditions on nodes and edges choose a branch; what follows a skipped node is skipped', async (t) => {
  const h = plannerHarness(t);
  writeFileSync(join(h.dir, 'in.txt'), 'ok');
  const view = await h.run({
    nodes: [
      { id: 'read', kind: 'tool', tool: 'files.read', args: { path: 'in.txt' } },
      append('yes', 'content was ok', { when: { from: 'read.output.text', equals: 'ok' } }),
      append('no', 'content was not ok', { when: { not: { from: 'read.output.text', equals: 'ok' } } }),
      append('afterNo', 'after no', { after: ['no'] }),
      append('edge', 'edge held', {
        after: [{ node: 'yes', when: { from: 'read.output.text', in: ['ok', 'fine'] } }],
      }),
    ],
  });
  assert.equal(view.state, 'done');
  const state = Object.fromEntries(view.nodes.map((n) => [n.id, n.state]));
  assert.deepEqual(state, { read: 'done', yes: 'done', no: 'skipped', afterNo: 'skipped', edge: 'done' });
  assert.deepEqual(lines(join(h.dir, 'log.txt')), ['content was ok', 'edge held']);
});

test('foreach runs a node once per item up to its max; repeat runs it until its condition holds', async (t) => {
  const h = plannerHarness(t);
  const view = await h.run({
    nodes: [
      append(
        'each',
        { $item: 'name' },
        { foreach: { items: [{ name: 'ada' }, { name: 'bob' }, { name: 'cy' }], max: 5 } },
      ),
      {
        id: 'poll',
        kind: 'tool',
        tool: 'shell.run',
        args: { command: 'echo x >> count.txt; wc -l < count.txt | tr -d " \\n"' },
        repeat: { until: { from: 'poll.output.stdout', equals: '3' }, max: 10 },
      },
    ],
  });
  assert.equal(view.state, 'done', JSON.stringify(view));
  assert.deepEqual(lines(join(h.dir, 'log.txt')), ['ada', 'bob', 'cy']);
  assert.equal((view.nodes.find((n) => n.id === 'each')?.output as unknown[] | undefined)?.length, 3);
  assert.equal(lines(join(h.dir, 'count.txt')).length, 3, 'repeat stopped when until held');

  const tooMany = await h.run({
    nodes: [append('each', { $item: '' }, { foreach: { items: ['a', 'b', 'c'], max: 2 } })],
  });
  assert.equal(tooMany.state, 'failed');
  assert.match(tooMany.error ?? '', /Node 'each' would run over 3 items, more than its max of 2/);
  const never = await h.run({
    nodes: [
      {
        id: 'p',
        kind: 'tool',
        tool: 'files.list',
        args: { path: '.' },
        repeat: { until: { from: 'p.output.nope' }, max: 2 },
      },
    ],
  });
  assert.match(never.error ?? '', /Node 'p' ran 2 rounds and its 'until' never held/);
});

test("independent nodes run at once up to the plan's parallel; parallel 1 runs them one by one", async (t) => {
  const h = plannerHarness(t);
  const node = (i: number) => ({
    id: `n${i}`,
    kind: 'tool',
    tool: 'shell.run',
    args: { command: `mkdir -p m; touch m/${i}; sleep 1; ls m | wc -l | tr -d " \\n"` },
  });
  const wide = await h.run({ name: 'wide', parallel: 3, nodes: [node(1), node(2), node(3)] });
  assert.equal(wide.state, 'done');
  assert.deepEqual(
    wide.nodes.map((n) => (n.output as { stdout: string }).stdout),
    ['3', '3', '3'],
    'each saw all three started',
  );
  writeFileSync(join(h.dir, 'reset.txt'), '');
  const narrow = await h.run({
    name: 'narrow',
    parallel: 1,
    nodes: [1, 2, 3].map((i) => ({
      ...node(i),
      args: { command: `mkdir -p s; touch s/${i}; ls s | wc -l | tr -d " \\n"` },
    })),
  });
  assert.deepEqual(narrow.nodes.map((n) => (n.output as { stdout: string }).stdout).sort(), ['1', '2', '3']);
});

test('a failing node is retried with exponential backoff; a node past its timeout fails saying so', async (t) => {
  const h = plannerHarness(t);
  const view = await h.run({
    nodes: [
      {
        id: 'flaky',
        kind: 'tool',
        tool: 'shell.run',
        args: { command: 'n=$(cat c.txt 2>/dev/null || echo 0); n=$((n+1)); echo $n > c.txt; [ $n -ge 3 ]' },
        retries: 4,
        backoffMs: 100,
      },
    ],
  });
  assert.equal(view.state, 'done', JSON.stringify(view));
  assert.equal(readFileSync(join(h.dir, 'c.txt'), 'utf8').trim(), '3');
  assert.deepEqual(h.slept, [100, 200], 'waited 100 ms, then 200 ms');

  const out = await h.run({
    nodes: [{ id: 'slow', kind: 'tool', tool: 'shell.run', args: { command: 'sleep 5' }, timeoutMs: 300 }],
  });
  assert.equal(out.state, 'failed');
  assert.match(out.error ?? '', /Node 'slow' failed: Node 'slow' timed out after 300 ms/);

  const spent = await h.run({
    nodes: [
      { id: 'gone', kind: 'tool', tool: 'files.read', args: { path: 'nope.txt' }, retries: 2, backoffMs: 10 },
    ],
  });
  assert.equal(spent.state, 'failed');
  assert.equal(spent.nodes[0].attempts, 1, 'one node, counted once; its tries are the retries');
});

test('a failure compensates what committed, newest first (a saga)', async (t) => {
  const h = plannerHarness(t);
  const view = await h.run({
    nodes: [
      {
        id: 'first',
        kind: 'tool',
        tool: 'files.write',
        args: { path: 'a.txt', content: 'A' },
        compensate: { tool: 'files.append', args: { path: 'undo.txt', content: 'undo first' } },
      },
      {
        id: 'second',
        kind: 'tool',
        tool: 'files.write',
        args: { path: 'b.txt', content: 'B' },
        after: ['first'],
        compensate: { tool: 'files.delete', args: { paths: [{ $from: 'second.output.path' }] } },
      },
      { id: 'third', kind: 'tool', tool: 'files.read', args: { path: 'missing.txt' }, after: ['second'] },
    ],
  });
  assert.equal(view.state, 'failed');
  assert.match(view.error ?? '', /Node 'third' failed/);
  assert.deepEqual(
    view.nodes.map((n) => [n.id, n.state]),
    [
      ['first', 'compensated'],
      ['second', 'compensated'],
      ['third', 'failed'],
    ],
  );
  assert.equal(existsSync(join(h.dir, 'b.txt')), false, "second's compensation deleted its file");
  assert.deepEqual(lines(join(h.dir, 'undo.txt')), ['undo first']);
  const cps = h.planner.checkpoints(OWNER, view.id).map((c) => `${c.node}:${c.state}`);
  assert.ok(cps.indexOf('second:compensated') < cps.indexOf('first:compensated'), 'newest first');
});

test('fork from a checkpoint keeps what committed up to it and runs the rest again', async (t) => {
  const h = plannerHarness(t);
  const plan = {
    nodes: [
      append('one', '1'),
      append('two', '2', { after: ['one'] }),
      append('three', '3', { after: ['two'] }),
    ],
  };
  const first = await h.run(plan);
  assert.equal(first.state, 'done');
  const cps = h.planner.checkpoints(OWNER, first.id);
  assert.deepEqual(
    cps.map((c) => c.node),
    ['one', 'two', 'three'],
  );
  const forked = await h.planner.fork(OWNER, first.id, 'one');
  const done = await h.settle(forked.id);
  assert.equal(done.state, 'done');
  assert.equal(done.forkedFrom, first.id);
  assert.deepEqual(lines(join(h.dir, 'log.txt')), ['1', '2', '3', '2', '3'], 'one was not run again');
  assert.equal(done.nodes[0].attempts, first.nodes[0].attempts);
  await assert.rejects(h.planner.fork(OWNER, first.id, 'zzz'), /Run p\w+ has no node 'zzz'/);
});

test('an output over what a row keeps is kept in a file and reads back whole, also in a new store', async (t) => {
  const h = plannerHarness(t);
  const view = await h.run({
    nodes: [
      {
        id: 'big',
        kind: 'tool',
        tool: 'shell.run',
        args: { command: "head -c 300000 /dev/zero | tr '\\0' a" },
      },
    ],
  });
  assert.equal(view.state, 'done', view.error);
  const stdout = (view.nodes[0].output as { stdout: string }).stdout;
  assert.equal(stdout.length, 300_000);
  const reopened = new PlanStore(join(h.dir, '..', '.aios', 'planner.db'));
  t.after(() => reopened.close());
  assert.equal((reopened.node(view.id, 'big')?.output as { stdout?: string } | undefined)?.stdout, stdout);
});

test('an output over the limit fails its node, pointing at files', async (t) => {
  const h = plannerHarness(t);
  writeFileSync(join(h.dir, 'huge.txt'), 'a'.repeat(16 * 1024 * 1024 + 10));
  const view = await h.run({
    nodes: [
      { id: 'big', kind: 'tool', tool: 'files.read', args: { path: 'huge.txt', maxBytes: 16 * 1024 * 1024 } },
    ],
  });
  assert.equal(view.state, 'failed');
  assert.match(
    view.error ?? '',
    /Node 'big' gave an output of \d+ characters, over the 16777216 a node keeps; write big data to a file/,
  );
});
