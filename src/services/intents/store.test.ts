import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { testEnv } from '../../../test/helpers/env.ts';
import { RegistrationStore } from './store.ts';

test('a registration comes back from disk with its counterexamples; one without has none', (t) => {
  const env = testEnv(t);
  mkdirSync(env.aiosHome, { recursive: true });
  const path = join(env.aiosHome, 'intents.db');
  const store = new RegistrationStore(path);
  store.put(
    {
      handler: 'forecaster',
      intent: 'weather',
      description: 'Forecasts',
      examples: ['will it rain'],
      counterexamples: ['write a poem about the rain'],
    },
    undefined,
    1,
  );
  store.put(
    { handler: 'player', intent: 'music', description: 'Songs', examples: ['play jazz'] },
    undefined,
    2,
  );
  store.close();
  const again = new RegistrationStore(path);
  t.after(() => again.close());
  const [weather, music] = again.all();
  assert.deepEqual(weather.reg.counterexamples, ['write a poem about the rain']);
  assert.equal(music.reg.counterexamples, undefined);
});
