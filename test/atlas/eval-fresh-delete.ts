/**
 * Fresh held-out requests that delete exactly what they name, and that pack or unpack
 * archives. Written for issue 12 by an engineer who never opened the translator, its
 * examples or the earlier held-out set; see eval-fresh.ts for the rules they follow. A delete
 * is right when what it names is gone and nothing else changed (a plan that asks is answered
 * yes, as a person who meant it would).
 */
import {
  all,
  exists,
  foundBelow,
  gone,
  newArchiveWith,
  onlyChanged,
  says,
  untouched,
} from './eval-checks.ts';
import type { UserCase } from './eval-harness.ts';

const DELETE_CASES: UserCase[] = [
  {
    kind: 'delete',
    request: 'delete all .tmp files',
    check: all(gone('draft.tmp', 'cache.tmp'), onlyChanged('draft.tmp', 'cache.tmp')),
  },
  {
    kind: 'delete',
    request: 'remove the file empty.txt',
    check: all(gone('empty.txt'), onlyChanged('empty.txt')),
  },
  {
    kind: 'delete',
    request: 'get rid of the log files older than 30 days',
    check: all(gone('old.log'), exists('app.log', 'debug.log'), onlyChanged('old.log', 'logs/access.log')),
  },
  {
    kind: 'delete',
    request: 'delete the empty directory',
    check: all(gone('empty-dir'), onlyChanged('empty-dir')),
  },
  {
    kind: 'delete',
    request: 'pls delete dup-b.txt',
    check: all(gone('dup-b.txt'), exists('dup-a.txt'), onlyChanged('dup-b.txt')),
  },
  { kind: 'delete', request: 'trash cache.tmp', check: all(gone('cache.tmp'), onlyChanged('cache.tmp')) },
  {
    kind: 'delete',
    request: 'remove the screenshot',
    check: all(gone('screenshot.png'), onlyChanged('screenshot.png')),
  },
  {
    kind: 'delete',
    request: 'delete setup.zip in downloads',
    check: all(gone('../Downloads/setup.zip'), onlyChanged('../Downloads/setup.zip')),
  },
  {
    kind: 'delete',
    request: 'delete the docs/guide-copy.md file, its a duplicate',
    check: all(gone('docs/guide-copy.md'), exists('docs/guide.md'), onlyChanged('docs/guide-copy.md')),
  },
  { kind: 'delete', request: 'erase debug.log', check: all(gone('debug.log'), onlyChanged('debug.log')) },
  { kind: 'delete', request: 'rm -rf the logs folder', check: all(gone('logs'), onlyChanged('logs')) },
  {
    kind: 'delete',
    request: 'delete all mp3 files',
    check: all(gone('song.mp3'), onlyChanged('song.mp3'), exists('../Downloads/tune.mp3')),
  },
];

const ARCHIVE_CASES: UserCase[] = [
  {
    kind: 'archive/extract',
    request: 'zip the docs folder',
    check: all(newArchiveWith(/\.zip$/i, 'guide.md', 'api.md', 'manual.pdf'), untouched('docs')),
  },
  {
    kind: 'archive/extract',
    request: 'unzip archive.zip here',
    check: all(foundBelow('.', 'hello.txt'), foundBelow('.', 'readme.txt'), exists('archive.zip')),
  },
  {
    kind: 'archive/extract',
    request: 'untar backup.tar.gz into a folder restore',
    check: all(exists('restore/config.json', 'restore/todo.txt'), untouched('config.json', 'todo.txt')),
  },
  {
    kind: 'archive/extract',
    request: 'make a tar.gz of the src folder',
    check: newArchiveWith(/\.(tar\.gz|tgz)$/i, 'main.js', 'util.js', 'helper.py'),
  },
  {
    kind: 'archive/extract',
    request: 'compress all log files into logs.zip',
    check: all(newArchiveWith(/^logs\.zip$/, 'app.log', 'old.log', 'debug.log'), exists('app.log')),
  },
  { kind: 'archive/extract', request: 'whats in backup.tar.gz', check: says('config.json', 'todo.txt') },
  {
    kind: 'archive/extract',
    request: 'zip up notes.txt and todo.txt together',
    check: all(newArchiveWith(/\.zip$/i, 'notes.txt', 'todo.txt'), exists('notes.txt', 'todo.txt')),
  },
  {
    kind: 'archive/extract',
    request: 'unpack setup.zip from downloads here',
    check: all(exists('setup.txt'), exists('../Downloads/setup.zip')),
  },
  {
    kind: 'archive/extract',
    request: 'archive the reports folder as reports.tar.gz',
    variant: 'users',
    check: newArchiveWith(/^reports\.tar\.gz$/, 'q1 report.txt', 'q2 report.txt', 'summary.md'),
  },
  {
    kind: 'archive/extract',
    request: 'extract the zip file to a folder called unzipped',
    check: exists('unzipped/hello.txt', 'unzipped/inner/readme.txt'),
  },
  {
    kind: 'archive/extract',
    request: 'can you compress the pictures into pics.zip',
    check: newArchiveWith(/^pics\.zip$/, 'photo.jpg', 'screenshot.png'),
  },
];

export const DELETE_ARCHIVE_CASES: readonly UserCase[] = [...DELETE_CASES, ...ARCHIVE_CASES];
