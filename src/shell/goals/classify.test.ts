import assert from 'node:assert/strict';
import { test } from 'node:test';
import { GOAL_DEV } from '../../../test/atlas/goals-dev.ts';
import { inferGoal } from './classify.ts';
import { GOAL_KINDS } from './kinds.ts';

const step = (tool: string, action: string, args: Record<string, unknown> = {}) => ({ tool, action, args });

test('the development set: nearly every request gets the goal it was labelled with, in every kind', () => {
  const misses = GOAL_DEV.filter((c) => inferGoal(c.request)?.kind !== c.goal);
  assert.ok(misses.length <= 3, `missed: ${misses.map((m) => m.request).join('; ')}`);
  for (const kind of GOAL_KINDS)
    assert.ok(GOAL_DEV.some((c) => c.goal === kind && inferGoal(c.request)?.kind === kind));
});

test('a mistyped goal word is read as the word, and says so', () => {
  const g = inferGoal('deploi the landing page');
  assert.equal(g?.kind, 'deploy');
  assert.ok(g?.cues.includes('"deploi" as "deploy"'));
  assert.equal(g?.said, true);
});

test('a word WordNet gives as a synonym of a goal word says that goal', () => {
  const g = inferGoal('neaten my desktop');
  assert.equal(g?.kind, 'cleanup');
  assert.ok(g?.cues.some((c) => c.startsWith('"neaten" like')));
});

test('names of files and folders are not read as goal words', () => {
  assert.notEqual(inferGoal('show debug.log')?.kind, 'debug');
  assert.notEqual(
    inferGoal('move report.pdf to docs', {
      steps: [step('files', 'move', { paths: ['report.pdf'], to: 'docs/' })],
    })?.kind,
    'report',
  );
  const folder = inferGoal('show the reports folder', {
    steps: [step('files', 'list', { path: 'reports' })],
  });
  assert.ok(!folder?.cues.includes('report'), 'the folder reports is a name, not the word report');
});

test('a goal only hinted at by the plan is named but not said; one said is', () => {
  const hinted = inferGoal('delete all .log files', {
    steps: [step('files', 'find', { ext: ['log'] }), step('files', 'delete', { from: 's1' })],
  });
  assert.equal(hinted?.kind, 'cleanup');
  assert.equal(hinted?.said, false);
  assert.equal(inferGoal('clean up the logs')?.said, true);
  assert.equal(inferGoal('list the files')?.said, false);
  assert.equal(inferGoal('hello there'), undefined);
});
