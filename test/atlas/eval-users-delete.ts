/**
 * Held-out requests that remove files or pack and unpack them. The person answers yes when
 * Atlas asks; each case checks what is left and that nothing else changed.
 */
import {
  all,
  contains,
  either,
  exists,
  foundBelow,
  gone,
  newArchiveWith,
  onlyChanged,
  output,
  says,
  untouched,
} from './eval-checks.ts';
import type { EvalResult, UserCase } from './eval-harness.ts';

/** Exactly one of the two copies is left. */
const oneOf = (a: string, b: string) => (r: EvalResult) =>
  r.exists(a) !== r.exists(b) || `expected one of ${a} and ${b} to be left`;

export const DELETE_ARCHIVE_CASES: UserCase[] = [
  // delete (the person says yes)
  {
    kind: 'delete',
    request: 'delete the tmp files',
    check: all(gone('draft.tmp', 'cache.tmp'), onlyChanged('draft.tmp', 'cache.tmp')),
  },
  { kind: 'delete', request: 'remove empty.txt', check: all(gone('empty.txt'), onlyChanged('empty.txt')) },
  {
    kind: 'delete',
    request: 'get rid of the duplicate files',
    check: all(
      oneOf('dup-a.txt', 'dup-b.txt'),
      oneOf('docs/guide.md', 'docs/guide-copy.md'),
      untouched('notes.txt'),
    ),
  },
  { kind: 'delete', request: 'rm old.log', check: all(gone('old.log'), onlyChanged('old.log')) },
  {
    kind: 'delete',
    request: 'delete the empty folder',
    check: all(gone('empty-dir'), onlyChanged('empty-dir')),
  },
  {
    kind: 'delete',
    request: 'trash screenshot.png',
    check: all(gone('screenshot.png'), onlyChanged('screenshot.png')),
  },
  {
    kind: 'delete',
    request: 'delete all log files older than 30 days',
    check: all(
      gone('old.log'),
      exists('app.log', 'debug.log', 'logs/server.log'),
      onlyChanged('old.log', 'logs/access.log'),
    ),
  },
  {
    kind: 'delete',
    request: 'clear out my Downloads folder',
    check: all(
      (r) =>
        !r.exists('../Downloads') ||
        r.ls('../Downloads').length === 0 ||
        `Downloads still holds ${r.ls('../Downloads').join(', ')}`,
      onlyChanged('../Downloads'),
    ),
  },
  {
    kind: 'delete',
    request: 'delete every .zip',
    check: all(gone('archive.zip'), exists('backup.tar.gz'), onlyChanged('archive.zip')),
  },
  {
    kind: 'delete',
    request: 'please delete the file called cache.tmp',
    check: all(gone('cache.tmp'), exists('draft.tmp'), onlyChanged('cache.tmp')),
  },
  {
    kind: 'delete',
    request: 'remove the src/lib directory',
    check: all(gone('src/lib'), exists('src/main.js'), onlyChanged('src/lib')),
  },
  {
    kind: 'delete',
    request: 'delete files bigger than 500kb',
    check: all(gone('big.bin'), exists('medium.dat'), onlyChanged('big.bin')),
  },
  { kind: 'delete', request: 'erase song.mp3', check: all(gone('song.mp3'), onlyChanged('song.mp3')) },
  {
    kind: 'delete',
    request: 'delete docs/api.md and docs/manual.pdf',
    check: all(
      gone('docs/api.md', 'docs/manual.pdf'),
      exists('docs/guide.md'),
      onlyChanged('docs/api.md', 'docs/manual.pdf'),
    ),
  },

  // archive / extract
  {
    kind: 'archive/extract',
    request: 'zip up the docs folder',
    check: all(newArchiveWith(/\.zip$/, 'guide.md', 'api.md'), exists('docs/guide.md')),
  },
  {
    kind: 'archive/extract',
    request: 'unzip archive.zip',
    check: all(foundBelow('.', 'hello.txt'), foundBelow('.', 'readme.txt')),
  },
  {
    kind: 'archive/extract',
    request: 'extract backup.tar.gz into restore',
    check: all(contains('restore/config.json', '"debug": true'), contains('restore/todo.txt', 'buy milk')),
  },
  {
    kind: 'archive/extract',
    request: 'compress all the log files into logs.tar.gz',
    check: all(
      newArchiveWith(/^logs\.tar\.gz$/, 'app.log', 'old.log', 'debug.log'),
      exists('app.log', 'old.log'),
    ),
  },
  {
    kind: 'archive/extract',
    request: 'make a tarball of src',
    check: newArchiveWith(/\.(tar\.gz|tgz)$/, 'main.js', 'helper.py'),
  },
  {
    kind: 'archive/extract',
    request: "what's inside archive.zip?",
    check: all(says('hello.txt', 'readme.txt'), onlyChanged()),
  },
  {
    kind: 'archive/extract',
    request: 'unpack setup.zip from downloads',
    check: foundBelow('..', 'setup.txt'),
  },
  {
    kind: 'archive/extract',
    request: 'zip notes.txt and todo.txt into notes.zip',
    check: all(newArchiveWith(/^notes\.zip$/, 'notes.txt', 'todo.txt'), exists('notes.txt', 'todo.txt')),
  },
  {
    kind: 'archive/extract',
    request: 'create a zip of all the pictures',
    check: newArchiveWith(/\.zip$/, 'photo.jpg', 'screenshot.png'),
  },
  {
    kind: 'archive/extract',
    request: 'extract archive.zip to a folder named unpacked',
    check: all(contains('unpacked/hello.txt', 'hello from the zip'), exists('unpacked/inner/readme.txt')),
  },
  {
    kind: 'archive/extract',
    request: 'gzip the logs folder',
    check: newArchiveWith(/\.(tar\.gz|tgz)$/, 'server.log', 'access.log'),
  },
  {
    kind: 'archive/extract',
    request: 'decompress backup.tar.gz',
    check: either(
      (r) => r.changed.some((p) => /(^|\/)todo\.txt$/.test(p) && p !== 'todo.txt') || 'no todo.txt came out',
      output('extraction of both entries', (o) => o.entries === 2),
    ),
  },
];
