import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { testEnv } from '../../../test/helpers/env.ts';
import { MemoryEngine } from './engine.ts';
import { lexicalQuery } from './lexical.ts';
import { WordNet } from './wordnet.ts';

test('WordNet widens a query with synonyms of its content words, not its stopwords', () => {
  const wordnet = new WordNet();
  try {
    assert.ok(wordnet.synonyms('yearly').includes('annual'));
    assert.ok(wordnet.synonyms('colleagues').includes('co-worker'), 'an inflected form finds its base form');
    assert.deepEqual(wordnet.synonyms('qwxzy'), []);
    const q = lexicalQuery('which colleague looks after the yearly audit', wordnet);
    assert.deepEqual(
      q.groups.map((g) => g[0]),
      ['colleague', 'looks', 'yearly', 'audit'],
    );
  } finally {
    wordnet.close();
  }
});

// The one test that loads the real sentence encoder (a few seconds on a busy machine).
test('with the offline encoder, hybrid search finds a paraphrase that lexical search misses', async (t) => {
  const env = testEnv(t);
  const memory = new MemoryEngine({ path: join(env.dir, 'memory.db') });
  t.after(() => memory.close());
  const facts = [
    'Dana handles the annual audit',
    'The audit of the car park lights is overdue',
    'Yearly subscription to the climbing gym renews in March',
    'Colleagues meet for lunch on Fridays at the Thai place',
    'My dentist appointment is on the 14th at 3pm',
    'Priya is allergic to peanuts',
    'The wifi password at the cabin is on the fridge',
    'Tom prefers his coffee black with no sugar',
  ];
  await memory.put(
    'alice',
    facts.map((text) => ({ text })),
  );
  const question = 'which coworker takes care of the yearly financial review';
  const lexical = await memory.search('alice', question, { mode: 'lexical', expand: false, limit: 3 });
  const hybrid = await memory.search('alice', question, { limit: 3 });
  assert.ok(
    !lexical.some((h) => h.text === facts[0]),
    `lexical alone: ${lexical.map((h) => h.text).join(' | ')}`,
  );
  assert.equal(hybrid[0].text, facts[0], `hybrid: ${hybrid.map((h) => h.text).join(' | ')}`);
  assert.ok((hybrid[0].similarity ?? 0) > 0.3);
});
