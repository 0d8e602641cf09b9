import assert from 'node:assert/strict';
import { test } from 'node:test';
import { complexity, routeOf } from './router.ts';

test('simple requests go to the cheap model', () => {
  for (const r of [
    'show the 5 biggest files here',
    'list files over 100 MB',
    'what is my disk usage',
    'git status',
  ]) {
    assert.equal(routeOf(r, [], 3), 'cheap', `${r}: ${JSON.stringify(complexity(r))}`);
  }
});

test('multi-step, conditional and destructive requests go to the strong model', () => {
  for (const r of [
    'find logs older than 7 days, zip them, then delete the originals',
    'if the disk is more than 90% full, remove the largest cache files but not anything in Documents',
    'copy every photo from last year into a folder per month and then make an archive of each folder for backup',
  ]) {
    assert.equal(routeOf(r, [], 3), 'strong', `${r}: ${JSON.stringify(complexity(r))}`);
  }
});

test('a follow-up that refers to an earlier turn scores higher only when there is one', () => {
  const turn = {
    request: 'find big logs',
    plan: { goal: 'g', requiresConfirmation: false, steps: [] },
    subjects: ['a.log'],
  };
  const alone = complexity('delete them').score;
  assert.equal(complexity('delete them', [turn]).score, alone + 1);
  assert.ok(complexity('delete them', [turn]).reasons.includes('refers to an earlier turn'));
});

test('the threshold decides', () => {
  const r = 'find logs older than 7 days';
  const { score } = complexity(r);
  assert.equal(routeOf(r, [], score), 'strong');
  assert.equal(routeOf(r, [], score + 1), 'cheap');
});
