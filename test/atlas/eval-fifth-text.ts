/**
 * The fifth held-out set's requests about the text inside files: searching it, counting it
 * (lines, words, characters, occurrences, files), and replacing it in place.
 */
import { all, contains, hides, lacks, onlyChanged, says, shows, states, untouched } from './eval-checks.ts';
import type { UserCase } from './eval-harness.ts';

const still = onlyChanged();

const SEARCH_CASES: UserCase[] = [
  {
    kind: 'search text',
    request: 'which files here mention databases at all',
    check: all(shows('notes.txt', 'README.md', 'guide.md', 'main.js'), hides('todo.txt', 'api.md'), still),
  },
  {
    kind: 'search text',
    request: 'grep for TODO in every file under here',
    check: all(shows('notes.txt', 'main.js', 'helper.py'), hides('todo.txt'), still),
  },
  {
    kind: 'search text',
    request: 'lines in app.log containing ERROR',
    check: all(says('10:25 ERROR'), shows('app.log'), still),
  },
  { kind: 'search text', request: 'where did I write about Bob?', check: all(shows('notes.txt'), still) },
  {
    kind: 'search text',
    request: 'search the src folder for require',
    check: all(shows('main.js'), hides('util.js', 'helper.py'), still),
  },
  {
    kind: 'search text',
    request: 'which js files use console.log',
    check: all(shows('main.js'), hides('util.js'), still),
  },
  {
    kind: 'search text',
    request: "look for 'disk full' in the logs folder",
    check: all(shows('server.log', 'access.log'), hides('app.log', 'old.log'), still),
  },
  {
    kind: 'search text',
    request: "any file that says 'revenue'?",
    variant: 'users',
    check: all(shows('q1 report.txt', 'q2 report.txt', 'summary.md'), hides('notes.txt'), still),
  },
  {
    kind: 'search text',
    request: "find 'Install it' in docs",
    check: all(shows('guide.md', 'guide-copy.md'), hides('api.md'), still),
  },
  {
    kind: 'search text',
    request: 'is the word milk anywhere in here',
    check: all(shows('todo.txt'), hides('notes.txt'), still),
  },
  {
    kind: 'search text',
    request: 'grep -i meeting',
    check: all(shows('notes.txt'), hides('todo.txt'), still),
  },
  {
    kind: 'search text',
    request: "seach for the string 'answer' in the js files",
    check: all(shows('util.js'), hides('main.js'), still),
  },
  {
    kind: 'search text',
    request: 'which markdown files talk about the database',
    check: all(shows('README.md', 'guide.md'), hides('notes.txt', 'main.js', 'api.md'), still),
  },
  {
    kind: 'search text',
    request: 'show every line that has "GET" in the docs folder',
    check: all(says('GET /items'), shows('api.md'), still),
  },
];

const COUNT_CASES: UserCase[] = [
  { kind: 'count', request: 'how many files are in docs', check: all(states(4), still) },
  { kind: 'count', request: 'count the lines in data.csv', check: all(states(50), still) },
  {
    kind: 'count',
    request: 'foo - how often is it in notes.txt?',
    check: all(states(2), still),
  },
  { kind: 'count', request: 'number of ERROR lines in app.log?', check: all(states(6), still) },
  { kind: 'count', request: 'how many words does notes.txt have', check: all(states(18), still) },
  { kind: 'count', request: 'how many .log files does the logs folder have', check: all(states(2), still) },
  { kind: 'count', request: 'how many pdfs do i have in Downloads', check: all(states(1), still) },
  { kind: 'count', request: 'wc -l todo.txt', check: all(states(2), still) },
  {
    kind: 'count',
    request: 'count the characters in letter.txt from Downloads',
    check: all(states(9), still),
  },
  { kind: 'count', request: 'how many lines does the readme have', check: all(states(4), still) },
  { kind: 'count', request: 'how many errors are there in old.log', check: all(states(4), still) },
  {
    kind: 'count',
    request: 'how many jpgs are in photos',
    variant: 'users',
    check: all(states(3), still),
  },
  {
    kind: 'count',
    request: "count how often 'disk full' shows up in server.log",
    check: all(states(5), still),
  },
  {
    kind: 'count',
    request: 'how many subfolders does this folder have',
    check: all(states(4), still),
  },
];

