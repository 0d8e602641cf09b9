/**
 * Writing and editing said more ways: lines taken out of a file ("delete the lines containing
 * Bob in notes.txt", "remove blank lines"), a file emptied ("empty notes.txt", "clear the
 * contents of todo.txt": an overwrite, confirmed and undoable), a new file's text after a colon,
 * a program's name said after what it prints, "a directory structure a/b/c"; and "the top of a
 * file" is never the process list. Requests written apart from any evaluation set; each must
 * give the plan shown, or "asks".
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { offlinePlans, type Plans } from '../../../test/helpers/atlas-plans.ts';

const without = (file: string, text: string) =>
  `text.replace {"paths":["${file}"],"find":"(?<![^\\\\n])[^\\\\n]*${text}[^\\\\n]*(?:\\\\n|$)","replace":"","regex":true}`;
const BLANK = (file: string) =>
  `text.replace {"paths":["${file}"],"find":"(?<![^\\\\n])[ \\\\t]*\\\\n","replace":"","regex":true}`;
const empty = (file: string) => `files.write {"path":"${file}","content":""}`;

const CASES: [request: string, plan: string][] = [
  ['delete the line containing Bob in notes.txt', without('notes.txt', 'Bob')],
  ['remove all lines with foo from notes.txt', without('notes.txt', 'foo')],
  ["get rid of the lines that say 'INFO request ok' in app.log", without('app.log', 'INFO request ok')],
  ['strip every line mentioning TODO from notes.txt', without('notes.txt', 'TODO')],
  ['drop the lines matching ERROR from app.log', without('app.log', 'ERROR')],
  ['remove blank lines in notes.txt', BLANK('notes.txt')],
  ['delete all empty lines from todo.txt', BLANK('todo.txt')],
  ['empty notes.txt', empty('notes.txt')],
  ['clear the contents of todo.txt', empty('todo.txt')],
  ['make todo.txt empty', empty('todo.txt')],
  ['clear out the text in notes.txt', empty('notes.txt')],
  ['new file ideas.txt: build a boat', 'files.write {"path":"ideas.txt","content":"build a boat"}'],
  ['create a new file called x.txt: hello there', 'files.write {"path":"x.txt","content":"hello there"}'],
  [
    'create a python script that prints hello world called hi.py',
    'files.write {"path":"hi.py","content":"print(\\"hello world\\")\\n"}',
  ],
  ['create a directory structure a/b/c', 'files.mkdir {"path":"a/b/c"}'],
  ['make a folder tree x/y/z', 'files.mkdir {"path":"x/y/z"}'],
  ["insert 'first line' at the top of todo.txt", 'asks'],
  ['show top processes', 'process.list {"sort":"cpu","limit":20}'],
];

let plans: Plans | undefined;

for (const [request, expected] of CASES)
  test(`edits: "${request}"`, async () => {
    plans ??= await offlinePlans({ after: (fn) => process.once('exit', fn) });
    assert.equal(plans(request), expected);
  });
