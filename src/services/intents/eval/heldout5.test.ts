/**
 * The fifth held-out set's shape: real handlers, enough messages for each and for nobody, no
 * message repeated within it or from the earlier sets, and nothing in src/ reading it (only the
 * bench), so it stays blind to the router it measures.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { test } from 'node:test';
import { DEV } from './dev.ts';
import { HANDLERS } from './handlers.ts';
import { HELDOUT } from './heldout.ts';
import { HELDOUT2 } from './heldout2.ts';
import { HELDOUT3 } from './heldout3.ts';
import { HELDOUT4 } from './heldout4.ts';
import { HELDOUT5 } from './heldout5.ts';
import { repeats } from './overlap.ts';

const SRC = resolve(import.meta.dirname, '..', '..', '..');
const BENCH = resolve(SRC, '..', 'bench', 'intents.bench.ts');

/** What a message says, ignoring case, punctuation and spacing. */
const said = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

test('every label names a registered handler or nobody', () => {
  const names = new Set(HANDLERS.map((h) => h.handler));
  const unknown = HELDOUT5.filter((m) => m.handler !== null && !names.has(m.handler));
  assert.deepEqual(unknown, []);
});

test('at least 210 messages for handlers, at least 13 each and spread evenly, and 35 for nobody', () => {
  const counts = HANDLERS.map((h) => HELDOUT5.filter((m) => m.handler === h.handler).length);
  const routable = counts.reduce((a, b) => a + b, 0);
  assert.ok(routable >= 210, `${routable} messages for handlers`);
  assert.ok(Math.min(...counts) >= 13, `per handler: ${counts.join(', ')}`);
  assert.ok(Math.max(...counts) - Math.min(...counts) <= 2, `per handler: ${counts.join(', ')}`);
  const nobody = HELDOUT5.filter((m) => m.handler === null).length;
  assert.ok(nobody >= 35, `${nobody} messages for nobody`);
});

test('no message is said twice, here or in an earlier set', () => {
  const seen = new Map<string, string>();
  const repeats: string[] = [];
  for (const m of HELDOUT5) {
    const key = said(m.text);
    if (seen.has(key)) repeats.push(m.text);
    seen.set(key, m.text);
  }
  assert.deepEqual(repeats, [], 'repeated within the fifth set');
  const earlier = new Set(
    [...DEV, ...HELDOUT, ...HELDOUT2, ...HELDOUT3, ...HELDOUT4].map((m) => said(m.text)),
  );
  const shared = HELDOUT5.filter((m) => earlier.has(said(m.text))).map((m) => m.text);
  assert.deepEqual(shared, [], 'also in an earlier set');
});

test('nothing in src/ reads the set; the bench does', () => {
  const readers: string[] = [];
  const walk = (dir: string) => {
    for (const d of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, d.name);
      if (d.isDirectory()) walk(path);
      else if (/\.(ts|js|mjs)$/.test(d.name) && readFileSync(path, 'utf8').includes('heldout5'))
        readers.push(relative(SRC, path));
    }
  };
  walk(SRC);
  assert.deepEqual(
    readers.filter((p) => !/^services\/intents\/eval\/heldout5(\.test)?\.ts$/.test(p)),
    [],
  );
  assert.match(readFileSync(BENCH, 'utf8'), /from '\.\.\/src\/services\/intents\/eval\/heldout5\.ts'/);
});

test('no registered example repeats a message of the set (word overlap under 0.8)', () => {
  assert.deepEqual(repeats(HANDLERS, HELDOUT5), []);
});
