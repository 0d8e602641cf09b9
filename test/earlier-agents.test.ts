/**
 * Agents that were running when aios died are recorded as crashed; after the next boot
 * `aios ps --all` and GET /v1/agents show them with that end state (the newest
 * EARLIER_AGENTS_LISTED of them), while `aios ps` shows only live agents.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { call } from '../src/api/client.ts';
import { EARLIER_AGENTS_LISTED, earlierAgents } from '../src/api/earlier-agents.ts';
import { socketPath } from '../src/platform/paths.ts';
import { type AgentRecord, Store } from '../src/platform/store.ts';
import { aios, aiosUp, testEnv } from './helpers/env.ts';

interface Listed {
  pid: number;
  state: string;
  exit: { reason: string; message?: string } | null;
  earlierBoot?: true;
}

test('after a crash, the agents that were running are listed as crashed by the next boot', async (t) => {
  const env = testEnv(t);
  const agent = join(env.dir, 'wait.ts');
  writeFileSync(
    agent,
    'export default async function (os) { const [, b] = await os.ipc.channel(); await os.ipc.recv(b); }\n',
  );
  const first = await aiosUp(env, ['--no-http']);
  const socket = socketPath(env.aiosHome);
  const { pid } = await call<{ pid: number }>(socket, 'POST', '/v1/agents', { file: agent });
  first.child.kill('SIGKILL');
  await new Promise((r) => first.child.once('exit', r));

  const second = await aiosUp(env, ['--no-http']);
  t.after(() => second.stop());
  const { pid: now } = await call<{ pid: number }>(socket, 'POST', '/v1/agents', { file: agent });
  for (const path of ['/v1/agents', '/v1/agents?view=full']) {
    const listed = await call<Listed[]>(socket, 'GET', path);
    const old = listed.find((a) => a.pid === pid);
    assert.ok(old, `${path} lists agent ${pid} of the boot that crashed`);
    assert.equal(old.state, 'crashed');
    assert.match(old.exit?.message ?? '', /stopped while it ran/);
    assert.equal(old.earlierBoot, true);
    assert.equal(listed.find((a) => a.pid === now)?.earlierBoot, undefined);
  }
  const all = JSON.parse((await aios(env, ['ps', '--all', '--json'])).stdout) as Listed[];
  assert.equal(all.find((a) => a.pid === pid)?.state, 'crashed');
  const live = JSON.parse((await aios(env, ['ps', '--json'])).stdout) as Listed[];
  assert.equal(
    live.some((a) => a.pid === pid),
    false,
    'ps without --all shows live agents only',
  );
  assert.ok(live.some((a) => a.pid === now));
});

test('only the newest agents of earlier boots are listed', (t) => {
  const env = testEnv(t);
  const store = Store.open(env.aiosHome);
  t.after(() => store.close());
  const record = (pid: number): AgentRecord => ({
    pid,
    parent: 1,
    name: `a${pid}`,
    image: { ref: 'a.ts', hash: 'x' },
    runtime: 'isolate',
    state: 'exited',
    schedClass: 'normal',
    weight: 100,
    deadlineMs: null,
    quotas: { memoryBytes: 1, cpuMsPerEpoch: 1, ipcQueueDepth: 1, llmTokensPerMin: 1, children: 1 },
    createdAt: 0,
    exit: { code: 0, reason: 'normal' },
    labels: {},
  });
  const total = EARLIER_AGENTS_LISTED + 50;
  store.commit({ agents: Array.from({ length: total }, (_, i) => record(i + 2)) });
  const listed = earlierAgents({ store, firstPid: total + 2 });
  assert.equal(listed.length, EARLIER_AGENTS_LISTED);
  assert.equal(listed.at(-1)?.pid, total + 1, 'the newest is listed');
  assert.equal(listed[0].pid, total + 2 - EARLIER_AGENTS_LISTED, 'older ones are left out');
  assert.deepEqual(
    earlierAgents({ store, firstPid: 10 }).map((a) => a.pid),
    [2, 3, 4, 5, 6, 7, 8, 9],
  );
});
