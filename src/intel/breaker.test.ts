import assert from 'node:assert/strict';
import { test } from 'node:test';
import { testEnv } from '../../test/helpers/env.ts';
import { Breakers } from './breaker.ts';
import { IntelDb } from './db.ts';

function setup(t: { after(fn: () => void): void }) {
  const env = testEnv(t);
  const db = IntelDb.open(env.aiosHome);
  t.after(() => db.close());
  let now = 5_000;
  const clock = { now: () => now, advance: (ms: number) => (now += ms) };
  return { env, db, clock, breakers: new Breakers(db, { failures: 3, cooldownMs: 30_000 }, clock.now) };
}

test('closed until `failures` failures in a row; a success in between resets the count', (t) => {
  const { breakers } = setup(t);
  breakers.failure('p');
  breakers.failure('p');
  breakers.success('p');
  breakers.failure('p');
  breakers.failure('p');
  assert.equal(breakers.info('p').state, 'closed');
  assert.equal(breakers.allow('p'), true);
  breakers.failure('p');
  assert.equal(breakers.info('p').state, 'open');
  assert.equal(breakers.allow('p'), false);
  assert.equal(breakers.allow('other'), true, 'breakers are per provider');
});

test('after the cooldown one trial goes through; its result closes or reopens the breaker', (t) => {
  const { breakers, clock } = setup(t);
  for (let i = 0; i < 3; i++) breakers.failure('p');
  clock.advance(29_999);
  assert.equal(breakers.allow('p'), false);
  clock.advance(1);
  assert.equal(breakers.allow('p'), true, 'the trial');
  assert.equal(breakers.info('p').state, 'half_open');
  assert.equal(breakers.allow('p'), false, 'only one trial at a time');
  breakers.failure('p');
  assert.equal(breakers.info('p').state, 'open', 'a failed trial reopens at once');
  clock.advance(30_000);
  assert.equal(breakers.allow('p'), true);
  breakers.success('p');
  assert.equal(breakers.info('p').state, 'closed');
  assert.equal(breakers.allow('p'), true);
});

test('a trial that never reports is given up after another cooldown', (t) => {
  const { breakers, clock } = setup(t);
  for (let i = 0; i < 3; i++) breakers.failure('p');
  clock.advance(30_000);
  assert.equal(breakers.allow('p'), true);
  clock.advance(30_000);
  assert.equal(breakers.allow('p'), true, 'a new trial');
});

test('the state survives the process: another connection sees the open breaker', (t) => {
  const { breakers, env, clock } = setup(t);
  for (let i = 0; i < 3; i++) breakers.failure('p');
  const db = IntelDb.open(env.aiosHome);
  const other = new Breakers(db, { failures: 3, cooldownMs: 30_000 }, clock.now);
  assert.equal(other.allow('p'), false);
  assert.deepEqual(
    other.all().map((b) => [b.provider, b.state]),
    [['p', 'open']],
  );
  db.close();
});
