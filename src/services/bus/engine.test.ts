import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { testEnv } from '../../../test/helpers/env.ts';
import { BusEngine } from './engine.ts';
import { BUS_LIMITS } from './limits.ts';

const alice = { name: 'alice', owner: false };
const bob = { name: 'bob', owner: false };
const carol = { name: 'carol', owner: false };
const system = { name: 'init', owner: true };

function engine(t: { after(fn: () => void): void }) {
  const env = testEnv(t);
  const path = join(env.dir, 'bus.db');
  const bus = new BusEngine({ path, now: () => 1_000 });
  t.after(() => bus.close());
  return { bus, path };
}

/** The error a call throws, as code and message (the message must be one line). */
function failure(fn: () => unknown): { code: string; message: string } {
  try {
    fn();
  } catch (error) {
    const e = error as { code: string; message: string };
    assert.doesNotMatch(e.message, /\n/, 'an error is one line');
    return { code: e.code, message: e.message };
  }
  assert.fail('expected the call to fail');
}

test('state round-trips with a version per key and who wrote it, and survives reopening', (t) => {
  const { bus, path } = engine(t);
  bus.create(alice, 'plan');
  assert.deepEqual(bus.set(alice, { context: 'plan', key: 'goal', value: { text: 'ship', steps: [1, 2] } }), {
    version: 1,
  });
  assert.deepEqual(bus.set(alice, { context: 'plan', key: 'goal', value: 'ship today' }), { version: 2 });
  bus.set(alice, { context: 'plan', key: 'owner', value: null });
  bus.close();
  const again = new BusEngine({ path });
  t.after(() => again.close());
  assert.deepEqual(again.get(alice, { context: 'plan', key: 'goal' }).entries, [
    { key: 'goal', value: 'ship today', version: 2, updatedBy: 'alice', updatedAt: 1_000 },
  ]);
  assert.deepEqual(
    again.get(alice, { context: 'plan' }).entries.map((e) => [e.key, e.value]),
    [
      ['goal', 'ship today'],
      ['owner', null],
    ],
  );
  assert.deepEqual(again.get(alice, { context: 'plan', key: 'missing' }).entries, []);
});

test('compare-and-set: a write at a stale version is refused and changes nothing', (t) => {
  const { bus } = engine(t);
  bus.create(alice, 'plan');
  bus.share(alice, { context: 'plan', agent: 'bob', access: 'write' });
  assert.deepEqual(bus.set(alice, { context: 'plan', key: 'lock', value: 'alice', ifVersion: 0 }), {
    version: 1,
  });
  const taken = failure(() => bus.set(bob, { context: 'plan', key: 'lock', value: 'bob', ifVersion: 0 }));
  assert.equal(taken.code, 'E_BAD_STATE');
  assert.match(taken.message, /Key 'lock' of context 'plan' is at version 1, not 0; get it again and retry/);
  // Both read version 1; the first to write wins, the second is told the new version
  assert.deepEqual(bus.set(alice, { context: 'plan', key: 'lock', value: 'alice again', ifVersion: 1 }), {
    version: 2,
  });
  assert.equal(
    failure(() => bus.set(bob, { context: 'plan', key: 'lock', value: 'bob', ifVersion: 1 })).code,
    'E_BAD_STATE',
  );
  const [entry] = bus.get(bob, { context: 'plan', key: 'lock' }).entries;
  assert.deepEqual([entry.value, entry.version, entry.updatedBy], ['alice again', 2, 'alice']);
  assert.deepEqual(bus.set(bob, { context: 'plan', key: 'lock', value: 'bob', ifVersion: 2 }), {
    version: 3,
  });
});

