/**
 * The fourth held-out routing set's shape, not the router's score: every label names a
 * registered handler, each handler has enough messages and about as many as the others, enough
 * messages belong to nobody, none repeats (within the set or from an earlier one), and nothing
 * under src/ reads the set, so that no router code or router test can be tuned against it (the
 * bench, outside src/, is the one reader).
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { DEV } from './dev.ts';
import { HANDLERS } from './handlers.ts';
import { HELDOUT } from './heldout.ts';
import { HELDOUT2 } from './heldout2.ts';
import { HELDOUT3 } from './heldout3.ts';
import { HELDOUT4 } from './heldout4.ts';
import { repeats } from './overlap.ts';

const said = (text: string) => text.toLowerCase().replace(/\s+/g, ' ').trim();

test('every label names a registered handler, or nobody', () => {
  const names = new Set(HANDLERS.map((h) => h.handler));
  const unknown = HELDOUT4.filter((m) => m.handler !== null && !names.has(m.handler));
  assert.deepEqual(unknown, []);
});

test('at least 180 messages, 10 or more per handler and spread evenly, 25 or more for nobody', () => {
  assert.ok(HELDOUT4.length >= 180, `${HELDOUT4.length} messages`);
  const counts = HANDLERS.map((h) => HELDOUT4.filter((m) => m.handler === h.handler).length);
  assert.ok(Math.min(...counts) >= 10, `a handler has ${Math.min(...counts)} messages`);
  assert.ok(Math.max(...counts) - Math.min(...counts) <= 2, `handlers have ${counts.join(', ')} messages`);
  const nobody = HELDOUT4.filter((m) => m.handler === null).length;
  assert.ok(nobody >= 25, `${nobody} messages for nobody`);
});

test('no message appears twice, nor repeats one of an earlier set', () => {
  const mine = HELDOUT4.map((m) => said(m.text));
  assert.deepEqual(
    mine.filter((t, i) => mine.indexOf(t) !== i),
    [],
  );
  const earlier = new Set([...DEV, ...HELDOUT, ...HELDOUT2, ...HELDOUT3].map((m) => said(m.text)));
  assert.deepEqual(
    mine.filter((t) => earlier.has(t)),
    [],
  );
});

test('no registered example repeats a message of the set (word overlap under 0.8)', () => {
  assert.deepEqual(repeats(HANDLERS, HELDOUT4), []);
});

test('nothing under src/ reads the set but the set and this test', () => {
  const src = join(import.meta.dirname, '..', '..', '..');
  const readers: string[] = [];
  const visit = (dir: string) => {
    for (const d of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, d.name);
      if (d.isDirectory()) visit(path);
      else if (/\.(ts|js|mjs)$/.test(d.name) && readFileSync(path, 'utf8').includes('heldout4'))
        readers.push(relative(src, path));
    }
  };
  visit(src);
  assert.deepEqual(
    // the sets' shape tests compare texts with this one, never route them
    readers.filter((p) => !/^services\/intents\/eval\/(heldout4|heldout\d+\.test)\.ts$/.test(p)),
    [],
  );
});
