import assert from 'node:assert/strict';
import { test } from 'node:test';
import { refusalThreshold } from './calibration.ts';
import { INTENT_LIMITS } from './limits.ts';

test('the threshold is the median of the impostor scores, each agent weighing the same, within its bounds', () => {
  const at = (agent: string, ...scores: number[]) => scores.map((score) => ({ agent, score }));
  assert.equal(refusalThreshold([...at('a', 0.32), ...at('b', 0.36), ...at('c', 0.38)]), 0.36);
  // one agent's hundred samples weigh what one sample of each other agent weighs
  const flood = at('flood', ...Array.from({ length: 100 }, () => 0.1));
  assert.equal(refusalThreshold([...flood, ...at('a', 0.34), ...at('b', 0.36)]), 0.34);
  assert.equal(refusalThreshold([]), INTENT_LIMITS.ROUTE_THRESHOLD, 'nothing to calibrate on: the floor');
  assert.equal(refusalThreshold(at('a', 0.9, 0.95)), INTENT_LIMITS.ROUTE_THRESHOLD_MAX);
  assert.equal(refusalThreshold(at('a', 0.05)), INTENT_LIMITS.ROUTE_THRESHOLD);
});