test('grants: only the owner, agents it shared with and the system owner reach a context', (t) => {
  const { bus } = engine(t);
  bus.create(alice, 'plan');
  bus.publish(alice, { context: 'plan', type: 'step', data: 1 });
  const denied = failure(() => bus.get(bob, { context: 'plan' }));
  assert.equal(denied.code, 'E_NO_RIGHTS');
  assert.match(denied.message, /Agent 'bob' may not read context 'plan'/);
  assert.equal(failure(() => bus.publish(bob, { context: 'plan', type: 'x' })).code, 'E_NO_RIGHTS');
  assert.deepEqual(bus.contexts(bob), [], 'an agent does not see contexts it may not read');

  bus.share(alice, { context: 'plan', agent: 'bob', access: 'read' });
  assert.equal(bus.get(bob, { context: 'plan' }).context, 'plan');
  assert.equal(failure(() => bus.publish(bob, { context: 'plan', type: 'x' })).code, 'E_NO_RIGHTS');
  assert.equal(failure(() => bus.set(bob, { context: 'plan', key: 'k', value: 1 })).code, 'E_NO_RIGHTS');
  assert.deepEqual(
    bus.contexts(bob).map((c) => [c.name, c.owner, c.access, c.events, c.seq]),
    [['plan', 'alice', 'read', 1, 1]],
  );

  bus.share(alice, { context: 'plan', agent: 'bob', access: 'write' });
  assert.deepEqual(bus.publish(bob, { context: 'plan', type: 'x' }), { seq: 2 });
  const share = failure(() => bus.share(bob, { context: 'plan', agent: 'carol', access: 'write' }));
  assert.equal(share.code, 'E_NO_RIGHTS', 'a writer cannot pass access on');
  assert.match(share.message, /only its owner/);
  assert.equal(failure(() => bus.drop(bob, { context: 'plan' })).code, 'E_NO_RIGHTS');

  bus.share(alice, { context: 'plan', agent: 'bob', access: 'none' });
  assert.equal(failure(() => bus.get(bob, { context: 'plan' })).code, 'E_NO_RIGHTS');
  assert.equal(failure(() => bus.get(carol, { context: 'plan' })).code, 'E_NO_RIGHTS');

  // The system's owner reaches every context, and may share and drop them
  assert.equal(bus.contexts(system).length, 1);
  bus.share(system, { context: 'plan', agent: 'carol', access: 'read' });
  assert.equal(bus.get(carol, { context: 'plan' }).context, 'plan');
  assert.deepEqual(bus.drop(system, { context: 'plan' }), { context: 'plan', keys: 0, events: 2 });
});

test('drop removes state, events and grants; the name starts afresh', (t) => {
  const { bus } = engine(t);
  bus.create(alice, 'plan', 5);
  bus.share(alice, { context: 'plan', agent: 'bob', access: 'read' });
  bus.set(alice, { context: 'plan', key: 'a', value: 1 });
  for (let i = 0; i < 8; i++) bus.publish(alice, { context: 'plan', type: 'tick', data: i });
  assert.deepEqual(bus.drop(alice, { context: 'plan' }), { context: 'plan', keys: 1, events: 5 });
  assert.equal(failure(() => bus.get(alice, { context: 'plan' })).code, 'E_NOT_FOUND');
  bus.create(alice, 'plan');
  assert.deepEqual(bus.get(alice, { context: 'plan' }).entries, []);
  assert.equal(failure(() => bus.get(bob, { context: 'plan' })).code, 'E_NO_RIGHTS', 'the old grant is gone');
  assert.deepEqual(bus.publish(alice, { context: 'plan', type: 'tick' }), { seq: 1 });
});

