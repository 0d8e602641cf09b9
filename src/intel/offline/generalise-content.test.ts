/**
 * What to write, said many ways, written apart from any evaluation set: "put the text abc in a
 * file named abc.txt", "add a line X to FILE", "append X to the end of FILE" (appended, never a
 * rename), "containing", "with the words", "saying". Each must give the plan shown (see
 * test/helpers/atlas-plans.ts). Programs asked to print are rules/files-program.test.ts.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { offlinePlans, type Plans } from '../../../test/helpers/atlas-plans.ts';

const CASES: [request: string, plan: string, variant?: 'git' | 'npm'][] = [
  ['put the text abc in a file named abc.txt', 'files.write {"path":"abc.txt","content":"abc"}'],
  ['add a line buy bread to todo.txt', 'files.append {"path":"todo.txt","content":"buy bread"}'],
  ['add a new line call bob to notes.txt', 'files.append {"path":"notes.txt","content":"call bob"}'],
  [
    'write the sentence hi there into a new file called hi.txt',
    'files.write {"path":"hi.txt","content":"hi there"}',
  ],
  ['append done to the end of notes.txt', 'files.append {"path":"notes.txt","content":"done"}'],
  ['add "call mom" at the bottom of todo.txt', 'files.append {"path":"todo.txt","content":"call mom"}'],
  ['put the line bye at the end of the file notes.txt', 'files.append {"path":"notes.txt","content":"bye"}'],
  ['tack see you to the end of notes.txt', 'files.append {"path":"notes.txt","content":"see you"}'],
  [
    'create a file called greet.txt containing hello world',
    'files.write {"path":"greet.txt","content":"hello world"}',
  ],
  [
    'make memo.md with the text meeting at noon',
    'files.write {"path":"memo.md","content":"meeting at noon"}',
  ],
  ['create a file notes3.txt that says hello', 'files.write {"path":"notes3.txt","content":"hello"}'],
  ['write "first line" to a file named first.txt', 'files.write {"path":"first.txt","content":"first line"}'],
  ['make a new file todo2.txt saying buy milk', 'files.write {"path":"todo2.txt","content":"buy milk"}'],
  ['create list.txt with the words alpha beta', 'files.write {"path":"list.txt","content":"alpha beta"}'],
  ['write hi into greeting.txt', 'files.write {"path":"greeting.txt","content":"hi"}'],
  ['put a line saying done at the end of notes.txt', 'files.append {"path":"notes.txt","content":"done"}'],
  ['append the text see ya to todo.txt', 'files.append {"path":"todo.txt","content":"see ya"}'],
];

let plans: Plans | undefined;

for (const [request, expected, variant] of CASES)
  test(`content: "${request}"`, async () => {
    plans ??= await offlinePlans({ after: (fn) => process.once('exit', fn) });
    assert.equal(plans(request, variant), expected);
  });
