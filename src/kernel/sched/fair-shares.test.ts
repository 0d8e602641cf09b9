import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FairPolicy } from './fair.ts';
import { Scheduler } from './scheduler.ts';
import type { SchedRequest } from './types.ts';

/**
 * A simulated LLM resource: `agents` batch agents, each with one request at a time (it asks
 * again 1 ms after its answer, as an agent awaiting os.llm.generate does), every request
 * `cost` tokens served at 1 token per ms on one of `slots` slots. Returns the tokens each
 * agent had been served (in-flight requests counted for what they had generated) when the
 * first agent finished `requests` requests: everyone was backlogged until then.
 */
function simulate(weights: number[], o: { slots: number; cost: number; requests: number }) {
  const s = new Scheduler(() => new FairPolicy());
  s.define({ name: 'llm', slots: o.slots, preemptive: true }, 0);
  const ask = (pid: number, now: number) =>
    s.submit({ pid, resource: 'llm', cost: o.cost, schedClass: 'batch', weight: weights[pid] }, now);
  for (let pid = 0; pid < weights.length; pid++) ask(pid, 0);
  const served = weights.map(() => 0);
  const finished = weights.map(() => 0);
  const running: { r: SchedRequest; end: number }[] = [];
  const resubmit: { pid: number; at: number }[] = [];
  let now = 0;
  for (;;) {
    for (const r of s.dispatch(now)) running.push({ r, end: now + o.cost });
    const next = Math.min(...running.map((x) => x.end), ...resubmit.map((x) => x.at));
    now = next;
    for (const x of running.filter((x) => x.end === now)) {
      running.splice(running.indexOf(x), 1);
      s.complete(x.r.id, now);
      served[x.r.pid] += o.cost;
      if (++finished[x.r.pid] === o.requests) {
        for (const y of running) served[y.r.pid] += o.cost - (y.end - now);
        return served;
      }
      resubmit.push({ pid: x.r.pid, at: now + 1 });
    }
    for (const x of resubmit.filter((x) => x.at === now)) {
      resubmit.splice(resubmit.indexOf(x), 1);
      ask(x.pid, now);
    }
  }
}

function jain(xs: number[]): number {
  const sum = xs.reduce((a, b) => a + b, 0);
  return (sum * sum) / (xs.length * xs.reduce((a, b) => a + b * b, 0));
}

test('batch agents share an LLM resource by weight, in tokens served, not requests admitted', () => {
  // 48 agents at weights 1, 2, 4 (16 each) on 8 slots, as in bench/llm.bench.ts --quick.
  const weights = Array.from({ length: 48 }, (_, i) => [1, 2, 4][i % 3]);
  const served = simulate(weights, { slots: 8, cost: 66, requests: 40 });
  const group = (w: number) => served.filter((_, pid) => weights[pid] === w);
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const two = mean(group(2)) / mean(group(1));
  const four = mean(group(4)) / mean(group(1));
  assert.ok(
    Math.abs(two - 2) < 0.1 && Math.abs(four - 4) < 0.2,
    `shares 1 : ${two.toFixed(2)} : ${four.toFixed(2)}`,
  );
  for (const w of [1, 2, 4]) {
    assert.ok(jain(group(w)) >= 0.99, `Jain ${jain(group(w)).toFixed(3)} among weight ${w}`);
  }
});

test('weights hold when the batch lane is overloaded past the aging time (waiting behind peers is not starving)', () => {
  // Requests of 660 tokens: a weight-1 agent waits about 9 s for each, past AGING_BATCH_MS.
  const weights = Array.from({ length: 48 }, (_, i) => [1, 2, 4][i % 3]);
  const served = simulate(weights, { slots: 8, cost: 660, requests: 12 });
  const mean = (w: number) => {
    const xs = served.filter((_, pid) => weights[pid] === w);
    return xs.reduce((a, b) => a + b, 0) / xs.length;
  };
  const four = mean(4) / mean(1);
  assert.ok(Math.abs(four - 4) < 0.3, `weight 4 served ${four.toFixed(2)}× weight 1`);
});

test('a batch request of a costlier kind counts for what it costs', () => {
  // Two agents of equal weight, one asking for 4 times as many tokens per request: equal
  // service means the cheap one gets about 4 requests for each of the costly one's.
  const s = new Scheduler(() => new FairPolicy());
  s.define({ name: 'llm', slots: 1 }, 0);
  const cost = [10, 40];
  for (let i = 0; i < 50; i++)
    for (const pid of [0, 1]) s.submit({ pid, resource: 'llm', cost: cost[pid], schedClass: 'batch' }, 0);
  const tokens = [0, 0];
  for (let i = 0; i < 50; i++) {
    const [r] = s.dispatch(0);
    tokens[r.pid] += r.cost;
    s.complete(r.id, 0);
  }
  assert.ok(Math.abs(tokens[0] / tokens[1] - 1) < 0.15, `tokens ${tokens[0]} : ${tokens[1]}`);
});

test('preemption takes, among equally urgent requests, the one started last (it has generated least)', () => {
  const s = new Scheduler(() => new FairPolicy());
  s.define({ name: 'llm', slots: 3, preemptive: true }, 0);
  const started = [0, 20, 40].map((at, pid) => {
    const r = s.submit({ pid, resource: 'llm', cost: 100, schedClass: 'batch' }, at);
    s.dispatch(at);
    return r;
  });
  s.submit({ pid: 9, resource: 'llm', cost: 10, schedClass: 'realtime', deadline: 200 }, 60);
  assert.deepEqual(
    s.preemptions(60).map((v) => v.id),
    [started[2].id],
  );
});

test('the bench’s 1 : 1.67 : 3 is its snapshot, not the scheduler: with 10 requests an agent, the first finisher leaves weights 1 and 2 a request ahead', () => {
  // bench/llm.bench.ts's batch load: 160 agents at weights 1, 2, 4, 8 slots, 10 requests each.
  // Start-time fair queueing gives every agent its first request at virtual time 0; by the
  // time a weight-4 agent has its 10th, weight 2 has had 5 and weight 1 has had 3 (+1 each
  // over 4.5 and 2.25): a request of lag, which 10 requests cannot hide and 80 can.
  const weights = Array.from({ length: 160 }, (_, i) => [1, 2, 4][i % 3]);
  const shares = (requests: number) => {
    const served = simulate(weights, { slots: 8, cost: 66, requests });
    const mean = (w: number) => {
      const xs = served.filter((_, pid) => weights[pid] === w);
      return xs.reduce((a, b) => a + b, 0) / xs.length;
    };
    return [mean(2) / mean(1), mean(4) / mean(1)];
  };
  const [short2, short4] = shares(10);
  assert.ok(
    Math.abs(short2 - 1.67) < 0.1 && Math.abs(short4 - 3) < 0.2,
    `10 requests: 1 : ${short2} : ${short4}`,
  );
  const [long2, long4] = shares(80);
  assert.ok(Math.abs(long2 - 2) < 0.1 && Math.abs(long4 - 4) < 0.25, `80 requests: 1 : ${long2} : ${long4}`);
});
