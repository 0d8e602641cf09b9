import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CATALOG } from '../../test/helpers/catalog-fixture.ts';
import { ASK_USER, PlanError, planFromAnswer, toolsOf } from './plan-build.ts';
import type { ChatResult } from './providers/types.ts';

const tools = toolsOf(CATALOG);

function answer(calls: [string, unknown][], text = ''): ChatResult {
  return {
    text,
    toolCalls: calls.map(([name, args], i) => ({
      id: `c${i}`,
      name,
      arguments: typeof args === 'string' ? args : JSON.stringify(args),
    })),
    usage: { input: 1, output: 1, estimated: false },
    finish: 'tool_calls',
    model: 'm',
  };
}

function planError(fn: () => unknown): string {
  assert.throws(fn, PlanError);
  try {
    fn();
  } catch (error) {
    return (error as Error).message;
  }
  return '';
}

test('the catalog becomes one tool per action plus ask_user, with risk in the description', () => {
  assert.deepEqual(
    tools.specs.map((s) => s.name),
    ['files_list', 'files_find', 'files_archive', 'files_delete', 'system_disk', ASK_USER],
  );
  const del = tools.specs.find((s) => s.name === 'files_delete')!;
  assert.match(del.description, /risk 3: deletes or kills/);
  assert.equal(del.parameters.$schema, undefined, 'no $schema marker');
  assert.equal(del.parameters.type, 'object');
  assert.equal(toolsOf(CATALOG), tools, 'memoised per catalog');
});

test('tool calls become ordered steps with catalog risk, and the text becomes the goal', () => {
  const built = planFromAnswer(
    answer(
      [
        ['files_find', { ext: 'log', olderThanDays: 7 }],
        ['files_archive', { paths: ['a.log'], dest: 'logs.tar.gz' }],
        ['files_delete', { paths: ['a.log'] }],
      ],
      'Archive old logs, then delete them.\nMore text.',
    ),
    'zip old logs and delete them',
    tools,
  );
  const plan = built.plan!;
  assert.equal(plan.goal, 'Archive old logs, then delete them.');
  assert.deepEqual(
    plan.steps.map((s) => [s.id, s.tool, s.action, s.risk, s.dependsOn]),
    [
      ['s1', 'files', 'find', 0, []],
      ['s2', 'files', 'archive', 1, ['s1']],
      ['s3', 'files', 'delete', 3, ['s2']],
    ],
  );
  assert.equal(plan.requiresConfirmation, true);
});

test('without text the request is the goal; read-only plans need no confirmation', () => {
  const plan = planFromAnswer(answer([['system_disk', {}]]), 'disk usage', tools).plan!;
  assert.equal(plan.goal, 'disk usage');
  assert.equal(plan.requiresConfirmation, false);
});

test('ask_user turns into a clarifying question', () => {
  const built = planFromAnswer(answer([[ASK_USER, { question: 'Which folder?' }]]), 'clean up', tools);
  assert.deepEqual(built, { clarify: 'Which folder?' });
  assert.match(
    planError(() => planFromAnswer(answer([[ASK_USER, {}]]), 'x', tools)),
    /non-empty "question"/,
  );
});

test('invalid answers are PlanErrors a model can act on', () => {
  const cases: [ChatResult, RegExp][] = [
    [answer([['files_shred', { paths: ['a'] }]]), /no tool named 'files_shred'/],
    [answer([['files_list', '{"path": "./x"']]), /arguments of files_list are not valid JSON/],
    [answer([['files_list', '[1]']]), /must be a JSON object/],
    [answer([['files_find', { limit: 0 }]]), /step s1 \(files_find\) has bad arguments: limit: Too small/],
    [answer([['files_find', { sort: 'colour' }]]), /sort: Invalid option/],
    [answer([['files_list', { path: '.', recursive: true }]]), /Unrecognized key: "recursive"/],
    [answer([['files_delete', {}]]), /paths: .*expected array/],
    [answer([]), /the answer is empty/],
    [{ ...answer([]), finish: 'length', text: '' }, /cut off at the token limit/],
    [answer([], 'Sure! I will list them.'), /neither tool calls nor a JSON plan/],
  ];
  for (const [a, pattern] of cases)
    assert.match(
      planError(() => planFromAnswer(a, 'r', tools)),
      pattern,
    );
});

test('a JSON plan in text (json mode) is accepted, with dependsOn checked', () => {
  const text =
    '```json\n{"goal": "Find big files", "steps": [{"tool": "files", "action": "find", "args": {"sort": "size", "limit": 5}}, {"id": "z", "tool": "system", "action": "disk", "args": {}, "dependsOn": ["s1"]}]}\n```';
  const plan = planFromAnswer(answer([], text), 'r', tools).plan!;
  assert.equal(plan.goal, 'Find big files');
  assert.deepEqual(
    plan.steps.map((s) => [s.id, s.dependsOn]),
    [
      ['s1', []],
      ['z', ['s1']],
    ],
  );
  assert.deepEqual(planFromAnswer(answer([], '{"clarify": "Which disk?"}'), 'r', tools), {
    clarify: 'Which disk?',
  });
  assert.match(
    planError(() =>
      planFromAnswer(
        answer([], '{"steps": [{"tool": "files", "action": "list", "args": {}, "dependsOn": ["s9"]}]}'),
        'r',
        tools,
      ),
    ),
    /depends on 's9', which is not an earlier step/,
  );
  assert.match(
    planError(() => planFromAnswer(answer([], '{"steps": [{"tool": "files"}]}'), 'r', tools)),
    /wrong shape/,
  );
  assert.match(
    planError(() => planFromAnswer(answer([], '{"goal": "x", "steps": [}'), 'r', tools)),
    /does not parse/,
  );
  assert.match(
    planError(() => planFromAnswer(answer([], '{"goal": "x", "steps": []}'), 'r', tools)),
    /no steps/,
  );
});
