import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { testEnv } from '../../test/helpers/env.ts';
import { Accounting } from './accounting.ts';
import { loadLlmConfig } from './config.ts';
import { ConfigError } from './config-error.ts';
import { IntelDb } from './db.ts';
import { Learning } from './learning.ts';
import { prune, pruneIfDue } from './retention.ts';

const DAY = 86_400_000;

function rows(db: IntelDb, table: string): number {
  return (db.sql(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
}

test('accounting, translations and feedback older than the retention, or beyond its row count, are deleted', (t) => {
  const env = testEnv(t);
  const db = IntelDb.open(env.aiosHome);
  t.after(() => db.close());
  const now = Date.UTC(2026, 11, 1);
  let clock = now - 100 * DAY;
  const accounting = new Accounting(db, () => clock);
  const learning = new Learning(db, () => clock);
  const call = {
    purpose: 'translate' as const,
    provider: 'local',
    model: 'm',
    role: 'strong',
    usage: { input: 10, output: 5, estimated: false },
    costUsd: 0,
    latencyMs: 1,
    ok: true,
  };
  // 50 of each a hundred days ago, then 300 of each within the last day.
  for (let i = 0; i < 350; i++) {
    clock = i < 50 ? now - 100 * DAY + i : now - DAY + i;
    accounting.record(call);
    learning.feedback(`ref-${i}`, 'up');
  }
  assert.equal(rows(db, 'llm_calls'), 350);
  const removed = prune(db, { days: 30, rows: 200 }, now);
  assert.deepEqual(removed, { llm_calls: 150, translations: 0, feedback: 150 });
  assert.equal(rows(db, 'llm_calls'), 200);
  assert.equal(rows(db, 'feedback'), 200);
  const oldest = db.sql('SELECT min(at) AS at FROM llm_calls').get() as { at: number };
  assert.equal(oldest.at, now - DAY + 150, 'the newest rows are the ones kept');
});

test('pruning runs at most once an hour, including when intel.db is opened', (t) => {
  const env = testEnv(t);
  const db = IntelDb.open(env.aiosHome);
  t.after(() => db.close());
  const now = Date.now();
  assert.equal(pruneIfDue(db, { days: 1, rows: 100 }, now), false, 'open has just pruned');
  assert.equal(pruneIfDue(db, { days: 1, rows: 100 }, now + 3_600_000), true);
});

test('the retention setting is read from config.json and checked against its bounds', (t) => {
  const env = testEnv(t);
  const write = (retention: unknown) =>
    writeFileSync(
      join(env.aiosHome, 'config.json'),
      JSON.stringify({
        llm: {
          providers: { local: { api: 'openai', baseUrl: 'http://127.0.0.1:9/v1' } },
          models: { strong: { provider: 'local', model: 'm' } },
          retention,
        },
      }),
    );
  IntelDb.open(env.aiosHome).close();
  write({ days: 30, rows: 5000 });
  assert.deepEqual(loadLlmConfig(env.aiosHome, {})?.retention, { days: 30, rows: 5000 });
  write({ days: 0 });
  assert.throws(
    () => loadLlmConfig(env.aiosHome, {}),
    (e: unknown) => {
      assert.ok(e instanceof ConfigError);
      assert.match(e.message, /llm\.retention\.days/);
      return true;
    },
  );
});
