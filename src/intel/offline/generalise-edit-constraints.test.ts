/**
 * Hostile: a word that narrows a text edit is understood or asked about, never swallowed into
 * the text written. "notes.txt: every foo becomes baz except the first" must not write "baz
 * except the first" over every foo; "foo should be bar, but not in the last line" must not be
 * answered by showing the last line; the file's own text ("the header") is no part of the new
 * text. Each asks, and nothing is changed.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { offlinePlans, type Plans } from '../../../test/helpers/atlas-plans.ts';

const CASES: string[] = [
  'notes.txt: every foo becomes baz except the first',
  'in notes.txt, foo should become bar in the header',
  'notes.txt - foo should be bar, but not in the last line',
  'in notes.txt, foo should be bar only on line 3',
  'todo.txt: milk becomes bread unless it says oat milk',
  'in todo.txt change milk to bread on the first line',
  'every foo becomes bar in notes.txt if not in a heading',
  'README.md: database -> datastore in the docs folder too',
  'docs/: guide becomes manual',
  'replace foo with bar except the first in notes.txt',
];

let plans: Plans | undefined;

for (const request of CASES)
  test(`edit constraints ask: "${request}"`, async () => {
    plans ??= await offlinePlans({ after: (fn) => process.once('exit', fn) });
    assert.equal(plans(request), 'asks');
  });
