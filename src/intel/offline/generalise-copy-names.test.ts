/**
 * A copy given its own name ("copy notes.txt as notes-old.txt", "duplicate todo.txt and call
 * it todo2.txt", "a copy of config.json named config.bak") and files copied or moved into a new
 * folder named like what goes in ("copy the pdfs into a new folder called pdfs"): the name is
 * the copy's, never a file looked for, and the folder is the destination, never here. Requests
 * written apart from any evaluation set (the first fifteen before the mechanism, the last five
 * after it worked); each must give the plan shown, or "asks".
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { offlinePlans, type Plans } from '../../../test/helpers/atlas-plans.ts';

const cp = (from: string, to: string) => `files.copy {"paths":["${from}"],"to":"${to}"}`;
const into = (action: string, ext: string[], dir: string) =>
  `files.find {"path":".","ext":${JSON.stringify(ext)},"recursive":false,"exclude":["${dir}"]} ; files.${action} {"to":"${dir}/","from":"s1"}`;

const CASES: [request: string, plan: string][] = [
  ['copy notes.txt as notes-backup.txt', cp('notes.txt', 'notes-backup.txt')],
  ['copy notes.txt under the name notes-old.txt', cp('notes.txt', 'notes-old.txt')],
  ['duplicate todo.txt and call it todo2.txt', cp('todo.txt', 'todo2.txt')],
  ['make a copy of notes.txt called notes-copy.txt', cp('notes.txt', 'notes-copy.txt')],
  ['copy notes.txt, name the copy notes-2.txt', cp('notes.txt', 'notes-2.txt')],
  ['duplicate notes.txt as backup.txt', cp('notes.txt', 'backup.txt')],
  ['copy notes.txt to a new file named notes-bak.txt', cp('notes.txt', 'notes-bak.txt')],
  ['clone config.json under the name config.bak.json', cp('config.json', 'config.bak.json')],
  ['copy notes.txt and name it n.txt', cp('notes.txt', 'n.txt')],
  ['i need a copy of todo.txt named todo-copy.txt', cp('todo.txt', 'todo-copy.txt')],
  ['copy the log files into a new folder called logs-backup', into('copy', ['log'], 'logs-backup')],
  ['copy the csv files into a new directory called csv', into('copy', ['csv'], 'csv')],
  ['move the mp3s into a new folder named mp3', into('move', ['mp3'], 'mp3')],
  ['dupe notes.txt as notes-dupe.txt', cp('notes.txt', 'notes-dupe.txt')],
  ['save a copy of config.json as config-old.json', cp('config.json', 'config-old.json')],
  // written after it worked on those (3 of 5 passed unchanged)
  ['back up config.json as config.json.bak', cp('config.json', 'config.json.bak')],
  ['cp todo.txt with the new name todo.old', cp('todo.txt', 'todo.old')],
  ['make me one more copy of data.csv, call it data2.csv', cp('data.csv', 'data2.csv')],
  ['copy the jpg files into a new folder named jpg', into('copy', ['jpg'], 'jpg')],
  ['put a copy of README.md called README.orig next to it', cp('README.md', 'README.orig')],
];

let plans: Plans | undefined;

for (const [request, expected] of CASES)
  test(`copy named: "${request}"`, async () => {
    plans ??= await offlinePlans({ after: (fn) => process.once('exit', fn) });
    assert.equal(plans(request), expected);
  });
