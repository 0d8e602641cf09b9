/**
 * Safety of the writing kinds (text-line-ends.ts, edit-orders.ts): lines taken out of either end
 * of a file are taken out (confirmed and undoable), never shown instead; a whole file given a
 * new text is written, never searched for the words "of config.json"; and what constrains the
 * edit (how many lines, which file) is understood or asked about, never dropped. Requests
 * written apart from any evaluation set; each must give the plan shown, or "asks".
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { offlinePlans, type Plans } from '../../../test/helpers/atlas-plans.ts';

const LAST = (file: string, n: number) =>
  `text.replace ${JSON.stringify({ paths: [file], find: `(?<![^\\n])(?=[^])(?<last>(?:[^\\n]*(?:\\n|$)){${n}})(?![^])`, replace: '', regex: true })}`;
const FIRST = (file: string, n: number) =>
  `text.replace ${JSON.stringify({ paths: [file], find: `^(?<first>(?:[^\\n]*(?:\\n|$)){${n}})`, replace: '', regex: true })}`;
const write = (path: string, content: string) => `files.write ${JSON.stringify({ path, content })}`;

/** The first requests, written before the mechanism (5 of 20 passed before it). */
const CASES: [request: string, plan: string][] = [
  ['erase the last 3 lines of notes.txt', LAST('notes.txt', 3)],
  ['delete the first line of todo.txt', FIRST('todo.txt', 1)],
  ['remove the bottom 2 lines from app.log', LAST('app.log', 2)],
  ['chop the last line off notes.txt', LAST('notes.txt', 1)],
  ['trim the top 2 lines of data.csv', FIRST('data.csv', 2)],
  ['get rid of the final 4 lines in debug.log', LAST('debug.log', 4)],
  ['drop the first 10 lines from data.csv', FIRST('data.csv', 10)],
  ['remove the very last line of todo.txt', LAST('todo.txt', 1)],
  ['delete the last two lines of notes.txt', LAST('notes.txt', 2)],
  ['delete the last lines of notes.txt', 'asks'],
  ['delete the last few lines of notes.txt', 'asks'],
  ['keep only the first 2 lines of notes.txt', 'asks'],
  ['delete lines 2 to 4 of notes.txt', 'asks'],
  ['replace all of config.json with {}', write('config.json', '{}')],
  ["replace all of notes.txt with 'hi'", write('notes.txt', 'hi')],
  ["swap the entire contents of todo.txt for 'done'", write('todo.txt', 'done')],
  ["overwrite all of todo.txt with 'x'", write('todo.txt', 'x')],
  ['in notes.txt, foo becomes', 'asks'],
  ['notes.txt: every foo', 'asks'],
  ['in docs/, guide becomes manual', 'asks'],
];

/** Written after the mechanism worked (5 of 5 passed unchanged; the rest then fixed in general). */
const MORE: [request: string, plan: string][] = [
  ['remove the last line from todo.txt please', LAST('todo.txt', 1)],
  ['wipe the first 3 lines of notes.txt', FIRST('notes.txt', 3)],
  ['delete the top line in data.csv', FIRST('data.csv', 1)],
  ["replace the whole of todo.txt with 'nothing'", write('todo.txt', 'nothing')],
  ['erase the last 2 lines', 'asks'],
];

let plans: Plans | undefined;

for (const [request, expected] of [...CASES, ...MORE])
  test(`line edits: "${request}"`, async () => {
    plans ??= await offlinePlans({ after: (fn) => process.once('exit', fn) });
    assert.equal(plans(request), expected);
  });
