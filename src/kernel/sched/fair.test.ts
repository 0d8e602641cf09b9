import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PARAMS } from '../params.ts';
import { FairPolicy } from './fair.ts';
import { FifoPolicy } from './fifo.ts';
import { Scheduler } from './scheduler.ts';
import type { PolicyFactory } from './types.ts';

function oneSlot(factory: PolicyFactory = () => new FairPolicy()) {
  const s = new Scheduler(factory);
  s.define({ name: 'tool', slots: 1 }, 0);
  /** Dispatches and completes one request at a time; returns the pids in service order. */
  const serve = (n: number, now = 0) => {
    const order: number[] = [];
    for (let i = 0; i < n; i++) {
      const [r] = s.dispatch(now);
      if (!r) break;
      order.push(r.pid);
      s.complete(r.id, now);
    }
    return order;
  };
  return { s, serve };
}

test('realtime requests run earliest deadline first, ahead of normal and batch', () => {
  const { s, serve } = oneSlot();
  s.submit({ pid: 9, resource: 'tool', cost: 1, schedClass: 'batch' }, 0);
  s.submit({ pid: 8, resource: 'tool', cost: 1, schedClass: 'normal' }, 0);
  s.submit({ pid: 3, resource: 'tool', cost: 1, schedClass: 'realtime', deadline: 300 }, 0);
  s.submit({ pid: 1, resource: 'tool', cost: 1, schedClass: 'realtime', deadline: 100 }, 0);
  s.submit({ pid: 2, resource: 'tool', cost: 1, schedClass: 'realtime', deadline: 200 }, 0);
  assert.deepEqual(serve(5), [1, 2, 3, 8, 9]);
});

test('normal agents share in proportion to weight; the FIFO baseline ignores weight', () => {
  for (const [factory, expectRatio] of [
    [() => new FairPolicy(), true],
    [() => new FifoPolicy(), false],
  ] as const) {
    const { s, serve } = oneSlot(factory);
    for (let i = 0; i < 400; i++) {
      for (const [pid, weight] of [
        [1, 1],
        [2, 2],
        [4, 4],
      ]) {
        s.submit({ pid, resource: 'tool', cost: 1, weight }, 0);
      }
    }
    const order = serve(700);
    const share = (pid: number) => order.filter((p) => p === pid).length;
    if (expectRatio) {
      assert.deepEqual([share(1), share(2), share(4)], [100, 200, 400]);
    } else {
      assert.ok(Math.abs(share(1) - share(4)) <= 1, 'fifo serves them round-robin by arrival');
    }
  }
});

test('batch runs only when nothing else waits', () => {
  const { s, serve } = oneSlot();
  s.submit({ pid: 5, resource: 'tool', cost: 1, schedClass: 'batch' }, 0);
  for (let i = 0; i < 3; i++) s.submit({ pid: 6, resource: 'tool', cost: 1 }, 0);
  assert.deepEqual(serve(4), [6, 6, 6, 5]);
});

test('aging: a normal request starved by realtime work runs once it has waited long enough', () => {
  const { s } = oneSlot();
  s.submit({ pid: 7, resource: 'tool', cost: 1 }, 0);
  const served: number[] = [];
  for (let now = 0; now <= PARAMS.AGING_NORMAL_MS + 200; now += 10) {
    s.submit({ pid: 1, resource: 'tool', cost: 1, schedClass: 'realtime', deadline: now + 50 }, now);
    const [r] = s.dispatch(now);
    if (r) {
      served.push(r.pid);
      s.complete(r.id, now);
    }
  }
  assert.ok(served.includes(7), 'the normal request was served despite constant realtime load');
});

test('priority inheritance: a boosted agent runs with the lender’s deadline', () => {
  const { s, serve } = oneSlot();
  s.submit({ pid: 4, resource: 'tool', cost: 1, schedClass: 'batch' }, 0);
  s.submit({ pid: 5, resource: 'tool', cost: 1 }, 0);
  s.boost(4, 10);
  assert.deepEqual(serve(2), [4, 5]);
});

test('the CPU quota holds an agent back until the next epoch', () => {
  const s = new Scheduler(() => new FairPolicy());
  s.define({ name: 'cpu', slots: 1 }, 0);
  s.setCpuQuota(1, 20);
  s.setCpuQuota(2, 1000);
  for (let i = 0; i < 5; i++) s.submit({ pid: 1, resource: 'cpu', cost: 10 }, 0);
  let now = 0;
  const ran: number[] = [];
  for (let i = 0; i < 5; i++) {
    const [r] = s.dispatch(now);
    if (!r) break;
    ran.push(r.pid);
    now += 10;
    s.complete(r.id, now, 10);
  }
  assert.equal(ran.length, 2, 'two 10 ms slices fit a 20 ms quota');
  const next = s.dispatch(now + PARAMS.EPOCH_MS);
  assert.equal(next.length, 1, 'the next epoch lets it run again');
});

test('a rate-limited resource waits for its bucket to refill', () => {
  const s = new Scheduler(() => new FairPolicy());
  s.define({ name: 'llm', slots: 10, ratePerSec: 100, burst: 100 }, 0);
  for (let i = 0; i < 3; i++) s.submit({ pid: 1, resource: 'llm', cost: 60 }, 0);
  assert.equal(s.dispatch(0).length, 1);
  assert.equal(s.dispatch(100).length, 0, '40 left + 10 refilled is less than 60');
  assert.equal(s.dispatch(200).length, 1, '60 tokens after 200 ms');
});

