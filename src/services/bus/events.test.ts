import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';
import { testEnv } from '../../../test/helpers/env.ts';
import { BusEngine } from './engine.ts';
import { BUS_LIMITS } from './limits.ts';

const alice = { name: 'alice', owner: false };
const bob = { name: 'bob', owner: false };

function engine(t: { after(fn: () => void): void }) {
  const env = testEnv(t);
  const path = join(env.dir, 'bus.db');
  const bus = new BusEngine({ path });
  t.after(() => bus.close());
  bus.create(alice, 'plan', 10);
  bus.share(alice, { context: 'plan', agent: 'bob', access: 'read' });
  return { bus, path };
}

const seqs = (r: { events: { seq: number }[] }) => r.events.map((e) => e.seq);

test('events come back in order with who sent them; a cursor reads on from where it stopped', async (t) => {
  const { bus } = engine(t);
  for (let i = 1; i <= 7; i++)
    assert.deepEqual(bus.publish(alice, { context: 'plan', type: 'step', data: { i } }), { seq: i });
  const first = await bus.read(bob, { context: 'plan', limit: 3 });
  assert.deepEqual(seqs(first), [1, 2, 3]);
  assert.deepEqual(first.events[0], {
    seq: 1,
    type: 'step',
    data: { i: 1 },
    from: 'alice',
    at: first.events[0].at,
  });
  assert.equal(first.next, 3);
  assert.equal(first.missed, 0);
  const rest = await bus.read(bob, { context: 'plan', after: first.next });
  assert.deepEqual(seqs(rest), [4, 5, 6, 7]);
  const none = await bus.read(bob, { context: 'plan', after: rest.next });
  assert.deepEqual(none, { events: [], next: 7, missed: 0 });
});

test('the backlog keeps the newest events; a reader behind it is told how many it missed', async (t) => {
  const { bus } = engine(t);
  for (let i = 1; i <= 25; i++) bus.publish(alice, { context: 'plan', type: 'tick', data: i });
  assert.deepEqual(
    bus.contexts(alice).map((c) => [c.events, c.seq]),
    [[10, 25]],
    'ten held, the last sequence number kept',
  );
  const behind = await bus.read(bob, { context: 'plan', after: 0, limit: 4 });
  assert.deepEqual(seqs(behind), [16, 17, 18, 19]);
  assert.equal(behind.missed, 15);
  const caught = await bus.read(bob, { context: 'plan', after: behind.next });
  assert.deepEqual([seqs(caught), caught.missed], [[20, 21, 22, 23, 24, 25], 0]);
  const partly = await bus.read(bob, { context: 'plan', after: 12 });
  assert.deepEqual([seqs(partly)[0], partly.missed], [16, 3]);
});

test('the backlog is bounded in bytes too: the oldest go first, and readers are told', async (t) => {
  const { bus } = engine(t);
  bus.create(alice, 'big', BUS_LIMITS.BACKLOG_MAX);
  const data = 'x'.repeat(BUS_LIMITS.EVENT_MAX_BYTES - 2); // 16 KiB as JSON
  const total = BUS_LIMITS.BACKLOG_MAX_BYTES / BUS_LIMITS.EVENT_MAX_BYTES + 50;
  for (let i = 0; i < total; i++) bus.publish(alice, { context: 'big', type: 'blob', data });
  const [info] = bus.contexts(alice).filter((c) => c.name === 'big');
  assert.equal(info.seq, total);
  assert.equal(info.events, BUS_LIMITS.BACKLOG_MAX_BYTES / BUS_LIMITS.EVENT_MAX_BYTES);
  const r = await bus.read(alice, { context: 'big', limit: 1 });
  assert.deepEqual([r.missed, seqs(r)], [50, [51]]);
});

test('a waiting reader is answered by the next publish; with nothing published it gets an empty answer', async (t) => {
  const { bus } = engine(t);
  const waiting = bus.read(bob, { context: 'plan', after: 0, waitMs: 20_000 });
  await new Promise((r) => setTimeout(r, 20));
  assert.equal(bus.waiting('plan'), 1);
  bus.publish(alice, { context: 'plan', type: 'go', data: 'now' });
  const got = await waiting;
  assert.deepEqual(
    got.events.map((e) => [e.seq, e.type, e.data]),
    [[1, 'go', 'now']],
  );
  assert.equal(bus.waiting('plan'), 0);
  assert.deepEqual(await bus.read(bob, { context: 'plan', after: 1, waitMs: 30 }), {
    events: [],
    next: 1,
    missed: 0,
  });
});

