/**
 * On a restart, the audit entries boot writes before the ready line are hashed in plain
 * JavaScript (node:crypto loads right after the line, src/platform/crypto.ts) and the rest by
 * node:crypto: the journal must read as one chain, signed as before, and a kill -9 the moment
 * the line is out must lose nothing written before it.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { aios, aiosUp, testEnv } from './helpers/env.ts';

test('restarts, one killed at its ready line, leave every boot in a chain that verifies', async (t) => {
  const env = testEnv(t);
  const first = await aiosUp(env);
  assert.equal(await first.stop(), 0);
  const killed = await aiosUp(env);
  await killed.stop('SIGKILL'); // the moment its ready line is read
  const again = await aiosUp(env);
  assert.equal(await again.stop(), 0);

  const verify = await aios(env, ['audit', 'verify']);
  assert.equal(verify.code, 0, verify.stdout + verify.stderr);
  const exported = await aios(env, ['audit', 'export']);
  assert.equal(exported.code, 0, exported.stderr);
  const entries = exported.stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { what?: string; kind?: string; detail?: { resumedAt?: number } });
  const boots = entries.filter((e) => e.what === 'kernel_boot');
  assert.equal(boots.length, 3, 'each boot is in the journal, the killed one too');
  assert.ok(
    entries.some((e) => e.what === 'audit_unsealed_tail'),
    'the run after the kill says it signed what the killed run left unsigned',
  );
  assert.ok(entries.filter((e) => e.kind === 'seal').length >= 2, 'clean stops seal what they wrote');
});
