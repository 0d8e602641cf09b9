/**
 * Third held-out set, plain deletes (the kind a user confirms and expects done, narrowly)
 * and archives: zipping, tarring, listing and unpacking. Written by an engineer who never
 * opened the translator, its examples or either earlier held-out set; eval-third.ts says the
 * rules. archive.zip holds hello.txt and inner/readme.txt, backup.tar.gz holds config.json
 * and todo.txt, ~/Downloads/setup.zip holds setup.txt; old.log is 40 days old, debug.log 10,
 * app.log an hour, logs/access.log 60 days and logs/server.log 2.
 */
import {
  all,
  contains,
  exists,
  foundBelow,
  gone,
  newArchiveWith,
  onlyChanged,
  says,
  untouched,
} from './eval-checks.ts';
import type { EvalResult, UserCase } from './eval-harness.ts';

/** No file with this base name anywhere below `dir`. */
const nowhereBelow =
  (dir: string, name: string) =>
  (r: EvalResult): true | string =>
    foundBelow(dir, name)(r) !== true || `${name} was unpacked too`;

const DELETE: UserCase[] = [
  { kind: 'delete', request: 'delete draft.tmp', check: all(gone('draft.tmp'), onlyChanged('draft.tmp')) },
  {
    kind: 'delete',
    request: 'delte all tmp files pls',
    check: all(gone('draft.tmp', 'cache.tmp'), onlyChanged('draft.tmp', 'cache.tmp')),
  },
  {
    kind: 'delete',
    request: 'remove empty.txt please',
    check: all(gone('empty.txt'), onlyChanged('empty.txt')),
  },
  {
    kind: 'delete',
    request: 'get rid of the empty folder',
    check: all(gone('empty-dir'), onlyChanged('empty-dir')),
  },
  { kind: 'delete', request: 'delete the docs folder', check: all(gone('docs'), onlyChanged('docs')) },
  { kind: 'delete', request: 'rm ./old.log', check: all(gone('old.log'), onlyChanged('old.log')) },
  {
    kind: 'delete',
    request: 'delete log files that are more than 30 days old',
    check: all(
      gone('old.log'),
      exists('app.log', 'debug.log', 'logs/server.log'),
      onlyChanged('old.log', 'logs/access.log'),
    ),
  },
  {
    kind: 'delete',
    request: 'delete guide-copy.md in docs',
    check: all(gone('docs/guide-copy.md'), exists('docs/guide.md'), onlyChanged('docs/guide-copy.md')),
  },
  { kind: 'delete', request: 'trash the mp3', check: all(gone('song.mp3'), onlyChanged('song.mp3')) },
  {
    kind: 'delete',
    request: 'erase cache.tmp and draft.tmp',
    check: all(gone('cache.tmp', 'draft.tmp'), onlyChanged('cache.tmp', 'draft.tmp')),
  },
  {
    kind: 'delete',
    request: 'remove the setup.zip from my downloads',
    check: all(gone('../Downloads/setup.zip'), onlyChanged('../Downloads/setup.zip')),
  },
  {
    kind: 'delete',
    request: 'delete every file in the logs folder',
    check: all(gone('logs/server.log', 'logs/access.log'), exists('app.log'), onlyChanged('logs')),
  },
  {
    kind: 'delete',
    request: 'delete the pngs',
    check: all(gone('screenshot.png'), onlyChanged('screenshot.png')),
  },
  {
    kind: 'delete',
    request: 'remove files larger than 500kb',
    check: all(gone('big.bin'), exists('medium.dat'), onlyChanged('big.bin')),
  },
  // Read literally these match nothing here, so the right answer deletes nothing; dropping
  // the place or the age would delete the tmp files of the work folder.
  { kind: 'delete', request: 'delete the tmp files in the parent directory', check: onlyChanged() },
  { kind: 'delete', request: 'remove the tmp files older than a year', check: onlyChanged() },
  { kind: 'delete', request: 'delete the .mp4 files', check: onlyChanged() },
  {
    kind: 'delete',
    request: 'Please delete the empty text file.',
    check: all(gone('empty.txt'), onlyChanged('empty.txt')),
  },
];

const ARCHIVE: UserCase[] = [
  {
    kind: 'archive/extract',
    request: 'unzip archive.zip please',
    check: all(foundBelow('.', 'hello.txt'), foundBelow('.', 'readme.txt'), exists('archive.zip')),
  },
  {
    kind: 'archive/extract',
    request: 'zip up the docs dir for me',
    check: all(newArchiveWith(/\.zip$/, 'guide.md', 'api.md', 'manual.pdf'), exists('docs/guide.md')),
  },
  {
    kind: 'archive/extract',
    request: 'make a tar.gz of src',
    check: all(newArchiveWith(/\.(tar\.gz|tgz)$/, 'main.js', 'util.js', 'helper.py'), gone('tar.gz')),
  },
  {
    kind: 'archive/extract',
    request: 'extract backup.tar.gz into a folder called restored',
    check: all(contains('restored/config.json', 'example.com'), contains('restored/todo.txt', 'buy milk')),
  },
  {
    kind: 'archive/extract',
    request: 'whats inside backup.tar.gz',
    check: all(says('config.json', 'todo.txt'), onlyChanged()),
  },
  {
    kind: 'archive/extract',
    request: 'compress all the log files into logs.zip',
    check: newArchiveWith(/^logs\.zip$/, 'app.log', 'old.log', 'debug.log'),
  },
  {
    kind: 'archive/extract',
    request: 'pack notes.txt and todo.txt into a zip',
    // archive.zip is already here, with other things in it: a new zip must not replace it
    check: all(
      newArchiveWith(/\.zip$/, 'notes.txt', 'todo.txt'),
      exists('notes.txt', 'todo.txt'),
      untouched('archive.zip'),
    ),
  },
  {
    kind: 'archive/extract',
    request: 'unpack setup.zip that is in my downloads',
    check: all(foundBelow('..', 'setup.txt'), exists('../Downloads/setup.zip')),
  },
  {
    kind: 'archive/extract',
    request: 'archive the pdfs as pdfs.tar.gz',
    check: newArchiveWith(/^pdfs\.tar\.gz$/, 'report.pdf'),
  },
  {
    kind: 'archive/extract',
    request: 'create a zip file of the src folder called code.zip',
    check: newArchiveWith(/^code\.zip$/, 'main.js', 'util.js', 'helper.py'),
  },
  {
    kind: 'archive/extract',
    request: 'extract only hello.txt from archive.zip',
    check: all(foundBelow('.', 'hello.txt'), nowhereBelow('.', 'readme.txt')),
  },
  {
    kind: 'archive/extract',
    request: 'tar up the logs directory',
    check: all(newArchiveWith(/\.(tar\.gz|tgz)$/, 'server.log', 'access.log'), untouched('logs')),
  },
  {
    kind: 'archive/extract',
    request: 'list the contents of the zip in Downloads',
    check: all(says('setup.txt'), onlyChanged()),
  },
  {
    kind: 'archive/extract',
    request: 'zip the photos folder',
    variant: 'users',
    check: newArchiveWith(/\.zip$/, 'IMG_0001.JPG', 'IMG_0002.JPG', 'IMG_0003.JPG'),
  },
];

export const DELETE_ARCHIVE_CASES: readonly UserCase[] = [...DELETE, ...ARCHIVE];
