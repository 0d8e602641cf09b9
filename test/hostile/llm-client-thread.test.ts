/**
 * The LLM client thread dies (a bug, memory, anything): the requests it had in flight fail
 * with that cause, not a hang and not a provider's fault (the breaker stays closed); a new
 * thread serves the next request; the host, and an agent that has nothing to do with the
 * LLM, keep running.
 */
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { boot } from '../../src/boot.ts';
import { Breakers } from '../../src/intel/breaker.ts';
import { IntelDb } from '../../src/intel/db.ts';
import { createLlmExecutor } from '../../src/intel/executor.ts';
import { RIGHTS } from '../../src/kernel/rights.ts';
import { testEnv } from '../helpers/env.ts';
import { startRateLimitedProvider } from '../helpers/rate-limited-provider.ts';

test('the LLM client thread crashing fails its requests with the cause, restarts, and the host and a bystander run on', async (t) => {
  // 200 tokens at 10 ms each: two seconds of generation, long enough to die in the middle.
  const provider = await startRateLimitedProvider({ slots: 4, decodeMsPerToken: 10 });
  t.after(() => provider.close());
  const env = testEnv(t);
  mkdirSync(env.aiosHome, { recursive: true });
  writeFileSync(
    join(env.aiosHome, 'config.json'),
    JSON.stringify({
      llm: {
        providers: { local: { api: 'openai', baseUrl: `${provider.url}/v1`, timeoutMs: 30_000 } },
        models: { strong: { provider: 'local', model: 'm', stream: true } },
      },
    }),
  );
  const system = await boot({ home: env.aiosHome });
  const executor = await createLlmExecutor({
    home: env.aiosHome,
    env: {},
    onCapacity: (c) => system.host.resources.resize('llm', c),
  });
  system.host.setExecutor('llm', executor);
  try {
    const asker = join(env.dir, 'asker.ts');
    writeFileSync(
      asker,
      `export default async function (os) {
        try {
          return (await os.llm.generate({ prompt: 'a long one', maxTokens: 200 })).text.length;
        } catch (e) {
          return 'failed: ' + e.code + ': ' + e.message;
        }
      }`,
    );
    const bystander = join(env.dir, 'bystander.ts');
    writeFileSync(
      bystander,
      `export default async function (os) {
        let n = 0;
        for (let i = 0; i < 20; i++) { await os.sleep(50); n++; }
        return n;
      }`,
    );
    const askers = [1, 2, 3].map((_) => system.host.spawnFile(asker, { grants: { llm: RIGHTS.USE } }).pid);
    const calm = system.host.spawnFile(bystander, {}).pid;
    // Kill the thread once the provider is generating for all three.
    for (let i = 0; i < 2000 && provider.stats.admitted < 3; i++) await new Promise((r) => setTimeout(r, 5));
    assert.equal(provider.stats.admitted, 3, 'the three requests reached the provider');
    await executor.client.thread.terminate();

    for (const pid of askers) {
      const exit = await system.host.exitOf(pid, 30_000);
      assert.equal(exit.reason, 'normal', exit.message);
      const said = JSON.parse(exit.result!) as string;
      assert.match(said, /^failed: E_BAD_STATE: No model answered: .*the LLM client thread stopped/);
    }
    assert.equal(executor.client.crashes, 1);
    const calmExit = await system.host.exitOf(calm, 30_000);
    assert.equal(calmExit.reason, 'normal');
    assert.equal(calmExit.result, '20');

    // A new thread answers the next request; the thread's death was not the provider's fault.
    const again = system.host.spawnFile(asker, { grants: { llm: RIGHTS.USE } }).pid;
    const exit = await system.host.exitOf(again, 30_000);
    assert.equal(exit.result, String('tok '.repeat(200).length));
    const db = IntelDb.open(env.aiosHome);
    t.after(() => db.close());
    assert.equal(new Breakers(db, { failures: 3, cooldownMs: 30_000 }).info('local').state, 'closed');
  } finally {
    executor.close();
    await system.shutdown();
  }
});
