/**
 * `npx aios …` as a user types it on a machine whose system Node is older than 24 (this kind has
 * Node 20): npm itself runs on the old Node, and without the project's .npmrc it printed about
 * ten lines of EBADENGINE warnings and update notices before aios's own output. A script reading
 * `--json` must see only aios's output.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { test } from 'node:test';
import { ROOT, testEnv } from './helpers/env.ts';

/** The user's PATH: what the shell has, without the project's node_modules/.bin that npm adds. */
const userPath = (process.env.PATH ?? '')
  .split(delimiter)
  .filter((dir) => !dir.includes('node_modules'))
  .join(delimiter);
const systemNpx = userPath.split(delimiter).find((dir) => existsSync(join(dir, 'npx')));

test('npx aios prints only aios output, even when npm runs on an older system Node', {
  skip: systemNpx === undefined && 'no npx outside node_modules on PATH',
}, (t) => {
  const env = testEnv(t);
  // A user's shell has none of the npm_config_* variables `npm test` sets for its children.
  const userEnv = Object.fromEntries(
    Object.entries(env.env).filter(([key]) => !key.toLowerCase().startsWith('npm_')),
  );
  const r = spawnSync(join(systemNpx as string, 'npx'), ['aios', 'ps', '--all', '--json'], {
    cwd: ROOT,
    env: { ...userEnv, PATH: userPath },
    encoding: 'utf8',
    timeout: 60_000,
  });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stderr, '', 'nothing but aios output on stderr');
  assert.doesNotThrow(() => JSON.parse(r.stdout), `stdout is aios's JSON: ${r.stdout.slice(0, 200)}`);
});
