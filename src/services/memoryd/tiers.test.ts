/**
 * Core blocks and recall memory on the engine (blocks.ts, recall.ts), with the real offline
 * encoder: two writers of one new label make one block, the block count and the quota check hold,
 * the prompt section is stable, and a long answer is recorded in ordered parts that page in order.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { testEnv } from '../../../test/helpers/env.ts';
import { CoreBlocks } from './blocks.ts';
import { MemoryEngine } from './engine.ts';
import { MEMORY_LIMITS, MEMORY_TIERS } from './limits.ts';
import { Recall } from './recall.ts';

function engine(t: { after(fn: () => void): void }) {
  const env = testEnv(t);
  const memory = new MemoryEngine({ path: join(env.dir, 'memory.db') });
  t.after(() => memory.close());
  return memory;
}

test('core blocks: concurrent writers of a new label make one block; the count, limit and quota hold', async (t) => {
  const memory = engine(t);
  const asked: { items: number; bytes: number }[] = [];
  const blocks = new CoreBlocks(memory, (_ns, add) => {
    asked.push(add);
    if (add.bytes > 500) throw Object.assign(new Error('over quota'), { code: 'E_QUOTA' });
  });
  const [a, b] = await Promise.all([
    blocks.set('alice', 'human', 'Name: Sam.'),
    blocks.append('alice', 'human', 'Prefers tea.'),
  ]);
  assert.equal(a.id, b.id, 'one block, written twice');
  assert.deepEqual(
    blocks.list('alice').map((x) => [x.label, x.text, x.version]),
    [['human', 'Name: Sam.\nPrefers tea.', 2]],
  );
  assert.deepEqual(asked[0].items, 1);
  assert.deepEqual(asked[1].items, 0, 'an edit adds no memory');
  await assert.rejects(blocks.set('alice', 'notes', 'x'.repeat(600), 1000), { code: 'E_QUOTA' });
  assert.equal(blocks.list('alice').length, 1, 'nothing written past the quota check');

  for (let i = 1; i < MEMORY_TIERS.BLOCKS_MAX; i++) await blocks.set('alice', `b${i}`, `block ${i}`);
  await assert.rejects(blocks.set('alice', 'one-more', 'x'), {
    code: 'E_QUOTA',
    message: `Namespace 'alice' holds ${MEMORY_TIERS.BLOCKS_MAX} core blocks, the most it may; forget one (memory blocks lists their ids) before adding 'one-more'`,
  });
  // a block keeps its limit; a smaller one is refused when the text no longer fits
  await assert.rejects(blocks.set('alice', 'human', 'Name: Sam.\nPrefers tea.', 10), { code: 'E_TOO_BIG' });
  const prompt = blocks.prompt('alice');
  assert.equal(prompt.blocks.length, MEMORY_TIERS.BLOCKS_MAX);
  assert.equal(prompt.blocks[0].label, 'human', 'the oldest block first, whatever was written since');
  assert.deepEqual(blocks.prompt('alice'), prompt, 'the same section every time');
  assert.deepEqual(blocks.prompt('nobody'), { text: '', tokens: 0, blocks: [] });
  // the blocks are memories of kind core: searchable with the kind filter
  const hits = await memory.search('alice', 'what does Sam drink', { kinds: ['core'], limit: 1 });
  assert.equal(hits[0].id, a.id);
});

test('recall: a long answer is stored in ordered parts, and the conversation pages in order', async (t) => {
  const memory = engine(t);
  const recall = new Recall(memory, { now: () => 1_700_000_000_000 });
  const long = `${'The quarterly report is ready. '.repeat(1200)}Done.`;
  const first = await recall.record('alice', {
    prompt: 'Write the report',
    answer: long,
    model: 'm',
    input: 4,
    output: 9000,
  });
  const parts = Math.ceil(Buffer.byteLength(long) / MEMORY_LIMITS.TEXT_MAX_BYTES);
  assert.equal(first.length, 1 + parts);
  assert.equal(
    first
      .slice(1)
      .map((m) => m.text)
      .join(''),
    long,
    'the parts put back together are the answer',
  );
  assert.deepEqual(first[1].metadata, {
    role: 'assistant',
    model: 'm',
    at: 1_700_000_000_000,
    tokens: 9000,
    part: 1,
    parts,
  });
  await recall.record('alice', { prompt: 'Thanks', answer: '   ', model: 'm' });
  const all = recall.conversation('alice', { limit: 100 });
  assert.deepEqual(
    all.map((m) => m.metadata.role),
    ['user', ...Array(parts).fill('assistant'), 'user'],
    'an empty answer is not stored',
  );
  const last = recall.conversation('alice', { limit: 2 });
  assert.deepEqual(
    last.map((m) => m.id),
    all.slice(-2).map((m) => m.id),
    'the last messages, oldest first',
  );
  const next = recall.conversation('alice', { after: all[0].id, limit: 1 });
  assert.deepEqual(
    next.map((m) => m.id),
    [all[1].id],
  );
});