test('preemption picks the least urgent preemptible running request', () => {
  const s = new Scheduler(() => new FairPolicy());
  s.define({ name: 'llm', slots: 2, preemptive: true }, 0);
  const batch = s.submit({ pid: 1, resource: 'llm', cost: 1, schedClass: 'batch' }, 0);
  const pinned = s.submit({ pid: 2, resource: 'llm', cost: 1, schedClass: 'batch', preemptible: false }, 0);
  s.dispatch(0);
  s.submit({ pid: 3, resource: 'llm', cost: 1, schedClass: 'realtime', deadline: 50 }, 1);
  assert.deepEqual(s.preemptions(1), [], 'not before it has run PREEMPT_MIN_RUN_MS');
  const victims = s.preemptions(PARAMS.PREEMPT_MIN_RUN_MS);
  assert.deepEqual(
    victims.map((v) => v.id),
    [batch.id],
  );
  assert.ok(!victims.some((v) => v.id === pinned.id));
});

test('CPU is shared by what slices really used: one that overruns its estimate gets fewer', () => {
  // Two busy agents of weights 1 and 2 on one CPU slot, each slice estimated at 5 ms; the
  // light one's slices run to 9 ms before it yields, the heavy one's stop at 5 ms.
  const s = new Scheduler(() => new FairPolicy());
  s.define({ name: 'cpu', slots: 1 }, 0);
  const weight: Record<number, number> = { 1: 1, 2: 2 };
  const runs: Record<number, number> = { 1: 9, 2: 5 };
  const used: Record<number, number> = { 1: 0, 2: 0 };
  for (const pid of [1, 2]) {
    s.setCpuQuota(pid, 1e9);
    s.submit({ pid, resource: 'cpu', cost: 5, weight: weight[pid] }, 0);
  }
  let now = 0;
  while (now < 10_000) {
    const [r] = s.dispatch(now);
    now += runs[r.pid];
    used[r.pid] += runs[r.pid];
    s.complete(r.id, now, runs[r.pid]);
    s.submit({ pid: r.pid, resource: 'cpu', cost: 5, weight: weight[r.pid] }, now);
  }
  const ratio = used[2] / used[1];
  assert.ok(Math.abs(ratio - 2) < 0.1, `CPU 1 : ${ratio.toFixed(2)} for weights 1 : 2`);
});

test('preemption waits for the least urgent class to have run its minimum rather than take a more urgent request', () => {
  // An interactive (normal) answer has run 12 ms, a batch generation 7: a real-time request
  // takes the batch slot once it has run PREEMPT_MIN_RUN_MS, never the interactive one.
  const s = new Scheduler(() => new FairPolicy());
  s.define({ name: 'llm', slots: 2, preemptive: true }, 0);
  const normal = s.submit({ pid: 1, resource: 'llm', cost: 1, schedClass: 'normal' }, 0);
  s.dispatch(0);
  const batch = s.submit({ pid: 2, resource: 'llm', cost: 1, schedClass: 'batch' }, 5);
  s.dispatch(5);
  s.submit({ pid: 3, resource: 'llm', cost: 1, schedClass: 'realtime', deadline: 100 }, 12);
  assert.deepEqual(s.preemptions(12), [], 'the batch one is too young, and the normal one is not taken');
  assert.deepEqual(
    s.preemptions(5 + PARAMS.PREEMPT_MIN_RUN_MS).map((v) => v.id),
    [batch.id],
  );
  assert.ok(s.isRunning(normal.id));
});

test('no more victims stop at once than requests wait to take their slots', () => {
  const s = new Scheduler(() => new FairPolicy());
  s.define({ name: 'llm', slots: 3, preemptive: true }, 0);
  const batch = [1, 2, 3].map((pid) => s.submit({ pid, resource: 'llm', cost: 100, schedClass: 'batch' }, 0));
  s.dispatch(0);
  const urgent = s.submit({ pid: 9, resource: 'llm', cost: 10, schedClass: 'realtime', deadline: 100 }, 20);
  assert.equal(s.preemptions(20).length, 1);
  assert.deepEqual(s.preemptions(21), [], 'the first victim has not yet handed back its slot');
  s.submit({ pid: 10, resource: 'llm', cost: 10, schedClass: 'normal' }, 22);
  assert.equal(s.preemptions(22).length, 1, 'a second request waits: a second victim');
  const victims = batch.filter((r) => r.preempting);
  assert.equal(victims.length, 2);
  for (const v of victims) s.requeue(v.id, 50, 23);
  assert.deepEqual(
    s.dispatch(23).map((r) => r.schedClass),
    ['realtime', 'normal'],
  );
  assert.ok(s.isRunning(urgent.id));
  assert.deepEqual(s.preemptions(24), [], 'nothing more urgent waits');
});

test('a batch request raised to normal by aging is preempted before an interactive one', () => {
  const s = new Scheduler(() => new FairPolicy());
  s.define({ name: 'llm', slots: 2, preemptive: true }, 0);
  const aged = s.submit({ pid: 1, resource: 'llm', cost: 100, schedClass: 'batch' }, 0);
  const interactive = s.submit({ pid: 2, resource: 'llm', cost: 10, schedClass: 'normal' }, 0);
  s.dispatch(0);
  aged.schedClass = 'normal'; // as aging leaves a batch request that was kept waiting
  s.submit({ pid: 3, resource: 'llm', cost: 10, schedClass: 'realtime', deadline: 100 }, 40);
  assert.deepEqual(
    s.preemptions(40).map((v) => v.id),
    [aged.id],
  );
  assert.ok(!interactive.preempting);
});
