import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CapacityLearner } from './capacity.ts';

/** A learner grown (answers at its limit, no refusal yet) to a limit of at least 8. */
async function grown(): Promise<{ learner: CapacityLearner; limit: () => number }> {
  const learner = new CapacityLearner({ now: () => 0 });
  const limit = () => learner.snapshot()[0]?.limit ?? 4;
  while (limit() < 8) {
    const n = Math.floor(limit());
    const permits = await Promise.all(Array.from({ length: n }, () => learner.acquire('p/m', 10)));
    for (const p of permits) learner.success(p, {});
  }
  return { learner, limit };
}

test('a 429 with few of ours in flight (an abandoned request still held its slot) does not collapse the limit', async () => {
  const { learner, limit } = await grown();
  const before = limit();
  const lone = await learner.acquire('p/m', 10);
  const second = await learner.acquire('p/m', 10);
  learner.rateLimited(second, { retryAfterMs: 0 });
  learner.success(lone, {});
  assert.ok(limit() >= before * 0.75, `limit ${limit()} after ${before}`);
});

test('a 429 with most of the limit in flight still cuts to what the provider admitted', async () => {
  const { learner, limit } = await grown();
  const n = Math.floor(limit()) - 1;
  const permits = await Promise.all(Array.from({ length: n }, () => learner.acquire('p/m', 10)));
  learner.rateLimited(permits.pop()!, { retryAfterMs: 0 });
  assert.equal(limit(), n - 1);
});

/** What a hosted API's answers carry: its token budget. */
const HEADERS = { limitTokens: 90_000, remainingTokens: 89_000, resetTokensMs: 600 };

test('an answer with as many in flight as were refused (our count ahead of the provider’s) does not restart the probing', async () => {
  const { refused } = await steady(2400, 8, { skew: true });
  assert.ok(refused <= 12, `${refused} refusals`);
});

test('slow start grows when a provider that states its limits admits a request: the limit grows before a single answer is complete', async () => {
  const learner = new CapacityLearner({ now: () => 0 });
  const limit = () => learner.snapshot()[0]?.limit ?? 4;
  const inFlight = () => learner.snapshot()[0]?.inFlight ?? 0;
  const running = [];
  // Every request the limit allows is sent and begins answering; none finishes.
  while (limit() < 16 && inFlight() < Math.floor(limit()) && running.length < 64) {
    const permit = await learner.acquire('p/m', 10);
    running.push(permit);
    learner.admitted(permit, HEADERS);
  }
  assert.ok(limit() >= 16, `limit ${limit()} with ${running.length} begun and none answered`);
  // Their answers do not count again.
  for (const p of running) learner.success(p, {});
  assert.ok(limit() <= 17, `limit ${limit()} after the answers`);
});

/**
 * A provider of `slots` slots in steady state: each step one request is answered and the
 * learner sends what its limit allows; a request past the slots is refused at once.
 */
async function steady(
  steps: number,
  slots: number,
  o: { skew?: boolean } = {},
): Promise<{ refused: number; limit: number }> {
  let now = 0;
  const learner = new CapacityLearner({ now: () => now });
  const limit = () => learner.snapshot()[0]?.limit ?? 4;
  const inFlight = () => learner.snapshot()[0]?.inFlight ?? 0;
  const served: Awaited<ReturnType<CapacityLearner['acquire']>>[] = [];
  let refused = 0;
  for (let step = 0; step < steps; step++) {
    now++;
    if (served.length > 0) learner.success(served.shift()!, {});
    while (inFlight() < Math.max(1, Math.floor(limit()))) {
      const permit = await learner.acquire('p/m', 10);
      // With skew, now and then one past the slots is served: the provider had freed a slot
      // whose answer's end we had not read yet (our count runs ahead of its count).
      if (served.length >= slots && !(o.skew && served.length === slots && step % 4 === 0)) {
        refused++;
        learner.rateLimited(permit, { retryAfterMs: 0 });
      } else {
        learner.admitted(permit, HEADERS);
        served.push(permit);
      }
    }
  }
  return { refused, limit: limit() };
}

test('a provider that keeps refusing at the same concurrency is probed ever more rarely, and the limit holds at its slots', async () => {
  // 8 slots, 2400 answers (300 rounds of 8): the old fixed probe (a 429 every ten rounds)
  // was refused about 30 times; halving the probe rate at each refusal at the same ceiling
  // leaves the first overshoot and a handful of probes.
  const { refused, limit } = await steady(2400, 8);
  assert.ok(refused <= 10, `${refused} refusals`);
  assert.ok(limit >= 8 && limit < 9, `limit ${limit}`);
});

