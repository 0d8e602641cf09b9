/**
 * Third held-out set, requests about text inside files: which files hold a text, counting
 * lines, words, characters and occurrences, replacing one text with another (also texts with
 * punctuation). Written by an engineer who never opened the translator, its examples or
 * either earlier held-out set; eval-third.ts says the rules. From the fixture: 'database' is
 * in notes.txt, README.md, docs/guide.md, docs/guide-copy.md and src/main.js; 'TODO' in
 * notes.txt, src/main.js and src/lib/helper.py; 'ERROR' on 6 of app.log's 30 lines, 4 of
 * old.log's 10, 3 of debug.log's 12, 5 of logs/server.log's 20; notes.txt has 18 words and
 * 'foo' twice; todo.txt is 22 characters; data.csv 50 lines (49 rows under a header).
 */
import {
  all,
  contains,
  either,
  exactly,
  hides,
  lacks,
  says,
  saysNot,
  shows,
  states,
  untouched,
} from './eval-checks.ts';
import type { UserCase } from './eval-harness.ts';

const SEARCH: UserCase[] = [
  {
    kind: 'search text',
    request: 'which files mention the database?',
    check: all(shows('notes.txt', 'README.md', 'guide.md', 'main.js'), hides('todo.txt', 'api.md')),
  },
  {
    kind: 'search text',
    request: 'grep for TODO',
    check: all(shows('notes.txt', 'main.js', 'helper.py'), hides('todo.txt', 'README.md')),
  },
  {
    kind: 'search text',
    request: 'which js files require ./util',
    check: all(shows('main.js'), hides('util.js', 'helper.py')),
  },
  {
    kind: 'search text',
    request: "search for 'disk full' in the logs",
    // "the logs" is the .log files here or the logs folder (both hold the text)
    check: all(
      either(shows('app.log', 'old.log', 'debug.log'), shows('server.log', 'access.log')),
      hides('notes.txt'),
    ),
  },
  { kind: 'search text', request: 'find the lines containing Bob', check: says('call Bob about the budget') },
  {
    kind: 'search text',
    request: "is the word 'slow' anywhere in my notes",
    check: says('The database is slow'),
  },
  {
    kind: 'search text',
    request: 'look for example.com in the json files',
    check: all(shows('config.json'), says('example.com')),
  },
  {
    kind: 'search text',
    request: "which files contain the text 'same content'",
    check: exactly('dup-a.txt', 'dup-b.txt'),
  },
  {
    kind: 'search text',
    request: 'serach for helper in src',
    check: all(shows('helper.py'), hides('util.js')),
  },
  {
    kind: 'search text',
    request: "find 'Install it' in the docs",
    check: all(shows('guide.md', 'guide-copy.md'), hides('api.md', 'README.md')),
  },
  {
    kind: 'search text',
    request: 'grep -i error debug.log',
    check: all(says('ERROR disk full'), saysNot('INFO request ok')),
  },
  { kind: 'search text', request: 'where did i write about the budget', check: shows('notes.txt') },
  {
    kind: 'search text',
    request: "what files have 'answer' in them",
    check: all(shows('util.js'), hides('main.js', 'notes.txt')),
  },
  {
    kind: 'search text',
    request: 'does any file say revenue',
    variant: 'users',
    check: shows('q1 report.txt', 'q2 report.txt', 'summary.md'),
  },
];

