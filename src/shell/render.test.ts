import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bars, progressLine, renderPlan, renderUnclear } from './render.ts';
import type { PlannedRequest } from './types.ts';

const plan: PlannedRequest = {
  id: '7',
  request: 'delete all .log files',
  goal: 'Delete files',
  source: 'offline',
  cwd: '/w',
  requiresConfirmation: true,
  steps: [
    {
      id: 's1',
      tool: 'files',
      action: 'find',
      args: {},
      risk: 0,
      dependsOn: [],
      preview: { summary: 'search .', paths: ['/w'], bytes: 0 },
    },
    {
      id: 's2',
      tool: 'files',
      action: 'delete',
      args: {},
      risk: 3,
      dependsOn: ['s1'],
      preview: {
        summary: 'delete 2 items (2 KiB; kept for undo)',
        paths: ['/w/a.log', '/w/b.log'],
        bytes: 2048,
      },
    },
  ],
};

test('a plan shows each step, its risk and what it touches, relative to where the person is', () => {
  const lines = renderPlan(plan, { cwd: '/w' });
  assert.equal(lines[0], 'Plan: Delete files');
  assert.match(lines[2], /2\. files\.delete\s+risk 3 \(deletes or kills\)\s+delete 2 items/);
  assert.deepEqual(lines.slice(3), ['       a.log', '       b.log']);
  assert.ok(
    renderPlan(plan, { cwd: '/w', explain: true }).some((l) =>
      /kernel check: tool_invoke at risk 3 needs rights .*destroy/.test(l),
    ),
  );
});

test('an unclear request lists what Atlas can do instead', () => {
  const lines = renderUnclear({
    ...plan,
    steps: [],
    clarify: 'I could not understand',
    suggestions: ['list the files here'],
  });
  assert.deepEqual(lines, [
    'I could not understand',
    'Requests I can do that come close:',
    '  aios do "list the files here"',
  ]);
});

test('bars are scaled to the total; the progress bar shows share and sizes', () => {
  const [a, b] = bars(
    [
      { label: 'src', value: 75 },
      { label: 'docs', value: 25 },
    ],
    100,
    { cwd: '/', width: 60 },
  );
  const filled = (line: string) => (line.match(/█/g) ?? []).length;
  const width = filled(a) + (a.match(/░/g) ?? []).length;
  assert.equal(filled(a), Math.round(0.75 * width));
  assert.equal(filled(b), Math.round(0.25 * width));
  assert.match(a, /75%$/);
  assert.equal(progressLine('s1', 512, 1024, 10), 's1 [█████░░░░░]  50%  512 B / 1.0 KiB');
});
