/**
 * The sixth set's text requests: finding which files hold a text, counting lines, words,
 * characters and occurrences, and replacing text inside files. The fixture's counts: app.log
 * has 30 lines (6 with ERROR), old.log 10 (4), debug.log 12 (3), logs/server.log 20,
 * data.csv 50 lines, notes.txt 5 lines with 'foo' twice, todo.txt 4 words in 22 characters.
 */
import { all, contains, exists, hides, lacks, onlyChanged, says, shows, states } from './eval-checks.ts';
import type { EvalResult, UserCase } from './eval-harness.ts';

const SEARCH: UserCase[] = [
  {
    kind: 'search text',
    request: 'which files mention the word database',
    check: all(shows('notes.txt', 'README.md', 'guide.md', 'main.js'), hides('todo.txt', 'api.md')),
  },
  {
    kind: 'search text',
    request: 'grep TODO in src',
    check: all(shows('main.js', 'helper.py'), hides('notes.txt', 'util.js')),
  },
  {
    kind: 'search text',
    request: "search for 'disk full' inside the logs folder",
    check: all(shows('server.log', 'access.log'), hides('app.log')),
  },
  {
    kind: 'search text',
    request: 'find where Bob is mentioned',
    check: all(shows('notes.txt'), hides('todo.txt')),
  },
  {
    kind: 'search text',
    request: 'look for the word milk in the txt files',
    check: all(shows('todo.txt'), hides('notes.txt')),
  },
  {
    kind: 'search text',
    request: 'which of the js files use require',
    check: all(shows('main.js'), hides('util.js', 'helper.py')),
  },
  {
    kind: 'search text',
    request: 'search every file for example.com',
    check: all(shows('config.json'), hides('README.md')),
  },
  {
    kind: 'search text',
    request: 'show me the lines with ERROR in debug.log',
    check: all(says('ERROR disk full'), saysOnlyErrors),
  },
  {
    kind: 'search text',
    request: "which file has 'answer' in it",
    check: all(shows('util.js'), hides('main.js')),
  },
  {
    kind: 'search text',
    request: 'grep -i install docs',
    check: all(shows('guide.md', 'guide-copy.md'), hides('api.md')),
  },
  {
    kind: 'search text',
    request: 'i wrote something about a budget somewhere, which file was it',
    check: all(shows('notes.txt'), hides('todo.txt', 'README.md')),
  },
  {
    kind: 'search text',
    request: "search the reports for 'revenue'",
    variant: 'users',
    check: all(shows('q1 report.txt', 'q2 report.txt', 'summary.md'), hides('notes.txt')),
  },
  {
    kind: 'search text',
    request: 'find the word helper inside the python files',
    check: all(shows('helper.py'), hides('main.js')),
  },
  {
    kind: 'search text',
    request: "look through my downloads for 'Dear'",
    check: all(shows('letter.txt'), hides('notes.txt')),
  },
  {
    kind: 'search text',
    request: "any file containing 'GET /items'?",
    check: all(shows('api.md'), hides('guide.md')),
  },
  {
    kind: 'search text',
    request: 'serch for slow in notes.txt',
    check: all(says('The database is slow'), saysNotFoo),
  },
];

/** The answer shows ERROR lines of debug.log and none of its INFO lines. */
function saysOnlyErrors(r: EvalResult): true | string {
  return !/INFO request ok/.test(r.text) || 'the answer shows INFO lines too';
}

/** The answer shows the matching line, not the rest of the file. */
function saysNotFoo(r: EvalResult): true | string {
  return !/foo bar foo/.test(r.text) || 'the answer shows lines without the word';
}

const COUNT: UserCase[] = [
  { kind: 'count', request: 'how many lines does data.csv have', check: states(50) },
  { kind: 'count', request: 'count the words in todo.txt', check: states(4) },
  { kind: 'count', request: 'how many times does foo show up in notes.txt', check: states(2) },
  { kind: 'count', request: 'number of lines with ERROR in app.log?', check: states(6) },
  { kind: 'count', request: 'how many files are in the docs dir', check: states(4) },
  { kind: 'count', request: 'count all the pdf files, subfolders included', check: states(2) },
  { kind: 'count', request: 'how many log files are there in the logs folder', check: states(2) },
  { kind: 'count', request: 'how many characters long is todo.txt', check: states(22) },
  { kind: 'count', request: 'how many errors are in old.log', check: states(4) },
  { kind: 'count', request: 'lines in notes.txt?', check: states(5) },
  { kind: 'count', request: 'how many jpg pictures are in photos', variant: 'users', check: states(3) },
  { kind: 'count', request: 'count the TODOs in src', check: states(2) },
  { kind: 'count', request: 'how many things are in my Downloads folder', check: states(5) },
  {
    kind: 'count',
    request: "how often does 'database' occur in the markdown files",
    check: states(3),
  },
  { kind: 'count', request: 'wc -l logs/server.log', check: states(20) },
  { kind: 'count', request: 'how many INFO lines are in debug.log', check: states(9) },
];

