import assert from 'node:assert/strict';
import { test } from 'node:test';
import { plan } from './strategy.ts';

const order = ['db', 'cache', 'api', 'jobs'];

test('one_for_one restarts only the failed child', () => {
  assert.deepEqual(plan('one_for_one', order, 'cache'), { stop: [], start: ['cache'] });
});

test('one_for_all stops every sibling, last started first, and starts all in order', () => {
  assert.deepEqual(plan('one_for_all', order, 'cache'), {
    stop: ['jobs', 'api', 'db'],
    start: ['db', 'cache', 'api', 'jobs'],
  });
});

test('rest_for_one restarts the failed child and those started after it', () => {
  assert.deepEqual(plan('rest_for_one', order, 'cache'), {
    stop: ['jobs', 'api'],
    start: ['cache', 'api', 'jobs'],
  });
  assert.deepEqual(plan('rest_for_one', order, 'jobs'), { stop: [], start: ['jobs'] });
  assert.deepEqual(plan('rest_for_one', order, 'db'), {
    stop: ['jobs', 'api', 'cache'],
    start: order,
  });
});

test('a child that is not in the list is a programming error', () => {
  assert.throws(() => plan('one_for_one', order, 'nope'), RangeError);
});
