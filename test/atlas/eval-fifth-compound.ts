/**
 * The fifth held-out set's compound requests: two things in one sentence, and short sessions
 * where a later request says "them" or "it". Judged by what both parts leave.
 */
import {
  all,
  contains,
  exists,
  first,
  git,
  gone,
  newArchiveWith,
  newArchiveWithout,
  onlyChanged,
  says,
  states,
} from './eval-checks.ts';
import type { UserCase } from './eval-harness.ts';

export const COMPOUND_CASES: readonly UserCase[] = [
  {
    kind: 'compound',
    request: 'find the mp3 in here and move it into a music folder',
    check: all(exists('music/song.mp3'), gone('song.mp3'), onlyChanged('song.mp3', 'music')),
  },
  {
    kind: 'compound',
    request: 'make a folder called backup and copy config.json into it',
    check: all(contains('backup/config.json', 'example.com'), exists('config.json'), onlyChanged('backup')),
  },
  {
    kind: 'compound',
    request: 'zip the docs folder and then delete the docs folder',
    check: all(newArchiveWith(/\.zip$/, 'guide.md', 'api.md', 'manual.pdf'), gone('docs')),
  },
  {
    kind: 'compound',
    request: "create notes2.txt with the text 'hello' and show it to me",
    check: all(contains('notes2.txt', 'hello'), says('hello'), onlyChanged('notes2.txt')),
  },
  {
    kind: 'compound',
    request: 'copy data.csv to backup.csv and count its lines',
    check: all(contains('backup.csv', 'id,name,value'), exists('data.csv'), states(50)),
  },
  {
    kind: 'compound',
    request: 'download http://127.0.0.1:{port}/hello to hello.txt and then show me what it says',
    check: all(contains('hello.txt', 'hello world'), says('hello world')),
  },
  {
    kind: 'compound',
    request: ['list the tmp files', 'now delete them'],
    check: all(gone('draft.tmp', 'cache.tmp'), onlyChanged('draft.tmp', 'cache.tmp')),
  },
  {
    kind: 'compound',
    request: ['find the log files older than a week', 'zip them'],
    check: all(
      newArchiveWith(/\.zip$/, 'old.log', 'debug.log', 'access.log'),
      newArchiveWithout(/\.zip$/, 'app.log', 'server.log'),
      exists('old.log', 'debug.log'),
    ),
  },
  {
    kind: 'compound',
    request: 'replace foo with qux in notes.txt and then show me the file',
    check: all(contains('notes.txt', 'qux bar qux'), says('qux bar qux'), onlyChanged('notes.txt')),
  },
  {
    kind: 'compound',
    request: 'make a folder named old and move old.log into it',
    check: all(exists('old/old.log'), gone('old.log'), onlyChanged('old', 'old.log')),
  },
  {
    kind: 'compound',
    request: 'unzip archive.zip then show me the hello.txt in it',
    check: says('hello from the zip'),
  },
  {
    kind: 'compound',
    request: 'count the ERROR lines in server.log and then in app.log',
    check: all(states(5), states(6), onlyChanged()),
  },
  {
    kind: 'compound',
    request: "rename todo.txt to todo.md, then append '- call the bank' to it",
    check: all(
      contains('todo.md', 'buy milk', '- call the bank'),
      gone('todo.txt'),
      onlyChanged('todo.txt', 'todo.md'),
    ),
  },
  {
    kind: 'compound',
    request: 'create a dir named reports and copy the csv and the pdf into it',
    check: all(
      exists('reports/data.csv', 'reports/report.pdf', 'data.csv', 'report.pdf'),
      onlyChanged('reports'),
    ),
  },
  {
    kind: 'compound',
    request: 'go into logs and tell me which file there is biggest',
    check: all(first('access.log'), onlyChanged()),
  },
  {
    kind: 'compound',
    request: "stage everything, commit it with the message 'snapshot' and then show me the log",
    variant: 'git',
    check: all(
      (r) => git(r, 'log', '-1', '--format=%s') === 'snapshot' || 'the last commit is not "snapshot"',
      says('snapshot'),
    ),
  },
  {
    kind: 'compound',
    request: 'copy todo.txt into docs and then rename the copy to tasks.txt',
    check: all(
      contains('docs/tasks.txt', 'buy milk'),
      exists('todo.txt'),
      gone('docs/todo.txt'),
      onlyChanged('docs/tasks.txt', 'docs/todo.txt'),
    ),
  },
];