test('a provider that states no limits (a local server may slow down instead of refusing) ramps up on answers only', async () => {
  const learner = new CapacityLearner({ now: () => 0 });
  const permits = await Promise.all(Array.from({ length: 4 }, () => learner.acquire('p/m', 10)));
  for (const p of permits) learner.admitted(p, undefined);
  assert.equal(learner.snapshot()[0].limit, 4);
  for (const p of permits) learner.success(p, {});
  assert.equal(learner.snapshot()[0].limit, 5, 'the answer at the limit raised it');
});

test('a more urgent request waiting for a slot preempts the last sent of the least urgent ones in flight, and takes its slot', async () => {
  let now = 0;
  const learner = new CapacityLearner({ now: () => now });
  // One answer teaches the provider's speed: 1 ms for a cost of 10.
  const first = await learner.acquire('p/m', 10);
  now += 1;
  learner.success(first, {});
  const stopped: number[] = [];
  const batch = await Promise.all(
    [0, 1, 2, 3].map(async (i) => {
      now += 1;
      const permit = await learner.acquire('p/m', 10, {
        rank: 2,
        preempt: () => {
          stopped.push(i);
          // As the executor does: the aborted call hands its permit back.
          learner.released(permit);
        },
      });
      return permit;
    }),
  );
  assert.equal(learner.snapshot()[0].inFlight, 4, 'every slot is taken');
  // Guards a hang only: the request is let in once a batch one is preempted, within ~1 ms.
  const interactive = await learner.acquire('p/m', 10, { signal: AbortSignal.timeout(10_000), rank: 1 });
  assert.deepEqual(stopped, [3], 'the last batch request sent was stopped, and only it');
  assert.equal(interactive.rank, 1);
  assert.equal(learner.snapshot()[0].preemptions, 1);
  for (const p of [...batch.slice(0, 3), interactive]) learner.success(p, {});
});

test('a 429 for the request sent into the slot of one we hung up on does not cut the limit', async () => {
  const { learner, limit } = await grown();
  const n = Math.floor(limit());
  const permits = await Promise.all(Array.from({ length: n }, () => learner.acquire('p/m', 10)));
  // One is preempted mid-answer; the provider has not noticed yet, and refuses its successor.
  learner.released(permits.pop()!, { hungUp: true });
  const successor = await learner.acquire('p/m', 10);
  learner.rateLimited(successor, { retryAfterMs: 60_000 });
  assert.equal(Math.floor(limit()), n);
  // Its Retry-After counted to another answer's end, not to that slot's release: it goes again at once.
  assert.equal(learner.snapshot()[0].notBefore, 0);
  const again = await learner.acquire('p/m', 10);
  assert.equal(again.afterHangUp, false, 'once only');
});

test('slow start on admissions stops one above what the provider admits, however many were sent', async () => {
  const learner = new CapacityLearner({ now: () => 0 });
  const snap = () => learner.snapshot()[0];
  const held: Awaited<ReturnType<CapacityLearner['acquire']>>[] = [];
  const send = async () => {
    while ((snap()?.inFlight ?? 0) < Math.floor(snap()?.limit ?? 4)) {
      const permit = await learner.acquire('p/m', 10);
      // A provider of 8 slots whose refusals are slow to come back: past 8 they stay in flight.
      if (held.length < 8) {
        held.push(permit);
        learner.admitted(permit, HEADERS);
      }
    }
  };
  // Answers come back one by one, and the learner sends what its limit allows each time.
  for (let round = 0; round < 40; round++) {
    await send();
    learner.success(held.shift()!, {});
  }
  assert.ok(snap().limit <= 9, `limit ${snap().limit} with 8 admitted`);
});

test('a provider that states its limits is not cut for latency: a loaded host slows its answers down, not the provider', async () => {
  const learner = new CapacityLearner({ now: () => 0 });
  for (let i = 0; i < 40; i++) {
    const permit = await learner.acquire('p/m', 10);
    learner.admitted(permit, HEADERS);
    // Each answer slower than the last, as this machine's load grows.
    learner.success(permit, { msPerToken: 1 + i, limits: HEADERS });
  }
  assert.equal(learner.snapshot()[0].slowdowns, 0);
});
