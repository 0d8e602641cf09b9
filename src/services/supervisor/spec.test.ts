import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { testEnv } from '../../../test/helpers/env.ts';
import { SupervisorError } from './errors.ts';
import { resolveTree } from './spec.ts';

function setup(t: { after(fn: () => void): void }) {
  const env = testEnv(t);
  writeFileSync(join(env.dir, 'a.ts'), 'export default async () => 1;\n');
  writeFileSync(join(env.dir, 'b.js'), 'export default async () => 2;\n');
  const options = { baseDir: env.dir, hasRuntime: (r: string) => r === 'builtin' || r === 'isolate' };
  return { env, options };
}

function problem(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof SupervisorError, String(error));
    assert.equal(error.code, 'bad_spec');
    return error.message;
  }
  return 'no error';
}

test('defaults follow OTP: one_for_one, permanent children, 3 restarts in 5 s', (t) => {
  const { env, options } = setup(t);
  const tree = resolveTree({ name: 'web', children: [{ id: 'a', file: 'a.ts' }] }, options);
  assert.equal(tree.strategy, 'one_for_one');
  assert.equal(tree.intensity, 3);
  assert.equal(tree.period, 5);
  const a = tree.children[0];
  assert.equal(a.kind, 'worker');
  assert.equal(a.restart, 'permanent');
  if (a.kind !== 'worker') return;
  assert.equal(a.image.ref, join(env.dir, 'a.ts'));
  assert.match(a.image.hash, /^[0-9a-f]{64}$/);
  assert.equal(a.runtime, 'isolate'); // .ts agents default to the isolate runtime
  assert.equal(a.critical, false);
});

test('nested supervisors, links between siblings and grants are resolved', (t) => {
  const { options } = setup(t);
  const tree = resolveTree(
    {
      name: 'web',
      strategy: 'rest_for_one',
      children: [
        { id: 'db', file: 'a.ts', critical: true },
        {
          id: 'api',
          file: 'b.js',
          connect: ['db'],
          grants: { llm: 'use', tool: 'use,read' },
          restart: 'transient',
        },
        {
          id: 'jobs',
          type: 'supervisor',
          strategy: 'one_for_all',
          intensity: 1,
          children: [{ id: 'x', file: 'a.ts' }],
        },
      ],
    },
    options,
  );
  const [db, api, jobs] = tree.children;
  assert.equal(db.kind === 'worker' && db.critical, true);
  assert.deepEqual(api.kind === 'worker' && api.connect, ['db']);
  assert.deepEqual(api.kind === 'worker' && api.grants, { llm: 2048, tool: 2049 });
  assert.equal(jobs.kind, 'supervisor');
  if (jobs.kind === 'supervisor') {
    assert.equal(jobs.tree.name, 'jobs');
    assert.equal(jobs.tree.strategy, 'one_for_all');
    assert.equal(jobs.tree.intensity, 1);
    assert.equal(jobs.tree.children[0].id, 'x');
  }
});

test('bad specs are refused with one line naming the place and the problem', (t) => {
  const { options } = setup(t);
  const cases: [unknown, RegExp][] = [
    [{ name: 'w', strategy: 'one_for_some', children: [] }, /strategy/],
    [{ name: 'w', children: [{ id: 'a', file: 'a.ts', restart: 'sometimes' }] }, /restart/],
    [{ name: 'w', children: [{ id: 'a', file: 'missing.ts' }] }, /In 'w\/a'.*no such file/],
    [
      {
        name: 'w',
        children: [
          { id: 'a', file: 'a.ts' },
          { id: 'a', file: 'b.js' },
        ],
      },
      /two children are named 'a'/,
    ],
    [{ name: 'w', children: [{ id: 'service', file: 'a.ts' }] }, /reserved name/],
    [{ name: 'w', children: [{ id: 'a', file: 'a.ts', connect: ['b'] }] }, /not a sibling worker/],
    [{ name: 'w', children: [{ id: 'a', file: 'a.ts', connect: ['a'] }] }, /not a sibling worker/],
    [{ name: 'w', children: [{ id: 'a', file: 'a.ts', grants: { disk: 'use' } }] }, /grants name one of/],
    [{ name: 'w', children: [{ id: 'a', file: 'a.ts', grants: { llm: 'fly' } }] }, /Unknown right 'fly'/],
    [
      { name: 'w', children: [{ id: 'a', file: 'a.ts', runtime: 'wasm' }] },
      /runtime 'wasm' is not available/,
    ],
    [{ name: 'w/x', children: [] }, /name/],
    [{ name: 'w', children: [{ id: 's', type: 'supervisor', critical: true, children: [] }] }, /children\.0/],
  ];
  for (const [input, expected] of cases)
    assert.match(
      problem(() => resolveTree(input, options)),
      expected,
    );
});
