import assert from 'node:assert/strict';
import { test } from 'node:test';
import { testEnv } from '../../test/helpers/env.ts';
import { IntelDb } from './db.ts';
import type { Plan } from './intent.ts';
import { EXPLORE, Learning, MIN_TRIALS, wilsonLower } from './learning.ts';
import { PlanCache } from './plan-cache.ts';
import { PROMPT_VARIANTS } from './prompts.ts';

const plan = (action: string, args: Record<string, unknown> = {}): Plan => ({
  goal: action,
  requiresConfirmation: false,
  steps: [{ id: 's1', tool: 'files', action, args, risk: 0, dependsOn: [] }],
});
const ACTIONS = new Set(['files.find', 'files.list']);

function setup(t: { after(fn: () => void): void }, random = () => 0.99) {
  const env = testEnv(t);
  const db = IntelDb.open(env.aiosHome);
  t.after(() => db.close());
  let now = 1_000;
  const clock = () => (now += 1);
  return {
    db,
    learning: new Learning(db, clock, random),
    cache: new PlanCache(db, { ttlMs: 3_600_000, maxEntries: 10 }, clock),
  };
}

test("feedback about 'last' applies to the latest translation; a down vote evicts its cached plan", (t) => {
  const { learning, cache } = setup(t);
  learning.record({ request: 'older', cacheKey: 'k0', plan: plan('list'), source: 'llm' });
  cache.set('k1', 'show big files', plan('find'), 'm');
  const id = learning.record({
    request: 'show big files',
    cacheKey: 'k1',
    plan: plan('find'),
    source: 'llm',
    variant: 'v1-direct',
  });
  const r = learning.feedback('last', 'down');
  assert.deepEqual(r, { translationId: id, request: 'show big files' });
  assert.equal(cache.get('k1'), undefined);
  assert.deepEqual(learning.examples('show big files', ACTIONS), [], 'a down-voted plan is no example');
});

test('feedback about an unknown reference is kept and applied once the history id is linked', (t) => {
  const { learning, db } = setup(t);
  assert.deepEqual(learning.feedback('h-42', 'up'), {});
  const id = learning.record({ request: 'list files', cacheKey: 'k', plan: plan('list'), source: 'llm' });
  learning.linkHistory(id, 'h-42');
  const row = db.sql('SELECT vote, history_id FROM translations WHERE id = ?').get(id) as {
    vote: number;
    history_id: string;
  };
  assert.deepEqual({ ...row }, { vote: 1, history_id: 'h-42' });
  assert.equal(
    learning.feedback('h-42', 'down').translationId,
    id,
    'history ids resolve directly afterwards',
  );
});

test('plans that worked become few-shot examples for similar requests', (t) => {
  const { learning } = setup(t);
  const a = learning.record({
    request: 'show the biggest files',
    cacheKey: 'a',
    plan: plan('find', { sort: 'size' }),
    source: 'llm',
  });
  const b = learning.record({
    request: 'list this folder',
    cacheKey: 'b',
    plan: plan('list'),
    source: 'offline',
  });
  const c = learning.record({
    request: 'show the biggest logs',
    cacheKey: 'c',
    plan: plan('find', { ext: 'log' }),
    source: 'llm',
  });
  learning.record({ request: 'show the biggest videos', cacheKey: 'd', plan: plan('find'), source: 'llm' }); // never judged
  learning.feedback(a, 'up');
  assert.equal(learning.outcome(b, true), true);
  learning.outcome(c, false);
  assert.equal(learning.outcome('nope', true), false);
  const examples = learning.examples('what are the biggest files here', ACTIONS);
  assert.deepEqual(
    examples.map((e) => e.request),
    ['show the biggest files'],
  );
  assert.deepEqual(
    learning.examples('list the folder', ACTIONS).map((e) => e.request),
    ['list this folder'],
  );
  assert.deepEqual(
    learning.examples('show the biggest files', new Set(['files.list'])),
    [],
    'only actions in the catalog',
  );
});

test('the champion serves most requests and challengers the rest', (t) => {
  let r = 0;
  const { learning } = setup(t, () => r);
  r = EXPLORE + 0.01;
  assert.equal(learning.chooseVariant().id, PROMPT_VARIANTS[0].id);
  r = EXPLORE - 0.01;
  assert.equal(learning.chooseVariant().id, PROMPT_VARIANTS[1].id);
});

test('a challenger clearly better over enough judged plans is promoted', (t) => {
  const { learning } = setup(t);
  const [champion, challenger] = PROMPT_VARIANTS;
  const judge = (variant: string, ok: boolean) => {
    const id = learning.record({
      request: `r ${Math.random()}`,
      cacheKey: 'k',
      plan: plan('list'),
      source: 'llm',
      variant,
    });
    learning.feedback(id, ok ? 'up' : 'down');
  };
  for (let i = 0; i < MIN_TRIALS; i++) judge(champion.id, i % 2 === 0); // 50%
  for (let i = 0; i < MIN_TRIALS - 1; i++) judge(challenger.id, true);
  assert.equal(learning.champion().id, champion.id, 'not before MIN_TRIALS');
  judge(challenger.id, true);
  assert.equal(learning.champion().id, challenger.id);
  const stats = learning.variantStats();
  assert.deepEqual(
    stats.map((s) => [s.id, s.trials, s.successes, s.champion]),
    [
      [champion.id, MIN_TRIALS, MIN_TRIALS / 2, false],
      [challenger.id, MIN_TRIALS, MIN_TRIALS, true],
    ],
  );
});

test('Wilson lower bound', () => {
  assert.equal(wilsonLower(0, 0), 0);
  assert.ok(Math.abs(wilsonLower(20, 20) - 0.8389) < 0.001);
  assert.ok(wilsonLower(10, 20) < 0.5);
});
