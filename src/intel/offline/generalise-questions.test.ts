/**
 * Questions asked rather than ordered, written apart from any evaluation set (questions.ts):
 * "does FILE contain X?", "where do i use X", "how many ERROR lines are in FILE", "anything
 * over 500 KB in here?", "how much space do the mp3s use", "whoami", a commit count rather
 * than the log, and a word counted in a file or folder. Each must give the plan shown (see
 * test/helpers/atlas-plans.ts).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { offlinePlans, type Plans } from '../../../test/helpers/atlas-plans.ts';

const CASES: [request: string, plan: string, variant?: 'git' | 'npm'][] = [
  ['does config.json contain debug?', 'text.search {"pattern":"debug","paths":["config.json"]}'],
  ['does notes.txt mention Bob', 'text.search {"pattern":"Bob","paths":["notes.txt"]}'],
  ['did todo.txt say milk', 'text.search {"pattern":"milk","paths":["todo.txt"]}'],
  ['does the json file have url', 'text.search {"pattern":"url","path":".","ext":["json"]}'],
  ['do any files contain TODO', 'text.search {"pattern":"TODO","path":".","filesOnly":true}'],
  [
    'do any of the js files mention database',
    'text.search {"pattern":"database","path":".","ext":["js","mjs","cjs"],"filesOnly":true}',
  ],
  [
    'do some md files reference guide',
    'text.search {"pattern":"guide","path":".","ext":["md"],"filesOnly":true}',
  ],
  ['is there a TODO in notes.txt', 'text.search {"pattern":"TODO","paths":["notes.txt"]}'],
  ['are there any foo in notes.txt?', 'text.search {"pattern":"foo","paths":["notes.txt"]}'],
  ['where do i use require', 'text.search {"pattern":"require","path":"."}'],
  ['where am i using database in src', 'text.search {"pattern":"database","path":"src"}'],
  ['where do we import util', 'text.search {"pattern":"util","path":"."}'],
  ['where does the code mention budget', 'text.search {"pattern":"budget","path":"."}'],
  ['how many ERROR lines are in app.log', 'text.search {"pattern":"ERROR","paths":["app.log"]}'],
  ['count the INFO lines in app.log', 'text.search {"pattern":"INFO","paths":["app.log"]}'],
  ['how many error lines r in debug.log', 'text.search {"pattern":"error","paths":["debug.log"]}'],
  ['number of ERROR lines in old.log', 'text.search {"pattern":"ERROR","paths":["old.log"]}'],
  ['anything over 500 KB in here?', 'files.find {"path":".","minSize":512000,"recursive":true}'],
  ['any files older than a year?', 'files.find {"path":".","olderThan":"1y","recursive":true}'],
  ['is there anything bigger than 100kb', 'files.find {"path":".","minSize":102400,"recursive":true}'],
  ['something smaller than 1kb?', 'files.find {"path":".","maxSize":1024,"recursive":true}'],
  [
    'are there any files modified since yesterday',
    'files.find {"path":".","newerThan":"2d","recursive":true}',
  ],
  ['how much disk space do the mp3s use', 'files.find {"path":".","ext":["mp3"],"recursive":true}'],
  ['how much room do my pdfs take', 'files.find {"path":".","ext":["pdf"],"recursive":true}'],
  ['how much space do the logs take up', 'files.usage {"path":"logs"}'],
  ['how much space is each folder using', 'files.usage {"path":"."}'],
  ['how much space is the docs folder taking up', 'files.usage {"path":"docs"}'],
  ['whoami', 'system.os {}'],
  ['who am i', 'system.os {}'],
  ['which user am i logged in as', 'system.os {}'],
  ['what user am i', 'system.os {}'],
  ['how many commits are there', 'git.log {"count":true}', 'git'],
  ['how many commits do i have', 'git.log {"count":true}', 'git'],
  ['number of commits on this branch', 'git.log {"count":true}', 'git'],
  ['count the commits', 'git.log {"count":true}', 'git'],
  ['whats the commit count', 'git.log {"count":true}', 'git'],
  ['how many commits touched notes.txt', 'git.log {"count":true,"file":"notes.txt"}', 'git'],
  ['total commits in this repo', 'git.log {"count":true}', 'git'],
  [
    'count the word database in README.md',
    'text.count {"paths":["README.md"],"what":"occurrences","pattern":"database"}',
  ],
  [
    'count the string foo in notes.txt',
    'text.count {"paths":["notes.txt"],"what":"occurrences","pattern":"foo"}',
  ],
  [
    'tally the word TODO in notes.txt',
    'text.count {"paths":["notes.txt"],"what":"occurrences","pattern":"TODO"}',
  ],
  ['count the TODOs in src', 'text.count {"paths":["src"],"what":"occurrences","pattern":"todo"}'],
  [
    'how many warnings are in debug.log',
    'text.count {"paths":["debug.log"],"what":"occurrences","pattern":"warning"}',
  ],
  ["what's the latest commit", 'git.log {"limit":1}', 'git'],
  ['who made the last commit', 'git.log {"limit":1}', 'git'],
  ["what's inside docs", 'files.list {"path":"docs"}'],
  ['look up TODO in notes.txt', 'text.search {"pattern":"TODO","paths":["notes.txt"]}'],
  ['words in notes.txt?', 'text.count {"paths":["notes.txt"],"what":"words"}'],
  ['tell me how big big.bin is', 'files.stat {"path":"big.bin"}'],
];

let plans: Plans | undefined;

for (const [request, expected, variant] of CASES)
  test(`question: "${request}"`, async () => {
    plans ??= await offlinePlans({ after: (fn) => process.once('exit', fn) });
    assert.equal(plans(request, variant), expected);
  });
