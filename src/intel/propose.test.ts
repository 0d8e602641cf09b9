import assert from 'node:assert/strict';
import { test } from 'node:test';
import { toolCatalog } from '../tools/catalog.ts';
import { PlanError, toolsOf } from './plan-build.ts';
import { proposalsFromAnswer, proposeChat } from './propose.ts';
import type { ChatResult } from './providers/types.ts';

const tools = toolsOf(toolCatalog());
const answer = (text: string): ChatResult =>
  ({ text, toolCalls: [], finish: 'stop', usage: { input: 1, output: 1 } }) as unknown as ChatResult;

test('each proposal is validated on its own: a good plan, a bad one with its reason, a question, one past K', () => {
  const text = `Here you are:\n${JSON.stringify({
    plans: [
      {
        label: 'list\u001b[2J them\nfirst',
        rationale: 'look before you leap',
        confidence: 0.7,
        steps: [{ tool: 'files', action: 'list', args: { path: '.' } }],
      },
      { label: 'no such tool', steps: [{ tool: 'kernel', action: 'spawn', args: {} }] },
      { label: 'asks', clarify: 'Which logs?' },
      { label: 'fourth', steps: [{ tool: 'files', action: 'list', args: { path: '.' } }] },
    ],
  })}`;
  const got = proposalsFromAnswer(answer(text), 'list the files', tools, 3);
  assert.equal(got.length, 4);
  assert.equal(got[0].label, 'list [2J them first', 'one line, no control characters');
  assert.equal(got[0].confidence, 0.7);
  assert.equal(got[0].plan?.steps[0].action, 'list');
  assert.equal(got[0].plan?.goal, 'list the files');
  assert.match(got[1].problem ?? '', /there is no action 'kernel.spawn'/);
  assert.equal(got[1].plan, undefined);
  assert.match(got[2].problem ?? '', /asks a question instead: Which logs\?/);
  assert.match(got[3].problem ?? '', /more than the 3 plans asked for/);
});

test('an answer with no list of plans is a PlanError, never a throw of another kind', () => {
  for (const text of ['', 'no json here', '{"plans": []}', '{"plans": "x"}', '{"plans": [ broken'])
    assert.throws(() => proposalsFromAnswer(answer(text), 'r', tools, 3), PlanError, text);
});

test('the request for alternatives shows the plan already made and asks for K, in JSON', () => {
  const chat = proposeChat({
    request: 'delete the logs',
    context: { cwd: '/w', home: '/h', catalog: [] },
    tools,
    k: 4,
    asked: {
      goal: 'Delete the logs',
      requiresConfirmation: true,
      steps: [
        { id: 's1', tool: 'files', action: 'delete', args: { paths: ['a.log'] }, risk: 3, dependsOn: [] },
      ],
    },
  });
  assert.equal(chat.json, true);
  assert.match(chat.system ?? '', /Give up to 4 plans/);
  assert.match(chat.system ?? '', /files\.delete — /);
  assert.match(chat.messages[0].content, /The plan already made: .*"action":"delete"/);
});