test('bad input and limits: one clear line each, and nothing written', async (t) => {
  const { bus } = engine(t);
  const cases: [() => unknown, string, RegExp][] = [
    [() => bus.create(alice, '../etc'), 'E_BAD_ARG', /Invalid context name '\.\.\/etc'; use letters/],
    [
      () => bus.create(alice, 'x', 0),
      'E_BAD_ARG',
      /Invalid backlog '0'; give a whole number from 1 to 10000/,
    ],
    [() => bus.create(alice, 'x', BUS_LIMITS.BACKLOG_MAX + 1), 'E_BAD_ARG', /Invalid backlog '10001'/],
    [() => bus.get(alice, { context: 'nope' }), 'E_NOT_FOUND', /No context is named 'nope'; create it first/],
  ];
  bus.create(alice, 'plan');
  const big = 'x'.repeat(BUS_LIMITS.VALUE_MAX_BYTES);
  cases.push(
    [() => bus.create(bob, 'plan'), 'E_BAD_STATE', /Context 'plan' already exists \(owner 'alice'\)/],
    [
      () => bus.set(alice, { context: 'plan', key: 'k', value: big }),
      'E_TOO_BIG',
      /Value of key 'k' is 16386 bytes as JSON, over the 16384-byte limit; store a smaller value/,
    ],
    [
      () => bus.publish(alice, { context: 'plan', type: 'blob', data: big }),
      'E_TOO_BIG',
      /Data of event 'blob' is 16386 bytes as JSON, over the 16384-byte limit/,
    ],
    [
      () => bus.set(alice, { context: 'plan', key: '', value: 1 }),
      'E_BAD_ARG',
      /Invalid key ''; give a non-empty string/,
    ],
    [
      () => bus.set(alice, { context: 'plan', key: 'k', value: undefined }),
      'E_BAD_ARG',
      /Value of key 'k' is not JSON/,
    ],
    [() => bus.set(alice, { context: 'plan', key: 'k', value: 10n }), 'E_BAD_ARG', /is not JSON/],
    [
      () => bus.publish(alice, { context: 'plan', type: 'x'.repeat(65) }),
      'E_BAD_ARG',
      /Invalid event type 'x{40}…'/,
    ],
    [
      () => bus.share(alice, { context: 'plan', agent: 'alice', access: 'read' }),
      'E_BAD_ARG',
      /owns context 'plan' already/,
    ],
  );
  for (const [fn, code, message] of cases) {
    const e = failure(fn);
    assert.equal(e.code, code, e.message);
    assert.match(e.message, message);
  }
  await assert.rejects(
    bus.read(alice, { context: 'plan', limit: 0 }),
    /Invalid limit '0'; give a whole number from 1 to 1000/,
  );
  await assert.rejects(
    bus.read(alice, { context: 'plan', waitMs: 60_000 }),
    /Invalid waitMs '60000'; give a whole number from 0 to 30000/,
  );
  await assert.rejects(
    bus.read(alice, { context: 'plan', after: 5 }),
    /Cursor 5 is past the last event \(0\) of context 'plan'/,
  );
  assert.deepEqual(
    bus.contexts(alice).map((c) => [c.name, c.keys, c.events, c.seq]),
    [['plan', 0, 0, 0]],
    'nothing was written',
  );
});

test('quotas: contexts per agent, keys per context, grants per context', (t) => {
  const { bus } = engine(t);
  for (let i = 0; i < BUS_LIMITS.CONTEXTS_PER_AGENT; i++) bus.create(alice, `c${i}`);
  const contexts = failure(() => bus.create(alice, 'one-more'));
  assert.equal(contexts.code, 'E_QUOTA');
  assert.match(contexts.message, /Agent 'alice' already owns 32 contexts, its limit; drop one/);
  bus.create(bob, 'one-more');

  for (let i = 0; i < BUS_LIMITS.KEYS_MAX; i++) bus.set(alice, { context: 'c0', key: `k${i}`, value: i });
  const keys = failure(() => bus.set(alice, { context: 'c0', key: 'new', value: 1 }));
  assert.equal(keys.code, 'E_QUOTA');
  assert.match(keys.message, /Context 'c0' already holds 1024 keys, its limit/);
  assert.deepEqual(
    bus.set(alice, { context: 'c0', key: 'k0', value: 'again' }),
    { version: 2 },
    'an existing key still changes',
  );

  for (let i = 0; i < BUS_LIMITS.GRANTS_PER_CONTEXT; i++)
    bus.share(alice, { context: 'c1', agent: `a${i}`, access: 'read' });
  assert.equal(
    failure(() => bus.share(alice, { context: 'c1', agent: 'extra', access: 'read' })).code,
    'E_QUOTA',
  );
  bus.share(alice, { context: 'c1', agent: 'a0', access: 'write' });
});
