/**
 * Held-out requests about the text inside files: searching, counting, replacing, typed the
 * way people do (grep habits, sed habits, plain questions).
 */
import {
  all,
  contains,
  either,
  exactly,
  hides,
  lacks,
  onlyChanged,
  says,
  shows,
  states,
  untouched,
} from './eval-checks.ts';
import type { UserCase } from './eval-harness.ts';

export const TEXT_CASES: UserCase[] = [
  // search text
  {
    kind: 'search text',
    request: 'which files mention database',
    check: all(shows('README.md', 'notes.txt', 'guide.md', 'main.js'), hides('todo.txt', 'api.md')),
  },
  {
    kind: 'search text',
    request: 'grep TODO',
    check: all(shows('notes.txt', 'main.js', 'helper.py'), hides('todo.txt')),
  },
  {
    kind: 'search text',
    request: 'find ERROR in the logs',
    check: all(shows('server.log', 'access.log'), hides('notes.txt', 'README.md'), says('ERROR disk full')),
  },
  { kind: 'search text', request: "search for 'budget'", check: exactly('notes.txt') },
  {
    kind: 'search text',
    request: 'look for the word slow in notes.txt',
    check: all(says('The database is slow'), exactly('notes.txt')),
  },
  {
    kind: 'search text',
    request: 'where is require used in the source code',
    check: all(shows('main.js'), hides('util.js', 'notes.txt')),
  },
  { kind: 'search text', request: 'find files that contain foo', check: exactly('notes.txt') },
  {
    kind: 'search text',
    request: 'search all md files for install',
    check: all(shows('guide.md', 'guide-copy.md'), hides('README.md', 'api.md')),
  },
  { kind: 'search text', request: 'does any file contain http://example.com', check: exactly('config.json') },
  { kind: 'search text', request: 'which js files have console.log in them', check: exactly('main.js') },
  {
    kind: 'search text',
    request: "show lines with 'disk full' in app.log",
    check: all(says('ERROR disk full'), exactly('app.log')),
  },
  {
    kind: 'search text',
    request: 'grep -i todo src',
    check: all(shows('main.js', 'helper.py'), hides('notes.txt', 'util.js')),
  },
  { kind: 'search text', request: "search my downloads for 'Dear'", check: exactly('letter.txt') },
  { kind: 'search text', request: "is the word 'answer' anywhere in src?", check: exactly('util.js') },

  // count
  { kind: 'count', request: 'how many lines in data.csv', check: states(50) },
  { kind: 'count', request: 'count the words in notes.txt', check: states(18) },
  {
    kind: 'count',
    request: 'how many files are in this folder',
    // 21 visible files at the top, 22 with .hidden, 25 entries with the folders, 30 in the whole tree
    check: either(states(21), states(22), states(25), states(30)),
  },
  { kind: 'count', request: 'how many pdfs do I have', check: either(states(2), states(3)) },
  { kind: 'count', request: 'count the errors in app.log', check: states(6) },
  {
    kind: 'count',
    request: 'number of lines in each log file',
    check: all(states(30, 10, 12), shows('app.log', 'old.log', 'debug.log')),
  },
  { kind: 'count', request: "how many times does 'foo' appear in notes.txt", check: states(2) },
  { kind: 'count', request: 'wc -l notes.txt', check: states(5) },
  { kind: 'count', request: 'how many jpg files are in Downloads', check: states(1) },
  { kind: 'count', request: 'count the lines of code in src', check: states(7) },

  // replace text (the person says yes)
  {
    kind: 'replace text',
    request: 'replace foo with baz in notes.txt',
    check: all(
      contains('notes.txt', 'baz bar baz', 'Meeting notes'),
      lacks('notes.txt', 'foo'),
      onlyChanged('notes.txt'),
    ),
  },
  {
    kind: 'replace text',
    request: "change every 'database' to 'datastore' in README.md",
    check: all(
      contains('README.md', 'datastore'),
      lacks('README.md', 'database'),
      untouched('notes.txt', 'docs'),
    ),
  },
  {
    kind: 'replace text',
    request: 'in config.json set debug to false',
    check: all(
      contains('config.json', '"debug": false', '"url": "http://example.com"'),
      lacks('config.json', 'true'),
    ),
  },
  {
    kind: 'replace text',
    request: 'swap http://example.com for https://example.org in config.json',
    check: all(contains('config.json', '"https://example.org"'), lacks('config.json', 'http://example.com')),
  },
  {
    kind: 'replace text',
    request: 'replace Bob with Alice everywhere',
    check: all(contains('notes.txt', 'call Alice about the budget'), lacks('notes.txt', 'Bob')),
  },
  {
    kind: 'replace text',
    request: 'rename the variable db to database in src/main.js',
    check: all(
      contains('src/main.js', 'const database = require', "console.log('database ready')"),
      onlyChanged('src/main.js'),
    ),
  },
  {
    kind: 'replace text',
    request: 'replace all TODO with DONE in the src folder',
    check: all(
      contains('src/main.js', '// DONE: handle errors'),
      contains('src/lib/helper.py', '# DONE: write it'),
      untouched('notes.txt'),
    ),
  },
  {
    kind: 'replace text',
    request: 's/milk/bread/ in todo.txt',
    check: all(contains('todo.txt', 'buy bread', 'write report'), lacks('todo.txt', 'milk')),
  },
  {
    kind: 'replace text',
    request: 'change INFO to info in debug.log',
    check: all(contains('debug.log', 'info request ok'), lacks('debug.log', 'INFO'), untouched('app.log')),
  },
  {
    kind: 'replace text',
    request: 'replace the word slow with fast in notes.txt pls',
    check: all(contains('notes.txt', 'The database is fast'), lacks('notes.txt', 'slow')),
  },
];
