/**
 * Text looked for, asked in the shapes people use rather than "search for X in Y": a question
 * about what a file says ("does notes.txt say anything about Bob?"), the place first ("search
 * the logs folder for disk full", "scan my downloads for Dear", "check app.log for errors"),
 * a quoted word after find with a place ("find 'Dear' in my downloads"), and what the files
 * talk about. The words looked for are text, never a request of their own ("disk full" is no
 * disk report, "install" no package install), and keep their spaces. Written apart from every
 * evaluation set; each must give the plan shown.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { offlinePlans, type Plans } from '../../../test/helpers/atlas-plans.ts';

const search = (pattern: string, where: string, extra = '') =>
  `text.search {"pattern":"${pattern}",${where}${extra}}`;
const FILES = ',"filesOnly":true';
const IN = (f: string) => `"paths":["${f}"]`;
const AT = (p: string) => `"path":"${p}"`;

const CASES: [request: string, plan: string][] = [
  // written first, before the mechanism (3 of 15 passed)
  ['does notes.txt say anything about Bob?', search('Bob', IN('notes.txt'))],
  ['does README.md talk about the database', search('database', IN('README.md'))],
  ['is there anything about budget in notes.txt', search('budget', IN('notes.txt'))],
  ['search the logs folder for disk full', search('disk full', AT('logs'))],
  ['grep the src folder for TODO', search('TODO', AT('src'))],
  ['scan my downloads for Dear', search('Dear', AT('~/Downloads'))],
  // a plural looked for is the word in any number (morphology.ts): "error" finds "errors" too
  ['check app.log for errors', search('error', IN('app.log'))],
  ['search notes.txt for call Bob', search('call Bob', IN('notes.txt'))],
  ["find 'Dear' in my downloads", search('Dear', AT('~/Downloads'))],
  ["look for 'milk' in todo.txt", search('milk', IN('todo.txt'))],
  ['which md files talk about install', search('install', `${AT('.')},"ext":["md"]`, FILES)],
  ['which files mention kill', search('kill', AT('.'), FILES)],
  ['what files talk about the disk', search('disk', AT('.'), FILES)],
  ['search for request ok in the logs folder', search('request ok', AT('logs'))],
  ['which txt files mention milk', search('milk', `${AT('.')},"ext":["txt"]`, FILES)],
  // written with the first 15, before the mechanism (0 of 5 passed)
  ['does config.json say something about the url', search('url', IN('config.json'))],
  ['look through the docs folder for wisely', search('wisely', AT('docs'))],
  ['go through debug.log for disk full', search('disk full', IN('debug.log'))],
  ['anything about milk in todo.txt?', search('milk', IN('todo.txt'))],
  ['which md files say anything about the network', search('network', `${AT('.')},"ext":["md"]`, FILES)],
  // written after the mechanism was in place (2 of 5 passed before the rewrites they led to)
  ['does todo.txt mention write report', search('write report', IN('todo.txt'))],
  ['comb through src for database ready', search('database ready', AT('src'))],
  ['any files that mention port?', search('port', AT('.'), FILES)],
  ['check the logs folder for INFO', search('INFO', AT('logs'))],
  ['what does guide.md say about install', search('install', IN('docs/guide.md'))],
  ['is the budget mentioned in notes.txt', search('budget', IN('notes.txt'))],
  // the word "text" before a quoted text only names it
  ["which files contain the text 'same content'", search('same content', AT('.'), FILES)],
];

let plans: Plans | undefined;

for (const [request, expected] of CASES)
  test(`search forms: "${request}"`, async () => {
    plans ??= await offlinePlans({ after: (fn) => process.once('exit', fn) });
    assert.equal(plans(request), expected);
  });
