/**
 * Fourth held-out set, requests about what files say: which files hold a text, how many
 * times or lines, and replacing text (punctuation included). Written apart from the
 * translator and every earlier set; eval-fourth.ts says the rules. From the fixture: 'database'
 * is in notes.txt, README.md, docs/guide.md, docs/guide-copy.md and src/main.js; TODO in
 * notes.txt, src/main.js and src/lib/helper.py; data.csv has 50 lines (a header and 49 rows);
 * app.log 30 lines (6 ERROR), old.log 10 (4 ERROR), debug.log 12 (3 ERROR, 9 INFO),
 * logs/server.log 20 (5 ERROR); notes.txt has 18 words and 'foo' twice; todo.txt 22 characters.
 */
import { all, contains, exactly, lacks, onlyChanged, says, states, untouched } from './eval-checks.ts';
import type { UserCase } from './eval-harness.ts';

const SEARCH: UserCase[] = [
  {
    kind: 'search text',
    request: 'which of my files mention database?',
    check: exactly('notes.txt', 'README.md', 'guide.md', 'guide-copy.md', 'main.js'),
  },
  {
    kind: 'search text',
    request: 'grep for the TODO markers',
    check: exactly('notes.txt', 'main.js', 'helper.py'),
  },
  {
    kind: 'search text',
    request: 'find the lines with ERROR in app.log',
    check: all(says('2024-05-06 10:05 ERROR disk full'), exactly('app.log')),
  },
  { kind: 'search text', request: 'which js files use require', check: exactly('main.js') },
  { kind: 'search text', request: "search for 'http://' in all files", check: exactly('config.json') },
  {
    kind: 'search text',
    request: 'does config.json say anything about debug?',
    check: says('"debug": true'),
  },
  { kind: 'search text', request: 'look for the word budget', check: exactly('notes.txt') },
  { kind: 'search text', request: 'where is answer defined', check: exactly('util.js') },
  { kind: 'search text', request: "find 'Dear' in my downloads", check: exactly('letter.txt') },
  {
    kind: 'search text',
    request: 'search the logs folder for disk full',
    check: exactly('server.log', 'access.log'),
  },
  {
    kind: 'search text',
    request: 'which md files talk about install',
    check: exactly('guide.md', 'guide-copy.md'),
  },
  { kind: 'search text', request: 'grep -l foo *', check: exactly('notes.txt') },
  {
    kind: 'search text',
    request: 'seach for revenue in the reports',
    variant: 'users',
    check: exactly('q1 report.txt', 'q2 report.txt', 'summary.md'),
  },
  {
    kind: 'search text',
    request: "any files containing 'same content'?",
    check: exactly('dup-a.txt', 'dup-b.txt'),
  },
];

const COUNT: UserCase[] = [
  { kind: 'count', request: 'how many lines are in data.csv', check: states(50) },
  { kind: 'count', request: 'how many words are in notes.txt', check: states(18) },
  { kind: 'count', request: 'how many times does the word foo appear in notes.txt', check: states(2) },
  { kind: 'count', request: 'how many ERROR lines does old.log have', check: states(4) },
  { kind: 'count', request: 'number of files in the docs folder?', check: states(4) },
  { kind: 'count', request: 'how many .log files are in the logs folder', check: states(2) },
  { kind: 'count', request: 'count the characters in todo.txt', check: states(22) },
  { kind: 'count', request: 'how many rows in data.csv not counting the header', check: states(49) },
  { kind: 'count', request: "count how often 'INFO' shows up in debug.log", check: states(9) },
  { kind: 'count', request: 'how long is server.log in lines', check: states(20) },
  { kind: 'count', request: 'how many js files r in src', check: states(2) },
  { kind: 'count', request: 'wc -l app.log', check: states(30) },
  { kind: 'count', request: 'how many errors are in logs/server.log', check: states(5) },
  { kind: 'count', request: 'how many times is TODO written across the src folder', check: states(2) },
];

const REPLACE: UserCase[] = [
  {
    kind: 'replace text',
    request: 'in notes.txt replace foo with baz',
    check: all(
      contains('notes.txt', 'baz bar baz', 'Meeting notes'),
      lacks('notes.txt', 'foo'),
      onlyChanged('notes.txt'),
    ),
  },
  {
    kind: 'replace text',
    request: 'change http://example.com to https://example.org in config.json',
    check: all(
      contains('config.json', '"url": "https://example.org"', '"debug": true'),
      lacks('config.json', 'http://example.com'),
      onlyChanged('config.json'),
    ),
  },
  {
    kind: 'replace text',
    request: 'turn debug off in config.json',
    check: all(contains('config.json', '"debug": false', 'http://example.com'), onlyChanged('config.json')),
  },
  {
    kind: 'replace text',
    request: "in README.md swap 'database' for 'DB'",
    check: all(contains('README.md', 'uses a DB.'), lacks('README.md', 'database'), onlyChanged('README.md')),
  },
  {
    kind: 'replace text',
    request: 'sed s/milk/bread/ todo.txt',
    check: all(contains('todo.txt', 'buy bread', 'write report'), onlyChanged('todo.txt')),
  },
  {
    kind: 'replace text',
    request: 'rename the variable db to database in main.js',
    check: all(
      contains('src/main.js', "const database = require('./util');", "console.log('database ready');"),
      lacks('src/main.js', 'const db '),
      onlyChanged('src/main.js'),
    ),
  },
  {
    kind: 'replace text',
    request: 'replace 42 with 7 in util.js',
    check: all(contains('src/util.js', 'answer: 7 '), onlyChanged('src/util.js')),
  },
  {
    kind: 'replace text',
    request: "fix notes.txt: 'Meeting notes' should be 'Meeting minutes'",
    check: all(contains('notes.txt', 'Meeting minutes', 'End of notes'), onlyChanged('notes.txt')),
  },
  {
    kind: 'replace text',
    request: 'change every ERROR to WARN in debug.log',
    check: all(
      contains('debug.log', 'WARN disk full', 'INFO request ok'),
      lacks('debug.log', 'ERROR'),
      untouched('app.log', 'old.log'),
      onlyChanged('debug.log'),
    ),
  },
  {
    kind: 'replace text',
    request: "replace 'Dear Sir' with 'Dear Madam' in the letter in downloads",
    check: all(contains('../Downloads/letter.txt', 'Dear Madam'), onlyChanged('../Downloads/letter.txt')),
  },
  {
    kind: 'replace text',
    request: 'in the md files in docs replace database with datastore',
    check: all(
      contains('docs/guide.md', 'Use the datastore wisely'),
      contains('docs/guide-copy.md', 'Use the datastore wisely'),
      untouched('README.md', 'notes.txt'),
      onlyChanged('docs/guide.md', 'docs/guide-copy.md'),
    ),
  },
  {
    kind: 'replace text',
    request: "change 'buy milk' to 'buy oat milk' in my todo list",
    check: all(contains('todo.txt', 'buy oat milk\nwrite report'), onlyChanged('todo.txt')),
  },
  {
    kind: 'replace text',
    request: 'replce TODO with DONE in helper.py',
    check: all(contains('src/lib/helper.py', '# DONE: write it'), onlyChanged('src/lib/helper.py')),
  },
  {
    kind: 'replace text',
    request: "replace 'TODO:' with 'FIXME:' in notes.txt",
    check: all(
      contains('notes.txt', 'FIXME: call Bob about the budget'),
      lacks('notes.txt', 'TODO'),
      untouched('src'),
      onlyChanged('notes.txt'),
    ),
  },
];

export const TEXT_CASES: readonly UserCase[] = [...SEARCH, ...COUNT, ...REPLACE];