test('a slow subscriber costs the service nothing: publishers never wait, nothing is queued for it', async (t) => {
  const { bus } = engine(t);
  const cursor = (await bus.read(bob, { context: 'plan' })).next;
  for (let i = 0; i < 5000; i++) bus.publish(alice, { context: 'plan', type: 'tick', data: i });
  assert.equal(bus.waiting('plan'), 0);
  assert.deepEqual(
    bus.contexts(alice).map((c) => c.events),
    [10],
    'only the backlog is held',
  );
  const late = await bus.read(bob, { context: 'plan', after: cursor });
  assert.deepEqual([late.missed, seqs(late)[0], late.next], [4990, 4991, 5000]);
});

test('at most SUBSCRIBERS_PER_CONTEXT wait on one context; a drop wakes them with a clear error', async (t) => {
  const { bus } = engine(t);
  const waits = Array.from({ length: BUS_LIMITS.SUBSCRIBERS_PER_CONTEXT }, () =>
    bus.read(bob, { context: 'plan', waitMs: 20_000 }),
  );
  await assert.rejects(bus.read(bob, { context: 'plan', waitMs: 20_000 }), (e: Error & { code?: string }) => {
    assert.equal(e.code, 'E_WOULD_BLOCK');
    assert.match(e.message, /Context 'plan' already has 64 readers waiting, its limit; read without waitMs/);
    return true;
  });
  assert.deepEqual(
    await bus.read(bob, { context: 'plan' }),
    { events: [], next: 0, missed: 0 },
    'a read without a wait still works',
  );
  bus.drop(alice, { context: 'plan' });
  const results = await Promise.allSettled(waits);
  assert.ok(
    results.every((r) => r.status === 'rejected' && (r.reason as { code: string }).code === 'E_NOT_FOUND'),
  );
});

test('kill -9 in the middle of publishing: every acknowledged write is there, none half-written', async (t) => {
  const env = testEnv(t);
  const path = join(env.dir, 'bus.db');
  const engineUrl = new URL('./engine.ts', import.meta.url).href;
  const script = `
    import { BusEngine } from ${JSON.stringify(engineUrl)};
    const bus = new BusEngine({ path: ${JSON.stringify(path)} });
    const me = { name: 'writer', owner: false };
    bus.create(me, 'log', 100);
    for (let i = 1; ; i++) {
      bus.set(me, { context: 'log', key: 'count', value: i, ifVersion: i - 1 });
      const { seq } = bus.publish(me, { context: 'log', type: 'n', data: { i, pad: 'y'.repeat(i % 900) } });
      process.stdout.write(seq + '\\n');
    }`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], { env: env.env });
  let out = '';
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (d) => {
      out += d;
      if (out.split('\n').length > 400 && !child.killed) {
        child.kill('SIGKILL');
        resolve();
      }
    });
    child.on('exit', (code) =>
      code === null ? resolve() : reject(new Error(`writer exited ${code}: ${stderr}`)),
    );
  });
  await new Promise((r) => child.once('close', r));
  const acknowledged = Math.max(...out.trim().split('\n').map(Number).filter(Number.isFinite));
  const bus = new BusEngine({ path });
  t.after(() => bus.close());
  const me = { name: 'writer', owner: false };
  const [info] = bus.contexts(me);
  assert.ok(
    info.seq >= acknowledged,
    `the last acknowledged event ${acknowledged} is there (seq ${info.seq})`,
  );
  const [count] = bus.get(me, { context: 'log', key: 'count' }).entries;
  assert.ok(count.value === info.seq || count.value === info.seq + 1, 'state and events agree to one step');
  assert.equal(count.version, count.value);
  const r = await bus.read(me, { context: 'log', limit: 1000 });
  assert.deepEqual(
    seqs(r),
    Array.from({ length: 100 }, (_, i) => info.seq - 99 + i),
    'the backlog is whole and in order',
  );
  assert.deepEqual(
    r.events.map((e) => (e.data as { i: number }).i),
    seqs(r),
  );
  assert.equal(r.missed, info.seq - 100);
});
