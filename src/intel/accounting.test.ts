import assert from 'node:assert/strict';
import { test } from 'node:test';
import { testEnv } from '../../test/helpers/env.ts';
import { Accounting, costOf } from './accounting.ts';
import { IntelDb } from './db.ts';

test('cost is tokens times the price per million', () => {
  assert.equal(costOf({ input: 1_000_000, output: 0 }, { input: 3, output: 15 }), 3);
  assert.ok(Math.abs(costOf({ input: 1200, output: 300 }, { input: 3, output: 15 }) - 0.0081) < 1e-12);
});

test('calls are summed per model, survive reopening, and can be limited in time', (t) => {
  const env = testEnv(t);
  let now = 10_000_000;
  let db = IntelDb.open(env.aiosHome);
  const a = new Accounting(db, () => now);
  const call = { purpose: 'translate' as const, provider: 'p', role: 'cheap', latencyMs: 100, ok: true };
  a.record({ ...call, model: 'small', usage: { input: 100, output: 10, estimated: false }, costUsd: 0.001 });
  a.record({
    ...call,
    model: 'small',
    usage: { input: 0, output: 0, estimated: true },
    costUsd: 0,
    ok: false,
    latencyMs: 300,
    error: 'timeout: x',
  });
  now += 3_600_000;
  a.record({
    ...call,
    model: 'big',
    role: 'strong',
    usage: { input: 50, output: 50, estimated: false },
    costUsd: 0.01,
    purpose: 'generate',
    pid: 7,
  });
  db.close();
  db = IntelDb.open(env.aiosHome);
  const b = new Accounting(db, () => now);
  const all = b.summary();
  assert.deepEqual(
    all.map((s) => [s.model, s.calls, s.failed, s.input, s.output, s.costUsd, s.avgLatencyMs]),
    [
      ['big', 1, 0, 50, 50, 0.01, 100],
      ['small', 2, 1, 100, 10, 0.001, 200],
    ],
  );
  assert.equal(all[1].estimated, true);
  assert.deepEqual(
    b.summary({ sinceMs: 60_000 }).map((s) => s.model),
    ['big'],
  );
  assert.deepEqual(
    b.summary({ purpose: 'translate' }).map((s) => s.model),
    ['small'],
  );
  db.close();
});
