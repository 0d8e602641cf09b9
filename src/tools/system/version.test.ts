/**
 * "do i have go installed": a runtime that is not on PATH is an answer ("not installed"), not
 * a failed step; one that is there reports its version.
 */
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { testEnv } from '../../../test/helpers/env.ts';
import { toolContext } from '../../shell/context.ts';
import { version } from './version.ts';

test('a runtime missing from PATH is answered as not installed; node reports its version', async (t) => {
  const env = testEnv(t);
  const ctx = toolContext({ cwd: env.dir, home: env.home, roots: [], forbidden: [] });
  const found = (await version.run({ program: 'node' }, ctx)) as Record<string, unknown>;
  assert.equal(found.installed, true);
  assert.match(String(found.version), /\d+\.\d+/);
  const empty = join(env.dir, 'empty-bin');
  mkdirSync(empty);
  const saved = process.env.PATH;
  process.env.PATH = empty;
  try {
    const out = (await version.run({ program: 'go' }, ctx)) as Record<string, unknown>;
    assert.equal(out.installed, false);
    assert.match(String(out.version), /not installed/);
  } finally {
    process.env.PATH = saved;
  }
});
