/**
 * Fourth held-out set, plain deletes a person means (the plan asks and the evaluation says
 * yes, so each check asks whether exactly the named things went) and archives: making one,
 * looking inside, unpacking. Written apart from the translator and every earlier set;
 * eval-fourth.ts says the rules. From the fixture: archive.zip holds hello.txt and
 * inner/readme.txt, backup.tar.gz holds config.json and todo.txt, ~/Downloads/setup.zip holds
 * setup.txt; old.log (40 days) is the only top-level log older than a month and big.bin the
 * only file over 500 KiB.
 */
import {
  all,
  contains,
  exists,
  foundBelow,
  gone,
  newArchiveWith,
  newArchiveWithout,
  onlyChanged,
  says,
} from './eval-checks.ts';
import type { UserCase } from './eval-harness.ts';

const DELETE: UserCase[] = [
  {
    kind: 'delete',
    request: 'delete draft.tmp now',
    check: all(gone('draft.tmp'), onlyChanged('draft.tmp')),
  },
  {
    kind: 'delete',
    request: 'remove all the tmp files',
    check: all(gone('draft.tmp', 'cache.tmp'), onlyChanged('draft.tmp', 'cache.tmp')),
  },
  { kind: 'delete', request: 'delte empty.txt', check: all(gone('empty.txt'), onlyChanged('empty.txt')) },
  {
    kind: 'delete',
    request: 'get rid of that empty folder',
    check: all(gone('empty-dir'), onlyChanged('empty-dir')),
  },
  {
    kind: 'delete',
    request: 'delete the logs folder',
    check: all(gone('logs'), exists('app.log', 'old.log'), onlyChanged('logs')),
  },
  { kind: 'delete', request: 'rm -f ./old.log', check: all(gone('old.log'), onlyChanged('old.log')) },
  {
    kind: 'delete',
    request: 'erase the logs that are more than a month old',
    check: all(
      gone('old.log'),
      exists('app.log', 'debug.log', 'logs/server.log'),
      onlyChanged('old.log', 'logs/access.log'),
    ),
  },
  {
    kind: 'delete',
    request: 'please delete dup-b.txt, its just a copy',
    check: all(gone('dup-b.txt'), exists('dup-a.txt'), onlyChanged('dup-b.txt')),
  },
  {
    kind: 'delete',
    request: 'remove the docs/guide-copy.md file',
    check: all(gone('docs/guide-copy.md'), exists('docs/guide.md'), onlyChanged('docs/guide-copy.md')),
  },
  {
    kind: 'delete',
    request: 'delete setup.zip from my downloads',
    check: all(gone('../Downloads/setup.zip'), onlyChanged('../Downloads/setup.zip')),
  },
  {
    kind: 'delete',
    request: 'trash the cache.tmp file',
    check: all(gone('cache.tmp'), onlyChanged('cache.tmp')),
  },
  {
    kind: 'delete',
    request: 'remove every zero byte file',
    check: all(gone('empty.txt'), exists('empty-dir'), onlyChanged('empty.txt')),
  },
  {
    kind: 'delete',
    request: 'delete the files that are bigger than 500kb',
    check: all(gone('big.bin'), exists('medium.dat'), onlyChanged('big.bin')),
  },
  {
    kind: 'delete',
    request: 'clear out the logs folder but leave the folder itself',
    check: all(gone('logs/server.log', 'logs/access.log'), exists('logs', 'app.log'), onlyChanged('logs')),
  },
  {
    kind: 'delete',
    request: 'delete the mp3 in downloads',
    check: all(gone('../Downloads/tune.mp3'), exists('song.mp3'), onlyChanged('../Downloads/tune.mp3')),
  },
  // Nothing matches these (no file reaches 1 GB; the only screenshot is 200 days old): the
  // filter is read, typo and all, and nothing goes.
  { kind: 'delete', request: 'delete anything bigger then 1 gb', check: onlyChanged() },
  { kind: 'delete', request: 'remove the screenshots from last week', check: onlyChanged() },
];

const ARCHIVE: UserCase[] = [
  {
    kind: 'archive/extract',
    request: 'zip up the docs folder for me',
    check: all(newArchiveWith(/\.zip$/, 'guide.md', 'api.md', 'manual.pdf'), exists('docs/guide.md')),
  },
  {
    kind: 'archive/extract',
    request: 'make a tar.gz out of src',
    check: all(newArchiveWith(/\.(tar\.gz|tgz)$/, 'main.js', 'util.js', 'helper.py'), exists('src/main.js')),
  },
  {
    kind: 'archive/extract',
    request: 'please unzip archive.zip',
    check: all(foundBelow('.', 'hello.txt'), foundBelow('.', 'readme.txt'), exists('archive.zip')),
  },
  {
    kind: 'archive/extract',
    request: "what's inside backup.tar.gz",
    check: all(says('config.json', 'todo.txt'), onlyChanged()),
  },
  {
    kind: 'archive/extract',
    request: 'extract setup.zip from downloads into here',
    check: all(foundBelow('.', 'setup.txt'), exists('../Downloads/setup.zip')),
  },
  {
    kind: 'archive/extract',
    request: 'compress the top level log files into logs.zip',
    check: all(
      newArchiveWith(/^logs\.zip$/, 'app.log', 'old.log', 'debug.log'),
      newArchiveWithout(/^logs\.zip$/, 'server.log', 'access.log'),
    ),
  },
  {
    kind: 'archive/extract',
    request: 'zip notes.txt and todo.txt together',
    check: all(newArchiveWith(/\.zip$/, 'notes.txt', 'todo.txt'), exists('notes.txt', 'todo.txt')),
  },
  {
    kind: 'archive/extract',
    request: 'unpack backup.tar.gz into a folder called restored',
    check: all(
      contains('restored/config.json', 'example.com'),
      contains('restored/todo.txt', 'buy milk'),
      onlyChanged('restored'),
    ),
  },
  {
    kind: 'archive/extract',
    request: 'list the contents of the zip file in downloads',
    check: all(says('setup.txt'), onlyChanged()),
  },
  {
    kind: 'archive/extract',
    request: 'archive report.pdf as pdfs.tar.gz',
    check: newArchiveWith(/^pdfs\.tar\.gz$/, 'report.pdf'),
  },
  {
    kind: 'archive/extract',
    request: 'create a zip of the photos folder',
    variant: 'users',
    check: newArchiveWith(/\.zip$/, 'IMG_0001.JPG', 'IMG_0002.JPG', 'IMG_0003.JPG'),
  },
  {
    kind: 'archive/extract',
    request: 'ziip the src directory',
    check: newArchiveWith(/\.zip$/, 'main.js', 'helper.py'),
  },
  {
    kind: 'archive/extract',
    request: 'decompress archive.zip into a new folder called unpacked',
    check: all(
      contains('unpacked/hello.txt', 'hello from the zip'),
      contains('unpacked/inner/readme.txt', 'inside'),
      onlyChanged('unpacked'),
    ),
  },
  {
    kind: 'archive/extract',
    request: 'could u make a compressed backup of config.json',
    check: all(newArchiveWith(/\.(zip|tar\.gz|tgz)$/, 'config.json'), exists('config.json')),
  },
  {
    kind: 'archive/extract',
    request: 'whats in archive.zip',
    check: all(says('hello.txt', 'readme.txt'), onlyChanged()),
  },
];

export const DELETE_ARCHIVE_CASES: readonly UserCase[] = [...DELETE, ...ARCHIVE];
