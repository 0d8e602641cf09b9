import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Pace } from './rate.ts';

test('a caller gets its burst at once, then one write per 1/perSec; another caller is not slowed', async () => {
  let now = 0;
  const pace = new Pace({ perSec: 10, burst: 3, keep: 100, now: () => now });
  const admitted = async (who: string) =>
    Promise.race([pace.admit(who).then(() => true), new Promise((r) => setTimeout(() => r(false), 20))]);
  for (let i = 0; i < 3; i++) assert.equal(await admitted('flood'), true, `burst write ${i}`);
  assert.equal(await admitted('flood'), false, 'the fourth waits');
  assert.equal(await admitted('bystander'), true, 'another caller has its own bucket');
  now += 200; // two tokens' worth: the waiting write and one more
  assert.equal(await admitted('flood'), true);
  await new Promise((r) => setTimeout(r, 150)); // the write that waited goes through too
  now += 10_000;
});

test('it forgets the longest idle callers past its bound', async () => {
  const pace = new Pace({ perSec: 1, burst: 1, keep: 2, now: () => 0 });
  await pace.admit('a');
  await pace.admit('b');
  await pace.admit('c'); // 'a' is forgotten: it starts again with a full bucket
  await pace.admit('a');
});
