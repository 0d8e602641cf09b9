import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { testEnv } from '../../../test/helpers/env.ts';
import { complete } from './shell.ts';

test('Tab completes commands and request words first, then file names (directories end in /)', (t) => {
  const env = testEnv(t);
  mkdirSync(join(env.dir, 'docs'));
  writeFileSync(join(env.dir, 'notes.txt'), '');
  assert.deepEqual(complete('und', env.dir), [['undo'], 'und']);
  assert.deepEqual(complete('delete no', env.dir), [['notes.txt', 'now'], 'no']);
  assert.deepEqual(complete('zip do', env.dir), [['docs/'], 'do']);
  assert.deepEqual(complete('zip docs/', env.dir)[0], []);
});
