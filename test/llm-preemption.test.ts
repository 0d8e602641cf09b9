/**
 * Preemption of a long LLM generation: with every llm slot taken by a batch agent's slow
 * generation, a realtime agent's request makes the kernel's scheduler preempt it; the batch
 * request goes back in line with its partial output and, granted again, continues from it
 * (assistant prefill), so its agent still receives the whole text.
 */
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { boot } from '../src/boot.ts';
import { IntelDb } from '../src/intel/db.ts';
import { RIGHTS } from '../src/kernel/rights.ts';
import { testEnv } from './helpers/env.ts';
import { core } from './helpers/internals.ts';
import { type Received, startLlmServer } from './helpers/llm-server.ts';

const LONG = 'The quick brown fox jumps over the lazy dog while the scheduler keeps its promises. '.repeat(3);

function agent(prompt: string): string {
  return `export default async function (os) {
    const r = await os.llm.generate({ prompt: ${JSON.stringify(prompt)}, maxTokens: 400 });
    return { text: r.text };
  }`;
}

test('a realtime request preempts a long batch generation, which then resumes from its partial output', async (t) => {
  const server = await startLlmServer();
  t.after(() => server.close());
  const env = testEnv(t);
  mkdirSync(env.aiosHome, { recursive: true });
  writeFileSync(
    join(env.aiosHome, 'config.json'),
    JSON.stringify({
      llm: {
        providers: { local: { api: 'openai', baseUrl: `${server.url}/v1`, timeoutMs: 60_000 } },
        models: { strong: { provider: 'local', model: 'm', stream: true } },
      },
    }),
  );
  server.fallback = (req: Received) => {
    const messages = req.body.messages as { role: string; content: string }[];
    const last = messages.at(-1)!;
    if (last.role === 'assistant') {
      assert.ok(LONG.startsWith(last.content), 'the continuation is asked from the partial output');
      return { kind: 'text', text: LONG.slice(last.content.length), pace: 2 };
    }
    if (last.content === 'short') return { kind: 'text', text: 'urgent answer' };
    // Part of the text, then nothing until the client lets go: the generation is under way
    // when the realtime request comes, on any machine.
    return { kind: 'text', text: LONG, pace: 2, holdAfter: 8, onHold: () => underWay.resolve() };
  };
  const underWay = Promise.withResolvers<void>();

  const system = await boot({ home: env.aiosHome });
  try {
    // One llm slot, so the realtime request finds it taken.
    core(system).scheduler.define({ name: 'llm', slots: 1, preemptive: true }, core(system).ports.now());
    writeFileSync(join(env.dir, 'long.ts'), agent('long'));
    writeFileSync(join(env.dir, 'short.ts'), agent('short'));

    const batch = system.host.spawnFile(join(env.dir, 'long.ts'), {
      schedClass: 'batch',
      grants: { llm: RIGHTS.USE },
    });
    await underWay.promise;
    const urgent = system.host.spawnFile(join(env.dir, 'short.ts'), {
      schedClass: 'realtime',
      grants: { llm: RIGHTS.USE },
    });

    const [longExit, shortExit] = await Promise.all([
      system.host.exitOf(batch.pid, 90_000),
      system.host.exitOf(urgent.pid, 90_000),
    ]);
    assert.equal(longExit.reason, 'normal', longExit.message);
    assert.equal(shortExit.reason, 'normal', shortExit.message);
    const long = JSON.parse(longExit.result!) as { text: string };
    const short = JSON.parse(shortExit.result!) as { text: string };
    assert.equal(short.text, 'urgent answer');
    assert.equal(long.text, LONG, 'the resumed generation delivers the whole text');

    const prompts = server.requests.map(
      (r) => (r.body.messages as { role: string; content: string }[]).at(-1)!,
    );
    assert.deepEqual(
      prompts.map((m) => (m.role === 'assistant' ? 'continue' : m.content)),
      ['long', 'short', 'continue'],
    );
    // Measured at the provider, not when each agent got round to reading its answer (on a
    // loaded machine an agent's thread may wait for a core after its answer came).
    const [, urgentRequest, resumed] = server.requests;
    assert.ok(urgentRequest.ended! <= resumed.at, 'the realtime request finished first');
    system.persist.flush();
    const lines = system.store.audit.page(0, 100_000).filter((l) => l.includes('"what":"preempted"'));
    assert.equal(lines.length, 1);
    assert.match(lines[0], new RegExp(`"pid":${batch.pid}`));
    // The stopped run is accounted (its prompt and what it streamed), not lost: the agent's
    // calls add up to more than the answer it received, by what the context switch cost.
    await new Promise((resolve) => setImmediate(resolve));
    const db = IntelDb.open(env.aiosHome);
    const rows = db
      .sql('SELECT input, output, ok FROM llm_calls WHERE pid = ? ORDER BY id')
      .all(batch.pid) as { input: number; output: number; ok: number }[];
    db.close();
    assert.deepEqual(
      rows.map((r) => r.ok),
      [0, 1],
      'the stopped run, then its continuation',
    );
    assert.ok(rows[0].output > 0 && rows[0].input > 0, `stopped run accounted: ${JSON.stringify(rows[0])}`);
  } finally {
    await system.shutdown();
  }
});
