/**
 * Hostile: an agent asks memoryd where its embedding provider lives and makes it call the
 * provider. The provider's URL or model path and its last error (which may quote the server's
 * reply) are the owner's; an agent learns the provider kind, model, dimension and health only,
 * and cannot spend provider calls with `--probe`.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { INIT_PID } from '../../src/kernel/index.ts';
import { agent, withServices } from '../helpers/services.ts';

const HIDDEN_URL = 'http://127.0.0.1:9/v1/secret-path';

test('an agent learns neither the provider location nor its error, and cannot probe it', async (t) => {
  const s = await withServices(t, {
    memory: { embedder: { provider: 'openai', baseUrl: HIDDEN_URL, model: 'tiny', dimensions: 8 } },
  });
  // the owner probes first, so the provider has failed and has an error to tell
  const owner = (await s.system.services.call(INIT_PID, 'memoryd', 'status', { probe: true })) as {
    location: string;
    health: string;
  };
  assert.match(owner.location, /secret-path/, 'the owner sees where the provider is');
  assert.equal(owner.health, 'failing');

  const seen = (await s.run(
    'snoop',
    agent(`
      const plain = await os.memory.status({});
      let probe;
      try { await os.memory.status({ probe: true }); probe = 'answered'; } catch (e) { probe = e.code; }
      return { plain, probe };
    `),
  )) as { plain: Record<string, unknown>; probe: string };
  assert.equal(seen.probe, 'E_NO_RIGHTS');
  assert.equal(seen.plain.provider, 'openai');
  assert.equal(seen.plain.health, 'failing');
  assert.doesNotMatch(JSON.stringify(seen.plain), /secret-path|127\.0\.0\.1/);
});
