/**
 * The sixth set's compound requests: two or three things in one sentence ("X and then Y",
 * "X, then Y"), or a short session whose later request says "them" or "it". Judged by the
 * state both parts leave.
 */
import {
  all,
  contains,
  exists,
  git,
  gone,
  newArchiveWith,
  onlyChanged,
  says,
  states,
  stoppedOnly,
} from './eval-checks.ts';
import type { UserCase } from './eval-harness.ts';

export const COMPOUND_CASES: readonly UserCase[] = [
  {
    kind: 'compound',
    request: 'find the pdf files and copy them into Downloads',
    check: all(
      exists('../Downloads/report.pdf', 'report.pdf', 'docs/manual.pdf'),
      onlyChanged('../Downloads'),
    ),
  },
  {
    kind: 'compound',
    request: 'make a folder named old, then move old.log into it',
    check: all(exists('old/old.log'), gone('old.log'), onlyChanged('old', 'old.log')),
  },
  {
    kind: 'compound',
    request: 'archive src as src.zip, then remove the src folder',
    check: all(
      newArchiveWith(/^src\.zip$/, 'main.js', 'util.js', 'helper.py'),
      gone('src'),
      onlyChanged('src', 'src.zip'),
    ),
  },
  {
    kind: 'compound',
    request: 'create a folder lists, then copy notes.txt and todo.txt into it',
    check: all(
      contains('lists/notes.txt', 'Meeting notes'),
      contains('lists/todo.txt', 'buy milk'),
      exists('notes.txt', 'todo.txt'),
      onlyChanged('lists'),
    ),
  },
  {
    kind: 'compound',
    request: 'count the lines in app.log and show me the last one',
    check: all(states(30), says('10:29')),
  },
  {
    kind: 'compound',
    request: 'download http://127.0.0.1:{port}/hello to hello.txt and then show it to me',
    check: all(contains('hello.txt', 'hello world'), says('hello world'), onlyChanged('hello.txt')),
  },
  {
    kind: 'compound',
    request: 'copy config.json to config.json.orig, then change example.com to example.org in config.json',
    check: all(
      contains('config.json.orig', 'http://example.com'),
      contains('config.json', 'http://example.org'),
      onlyChanged('config.json', 'config.json.orig'),
    ),
  },
  {
    kind: 'compound',
    request: ['look for tmp files', 'ok delete them'],
    check: all(gone('draft.tmp', 'cache.tmp'), onlyChanged('draft.tmp', 'cache.tmp')),
  },
  {
    kind: 'compound',
    request: ["what's in my downloads folder", 'move the pdf from there to here'],
    check: all(
      exists('invoice.pdf'),
      gone('../Downloads/invoice.pdf'),
      onlyChanged('invoice.pdf', '../Downloads/invoice.pdf'),
    ),
  },
  {
    kind: 'compound',
    request: "rename draft.tmp to draft.txt and append 'v2' to it",
    check: all(
      contains('draft.txt', 'scratch', 'v2'),
      gone('draft.tmp'),
      onlyChanged('draft.tmp', 'draft.txt'),
    ),
  },
  {
    kind: 'compound',
    request: 'grep for ERROR in app.log, how many hits are there?',
    check: states(6),
  },
  {
    kind: 'compound',
    request: 'make a dir called pics and move photo.jpg and screenshot.png there',
    check: all(
      exists('pics/photo.jpg', 'pics/screenshot.png'),
      gone('photo.jpg', 'screenshot.png'),
      onlyChanged('pics', 'photo.jpg', 'screenshot.png'),
    ),
  },
  {
    kind: 'compound',
    request: 'unzip archive.zip into unpacked and list what came out',
    check: all(
      exists('unpacked/hello.txt', 'unpacked/inner/readme.txt'),
      says('hello.txt'),
      onlyChanged('unpacked'),
    ),
  },
  {
    kind: 'compound',
    request: "check git status, then commit all of it as 'snapshot'",
    variant: 'git',
    check: (r) => git(r, 'log', '-1', '--format=%s') === 'snapshot' || 'the last commit is not snapshot',
  },
  {
    kind: 'compound',
    request: 'create a.txt saying alpha and then copy it to b.txt',
    check: all(contains('a.txt', 'alpha'), contains('b.txt', 'alpha'), onlyChanged('a.txt', 'b.txt')),
  },
  {
    kind: 'compound',
    request: 'kill pollerd and then tell me if mailsyncd is still running',
    needs: 'proc',
    check: all(stoppedOnly(2), says('mailsyncd')),
  },
  {
    kind: 'compound',
    request: ['show me the biggest file here', 'zip it up'],
    check: all(newArchiveWith(/\.zip$/, 'big.bin'), exists('big.bin')),
  },
];
