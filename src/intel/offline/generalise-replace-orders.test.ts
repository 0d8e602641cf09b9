/**
 * A text edit said in any order (edit-orders.ts): the file first with a colon, a comma, a dash
 * or "in" ("notes.txt: every foo becomes baz", "in README.md change X to Y"), the file last,
 * the change as "becomes", an arrow or "should be/say", what the text is ("the heading 'x'",
 * "the line 'y'"), and the file named by its kind ("the config file"). Requests written apart
 * from any evaluation set; each must give the plan shown, or "asks". A folder said first is
 * never an edit of every file in it, and an edit with no file or no new text asks.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { offlinePlans, type Plans } from '../../../test/helpers/atlas-plans.ts';

const swap = (file: string, find: string, replace: string) =>
  `text.replace ${JSON.stringify({ paths: [file], find, replace })}`;

/** The first requests, written before the mechanism (2 of 20 passed before it). */
const CASES: [request: string, plan: string][] = [
  ['todo.txt: milk becomes bread', swap('todo.txt', 'milk', 'bread')],
  ['README.md: database -> datastore', swap('README.md', 'database', 'datastore')],
  ['in notes.txt, change meeting to call', swap('notes.txt', 'meeting', 'call')],
  ['inside todo.txt swap milk for oat milk', swap('todo.txt', 'milk', 'oat milk')],
  ['notes.txt - foo should be bar', swap('notes.txt', 'foo', 'bar')],
  ['in notes.txt, Bob should be Robert', swap('notes.txt', 'Bob', 'Robert')],
  ['in the file todo.txt make report say summary', swap('todo.txt', 'report', 'summary')],
  ['todo.txt, change milk to juice pls', swap('todo.txt', 'milk', 'juice')],
  ['for README.md: rename database to datastore everywhere', swap('README.md', 'database', 'datastore')],
  ['in notes.txt turn every foo into bar', swap('notes.txt', 'foo', 'bar')],
  ['everywhere in notes.txt, foo -> bar', swap('notes.txt', 'foo', 'bar')],
  [
    "change the title '# Guide' in docs/guide.md to '# Handbook'",
    swap('docs/guide.md', '# Guide', '# Handbook'),
  ],
  ["update the line 'buy milk' in todo.txt to 'buy bread'", swap('todo.txt', 'buy milk', 'buy bread')],
  ['in README.md, the word database should read datastore', swap('README.md', 'database', 'datastore')],
  ["todo.txt: 'buy milk' -> 'buy bread'", swap('todo.txt', 'buy milk', 'buy bread')],
  ['in the readme change database to datastore', swap('README.md', 'database', 'datastore')],
  ['foo should become bar in notes.txt', swap('notes.txt', 'foo', 'bar')],
  ['notes.txt: every Bob becomes Alice', swap('notes.txt', 'Bob', 'Alice')],
  ['in the config file, switch http to https', swap('config.json', 'http', 'https')],
  ['every foo becomes bar', 'asks'],
];

/** Written after the mechanism worked (4 of 5 passed unchanged; the rest then fixed in general). */
const MORE: [request: string, plan: string][] = [
  ['for notes.txt: change Bob to Bobby', swap('notes.txt', 'Bob', 'Bobby')],
  ["todo.txt — 'write report' → 'write summary'", swap('todo.txt', 'write report', 'write summary')],
  [
    "could you make 'Meeting notes' read 'Meeting minutes' in notes.txt",
    swap('notes.txt', 'Meeting notes', 'Meeting minutes'),
  ],
  [
    'in config.json switch example.com to example.org please',
    swap('config.json', 'example.com', 'example.org'),
  ],
  ['every TODO in notes.txt should become DONE', swap('notes.txt', 'TODO', 'DONE')],
];

let plans: Plans | undefined;

for (const [request, expected] of [...CASES, ...MORE])
  test(`replace orders: "${request}"`, async () => {
    plans ??= await offlinePlans({ after: (fn) => process.once('exit', fn) });
    assert.equal(plans(request), expected);
  });
