import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_INTENSITY, DEFAULT_PERIOD_S } from './child-spec.ts';
import { RestartIntensity } from './intensity.ts';

test('the default allows 3 restarts in 5 s and refuses the fourth', () => {
  const limit = new RestartIntensity(DEFAULT_INTENSITY, DEFAULT_PERIOD_S);
  assert.deepEqual(
    [0, 1000, 2000, 3000].map((t) => limit.record(t)),
    [true, true, true, false],
  );
});

test('restarts older than the period no longer count', () => {
  const limit = new RestartIntensity(3, 5);
  for (const t of [0, 1000, 2000]) assert.equal(limit.record(t), true);
  assert.equal(limit.record(5000), true, 'the restart at 0 left the window');
  assert.equal(limit.recent(5000), 3);
  assert.equal(limit.record(5500), false);
});

test('intensity 0 allows no restart at all', () => {
  assert.equal(new RestartIntensity(0, 5).record(0), false);
});
