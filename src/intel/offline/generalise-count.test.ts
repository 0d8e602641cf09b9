/**
 * Counting said many ways: "number of files in logs", "hw many", rows and records as lines,\n * "wc -l", "how many files does the reports folder contain", lines that contain a word.
 * Requests written apart from any evaluation set, the way different people type them; each
 * must give the plan shown (see test/helpers/atlas-plans.ts), or "asks" where acting on less
 * than was said would be wrong.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { offlinePlans, type Plans } from '../../../test/helpers/atlas-plans.ts';

const CASES: [request: string, plan: string, variant?: 'git' | 'npm'][] = [
  ['how many files are in docs', 'files.find {"path":"docs","recursive":true}'],
  ['hw many files in docs', 'files.find {"path":"docs","recursive":true}'],
  ['hwo many files are in src', 'files.find {"path":"src","recursive":true}'],
  ['number of files in logs', 'files.find {"path":"logs","recursive":true}'],
  ['the number of files in docs', 'files.find {"path":"docs","recursive":true}'],
  ['what is the number of pdf files in docs', 'files.find {"path":"docs","ext":["pdf"],"recursive":true}'],
  ['give me the number of txt files here', 'files.find {"path":".","ext":["txt"],"recursive":true}'],
  ['count the files in src', 'files.find {"path":"src","recursive":true}'],
  ['cuont the files in src', 'files.find {"path":"src","recursive":true}'],
  ['count all the files under src', 'files.find {"path":"src","recursive":true}'],
  ['count the pdfs in Downloads', 'files.find {"path":"~/Downloads","ext":["pdf"],"recursive":true}'],
  ['count folders in the work folder', 'files.find {"path":".","recursive":true,"type":"dir"}'],
  ['how many folders are here', 'files.find {"path":".","recursive":true,"type":"dir"}'],
  ['how many files does the reports folder contain', 'files.find {"path":"reports","recursive":true}'],
  ['how many files do the logs folder have', 'files.find {"path":"logs","recursive":true}'],
  ['how many jpg files are inside photos', 'files.find {"path":"photos","ext":["jpg"],"recursive":true}'],
  ['how many log files are under logs', 'files.find {"path":"logs","ext":["log"],"recursive":true}'],
  ['how many txt files are there in reports', 'files.find {"path":"reports","ext":["txt"],"recursive":true}'],
  [
    'how many pdfs do i have in Downloads',
    'files.find {"path":"~/Downloads","ext":["pdf"],"recursive":true}',
  ],
  ['tally the md files in docs', 'files.find {"path":"docs","ext":["md"],"recursive":true}'],
  ['give me a count of the log files', 'files.find {"path":".","ext":["log"],"recursive":true}'],
  ['count the rows in data.csv', 'text.count {"paths":["data.csv"],"what":"lines"}'],
  ['how many rows does data.csv have', 'text.count {"paths":["data.csv"],"what":"lines"}'],
  ['how many records are in data.csv', 'text.count {"paths":["data.csv"],"what":"lines"}'],
  ['how many lines does notes.txt have', 'text.count {"paths":["notes.txt"],"what":"lines"}'],
  ['how many lines are there in data.csv', 'text.count {"paths":["data.csv"],"what":"lines"}'],
  ['hw many lines are in todo.txt', 'text.count {"paths":["todo.txt"],"what":"lines"}'],
  ['number of lines in notes.txt', 'text.count {"paths":["notes.txt"],"what":"lines"}'],
  ["what's the line count of data.csv", 'text.count {"paths":["data.csv"],"what":"lines"}'],
  ['wc -l data.csv', 'text.count {"paths":["data.csv"],"what":"lines"}'],
  ['how many words are in notes.txt', 'text.count {"paths":["notes.txt"],"what":"words"}'],
  ['how many wrods are in notes.txt', 'text.count {"paths":["notes.txt"],"what":"words"}'],
  ['count the words in todo.txt', 'text.count {"paths":["todo.txt"],"what":"words"}'],
  ['wc -w notes.txt', 'text.count {"paths":["notes.txt"],"what":"words"}'],
  ['how many characters are in notes.txt', 'text.count {"paths":["notes.txt"],"what":"chars"}'],
  ['wc -c todo.txt', 'text.count {"paths":["todo.txt"],"what":"chars"}'],
  ['how many lines in app.log contain ERROR', 'text.search {"pattern":"ERROR","paths":["app.log"]}'],
  ['how many lines of app.log mention ERROR', 'text.search {"pattern":"ERROR","paths":["app.log"]}'],
  ['count the lines containing ERROR in app.log', 'text.search {"pattern":"ERROR","paths":["app.log"]}'],
  ['count the errors in app.log', 'text.count {"paths":["app.log"],"what":"occurrences","pattern":"error"}'],
  [
    'how many times does TODO appear in src',
    'text.count {"paths":["src"],"what":"occurrences","pattern":"TODO"}',
  ],
  [
    'how many times does database appear in README.md',
    'text.count {"paths":["README.md"],"what":"occurrences","pattern":"database"}',
  ],
  [
    'count occurrences of foo in notes.txt',
    'text.count {"paths":["notes.txt"],"what":"occurrences","pattern":"foo"}',
  ],
  ['how long is notes.txt', 'text.count {"paths":["notes.txt"],"what":"lines"}'],
  // the folders directly in src, as "what subfolders are in docs" lists them (count-questions.ts)
  ['how many subfolders does src have', 'files.find {"path":"src","recursive":false,"type":"dir"}'],
  ['the amount of files in docs', 'files.find {"path":"docs","recursive":true}'],
  ['how many files r in docs', 'files.find {"path":"docs","recursive":true}'],
  [
    'how many lines does each log file have',
    'files.find {"path":".","ext":["log"],"recursive":true} ; text.count {"what":"lines","from":"s1"}',
  ],
];

let plans: Plans | undefined;

for (const [request, expected, variant] of CASES)
  test(`count: "${request}"`, async () => {
    plans ??= await offlinePlans({ after: (fn) => process.once('exit', fn) });
    assert.equal(plans(request, variant), expected);
  });
