/**
 * The kernel does not learn capacity, it is told: resize() takes the host's observation as an
 * input, so the same inputs still give the same schedule.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FairPolicy } from './fair.ts';
import { Scheduler } from './scheduler.ts';

function run(resizeAt: number): number[][] {
  const s = new Scheduler(() => new FairPolicy());
  s.define({ name: 'llm', slots: 2 }, 0);
  for (let pid = 1; pid <= 10; pid++) s.submit({ pid, resource: 'llm', cost: 100 }, 0);
  const rounds: number[][] = [];
  for (let now = 0; now < 5; now++) {
    if (now === resizeAt) s.resize('llm', { slots: 6, ratePerSec: 1000, burst: 300 }, now);
    const started = s.dispatch(now).map((r) => r.id);
    rounds.push(started);
    for (const id of started) s.complete(id, now);
  }
  return rounds;
}

test('resize changes what is dispatched, and the same inputs give the same schedule', () => {
  const a = run(2);
  assert.deepEqual(a, run(2));
  assert.deepEqual(
    a.map((r) => r.length),
    [2, 2, 3, 0, 0],
    'two slots, then six slots but a 300-token bucket: three fit, then it is empty',
  );
});

test('resize refuses what no resource can have', () => {
  const s = new Scheduler(() => new FairPolicy());
  s.define({ name: 'llm', slots: 2 }, 0);
  assert.throws(() => s.resize('llm', { slots: 0 }, 0), /positive whole number of slots/);
  assert.throws(() => s.resize('llm', { slots: 2, ratePerSec: -1 }, 0), /positive finite rate/);
  assert.throws(() => s.resize('gpu', { slots: 2 }, 0), /No resource is named 'gpu'/);
});
