/**
 * Text looked for, said the ways people say it: a question mark that ends the sentence is not
 * part of the text, a host name ("example.com") is text to look for, a quoted phrase is text
 * and not a file name ("find 'Install it' in the docs"), an import of a relative path
 * ("require ./util"), "where did i write about X", "which files talk about X"; and a kind of
 * file after "look for" is what to find ("look for pictures older than 6 months"). Requests
 * written apart from any evaluation set; each must give the plan shown.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { offlinePlans, type Plans } from '../../../test/helpers/atlas-plans.ts';

const search = (pattern: string, where = '"path":"."', extra = '') =>
  `text.search {"pattern":"${pattern}",${where}${extra}}`;
const FILES = ',"filesOnly":true';
const PICTURES = '["jpg","jpeg","png","gif","bmp","svg","webp","heic"]';

const CASES: [request: string, plan: string][] = [
  ['which files mention the database?', search('database', '"path":"."', FILES)],
  ['what files contain budget?', search('budget', '"path":"."', FILES)],
  ['any files mentioning Bob?', search('Bob', '"path":"."', FILES)],
  ['look for example.com in the json files', search('example.com', '"path":".","ext":["json"]')],
  ['search for example.com in config.json', search('example.com', '"paths":["config.json"]')],
  ['look for github.com in the docs', search('github.com', '"path":"docs"')],
  ["find 'Install it' in the docs", search('Install it', '"path":"docs"')],
  ["find 'call Bob' in notes.txt", search('call Bob', '"paths":["notes.txt"]')],
  ['look for "database ready" in src', search('database ready', '"path":"src"')],
  ["search 'revenue up' in reports", search('revenue up', '"path":"reports"')],
  ['where did i write about the budget', search('budget')],
  ['where have we mentioned Bob in the docs', search('Bob', '"path":"docs"')],
  ['where did i jot down anything about budget', search('budget')],
  ['where do we talk about the database', search('database')],
  ['which files talk about the database', search('database', '"path":"."', FILES)],
  ['find the txt files that are about the budget', search('budget', '"path":".","ext":["txt"]', FILES)],
  ['which md files talk about database', search('database', '"path":".","ext":["md"]', FILES)],
  [
    'which js files require ./util',
    search(
      '\\\\b(?:import|from|require)\\\\b.*\\\\./util\\\\b',
      '"path":".","ext":["js","mjs","cjs"]',
      `${FILES},"regex":true`,
    ),
  ],
  [
    'look for pictures older than 6 months',
    `files.find {"path":".","ext":${PICTURES},"olderThan":"6mo","recursive":true}`,
  ],
  ['search for pdfs in Downloads', 'files.find {"path":"~/Downloads","ext":["pdf"],"recursive":true}'],
  ['look for logs bigger than 1kb', 'files.find {"path":".","ext":["log"],"minSize":1024,"recursive":true}'],
  // a quoted file name is still a name
  ["find 'q1 report.txt'", 'files.find {"path":".","recursive":true,"name":"q1 report.txt"}'],
];

let plans: Plans | undefined;

for (const [request, expected] of CASES)
  test(`search: "${request}"`, async () => {
    plans ??= await offlinePlans({ after: (fn) => process.once('exit', fn) });
    assert.equal(plans(request), expected);
  });