const REPLACE_CASES: UserCase[] = [
  {
    kind: 'replace text',
    request: 'notes.txt: every foo becomes baz',
    check: all(
      contains('notes.txt', 'baz bar baz', 'call Bob'),
      lacks('notes.txt', 'foo'),
      onlyChanged('notes.txt'),
    ),
  },
  {
    kind: 'replace text',
    request: 'change http:// to https:// in config.json',
    check: all(contains('config.json', '"https://example.com"', '"debug": true'), onlyChanged('config.json')),
  },
  {
    kind: 'replace text',
    request: 'set debug to false in config.json',
    check: all(contains('config.json', '"debug": false', 'http://example.com'), onlyChanged('config.json')),
  },
  {
    kind: 'replace text',
    request: 'in README.md change database to datastore',
    check: all(
      contains('README.md', 'uses a datastore.'),
      lacks('README.md', 'database'),
      onlyChanged('README.md'),
    ),
  },
  {
    kind: 'replace text',
    request: "replace 'buy milk' with 'buy oat milk' in todo.txt",
    check: all(contains('todo.txt', 'buy oat milk', 'write report'), onlyChanged('todo.txt')),
  },
  {
    kind: 'replace text',
    request: 'swap Bob for Alice in the notes',
    check: all(
      contains('notes.txt', 'call Alice about'),
      lacks('notes.txt', 'Bob'),
      onlyChanged('notes.txt'),
    ),
  },
  {
    kind: 'replace text',
    request: 'rename variable db to conn in main.js',
    check: all(
      contains('src/main.js', 'const conn =', "'database ready'"),
      lacks('src/main.js', 'const db'),
      onlyChanged('src/main.js'),
    ),
  },
  {
    kind: 'replace text',
    request: 'change 42 to 7 in util.js',
    check: all(contains('src/util.js', 'answer: 7 '), onlyChanged('src/util.js')),
  },
  {
    kind: 'replace text',
    request: 's/slow/fast/ notes.txt',
    check: all(contains('notes.txt', 'The database is fast'), onlyChanged('notes.txt')),
  },
  {
    kind: 'replace text',
    request: 'replace every INFO with DEBUG in debug.log',
    check: all(
      lacks('debug.log', 'INFO'),
      contains('debug.log', 'DEBUG request ok', 'ERROR disk full'),
      onlyChanged('debug.log'),
    ),
  },
  {
    kind: 'replace text',
    request: "fix the wording in docs/guide.md: 'wisely' should be 'carefully'",
    check: all(
      contains('docs/guide.md', 'database carefully'),
      untouched('docs/guide-copy.md'),
      onlyChanged('docs/guide.md'),
    ),
  },
  {
    kind: 'replace text',
    request: 'change example.com to example.org in the config file',
    check: all(contains('config.json', 'http://example.org'), onlyChanged('config.json')),
  },
  {
    kind: 'replace text',
    request: "update the heading '# Project' in README.md to '# Atlas demo'",
    check: all(
      contains('README.md', '# Atlas demo', 'uses a database'),
      lacks('README.md', '# Project'),
      onlyChanged('README.md'),
    ),
  },
  {
    kind: 'replace text',
    request: 'replace ERROR with WARN in app.log pls',
    check: all(
      lacks('app.log', 'ERROR'),
      contains('app.log', 'WARN disk full', 'INFO request ok'),
      onlyChanged('app.log'),
    ),
  },
  {
    kind: 'replace text',
    request: 'in todo.txt, report should say summary',
    check: all(contains('todo.txt', 'write summary', 'buy milk'), onlyChanged('todo.txt')),
  },
];

export const TEXT_CASES: readonly UserCase[] = [...SEARCH_CASES, ...COUNT_CASES, ...REPLACE_CASES];
