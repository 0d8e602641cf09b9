import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type Summary, SummaryList } from './agent-list.ts';

const agent = (pid: number, over: Partial<Summary> = {}): Summary => ({
  pid,
  parent: 1,
  name: `a${pid}`,
  runtime: 'isolate',
  state: 'blocked',
  schedClass: 'normal',
  createdAt: 1000 + pid,
  usage: { memoryBytes: 0, cpuMsTotal: 0, syscalls: 2, messagesSent: 0, llmTokens: 0, llmCostUsd: 0 },
  exit: null,
  ...over,
});

test('a listing shows what changed since the last one, and nothing of agents gone', () => {
  const list = new SummaryList();
  const first = [agent(2), agent(3, { labels: { role: 'x' } })];
  assert.deepEqual(JSON.parse(list.json(first)), first);

  const changed = [
    agent(2, { state: 'exited', exit: { code: 0, reason: 'normal' } }),
    agent(3, {
      labels: { role: 'y' },
      usage: {
        memoryBytes: 0,
        cpuMsTotal: 5,
        syscalls: 9,
        messagesSent: 1,
        llmTokens: 40,
        llmCostUsd: 0.001,
      },
    }),
    agent(4),
  ];
  assert.deepEqual(JSON.parse(list.json(changed)), changed);
  assert.deepEqual(JSON.parse(list.json([agent(4)])), [agent(4)]);
  assert.equal(list.json([]), '[]');
});

test('a summary that breaks the schema is refused, not served', () => {
  const list = new SummaryList();
  assert.throws(
    () => list.json([agent(2, { state: 'flying' as never })]),
    /does not match the AgentSummary schema/,
  );
});
