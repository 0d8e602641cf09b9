/**
 * The evaluation's registrations are what an author writes from a handler's purpose, not the
 * labelled messages in other words: no example repeats or nearly repeats a message of the dev and
 * held-out sets (the fourth set is checked by its own test, the one file besides the set that may read it).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { INTENT_LIMITS } from '../limits.ts';
import { DEV } from './dev.ts';
import { HANDLERS } from './handlers.ts';
import { HELDOUT } from './heldout.ts';
import { HELDOUT2 } from './heldout2.ts';
import { HELDOUT3 } from './heldout3.ts';
import { repeats, wordOverlap } from './overlap.ts';

test('no registered example repeats a labelled message (word overlap under 0.8)', () => {
  assert.deepEqual(repeats(HANDLERS, [...DEV, ...HELDOUT, ...HELDOUT2, ...HELDOUT3]), []);
});

test('each handler registers 25 or more examples, within the limit, none twice', () => {
  for (const h of HANDLERS) {
    assert.ok(h.examples.length >= 25, `${h.handler} registers ${h.examples.length}`);
    assert.ok(h.examples.length <= INTENT_LIMITS.EXAMPLES_MAX, `${h.handler} registers ${h.examples.length}`);
    const said = h.examples.map((e) => e.toLowerCase());
    assert.deepEqual(
      said.filter((e, i) => said.indexOf(e) !== i),
      [],
    );
  }
});

test('word overlap: a repeat scores 1, a shared template well under 0.8', () => {
  assert.equal(wordOverlap('Run the unit tests', 'run the unit tests'), 1);
  assert.ok(
    wordOverlap('which folder has the budget spreadsheet', 'which folder has the wedding photos') < 0.8,
  );
});