const COUNT: UserCase[] = [
  { kind: 'count', request: 'how many lines are in data.csv?', check: states(50) },
  { kind: 'count', request: 'count how many words notes.txt has', check: states(18) },
  { kind: 'count', request: 'how many times is foo in notes.txt', check: states(2) },
  { kind: 'count', request: 'count errors in app.log', check: states(6) },
  { kind: 'count', request: 'how many files are in the docs folder', check: states(4) },
  { kind: 'count', request: 'how many pdfs are there in total, subfolders included', check: states(2) },
  { kind: 'count', request: 'how many lines does the server log have', check: states(20) },
  { kind: 'count', request: 'count the ERROR lines in old.log', check: states(4) },
  { kind: 'count', request: 'hw many characters in todo.txt', check: states(22) },
  {
    kind: 'count',
    request: 'how often does the word database occur in the notes',
    check: states(1),
  },
  { kind: 'count', request: 'count the rows in data.csv without the header', check: states(49) },
  { kind: 'count', request: 'how many files in Downloads?', check: states(5) },
  { kind: 'count', request: 'number of occurences of INFO in debug.log', check: states(9) },
  { kind: 'count', request: 'wc -l old.log', check: states(10) },
];

const REPLACE: UserCase[] = [
  {
    kind: 'replace text',
    request: 'replace http:// with https:// in config.json',
    check: all(contains('config.json', 'https://example.com'), lacks('config.json', 'http://')),
  },
  {
    kind: 'replace text',
    request: 'change foo to baz in notes.txt',
    check: all(contains('notes.txt', 'baz bar baz', 'Meeting notes'), lacks('notes.txt', 'foo')),
  },
  {
    kind: 'replace text',
    request: 'turn off debug in config.json',
    check: all(
      contains('config.json', '"debug": false', '"url": "http://example.com"'),
      lacks('config.json', 'true'),
    ),
  },
  {
    kind: 'replace text',
    request: "in README.md swap 'database' for 'datastore'",
    check: all(
      contains('README.md', 'uses a datastore.'),
      lacks('README.md', 'database'),
      untouched('notes.txt'),
    ),
  },
  {
    kind: 'replace text',
    request: 's/milk/bread/g on todo.txt',
    check: all(contains('todo.txt', 'buy bread', 'write report'), lacks('todo.txt', 'milk')),
  },
  {
    kind: 'replace text',
    request: 'replace every ERROR with WARN in debug.log',
    check: all(
      contains('debug.log', 'WARN disk full', 'INFO request ok'),
      lacks('debug.log', 'ERROR'),
      untouched('app.log'),
    ),
  },
  {
    kind: 'replace text',
    request: 'rename the variable db to conn in main.js',
    check: all(
      contains('src/main.js', "const conn = require('./util')", 'database ready'),
      lacks('src/main.js', 'const db '),
    ),
  },
  {
    kind: 'replace text',
    request: 'change Bob to Alice in the notes',
    check: all(contains('notes.txt', 'call Alice about the budget'), lacks('notes.txt', 'Bob')),
  },
  {
    kind: 'replace text',
    request: "replace 'Install it.' with 'Install it with npm.' in docs/guide.md",
    check: all(contains('docs/guide.md', 'Install it with npm.'), untouched('docs/guide-copy.md')),
  },
  {
    kind: 'replace text',
    request: "fix the capitalisation: 'Meeting notes' should be 'Meeting Notes' in notes.txt",
    check: all(contains('notes.txt', 'Meeting Notes', 'End of notes'), lacks('notes.txt', 'Meeting notes')),
  },
  {
    kind: 'replace text',
    request: 'replace 42 with 43 in util.js',
    check: all(contains('src/util.js', 'answer: 43'), lacks('src/util.js', '42')),
  },
  {
    kind: 'replace text',
    request: 'change item to product in data.csv',
    check: all(
      contains('data.csv', '1,product1,', '49,product49,', 'id,name,value'),
      lacks('data.csv', 'item'),
    ),
  },
  {
    kind: 'replace text',
    request: "replace the string 'GET /items' with 'GET /products' in api.md",
    check: all(contains('docs/api.md', 'GET /products'), lacks('docs/api.md', '/items')),
  },
  {
    kind: 'replace text',
    request: "in todo.txt, replace 'write report' with 'write the report'",
    check: all(contains('todo.txt', 'write the report', 'buy milk')),
  },
];

export const TEXT_CASES: readonly UserCase[] = [...SEARCH, ...COUNT, ...REPLACE];
