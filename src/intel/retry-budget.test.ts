import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AttemptBudget, RetryBudget } from './retry-budget.ts';

test('retries are capped at a share of requests, with a floor', () => {
  let now = 0;
  const budget = new RetryBudget({ ratio: 0.2, minPerWindow: 2, windowMs: 1000 }, () => now);
  budget.request();
  assert.equal(budget.tryRetry(), true);
  assert.equal(budget.tryRetry(), true);
  assert.equal(budget.tryRetry(), false, 'the floor of 2 is spent');
  for (let i = 0; i < 19; i++) budget.request();
  assert.equal(budget.tryRetry(), true, '20 requests allow 4 retries');
  assert.equal(budget.tryRetry(), true);
  assert.equal(budget.tryRetry(), false);
  now = 1001;
  assert.equal(budget.tryRetry(), true, 'the window moved on');
});

test('an attempt budget has a fixed number of retries and a deadline', () => {
  let now = 0;
  const budget = new AttemptBudget(2, 100, () => now);
  assert.equal(budget.remainingMs(), 100);
  assert.equal(budget.takeRetry(), true);
  assert.equal(budget.takeRetry(), true);
  assert.equal(budget.takeRetry(), false);
  const late = new AttemptBudget(5, 100, () => now);
  now = 100;
  assert.equal(late.remainingMs(), 0);
  assert.equal(late.takeRetry(), false, 'no retries past the deadline');
});
