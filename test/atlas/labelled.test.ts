/**
 * The labelled set (at least 200 realistic requests, test/atlas/requests*.ts), each run
 * against a fresh fixture and judged by the files and output it leaves. The offline
 * translator must succeed on at least 90% and make schema-valid plans for at least 99%.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { testEnv } from '../helpers/env.ts';
import { perTool, runLabelled } from './labelled.ts';
import { CASES } from './requests.ts';

test('offline translator: the labelled set succeeds on >= 90% with >= 99% valid plans', {
  timeout: 300_000,
}, async (t) => {
  assert.ok(CASES.length >= 200, `the labelled set has ${CASES.length} requests; it needs at least 200`);
  const env = testEnv(t);
  const reports = await runLabelled({ dir: join(env.dir, 'labelled'), aiosHome: env.aiosHome, cases: CASES });
  const rows = perTool(reports);
  const pct = (a: number, b: number) => (b === 0 ? '-' : `${((a / b) * 100).toFixed(1)}%`);
  t.diagnostic('tool      cases  success        valid plans');
  for (const r of rows) {
    t.diagnostic(
      `${r.tool.padEnd(8)}  ${String(r.cases).padStart(5)}  ${pct(r.ok, r.cases).padStart(6)} (${r.ok})  ${pct(r.valid, r.plans).padStart(6)} (${r.valid}/${r.plans})`,
    );
  }
  for (const r of reports.filter((x) => !x.ok)) t.diagnostic(`failed: [${r.tool}] ${r.request}: ${r.reason}`);
  const total = rows.at(-1)!;
  assert.ok(total.ok / total.cases >= 0.9, `success ${pct(total.ok, total.cases)} is under 90%`);
  assert.ok(total.valid / total.plans >= 0.99, `valid plans ${pct(total.valid, total.plans)} are under 99%`);
});
