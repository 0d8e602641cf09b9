/**
 * Fourth held-out set, two things at once: one sentence with two steps ("X and then Y",
 * "X, then Y") and short sessions where the second request says "them" or "it". Written
 * apart from the translator and every earlier set; eval-fourth.ts says the rules. Each check
 * asks for both halves: what the first step left and what the second one did with it.
 */
import {
  all,
  contains,
  exists,
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
    request: 'find the .tmp files and then delete them',
    check: all(gone('draft.tmp', 'cache.tmp'), onlyChanged('draft.tmp', 'cache.tmp')),
  },
  {
    kind: 'compound',
    request: 'make a folder named old and move old.log in there',
    check: all(exists('old/old.log'), gone('old.log'), onlyChanged('old', 'old.log')),
  },
  {
    kind: 'compound',
    request: 'copy notes.txt to notes.bak and then show me notes.bak',
    check: all(contains('notes.bak', 'Meeting notes'), says('Meeting notes'), exists('notes.txt')),
  },
  {
    kind: 'compound',
    request: 'zip the docs folder and then delete it',
    check: all(newArchiveWith(/\.zip$/, 'guide.md', 'api.md', 'manual.pdf'), gone('docs')),
  },
  {
    kind: 'compound',
    request: "create hello.txt with 'hi' in it, then count its words",
    check: all(contains('hello.txt', 'hi'), states(1)),
  },
  {
    kind: 'compound',
    request: ['find the mp3 files', 'move them to my downloads'],
    check: all(
      exists('../Downloads/song.mp3', '../Downloads/tune.mp3'),
      gone('song.mp3'),
      onlyChanged('song.mp3', '../Downloads/song.mp3'),
    ),
  },
  {
    kind: 'compound',
    request: 'rename todo.txt to tasks.md and show it',
    check: all(contains('tasks.md', 'buy milk'), gone('todo.txt'), says('buy milk')),
  },
  {
    kind: 'compound',
    request: 'look for TODO in the src folder and tell me how many hits there are',
    check: all(states(2), onlyChanged()),
  },
  {
    kind: 'compound',
    request: 'download http://127.0.0.1:{port}/hello to hello.txt then read it to me',
    check: all(contains('hello.txt', 'hello world'), says('hello world')),
  },
  {
    kind: 'compound',
    request: 'find log files older than a week and put them in old-logs.zip',
    check: all(
      newArchiveWith(/^old-logs\.zip$/, 'old.log', 'debug.log'),
      newArchiveWithout(/^old-logs\.zip$/, 'app.log', 'server.log'),
    ),
  },
  {
    kind: 'compound',
    request: ['whats the biggest file here', 'delete it'],
    check: all(gone('big.bin'), onlyChanged('big.bin')),
  },
  {
    kind: 'compound',
    request: 'make a directory named csv and copy data.csv there',
    check: all(exists('csv/data.csv', 'data.csv'), onlyChanged('csv')),
  },
  {
    kind: 'compound',
    request: 'replace foo with qux in notes.txt and show me the file',
    check: all(contains('notes.txt', 'qux bar qux'), says('qux bar qux')),
  },
  {
    kind: 'compound',
    request: "git add new.txt and commit it with message 'add new'",
    variant: 'git',
    check: all(
      (r) => git(r, 'log', '-1', '--format=%s') === 'add new' || 'the last commit is not "add new"',
      (r) =>
        git(r, 'show', '--name-only', '--format=', 'HEAD') === 'new.txt' ||
        'the commit holds more than new.txt',
      contains('notes.txt', 'changed line'),
    ),
  },
  {
    kind: 'compound',
    request: ['unzip archive.zip into a folder called extracted', 'now show me hello.txt'],
    check: all(exists('extracted/hello.txt'), says('hello from the zip')),
  },
  {
    kind: 'compound',
    request: 'create a folder reports2, then move both dup files into it',
    check: all(
      exists('reports2/dup-a.txt', 'reports2/dup-b.txt'),
      gone('dup-a.txt', 'dup-b.txt'),
      onlyChanged('reports2', 'dup-a.txt', 'dup-b.txt'),
    ),
  },
];
