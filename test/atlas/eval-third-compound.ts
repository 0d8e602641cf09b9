/**
 * Third held-out set, two things at once: "X and then Y" in one sentence, and short sessions
 * where a later request says "them" or "it". Written by an engineer who never opened the
 * translator, its examples or either earlier held-out set; eval-third.ts says the rules.
 */
import {
  all,
  contains,
  either,
  exists,
  git,
  gone,
  newArchiveWith,
  onlyChanged,
  reportsBytes,
  says,
  states,
} from './eval-checks.ts';
import type { UserCase } from './eval-harness.ts';

export const COMPOUND_CASES: readonly UserCase[] = [
  {
    kind: 'compound',
    request: 'find the pdfs and copy them to Downloads',
    check: all(exists('../Downloads/report.pdf', 'report.pdf', '../Downloads/invoice.pdf')),
  },
  {
    kind: 'compound',
    request: 'make a folder called old and move old.log into it',
    check: all(exists('old/old.log'), gone('old.log')),
  },
  {
    kind: 'compound',
    request: 'zip the docs folder and then delete the original',
    check: all(newArchiveWith(/\.zip$/, 'guide.md', 'api.md', 'manual.pdf'), gone('docs')),
  },
  {
    kind: 'compound',
    request: "create notes2.txt with 'hi from me' then show it",
    check: all(contains('notes2.txt', 'hi from me'), says('hi from me')),
  },
  {
    kind: 'compound',
    request: 'copy config.json to config.bak and replace http with https in the copy',
    check: all(
      contains('config.bak', 'https://example.com'),
      contains('config.json', '"http://example.com"'),
    ),
  },
  {
    kind: 'compound',
    request: 'find the biggest file and tell me how big it is',
    check: all(says('big.bin'), either(reportsBytes(614_400), says('600'))),
  },
  {
    kind: 'compound',
    request: ['list the .tmp files', 'ok delete those'],
    check: all(gone('draft.tmp', 'cache.tmp'), onlyChanged('draft.tmp', 'cache.tmp')),
  },
  {
    kind: 'compound',
    request: ['unzip archive.zip', 'show me hello.txt'],
    check: says('hello from the zip'),
  },
  {
    kind: 'compound',
    request: 'count the lines in app.log and in old.log',
    check: all(states(30), states(10)),
  },
  {
    kind: 'compound',
    request: "rename todo.txt to todo.md and add '- call mom' to it",
    check: all(contains('todo.md', 'buy milk', '- call mom'), gone('todo.txt')),
  },
  {
    kind: 'compound',
    request: "make a backup dir, copy the csv there, then show me what's in it",
    check: all(exists('backup/data.csv', 'data.csv'), says('data.csv')),
  },
  {
    kind: 'compound',
    request: ['list the log files', 'zip them up'],
    check: newArchiveWith(/\.zip$/, 'app.log', 'old.log', 'debug.log'),
  },
  {
    kind: 'compound',
    variant: 'git',
    request: "git add everything and commit it as 'tidy up'",
    check: (r) => {
      const subject = git(r, 'log', '-1', '--format=%s');
      const dirty = git(r, 'status', '--porcelain');
      return (subject === 'tidy up' && dirty === '') || `last commit '${subject}', still changed: ${dirty}`;
    },
  },
  {
    kind: 'compound',
    request: 'download http://127.0.0.1:{port}/hello and then count its words',
    check: all(states(2), exists('notes.txt')),
  },
  {
    kind: 'compound',
    request: ['show me the files in Downloads', 'move the jpg into this folder'],
    check: all(exists('holiday.jpg'), gone('../Downloads/holiday.jpg'), exists('photo.jpg')),
  },
];
