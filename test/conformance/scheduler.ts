/**
 * The scheduler conformance suite: what every policy must satisfy, whatever order it picks.
 * Run against each policy by test/conformance/scheduler.test.ts.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { Scheduler } from '../../src/kernel/sched/scheduler.ts';
import type { PolicyFactory, SchedRequest } from '../../src/kernel/sched/types.ts';

type Op =
  | {
      op: 'submit';
      pid: number;
      cls: 'realtime' | 'normal' | 'batch';
      weight: number;
      cost: number;
      deadline: number;
      resource: 'llm' | 'tool';
    }
  | { op: 'complete'; pick: number }
  | { op: 'advance'; ms: number }
  | { op: 'cancel'; pick: number }
  | { op: 'suspend'; pid: number }
  | { op: 'resume'; pid: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      op: fc.constant('submit' as const),
      pid: fc.integer({ min: 2, max: 9 }),
      cls: fc.constantFrom('realtime' as const, 'normal' as const, 'batch' as const),
      weight: fc.integer({ min: 1, max: 8 }),
      cost: fc.integer({ min: 1, max: 400 }),
      deadline: fc.integer({ min: 1, max: 5000 }),
      resource: fc.constantFrom('llm' as const, 'tool' as const),
    }),
  },
  { weight: 4, arbitrary: fc.record({ op: fc.constant('complete' as const), pick: fc.nat() }) },
  {
    weight: 3,
    arbitrary: fc.record({ op: fc.constant('advance' as const), ms: fc.integer({ min: 0, max: 3000 }) }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('cancel' as const), pick: fc.nat() }) },
  {
    weight: 1,
    arbitrary: fc.record({ op: fc.constant('suspend' as const), pid: fc.integer({ min: 2, max: 9 }) }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ op: fc.constant('resume' as const), pid: fc.integer({ min: 2, max: 9 }) }),
  },
);

const SLOTS = { llm: 2, tool: 3 };

function fresh(factory: PolicyFactory): Scheduler {
  const s = new Scheduler(factory);
  s.define({ name: 'llm', slots: SLOTS.llm, ratePerSec: 1000, burst: 1000 }, 0);
  s.define({ name: 'tool', slots: SLOTS.tool }, 0);
  return s;
}

/** Plays ops against a scheduler; returns the dispatch trace and checks invariants as it goes. */
function play(factory: PolicyFactory, ops: Op[]) {
  const s = fresh(factory);
  let now = 0;
  const trace: string[] = [];
  const running: SchedRequest[] = [];
  const submitted = new Map<number, SchedRequest>();
  const dispatched = new Set<number>();
  const cancelled = new Set<number>();
  const suspended = new Set<number>();
  const llmSpend: { at: number; cost: number }[] = [];
  const step = () => {
    for (const r of s.dispatch(now)) {
      assert.ok(!dispatched.has(r.id), `request ${r.id} dispatched twice`);
      assert.ok(!cancelled.has(r.id), `cancelled request ${r.id} dispatched`);
      assert.ok(!suspended.has(r.pid), `request of suspended agent ${r.pid} dispatched`);
      dispatched.add(r.id);
      running.push(r);
      if (r.resource === 'llm') llmSpend.push({ at: now, cost: r.cost });
      trace.push(`${now}:${r.id}`);
    }
    for (const res of ['llm', 'tool'] as const) {
      const n = running.filter((r) => r.resource === res).length;
      assert.ok(n <= SLOTS[res], `${n} running on ${res} with ${SLOTS[res]} slots`);
    }
  };
  for (const o of ops) {
    if (o.op === 'submit') {
      const r = s.submit(
        {
          pid: o.pid,
          resource: o.resource,
          cost: o.cost,
          schedClass: o.cls,
          weight: o.weight,
          deadline: now + o.deadline,
        },
        now,
      );
      submitted.set(r.id, r);
    } else if (o.op === 'complete' && running.length > 0) {
      const [r] = running.splice(o.pick % running.length, 1);
      s.complete(r.id, now);
    } else if (o.op === 'advance') now += o.ms;
    else if (o.op === 'cancel') {
      const waiting = [...submitted.values()].filter((r) => !dispatched.has(r.id) && !cancelled.has(r.id));
      if (waiting.length > 0) {
        const r = waiting[o.pick % waiting.length];
        s.cancel(r.id);
        cancelled.add(r.id);
      }
    } else if (o.op === 'suspend') {
      s.park(o.pid);
      suspended.add(o.pid);
    } else if (o.op === 'resume') {
      s.unpark(o.pid, now);
      suspended.delete(o.pid);
    }
    step();
  }
  // Drain: resume everyone, complete everything, let time pass for the rate limit.
  for (const pid of suspended) s.unpark(pid, now);
  suspended.clear();
  for (let guard = 0; guard < 10_000 && dispatched.size + cancelled.size < submitted.size; guard++) {
    for (const r of running.splice(0)) s.complete(r.id, now);
    now += 100;
    step();
  }
  // Rate: llm cost dispatched in any 1 s window never exceeds burst + rate.
  for (const a of llmSpend) {
    const window = llmSpend
      .filter((b) => b.at >= a.at && b.at < a.at + 1000)
      .reduce((sum, b) => sum + b.cost, 0);
    assert.ok(window <= 2000, `llm spent ${window} in one second`);
  }
  return { trace, dispatched, cancelled, submitted };
}

/** Registers the suite for one policy. */
export function schedulerConformance(name: string, factory: PolicyFactory): void {
  test(`${name}: every request is dispatched exactly once, never beyond slots, rates or suspensions`, () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 120 }), (ops) => {
        const { dispatched, cancelled, submitted } = play(factory, ops);
        assert.equal(dispatched.size + cancelled.size, submitted.size, 'every request ran or was cancelled');
      }),
      { numRuns: 150 },
    );
  });

  test(`${name}: same inputs, same schedule`, () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 120 }), (ops) => {
        assert.deepEqual(play(factory, ops).trace, play(factory, ops).trace);
      }),
      { numRuns: 100 },
    );
  });

  test(`${name}: a preempted request runs again with what it has left`, () => {
    const s = new Scheduler(factory);
    s.define({ name: 'cpu', slots: 1, preemptive: true }, 0);
    const long = s.submit({ pid: 2, resource: 'cpu', cost: 100, schedClass: 'batch' }, 0);
    assert.deepEqual(
      s.dispatch(0).map((r) => r.id),
      [long.id],
    );
    s.submit({ pid: 3, resource: 'cpu', cost: 1, schedClass: 'realtime', deadline: 5 }, 20);
    for (const victim of s.preemptions(20)) s.requeue(victim.id, 40, 20);
    const again = s.dispatch(20);
    for (const r of again) s.complete(r.id, 21);
    const later = s.dispatch(21);
    const all = [...again, ...later].map((r) => r.id);
    assert.ok(all.includes(long.id), 'the long request was dispatched again');
    assert.equal(s.get(long.id)?.cost, 40);
  });

  test(`${name}: cancelling an agent drops all its waiting requests`, () => {
    const s = fresh(factory);
    for (let i = 0; i < 10; i++) s.submit({ pid: 5, resource: 'tool', cost: 1 }, 0);
    s.submit({ pid: 6, resource: 'tool', cost: 1 }, 0);
    s.cancelAgent(5);
    const started = s.dispatch(0);
    assert.deepEqual(
      started.map((r) => r.pid),
      [6],
    );
  });
}
