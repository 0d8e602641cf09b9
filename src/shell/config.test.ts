import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { testEnv } from '../../test/helpers/env.ts';
import { loadConfig, rootsFor } from './config.ts';

test('defaults: cwd and HOME are the roots; 30 changes a minute', (t) => {
  const env = testEnv(t);
  const c = loadConfig(env.dir, {});
  assert.deepEqual(rootsFor(c, '/w', '/h'), ['/w', '/h']);
  assert.equal(c.mutatingStepsPerMinute, 30);
});

test('atlas.json adds roots; AIOS_ATLAS_ROOTS replaces them', (t) => {
  const env = testEnv(t);
  writeFileSync(
    join(env.dir, 'atlas.json'),
    JSON.stringify({ roots: ['/srv/data'], mutatingStepsPerMinute: 5 }),
  );
  assert.deepEqual(rootsFor(loadConfig(env.dir, {}), '/w', '/h'), ['/w', '/h', '/srv/data']);
  assert.deepEqual(rootsFor(loadConfig(env.dir, { AIOS_ATLAS_ROOTS: '/a:/b' }), '/w', '/h'), ['/a', '/b']);
});

test('a bad config file is one clear line naming the file and field', (t) => {
  const env = testEnv(t);
  writeFileSync(join(env.dir, 'atlas.json'), '{ not json');
  assert.throws(() => loadConfig(env.dir, {}), /atlas\.json is not valid JSON/);
  writeFileSync(join(env.dir, 'atlas.json'), JSON.stringify({ roots: 'everywhere' }));
  assert.throws(() => loadConfig(env.dir, {}), /atlas\.json: 'roots'/);
  writeFileSync(join(env.dir, 'atlas.json'), JSON.stringify({ colour: 'gold' }));
  assert.throws(() => loadConfig(env.dir, {}), /atlas\.json/);
});
