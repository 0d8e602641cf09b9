/**
 * Counting said the ways people say it: the file as the subject ("how many ERROR lines does
 * old.log have", "how many words has notes.txt got"), a length in a unit ("how long is
 * server.log in lines", "how many lines long is data.csv"), a count named as a noun ("line
 * count of app.log", "word count for notes.txt", "what's the line count"). Each must give the
 * same plan as the plain request, and that plan must be one Atlas acts on. Written apart from
 * every evaluation set.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { offlinePlans, type Plans } from '../../../test/helpers/atlas-plans.ts';

const SAME: [said: string, plain: string][] = [
  // written first, before the mechanism (6 of 15 passed)
  ['how many ERROR lines does debug.log have', 'how many lines containing ERROR in debug.log'],
  ['how many INFO lines has app.log got', 'how many lines containing INFO in app.log'],
  ['how many words does notes.txt have', 'how many words are in notes.txt'],
  ['how many lines does data.csv contain', 'how many lines are in data.csv'],
  ['how long is app.log in lines', 'how many lines are in app.log'],
  ['how many lines long is data.csv', 'how many lines are in data.csv'],
  ['line count of app.log', 'how many lines are in app.log'],
  ['word count for notes.txt', 'how many words are in notes.txt'],
  ["what's the line count of server.log", 'how many lines are in logs/server.log'],
  ['give me the word count of README.md', 'how many words are in README.md'],
  ['how many characters does todo.txt have', 'how many characters are in todo.txt'],
  ['count lines in data.csv pls', 'how many lines are in data.csv'],
  ['number of lines in old.log?', 'how many lines are in old.log'],
  ['lines in notes.txt?', 'how many lines are in notes.txt'],
  ['how many lines with ERROR does old.log have', 'how many lines containing ERROR in old.log'],
  // written after the mechanism (3 of 5 passed without further change)
  ['how many WARN lines r in app.log', 'how many lines containing WARN in app.log'],
  ['whats the size of notes.txt in lines', 'how many lines are in notes.txt'],
  ['how many lines has todo.txt', 'how many lines are in todo.txt'],
  ['no. of words in README.md', 'how many words are in README.md'],
  ['how many disk lines does old.log have', 'how many lines containing disk in old.log'],
];

let plans: Plans | undefined;

for (const [said, plain] of SAME)
  test(`count forms: "${said}"`, async () => {
    plans ??= await offlinePlans({ after: (fn) => process.once('exit', fn) });
    const expected = plans(plain);
    assert.notEqual(expected, 'asks', `"${plain}" itself is not understood`);
    assert.equal(plans(said), expected);
  });
