import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { testEnv } from '../../../test/helpers/env.ts';
import { MemoryEngine } from './engine.ts';
import { MEMORY_LIMITS } from './limits.ts';

test('a query whose words are everywhere still ranks the memory with its rare word first, however old', async (t) => {
  const env = testEnv(t);
  const memory = new MemoryEngine({ path: join(env.dir, 'memory.db') });
  t.after(() => memory.close());
  const common = MEMORY_LIMITS.LEXICAL_EXACT_POSTINGS; // "weekly" and "meeting" each in this many
  const texts = [
    'The weekly meeting with Zebedee moved to Friday',
    ...Array.from({ length: common }, (_, i) =>
      i % 2 ? `Notes ${i} from the weekly meeting` : `Meeting notes ${i}, weekly`,
    ),
    'Weekly planning is on Mondays',
  ];
  const v = new Float32Array(8);
  v[0] = 1;
  await memory.put(
    'alice',
    texts.map((text) => ({ text })),
    { vectors: texts.map(() => v), model: 'test-8', link: false },
  );
  // Heavier than the exact plan allows: "zebedee" is rare and ranked over all its matches,
  // "weekly" and "meeting" only over their newest ones, and a memory's two scores add up.
  const hits = await memory.search('alice', 'weekly meeting zebedee', { mode: 'lexical', expand: false });
  assert.equal(hits[0].text, texts[0], 'the oldest memory, found by its rare word');
  assert.ok(hits.length === 10);
  assert.ok(
    hits.slice(1).every((h) => /weekly/i.test(h.text) && /meeting/i.test(h.text)),
    'memories with both common words rank above one with only one of them',
  );
});
