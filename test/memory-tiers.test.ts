/**
 * Letta's memory tiers as memoryd objects, through a real system with its services and the LLM
 * service on a local OpenAI-compatible protocol server: an agent edits its core blocks and hands
 * them to its LLM call (they reach the provider's request, before the system prompt); the
 * exchange is recorded as recall memory when asked, and only then; the limits say which block.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { INIT_PID, RIGHTS } from '../src/kernel/index.ts';
import { type LlmServer, startLlmServer } from './helpers/llm-server.ts';
import { agent, withServices } from './helpers/services.ts';

let server: LlmServer;
before(async () => {
  server = await startLlmServer();
});
after(() => server.close());

export const llmConfig = (url: string) => ({
  llm: {
    providers: { local: { api: 'openai', baseUrl: `${url}/v1`, timeoutMs: 10_000 } },
    models: { cheap: { provider: 'local', model: 'small-model' } },
  },
});

type Tried = { ok?: unknown; code?: string; message?: string };

test('core blocks reach the model before the system prompt, and the exchange is recorded only when asked', async (t) => {
  server.requests.length = 0;
  const s = await withServices(t, llmConfig(server.url));
  server.reply(
    { kind: 'text', text: 'Offer Sam a green tea.', usage: { input: 120, output: 6 } },
    { kind: 'text', text: 'Nothing to say.', usage: { input: 5, output: 4 } },
  );
  const out = (await s.run(
    'butler',
    agent(`
    await os.memory.set({ label: 'persona', text: 'You are a concise butler.' });
    await os.memory.set({ label: 'human', text: 'Name: Sam.' });
    await os.memory.append({ label: 'human', text: 'Prefers tea.' });
    const human = await os.memory.replace({ label: 'human', old: 'tea', new: 'green tea' });
    const answer = await os.llm.generate({
      prompt: 'What should I offer Sam?', system: 'Answer in one line.', memory: { core: true, record: true },
    });
    const plain = await os.llm.generate({ prompt: 'Say nothing' });
    const { messages } = await os.memory.conversation({});
    const { hits } = await os.memory.search({ query: 'what to offer Sam', kinds: ['recall'] });
    return {
      human, answer, plain,
      messages: messages.map((m) => ({ kind: m.kind, text: m.text, metadata: m.metadata })),
      hits: hits.map((h) => h.text),
      blocks: (await os.memory.blocks({})).blocks.map((b) => [b.label, b.text, b.limit]),
      history: (await os.memory.history({ id: human.id })).versions.map((v) => v.text),
      tooBig: await attempt(() => os.memory.set({ label: 'notes', text: 'x'.repeat(3000) })),
      badLabel: await attempt(() => os.memory.set({ label: 'My Notes', text: 'x' })),
      missing: await attempt(() => os.memory.replace({ label: 'human', old: 'coffee', new: 'tea' })),
      noFit: await attempt(() => os.llm.generate({ prompt: 'x', memory: { core: true, budget: 60 } })),
      badOption: await attempt(() => os.llm.generate({ prompt: 'x', memory: { core: 'yes' } })),
      putCore: await attempt(() => os.memory.put({ text: 'x', kind: 'core' })),
      editRecall: await attempt(() => os.memory.update({ id: messages[0].id, text: 'I never said that' })),
    };
  `),
    undefined,
    { llm: RIGHTS.USE },
  )) as Record<string, unknown> & {
    answer: { text: string; recorded: number[] };
    plain: { text: string; recorded?: number[] };
    messages: { kind: string; text: string; metadata: Record<string, unknown> }[];
    human: { label: string; text: string; version: number };
  };

  assert.equal(out.human.text, 'Name: Sam.\nPrefers green tea.');
  assert.deepEqual(out.history, ['Name: Sam.', 'Name: Sam.\nPrefers tea.', 'Name: Sam.\nPrefers green tea.']);
  assert.deepEqual(out.blocks, [
    ['persona', 'You are a concise butler.', 2048],
    ['human', 'Name: Sam.\nPrefers green tea.', 2048],
  ]);

  // What the provider received: the blocks, delimited, then the agent's own system prompt
  assert.equal(server.requests.length, 2, 'the refused calls never reached the model');
  const [first, second] = server.requests.map((r) => r.body.messages as { role: string; content: string }[]);
  assert.equal(first[0].role, 'system');
  const system = first[0].content;
  assert.match(system, /^<memory_blocks>\n/);
  assert.ok(
    system.includes(
      '<persona bytes="25" limit="2048">\nYou are a concise butler.\n</persona>\n<human bytes="29" limit="2048">\nName: Sam.\nPrefers green tea.\n</human>\n</memory_blocks>\n\nAnswer in one line.',
    ),
    system,
  );
  assert.deepEqual(first[1], { role: 'user', content: 'What should I offer Sam?' });
  assert.deepEqual(second, [{ role: 'user', content: 'Say nothing' }], 'no blocks unless asked');

  // Recorded: both sides of the first exchange, in order, and nothing of the second
  assert.equal(out.answer.text, 'Offer Sam a green tea.');
  assert.equal(out.answer.recorded.length, 2);
  assert.equal(out.plain.recorded, undefined);
  assert.deepEqual(
    out.messages.map((m) => [m.kind, m.text, m.metadata.role, m.metadata.model, m.metadata.tokens]),
    [
      ['recall', 'What should I offer Sam?', 'user', 'small-model', 120],
      ['recall', 'Offer Sam a green tea.', 'assistant', 'small-model', 6],
    ],
  );
  assert.equal(typeof out.messages[0].metadata.at, 'number');
  assert.ok(
    (out.hits as string[]).includes('What should I offer Sam?'),
    'recall memory is searchable by kind',
  );
  assert.ok(
    !(out.hits as string[]).some((h) => h.includes('butler')),
    'kinds: [recall] leaves the blocks out',
  );

  const refused = (name: string) => out[name] as Tried;
  assert.equal(refused('tooBig').code, 'E_TOO_BIG');
  assert.match(
    refused('tooBig').message!,
    /^Core block 'notes' would hold 3000 bytes, over its 2048-byte limit; /,
  );
  assert.equal(refused('badLabel').code, 'E_BAD_ARG');
  assert.match(refused('badLabel').message!, /^Block label 'My Notes' is not a lowercase word/);
  assert.equal(refused('missing').code, 'E_NOT_FOUND');
  assert.match(refused('missing').message!, /^Core block 'human' does not contain 'coffee'/);
  assert.equal(refused('noFit').code, 'E_TOO_BIG');
  assert.match(refused('noFit').message!, /^Core block 'persona' does not fit: .* over the 60-token budget/);
  assert.equal(refused('badOption').code, 'E_BAD_ARG');
  assert.equal(refused('badOption').message, "os.llm.generate: memory.core must be a boolean, not 'yes'");
  assert.equal(refused('putCore').code, 'E_BAD_ARG');
  assert.match(refused('putCore').message!, /write it with memory set, append or replace/);
  assert.equal(refused('editRecall').code, 'E_BAD_ARG');

  // The owner lists the agent's conversation by its name; every write is audited without content
  const listed = (await s.system.services.call(INIT_PID, 'memoryd', 'conversation', { agent: 'butler' })) as {
    messages: { text: string }[];
  };
  assert.equal(listed.messages.length, 2);
  const check = await s.system.services.call(INIT_PID, 'memoryd', 'check', {});
  assert.equal((check as { ok: boolean }).ok, true);
});

test('recording is held to the namespace quota, and a generation without memory records nothing', async (t) => {
  server.requests.length = 0;
  const s = await withServices(t, { ...llmConfig(server.url), memory: { quotas: { items: 3 } } });
  server.fallback = () => ({ kind: 'text', text: 'ok', usage: { input: 1, output: 1 } });
  t.after(() => {
    server.fallback = undefined;
  });
  const out = (await s.run(
    'chatty',
    agent(`
    const first = await os.llm.generate({ prompt: 'one', memory: { record: true } });
    const second = await attempt(() => os.llm.generate({ prompt: 'two', memory: { record: true } }));
    await os.llm.generate({ prompt: 'three' });
    return { first: first.recorded.length, second, count: (await os.memory.conversation({})).messages.length };
  `),
    undefined,
    { llm: RIGHTS.USE },
  )) as { first: number; second: Tried; count: number };
  assert.equal(out.first, 2);
  assert.equal(out.second.code, 'E_QUOTA');
  assert.match(
    out.second.message!,
    /^The model answered, but the exchange was not recorded: Namespace 'agent\/chatty' holds 2 memories, and 2 more would pass its quota of 3; /,
  );
  assert.equal(out.count, 2, 'the refused exchange is all or nothing, the plain one never recorded');
  assert.equal(server.requests.length, 3);
});