const REPLACE: UserCase[] = [
  {
    kind: 'replace text',
    request: 'replace every foo with baz in notes.txt',
    check: all(
      contains('notes.txt', 'baz bar baz', 'Meeting notes'),
      lacks('notes.txt', 'foo'),
      onlyChanged('notes.txt'),
    ),
  },
  {
    kind: 'replace text',
    request: 'config.json: change http:// to https://',
    check: all(
      contains('config.json', 'https://example.com'),
      lacks('config.json', 'http://'),
      onlyChanged('config.json'),
    ),
  },
  {
    kind: 'replace text',
    request: "in README.md replace 'database' with 'DB'",
    check: all(contains('README.md', 'uses a DB.', '# Project'), onlyChanged('README.md')),
  },
  {
    kind: 'replace text',
    request: 'config.json: debug should be false',
    check: all(
      contains('config.json', '"debug": false', 'example.com'),
      lacks('config.json', 'true'),
      onlyChanged('config.json'),
    ),
  },
  {
    kind: 'replace text',
    request: "correct 'Bob' to 'Robert' in notes.txt",
    check: all(contains('notes.txt', 'call Robert about the budget'), onlyChanged('notes.txt')),
  },
  {
    kind: 'replace text',
    request: 'change 42 to 100 in src/util.js',
    check: all(contains('src/util.js', 'answer: 100'), onlyChanged('src/util.js')),
  },
  {
    kind: 'replace text',
    request: 'replace all occurrences of INFO with info in app.log',
    check: all(
      contains('app.log', 'info request ok', 'ERROR disk full'),
      lacks('app.log', 'INFO'),
      onlyChanged('app.log'),
    ),
  },
  {
    kind: 'replace text',
    request: 'swap milk for bread in todo.txt',
    check: all(contains('todo.txt', 'buy bread', 'write report'), onlyChanged('todo.txt')),
  },
  {
    kind: 'replace text',
    request: 'rename the db variable to conn in src/main.js',
    check: all(
      contains('src/main.js', "const conn = require('./util')", "console.log('database ready')"),
      onlyChanged('src/main.js'),
    ),
  },
  {
    kind: 'replace text',
    request: "change 'End of notes' to 'Fin' in notes.txt",
    check: all(
      contains('notes.txt', 'Fin', 'Meeting notes'),
      lacks('notes.txt', 'End of notes'),
      onlyChanged('notes.txt'),
    ),
  },
  {
    kind: 'replace text',
    request: "in docs/guide.md replace 'Install it.' with 'Install it with npm.'",
    check: all(
      contains('docs/guide.md', 'Install it with npm.'),
      lacks('docs/guide-copy.md', 'npm'),
      onlyChanged('docs/guide.md'),
    ),
  },
  {
    kind: 'replace text',
    request: 'remove the blank line from README.md',
    check: all(contains('README.md', '# Project\nThis project uses a database.'), onlyChanged('README.md')),
  },
  {
    kind: 'replace text',
    request: 'delete the lines saying ERROR from old.log',
    check: all(
      lacks('old.log', 'ERROR'),
      contains('old.log', 'INFO request ok'),
      exists('old.log'),
      onlyChanged('old.log'),
    ),
  },
  {
    kind: 'replace text',
    request: 'replace the word slow with fast in notes.txt',
    check: all(contains('notes.txt', 'The database is fast'), onlyChanged('notes.txt')),
  },
  {
    kind: 'replace text',
    request: 'change the url in config.json to http://localhost:8080',
    check: all(
      contains('config.json', '"url": "http://localhost:8080"', '"debug": true'),
      lacks('config.json', 'example.com'),
      onlyChanged('config.json'),
    ),
  },
  {
    kind: 'replace text',
    request: 'in both guide files under docs, replace Guide with Handbook',
    check: all(
      contains('docs/guide.md', '# Handbook'),
      contains('docs/guide-copy.md', '# Handbook'),
      onlyChanged('docs/guide.md', 'docs/guide-copy.md'),
    ),
  },
];

export const TEXT_CASES: readonly UserCase[] = [...SEARCH, ...COUNT, ...REPLACE];
