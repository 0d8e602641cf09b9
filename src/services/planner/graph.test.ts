import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findAction } from '../../tools/registry.ts';
import { PlanError } from './errors.ts';
import { parsePlan } from './format.ts';
import { checkGraph } from './graph.ts';

const check = (text: string | object) => checkGraph(parsePlan(text), findAction);
const refused = (text: string | object, pattern: RegExp, code = 'E_BAD_ARG') =>
  assert.throws(
    () => check(text),
    (e: unknown) =>
      e instanceof PlanError && e.code === code && pattern.test(e.message) && !e.message.includes('\n'),
  );

test('a YAML plan and the same plan in JSON read the same, with defaults filled in', () => {
  const yaml = check(`
name: notes
nodes:
  - { id: list, kind: tool, tool: files.list, args: { path: . } }
  - id: note
    kind: tool
    tool: files.append
    args: { path: n.txt, content: { $from: list.output.count } }
`);
  const json = check(
    JSON.stringify({
      name: 'notes',
      nodes: [
        { id: 'list', kind: 'tool', tool: 'files.list', args: { path: '.' } },
        {
          id: 'note',
          kind: 'tool',
          tool: 'files.append',
          args: { path: 'n.txt', content: { $from: 'list.output.count' } },
        },
      ],
    }),
  );
  assert.deepEqual(yaml.plan, json.plan);
  assert.deepEqual(yaml.deps.get('note'), ['list'], 'a $from reference is an edge');
  assert.deepEqual(yaml.order, ['list', 'note']);
  assert.equal(yaml.plan.parallel, 4);
  assert.equal(yaml.plan.nodes[1].retries, 0);
});

test('a cycle is refused, naming the nodes on it', () => {
  refused(
    {
      nodes: [
        { id: 'a', kind: 'tool', tool: 'files.list', args: { path: '.' }, after: ['c'] },
        { id: 'b', kind: 'tool', tool: 'files.list', args: { path: '.' }, after: ['a'] },
        { id: 'c', kind: 'tool', tool: 'files.list', args: { path: '.' }, after: ['b'] },
      ],
    },
    /cycle: (a -> b -> c -> a|b -> c -> a -> b|c -> a -> b -> c)/,
  );
});

test('an unknown node kind, a missing node, a missing kind and an unknown tool each name the node', () => {
  refused(
    { nodes: [{ id: 'x', kind: 'teleport' }] },
    /Node 'x' has the unknown kind 'teleport'; use one of tool, llm/,
  );
  refused({ nodes: [{ id: 'x' }] }, /Node 'x' has no kind/);
  refused(
    { nodes: [{ id: 'x', kind: 'tool', tool: 'files.read', args: { path: { $from: 'gone.output.path' } } }] },
    /Node 'x' in its arguments references 'gone.output.path', but no node is named 'gone'/,
  );
  refused(
    { nodes: [{ id: 'x', kind: 'tool', tool: 'files.shred', args: {} }] },
    /Node 'x' uses the unknown tool 'files.shred'/,
  );
  refused(
    { nodes: [{ id: 'x', kind: 'tool', tool: 'files.read', args: { path: 3 } }] },
    /Node 'x' gives files.read a bad 'path'/,
  );
  refused(
    {
      nodes: [
        { id: 'x', kind: 'tool', tool: 'files.read', args: { path: { $from: 'y.result' } } },
        { id: 'y', kind: 'approval', prompt: 'ok?' },
      ],
    },
    /Node 'x' in its arguments references 'y.result'; write 'NODE.output'/,
  );
  refused(
    { nodes: [{ id: 'x', kind: 'tool', tool: 'files.read', args: { path: 'a' }, retries: 99 }] },
    /Node 'x': 'retries'/,
  );
  refused(
    {
      nodes: [
        { id: 'a', kind: 'tool', tool: 'files.list', args: { path: '.' } },
        { id: 'a', kind: 'approval', prompt: 'p' },
      ],
    },
    /Two nodes are named 'a'/,
  );
  refused('nodes: [ {id: a, kind: tool', /neither JSON nor YAML/);
  refused({ steps: [] }, /The plan's/);
});

test('references inside loops and conditions are checked too, and a sub-plan is checked as a plan', () => {
  refused(
    { nodes: [{ id: 'x', kind: 'tool', tool: 'files.read', args: { path: { $item: '' } } }] },
    /Node 'x' uses '\$item' but has no foreach/,
  );
  refused(
    {
      nodes: [
        {
          id: 'x',
          kind: 'tool',
          tool: 'files.list',
          args: { path: '.' },
          when: { from: 'x.output.count', gt: 1 },
        },
      ],
    },
    /Node 'x' in 'when' references its own output/,
  );
  const ok = check({
    nodes: [
      {
        id: 'x',
        kind: 'tool',
        tool: 'files.list',
        args: { path: '.' },
        repeat: { until: { from: 'x.output.count', gt: 1 }, max: 3 },
      },
    ],
  });
  assert.deepEqual(ok.deps.get('x'), [], "repeat.until may read the node's own output");
  refused(
    { nodes: [{ id: 'sub', kind: 'plan', plan: { nodes: [{ id: 'in', kind: 'warp' }] } }] },
    /In sub-plan Node 'sub': Node 'in' has the unknown kind 'warp'/,
  );
  const gated = check({
    nodes: [
      { id: 'ok', kind: 'approval', prompt: 'Go?', target: 'w' },
      { id: 'w', kind: 'tool', tool: 'files.write', args: { path: 'a', content: 'b' } },
    ],
  });
  assert.deepEqual(gated.deps.get('w'), ['ok'], 'the node an approval targets waits for it');
});
