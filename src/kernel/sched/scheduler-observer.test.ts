import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FairPolicy } from './fair.ts';
import { type SchedEvent, Scheduler } from './scheduler.ts';

test('the observer sees submit, start with its wait, complete with its run time, and cancel', () => {
  const s = new Scheduler(() => new FairPolicy());
  s.define({ name: 'tool', slots: 1 });
  const seen: SchedEvent[] = [];
  s.observer = (e) => seen.push(e);

  const a = s.submit({ pid: 7, resource: 'tool', cost: 1 }, 100);
  const b = s.submit({ pid: 8, resource: 'tool', cost: 1 }, 105);
  assert.deepEqual(
    s.dispatch(130).map((r) => r.id),
    [a.id],
  );
  s.complete(a.id, 150);
  s.cancel(b.id);

  assert.deepEqual(
    seen.map((e) => [e.type, e.pid, e.at, e.waitMs, e.runMs]),
    [
      ['submit', 7, 100, undefined, undefined],
      ['submit', 8, 105, undefined, undefined],
      ['start', 7, 130, 30, undefined],
      ['complete', 7, 150, undefined, 20],
      ['cancel', 8, undefined, undefined, undefined],
    ],
  );
  assert.ok(seen.every((e) => e.resource === 'tool'));
});

test('without an observer the schedule is the same (observing changes nothing)', () => {
  const run = (observe: boolean) => {
    const s = new Scheduler(() => new FairPolicy());
    s.define({ name: 'llm', slots: 2, ratePerSec: 100, burst: 100 });
    if (observe) s.observer = () => {};
    for (let i = 0; i < 10; i++) s.submit({ pid: 2 + (i % 3), resource: 'llm', cost: 10 + i }, i);
    const order: number[] = [];
    for (let t = 10; t < 200; t += 10) {
      for (const r of s.dispatch(t)) {
        order.push(r.id);
        s.complete(r.id, t + 5);
      }
    }
    return order;
  };
  assert.deepEqual(run(true), run(false));
});
