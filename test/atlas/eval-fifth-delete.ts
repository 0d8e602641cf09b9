/**
 * The fifth held-out set's plain deletes (each names what goes, so it is done after the usual
 * confirmation) and its archives: making zips and tarballs, looking inside them, unpacking.
 */
import { all, exists, foundBelow, gone, newArchiveWith, onlyChanged, says } from './eval-checks.ts';
import type { UserCase } from './eval-harness.ts';

const DELETE_CASES: UserCase[] = [
  {
    kind: 'delete',
    request: 'delete the file draft.tmp please',
    check: all(gone('draft.tmp'), onlyChanged('draft.tmp')),
  },
  {
    kind: 'delete',
    request: 'remove the tmp files',
    check: all(gone('draft.tmp', 'cache.tmp'), onlyChanged('draft.tmp', 'cache.tmp')),
  },
  {
    kind: 'delete',
    request: 'delte the empty.txt file',
    check: all(gone('empty.txt'), onlyChanged('empty.txt')),
  },
  {
    kind: 'delete',
    request: 'get rid of that empty directory',
    check: all(gone('empty-dir'), onlyChanged('empty-dir')),
  },
  { kind: 'delete', request: 'rm -v ./old.log', check: all(gone('old.log'), onlyChanged('old.log')) },
  {
    kind: 'delete',
    request: 'delete the logs here that are older than 30 days',
    check: all(gone('old.log'), exists('debug.log', 'app.log'), onlyChanged('old.log', 'logs/access.log')),
  },
  {
    kind: 'delete',
    request: "erase dup-b.txt, it's a duplicate",
    check: all(gone('dup-b.txt'), exists('dup-a.txt'), onlyChanged('dup-b.txt')),
  },
  {
    kind: 'delete',
    request: 'delete guide-copy.md inside the docs folder',
    check: all(gone('docs/guide-copy.md'), exists('docs/guide.md'), onlyChanged('docs/guide-copy.md')),
  },
  {
    kind: 'delete',
    request: 'remove the setup zip from my downloads',
    check: all(gone('../Downloads/setup.zip'), exists('archive.zip'), onlyChanged('../Downloads/setup.zip')),
  },
  {
    kind: 'delete',
    request: 'delete the whole logs directory',
    check: all(gone('logs'), exists('app.log', 'old.log'), onlyChanged('logs')),
  },
  {
    kind: 'delete',
    request: 'throw cache.tmp away',
    check: all(gone('cache.tmp'), onlyChanged('cache.tmp')),
  },
  {
    kind: 'delete',
    request: 'delete every png',
    check: all(gone('screenshot.png'), exists('photo.jpg'), onlyChanged('screenshot.png')),
  },
  {
    kind: 'delete',
    request: 'remove files bigger than 500kb from this folder',
    check: all(gone('big.bin'), exists('medium.dat', 'song.mp3'), onlyChanged('big.bin')),
  },
  {
    kind: 'delete',
    request: 'can you delete the file called .hidden',
    check: all(gone('.hidden'), onlyChanged('.hidden')),
  },
  {
    kind: 'delete',
    request: 'delete all the .tmp and .bin files',
    check: all(
      gone('draft.tmp', 'cache.tmp', 'big.bin'),
      exists('medium.dat'),
      onlyChanged('draft.tmp', 'cache.tmp', 'big.bin'),
    ),
  },
  {
    kind: 'delete',
    request: 'delete tune.mp3 and holiday.jpg from Downloads',
    check: all(
      gone('../Downloads/tune.mp3', '../Downloads/holiday.jpg'),
      exists('../Downloads/invoice.pdf', 'song.mp3'),
      onlyChanged('../Downloads/tune.mp3', '../Downloads/holiday.jpg'),
    ),
  },
  {
    kind: 'delete',
    request: "delete the log files in this folder that haven't been touched in over a week",
    check: all(gone('old.log', 'debug.log'), exists('app.log'), onlyChanged('old.log', 'debug.log')),
  },
];

const ARCHIVE_CASES: UserCase[] = [
  {
    kind: 'archive/extract',
    request: 'zip the docs folder up',
    check: all(newArchiveWith(/\.zip$/, 'guide.md', 'api.md', 'manual.pdf'), exists('docs/guide.md')),
  },
  {
    kind: 'archive/extract',
    request: 'unpack archive.zip in the current dir',
    check: all(foundBelow('.', 'hello.txt'), foundBelow('.', 'readme.txt'), exists('archive.zip')),
  },
  {
    kind: 'archive/extract',
    request: 'make a tar.gz of the src dir',
    check: all(newArchiveWith(/\.(tar\.gz|tgz)$/, 'main.js', 'util.js', 'helper.py'), exists('src/main.js')),
  },
  {
    kind: 'archive/extract',
    request: 'extract backup.tar.gz into a new folder called restored',
    check: all(exists('restored/config.json', 'restored/todo.txt'), onlyChanged('restored')),
  },
  {
    kind: 'archive/extract',
    request: 'compress all the .log files here into logs.zip',
    check: all(newArchiveWith(/^logs\.zip$/, 'app.log', 'old.log', 'debug.log'), exists('app.log')),
  },
  {
    kind: 'archive/extract',
    request: "what's in the setup zip in downloads?",
    check: all(says('setup.txt'), onlyChanged()),
  },
  {
    kind: 'archive/extract',
    request: 'unpack setup.zip from Downloads into this folder',
    check: all(exists('setup.txt'), onlyChanged('setup.txt')),
  },
  {
    kind: 'archive/extract',
    request: 'zip notes.txt and todo.txt into one zip',
    check: all(newArchiveWith(/\.zip$/, 'notes.txt', 'todo.txt'), exists('notes.txt', 'todo.txt')),
  },
  {
    kind: 'archive/extract',
    request: 'create a tarball of the docs directory called docs-backup.tar.gz',
    check: all(newArchiveWith(/^docs-backup\.tar\.gz$/, 'guide.md', 'manual.pdf')),
  },
  {
    kind: 'archive/extract',
    request: 'list the files inside backup.tar.gz',
    check: all(says('config.json', 'todo.txt'), onlyChanged()),
  },
  {
    kind: 'archive/extract',
    request: 'whats inside archive.zip, without unpacking it',
    check: all(says('hello.txt', 'readme.txt'), onlyChanged()),
  },
  {
    kind: 'archive/extract',
    request: 'put the pdfs in this folder into an archive named pdfs.zip',
    check: all(newArchiveWith(/^pdfs\.zip$/, 'report.pdf'), exists('report.pdf')),
  },
  {
    kind: 'archive/extract',
    request: 'compress the photos folder',
    variant: 'users',
    check: all(
      newArchiveWith(/\.(zip|tar\.gz|tgz)$/, 'IMG_0001.JPG', 'IMG_0002.JPG', 'IMG_0003.JPG'),
      exists('photos/IMG_0001.JPG'),
    ),
  },
  {
    kind: 'archive/extract',
    request: 'unzip archive.zip to a dir named unpacked',
    check: all(exists('unpacked/hello.txt', 'unpacked/inner/readme.txt'), onlyChanged('unpacked')),
  },
  {
    kind: 'archive/extract',
    request: 'make a zip of everything in reports',
    variant: 'users',
    check: all(newArchiveWith(/\.zip$/, 'q1 report.txt', 'q2 report.txt', 'summary.md')),
  },
];

export const DELETE_ARCHIVE_CASES: readonly UserCase[] = [...DELETE_CASES, ...ARCHIVE_CASES];
