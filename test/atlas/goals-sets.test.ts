/**
 * The goal sets' shape, not the classifier's score: at least 10 requests of each of the 11
 * kinds in each set, no request in both, and the held-out set read by nothing but the bench
 * (a test or module that imported it would make it in-sample).
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { GOAL_KINDS } from '../../src/shell/goals/kinds.ts';
import { ROOT } from '../helpers/env.ts';
import { GOAL_DEV } from './goals-dev.ts';
import { GOAL_HELDOUT } from './goals-heldout.ts';

test('each set has at least 10 requests of every goal kind, and none of another kind', () => {
  for (const set of [GOAL_DEV, GOAL_HELDOUT]) {
    assert.ok(set.length >= 110);
    for (const kind of GOAL_KINDS) assert.ok(set.filter((c) => c.goal === kind).length >= 10, kind);
    for (const c of set) assert.ok((GOAL_KINDS as readonly string[]).includes(c.goal), c.goal);
  }
});

test('no request is in both sets', () => {
  const dev = new Set(GOAL_DEV.map((c) => c.request.toLowerCase()));
  assert.deepEqual(
    GOAL_HELDOUT.filter((c) => dev.has(c.request.toLowerCase())).map((c) => c.request),
    [],
  );
});

test('only the bench and this check read the held-out set', () => {
  const readers: string[] = [];
  const visit = (dir: string) => {
    for (const d of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, d.name);
      if (d.isDirectory()) {
        if (d.name !== 'node_modules' && !d.name.startsWith('.')) visit(path);
      } else if (/\.(ts|tsx|js)$/.test(d.name) && readFileSync(path, 'utf8').includes('goals-heldout')) {
        readers.push(relative(ROOT, path));
      }
    }
  };
  for (const top of ['src', 'test', 'bench', 'scripts']) visit(join(ROOT, top));
  assert.deepEqual(readers.sort(), [
    'bench/goals.bench.ts',
    'test/atlas/goals-dev.ts',
    'test/atlas/goals-sets.test.ts',
  ]);
});
