import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { OWNER, plannerHarness } from '../../../test/helpers/planner.ts';
import { type PlanMeasure, rankPlans, scoreOf } from './choose.ts';

const measure = (over: Partial<PlanMeasure>): PlanMeasure => ({
  name: 'plan',
  nodes: 1,
  tools: 1,
  llm: 0,
  agents: 0,
  approvals: 0,
  risk: 1,
  changes: 1,
  paths: 1,
  bytes: 100,
  irreversible: [],
  unknown: 0,
  confidence: 1,
  ...over,
});

test('a reversible narrow alternative outranks an irreversible broad one, and says why', () => {
  const broad = measure({
    name: 'broad',
    risk: 3,
    paths: 400,
    bytes: 50_000_000,
    irreversible: ['wipe: a shell command cannot be taken back'],
  });
  const narrow = measure({ name: 'narrow', risk: 1, paths: 2, bytes: 2048 });
  const [first, second] = rankPlans([broad, narrow]);
  assert.equal(first.name, 'narrow');
  assert.equal(first.index, 1);
  assert.ok(first.score > second.score, `${first.score} > ${second.score}`);
  assert.equal(first.blast.reversible, true);
  assert.equal(second.blast.reversible, false);
  assert.ok(first.pros.includes('everything it changes can be undone'), first.pros.join('; '));
  assert.ok(
    first.pros.some((p) => p.startsWith('narrowest: touches 2 paths')),
    first.pros.join('; '),
  );
  assert.ok(
    second.cons.some((c) => c.startsWith('cannot be undone')),
    second.cons.join('; '),
  );
  assert.ok(
    second.cons.some((c) => c.startsWith('deletes or kills (risk 3)')),
    second.cons.join('; '),
  );
});

test('scoring is deterministic and ties break by risk, breadth, size, steps, then order given', () => {
  const a = measure({ name: 'a' });
  const b = measure({ name: 'b' });
  assert.equal(scoreOf(a), scoreOf(b));
  assert.deepEqual(
    rankPlans([a, b]).map((r) => r.name),
    ['a', 'b'],
  );
  assert.deepEqual(
    rankPlans([b, a]).map((r) => r.name),
    ['b', 'a'],
    'an exact tie keeps the order given',
  );
  // read-only plans pay nothing for breadth, so these score the same: the fewer paths come first
  const few = measure({ name: 'few', risk: 0, changes: 0, paths: 1 });
  const many = measure({ name: 'many', risk: 0, changes: 0, paths: 5 });
  assert.equal(scoreOf(few), scoreOf(many));
  assert.deepEqual(
    rankPlans([many, few]).map((r) => r.name),
    ['few', 'many'],
  );
  assert.deepEqual(rankPlans([many, few]), rankPlans([many, few]), 'the same measures, the same ranking');
  const invalid = measure({ name: 'cyclic', invalid: "Nodes form a cycle: 'a -> b -> a'" });
  assert.deepEqual(
    rankPlans([invalid, a]).map((r) => [r.name, r.valid]),
    [
      ['a', true],
      ['cyclic', false],
    ],
  );
});

test('planner.choose previews each alternative with real files, and ranks an invalid one last', async (t) => {
  const h = plannerHarness(t);
  for (let i = 0; i < 5; i++) writeFileSync(join(h.dir, `log${i}.log`), 'x'.repeat(1000));
  const deleteAll = {
    name: 'delete every log',
    nodes: [
      {
        id: 'rm',
        kind: 'tool',
        tool: 'files.delete',
        args: { paths: [0, 1, 2, 3, 4].map((i) => join(h.dir, `log${i}.log`)) },
      },
    ],
  };
  const archiveOne = {
    name: 'move the oldest into archive',
    nodes: [
      { id: 'dir', kind: 'tool', tool: 'files.mkdir', args: { path: join(h.dir, 'archive') } },
      {
        id: 'mv',
        kind: 'tool',
        tool: 'files.move',
        args: { paths: [join(h.dir, 'log0.log')], to: join(h.dir, 'archive') },
        after: ['dir'],
      },
    ],
  };
  const cyclic = {
    name: 'cyclic',
    nodes: [
      { id: 'a', kind: 'tool', tool: 'files.list', args: { path: h.dir }, after: ['b'] },
      { id: 'b', kind: 'tool', tool: 'files.list', args: { path: h.dir }, after: ['a'] },
    ],
  };
  const { best, ranked } = await h.planner.choose(OWNER, {
    plans: [deleteAll, cyclic, archiveOne],
    cwd: h.dir,
  });
  assert.equal(best, 2, JSON.stringify(ranked, null, 1));
  assert.deepEqual(
    ranked.map((r) => r.index),
    [2, 0, 1],
  );
  assert.equal(ranked[1].risk, 3);
  assert.equal(ranked[1].blast.paths, 5);
  assert.equal(ranked[1].blast.bytes, 5000);
  assert.equal(ranked[2].valid, false);
  assert.match(ranked[2].cons[0], /cycle/);
  assert.equal(h.invoked.length, 0, 'choosing runs nothing');
});

test('planner.choose with no valid alternative says what is wrong with each, and chooses nothing', async (t) => {
  const h = plannerHarness(t);
  const cyclic = {
    name: 'cyclic',
    nodes: [
      { id: 'a', kind: 'tool', tool: 'files.list', args: { path: h.dir }, after: ['b'] },
      { id: 'b', kind: 'tool', tool: 'files.list', args: { path: h.dir }, after: ['a'] },
    ],
  };
  await assert.rejects(
    h.planner.choose(OWNER, { plans: ['{', cyclic], cwd: h.dir }),
    (error: Error & { code?: string }) =>
      error.code === 'E_BAD_ARG' &&
      /^None of the 2 plans can be run: plan 0: .+; plan 1: .*cycle/.test(error.message),
  );
  assert.equal(h.invoked.length, 0, 'choosing runs nothing');
});
