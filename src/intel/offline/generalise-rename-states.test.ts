/**
 * A new name said as the state wanted rather than as an order: "todo.txt should be called
 * tasks.txt", "call config.json settings.json", "i want the docs folder named manual",
 * "notes.txt's new name is journal.txt". Each is the one rename it states; a new name that is
 * not one word, or a rename of a selection said this way, is not guessed. Requests written
 * apart from any evaluation set (the first nineteen before the mechanism, five more with it, and
 * the last five after it worked);
 * each must give the plan shown, or "asks".
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { offlinePlans, type Plans } from '../../../test/helpers/atlas-plans.ts';

const mv = (from: string, to: string) => `files.move {"paths":["${from}"],"to":"${to}"}`;

const CASES: [request: string, plan: string][] = [
  ['todo.txt should be renamed to tasks.txt', mv('todo.txt', 'tasks.txt')],
  ['todo.txt has to be called tasks.txt', mv('todo.txt', 'tasks.txt')],
  ['i want todo.txt to be called tasks.txt', mv('todo.txt', 'tasks.txt')],
  ['call todo.txt tasks.txt', mv('todo.txt', 'tasks.txt')],
  ["let's call notes.txt meeting-notes.txt", mv('notes.txt', 'meeting-notes.txt')],
  ['notes.txt ought to be named meeting.txt', mv('notes.txt', 'meeting.txt')],
  ['the name of todo.txt should be tasks.txt', mv('todo.txt', 'tasks.txt')],
  ["todo.txt's new name is tasks.txt", mv('todo.txt', 'tasks.txt')],
  ['give todo.txt the name tasks.txt', mv('todo.txt', 'tasks.txt')],
  ['the docs folder should be called documentation', mv('docs', 'documentation')],
  ['empty-dir needs renaming to spare', mv('empty-dir', 'spare')],
  ['pls make it so todo.txt is called tasks.txt', mv('todo.txt', 'tasks.txt')],
  ['from now on notes.txt is called journal.txt', mv('notes.txt', 'journal.txt')],
  ["i'd like config.json renamed to settings.json", mv('config.json', 'settings.json')],
  ['todo.txt shuold be called tasks.txt', mv('todo.txt', 'tasks.txt')],
  ['name the logs folder old-logs', mv('logs', 'old-logs')],
  ['could you call the src directory source', mv('src', 'source')],
  // not guessed: a name of several words, a selection renamed to one name
  ['todo.txt should be called my list of tasks', 'asks'],
  ['the log files should be called old.log', 'asks'],
  // written after the mechanism
  ['config.json needs a new name: settings.json', mv('config.json', 'settings.json')],
  ['the file notes.txt must be renamed journal.txt', mv('notes.txt', 'journal.txt')],
  ['can u make the empty-dir folder be called spare', mv('empty-dir', 'spare')],
  ['i would like data.csv to be named table.csv please', mv('data.csv', 'table.csv')],
  ['rename so that todo.txt becomes tasks.txt', mv('todo.txt', 'tasks.txt')],
  // written after it worked on those (2 of 5 passed unchanged)
  ['todo.txt is to be renamed to tasks.txt', mv('todo.txt', 'tasks.txt')],
  ["make notes.txt's name journal.txt", mv('notes.txt', 'journal.txt')],
  ['the src folder: call it source', mv('src', 'source')],
  ['please rename config.json, it should be called settings.json', mv('config.json', 'settings.json')],
  ['set the name of todo.txt to tasks.txt', mv('todo.txt', 'tasks.txt')],
];

let plans: Plans | undefined;

for (const [request, expected] of CASES)
  test(`rename said as a state: "${request}"`, async () => {
    plans ??= await offlinePlans({ after: (fn) => process.once('exit', fn) });
    assert.equal(plans(request), expected);
  });
