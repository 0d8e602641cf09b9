/**
 * kill -9 of the whole system (`aios up`) while an agent floods a context: after a restart the
 * state and the events within each context's backlog that were acknowledged are there, whole
 * and in order, and the service answers again at once.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { busAgent } from './helpers/bus-agents.ts';
import { aios, aiosUp, testEnv } from './helpers/env.ts';

test('kill -9 of aios up: acknowledged state and events within the backlog survive, nothing half-written', async (t) => {
  const env = testEnv(t);
  const file = (name: string, body: string) => {
    const path = join(env.dir, `${name}.ts`);
    writeFileSync(path, busAgent(body));
    return path;
  };
  const writer = file(
    'writer',
    `await bus('create', { name: 'kept', backlog: 50 });
     for (let i = 1; i <= 120; i++) {
       await bus('set', { context: 'kept', key: 'count', value: i, ifVersion: i - 1 });
       await bus('publish', { context: 'kept', type: 'n', data: { i, note: 'private-note' } });
     }
     await bus('create', { name: 'flood', backlog: 30 });
     return (await bus('contexts', {})).contexts.map((c) => [c.name, c.seq]);`,
  );
  const flooder = file(
    'flooder',
    `for (let i = 1; ; i++) {
       await bus('set', { context: 'flood', key: 'last', value: i, ifVersion: i - 1 });
       await bus('publish', { context: 'flood', type: 'n', data: { i } });
     }`,
  );
  const reader = file(
    'reader',
    `const out = {};
     for (const name of ['kept', 'flood']) {
       const info = (await bus('contexts', {})).contexts.find((c) => c.name === name);
       const r = await bus('read', { context: name, limit: 1000 });
       const state = (await bus('get', { context: name })).entries;
       out[name] = { seq: info.seq, events: info.events, missed: r.missed,
         seqs: r.events.map((e) => e.seq), data: r.events.map((e) => e.data.i), state: state.map((e) => [e.key, e.value, e.version]) };
     }
     return out;`,
  );

  const first = await aiosUp(env, ['--no-http']);
  const wrote = await aios(env, ['run', writer, '--name', 'writer', '--json'], { timeoutMs: 120_000 });
  assert.equal(wrote.code, 0, wrote.stderr + wrote.stdout);
  assert.deepEqual(JSON.parse(wrote.stdout).result, [
    ['flood', 0],
    ['kept', 120],
  ]);
  const spawned = await aios(env, ['spawn', flooder, '--name', 'writer', '--json']);
  assert.equal(spawned.code, 0, spawned.stderr);
  // Kill once the flood is under way (the flooder has written something): progress, not time
  for (let tries = 0; ; tries++) {
    const seen = await aios(env, ['run', reader, '--name', 'writer', '--json'], { timeoutMs: 60_000 });
    if (JSON.parse(seen.stdout).result.flood.seq >= 5) break;
    assert.ok(tries < 100, 'the flood starts');
  }
  assert.equal(await first.stop('SIGKILL'), 137);

  const second = await aiosUp(env, ['--no-http']);
  t.after(() => second.stop());
  const read = await aios(env, ['run', reader, '--name', 'writer', '--json'], { timeoutMs: 60_000 });
  assert.equal(read.code, 0, read.stderr + read.stdout);
  const { kept, flood } = JSON.parse(read.stdout).result;
  assert.deepEqual(kept, {
    seq: 120,
    events: 50,
    missed: 70,
    seqs: Array.from({ length: 50 }, (_, k) => 71 + k),
    data: Array.from({ length: 50 }, (_, k) => 71 + k),
    state: [['count', 120, 120]],
  });
  // The flood was cut mid-stream: whatever was committed is whole, in order, and agrees with state
  const held = Math.min(30, flood.seq);
  assert.ok(flood.seq >= 5);
  assert.deepEqual(
    flood.seqs,
    Array.from({ length: held }, (_, k) => flood.seq - held + 1 + k),
  );
  assert.deepEqual(flood.data, flood.seqs, 'each event is the one published with that number');
  const [[, last, version]] = flood.state;
  assert.ok(
    last === flood.seq || last === flood.seq + 1,
    `state ${last} and events ${flood.seq} agree to one step`,
  );
  assert.equal(version, last);

  // Every write is in the audit chain by a hash of what was written, never the content itself
  const audit = await aios(env, ['audit', 'tail', '--lines', '5000', '--json']);
  assert.equal(audit.code, 0, audit.stderr);
  assert.doesNotMatch(audit.stdout, /private-note/);
  const targets = audit.stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l))
    .filter((e) => e.what === 'tool_invoke' && e.detail?.tool === 'busd')
    .map((e) => `${e.detail.action} ${e.detail.target}`);
  assert.ok(targets.some((x) => /^create context=kept by writer \(pid \d+\)$/.test(x)));
  assert.ok(
    targets.some((x) =>
      /^publish context=kept seq=120 type=n sha256=[0-9a-f]{64} by writer \(pid \d+\)$/.test(x),
    ),
  );
  assert.ok(
    targets.some((x) => /^set context=kept key=count version=120 sha256=[0-9a-f]{64} by writer/.test(x)),
  );
});
