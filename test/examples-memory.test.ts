/**
 * The memory and meaning examples of examples/agents/, each run as written on a real system
 * with its services: an assistant that remembers its user's preferences across a restart of the
 * whole system (and hands them to its LLM call), two agents sharing one namespace, and a service
 * registered for an intent and reached by a question phrased otherwise.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { RIGHTS } from '../src/kernel/index.ts';
import { ROOT } from './helpers/env.ts';
import { type LlmServer, startLlmServer } from './helpers/llm-server.ts';
import { type WithServices, withServices } from './helpers/services.ts';

let server: LlmServer;
before(async () => {
  server = await startLlmServer();
});
after(() => server.close());

const example = (name: string) => join(ROOT, 'examples', 'agents', `${name}.ts`);

async function run(
  s: WithServices,
  file: string,
  options: { name?: string; grants?: Record<string, number> } = {},
) {
  const { pid } = s.system.host.spawnFile(example(file), options);
  const exit = await s.system.host.exitOf(pid, 120_000);
  assert.equal(exit.reason, 'normal', `${file}: ${exit.message}`);
  return JSON.parse(exit.result ?? 'null');
}

test('preferences.ts learns its user’s preferences once and remembers them after a restart, for its LLM calls too', async (t) => {
  const s = await withServices(t, {
    llm: {
      providers: { local: { api: 'openai', baseUrl: `${server.url}/v1`, timeoutMs: 10_000 } },
      models: { cheap: { provider: 'local', model: 'small-model' } },
    },
  });
  const LEARNED = 'Name: Sam. Drinks green tea, never coffee. No meetings before 10:00.';
  assert.deepEqual(await run(s, 'preferences'), { learned: LEARNED, version: 1 });
  await s.reboot();
  assert.deepEqual(await run(s, 'preferences'), { remembered: LEARNED, version: 1 });
  server.reply({ kind: 'text', text: 'At 10:30, with a green tea.', usage: { input: 90, output: 9 } });
  const asked = await run(s, 'preferences', { grants: { llm: RIGHTS.USE } });
  assert.equal(asked.suggestion, 'At 10:30, with a green tea.');
  assert.equal(asked.recorded.length, 2);
  const system = (server.requests.at(-1)!.body.messages as { content: string }[])[0].content;
  assert.match(system, new RegExp(`<human bytes="${LEARNED.length}" limit="1024">\\n${LEARNED}\\n</human>`));
});

test('notes-writer.ts shares its namespace with notes-reader.ts, which finds a note by meaning and may not write', async (t) => {
  const s = await withServices(t);
  const wrote = await run(s, 'notes-writer', { name: 'notes-writer' });
  assert.deepEqual(wrote, {
    wrote: 3,
    shared: { namespace: 'agent/notes-writer', agent: 'notes-reader', access: 'read' },
  });
  assert.deepEqual(await run(s, 'notes-reader', { name: 'notes-reader' }), {
    found: 'Dana handles the annual audit and wants the receipts by March.',
    write: 'E_NO_RIGHTS',
  });
});

test('weather-service.ts registers an intent; ask-weather.ts reaches it by a question in other words', async (t) => {
  const s = await withServices(t);
  s.system.host.spawnFile(example('weather-service'), { name: 'weather-service' });
  const asked = await run(s, 'ask-weather', { name: 'ask-weather' });
  assert.equal(asked.handler, 'weather-service');
  assert.equal(asked.intent, 'weather');
  assert.equal(asked.how, 'meaning');
  assert.deepEqual(asked.reply, {
    city: 'oslo',
    forecast: 'Rain all day, 9 °C: take an umbrella.',
    for: 'ask-weather',
  });
});
