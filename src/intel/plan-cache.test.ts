import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CATALOG } from '../../test/helpers/catalog-fixture.ts';
import { testEnv } from '../../test/helpers/env.ts';
import { IntelDb } from './db.ts';
import type { Plan, TranslateContext } from './intent.ts';
import { normaliseRequest, PlanCache, planKey } from './plan-cache.ts';

const plan = (goal: string): Plan => ({
  goal,
  requiresConfirmation: false,
  steps: [{ id: 's1', tool: 'system', action: 'disk', args: {}, risk: 0, dependsOn: [] }],
});
const context: TranslateContext = { cwd: '/work/a', home: '/home/u', catalog: CATALOG };

function setup(t: { after(fn: () => void): void }, options = { ttlMs: 3_600_000, maxEntries: 3 }) {
  const env = testEnv(t);
  const db = IntelDb.open(env.aiosHome);
  t.after(() => db.close());
  let now = 1_000_000;
  const clock = { now: () => now, advance: (ms: number) => (now += ms) };
  return { env, db, clock, cache: new PlanCache(db, options, clock.now) };
}

test('requests that differ only in case, spacing, quotes and final punctuation share a key', () => {
  assert.equal(normaliseRequest('  Show the 5   BIGGEST files here!! '), 'show the 5 biggest files here');
  assert.equal(normaliseRequest('find \u201cnotes\u201d'), 'find "notes"');
  assert.equal(
    planKey('Show the 5 biggest files here.', context),
    planKey('show the 5 biggest  files here', context),
  );
  assert.notEqual(planKey('show the 5 biggest files', context), planKey('show the 6 biggest files', context));
});

test('the key depends on the context that changes the plan, and on nothing else', () => {
  const base = planKey('zip them', context);
  assert.notEqual(planKey('zip them', { ...context, cwd: '/work/b' }), base);
  assert.notEqual(planKey('zip them', { ...context, home: '/home/v' }), base);
  assert.notEqual(planKey('zip them', { ...context, catalog: CATALOG.slice(1) }), base);
  const turn = { request: 'find logs', plan: plan('find'), subjects: ['a.log'] };
  assert.notEqual(planKey('zip them', { ...context, history: [turn] }), base);
  assert.notEqual(
    planKey('zip them', { ...context, history: [turn] }),
    planKey('zip them', { ...context, history: [{ ...turn, subjects: ['b.log'] }] }),
  );
  // Things that do not change the plan: the signal, the array identity of an equal catalog.
  assert.equal(
    planKey('zip them', { ...context, signal: AbortSignal.timeout(1000), catalog: [...CATALOG] }),
    base,
  );
});

test('a stored plan is returned until its hour is up', (t) => {
  const { cache, clock } = setup(t);
  cache.set('k', 'r', plan('one'), 'm1');
  assert.equal(cache.get('k')?.plan.goal, 'one');
  assert.equal(cache.get('k')?.model, 'm1');
  clock.advance(3_599_999);
  assert.ok(cache.get('k'));
  clock.advance(1);
  assert.equal(cache.get('k'), undefined);
  assert.equal(cache.size(), 0, 'the expired entry is gone from the store too');
});

test('beyond maxEntries the least recently used entry goes, in memory and in the store', (t) => {
  const { cache, clock, db } = setup(t);
  for (const k of ['a', 'b', 'c']) {
    cache.set(k, k, plan(k), 'm');
    clock.advance(10);
  }
  cache.get('a'); // a is now the most recently used
  clock.advance(10);
  cache.set('d', 'd', plan('d'), 'm');
  assert.equal(cache.size(), 3);
  const fresh = new PlanCache(db, { ttlMs: 3_600_000, maxEntries: 3 }, clock.now);
  assert.equal(fresh.get('b'), undefined, 'b was least recently used');
  assert.equal(cache.get('b'), undefined);
  for (const k of ['a', 'c', 'd']) assert.equal(fresh.get(k)?.plan.goal, k);
});

test('a new process finds the plan in the store; a plan dropped elsewhere is not served from memory', (t) => {
  const { cache, db, clock } = setup(t);
  cache.set('k', 'r', plan('stored'), 'm');
  const other = IntelDb.open(db.path.replace(/intel\.db$/, ''));
  const second = new PlanCache(other, { ttlMs: 3_600_000, maxEntries: 3 }, clock.now);
  assert.equal(second.get('k')?.plan.goal, 'stored');
  second.delete('k');
  other.close();
  assert.equal(cache.get('k'), undefined);
});
