import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readGoal } from './goal.ts';

test('a goal read without a model: folder, kind, age, largest and action', () => {
  assert.deepEqual(readGoal('find the largest log files in ~/logs and archive the ones older than a week'), {
    dir: '~/logs',
    ext: ['log'],
    olderThan: '1w',
    largest: 10,
    action: 'archive',
  });
  assert.deepEqual(readGoal('move the 3 biggest pdf files in ~/Downloads/ into ~/Documents/papers'), {
    dir: '~/Downloads',
    ext: ['pdf'],
    largest: 3,
    action: 'move',
    to: '~/Documents/papers',
  });
  assert.deepEqual(readGoal('delete *.tmp files in ~/cache older than 30 days'), {
    dir: '~/cache',
    ext: ['tmp'],
    olderThan: '30d',
    action: 'delete',
  });
  assert.deepEqual(readGoal('what is taking space?'), { dir: '~', ext: [], action: 'report' });
});
