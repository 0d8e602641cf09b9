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
