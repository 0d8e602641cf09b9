/**
 * The sixth set's renames of many files at once and its archives: new extensions, prefixes,
 * suffixes, case and characters in names, numbered series; zips and tarballs made, listed and
 * unpacked. The photos (IMG_0001-3.JPG) and reports ('q1 report.txt', 'q2 report.txt',
 * summary.md) are the `users` variant's.
 */
import type { Check } from './eval-checks.ts';
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
  states,
} from './eval-checks.ts';
import type { UserCase } from './eval-harness.ts';

/** Every entry of the folder is named in upper case, and there are `count` of them. */
const allUpper =
  (dir: string, count: number): Check =>
  (r) => {
    const names = r.ls(dir);
    const lower = names.filter((n) => n !== n.toUpperCase());
    if (lower.length > 0) return `${lower.join(', ')} in ${dir} still have lower-case letters`;
    return names.length === count || `${dir} holds ${names.length} entries, not ${count}`;
  };

/** The photos are renamed in name order to `stem`1, 2, 3, each keeping its own bytes. */
const numberedPhotos =
  (stem: string): Check =>
  (r) => {
    const names = r.ls('photos');
    const bodies = ['jpeg one', 'jpeg two', 'jpeg three'];
    for (const [i, body] of bodies.entries()) {
      const name = names.find((n) => n.toLowerCase().startsWith(`${stem}${i + 1}.`));
      if (!name) return `no ${stem}${i + 1} in photos (it holds ${names.join(', ')})`;
      if (r.read(`photos/${name}`).trim() !== body) return `photos/${name} is not the picture it should be`;
    }
    return names.length === 3 || `photos holds ${names.join(', ')}`;
  };

/** No file anywhere below `dir` has this name. */
const nowhereBelow =
  (dir: string, name: string): Check =>
  (r) => {
    const found = foundBelow(dir, name)(r);
    return found === true ? `${name} was unpacked too` : true;
  };

const RENAME: UserCase[] = [
  {
    kind: 'batch rename',
    request: 'change every .txt extension here to .md',
    check: all(
      exists('notes.md', 'todo.md', 'dup-a.md', 'dup-b.md', 'empty.md'),
      gone('notes.txt', 'todo.txt'),
      contains('notes.md', 'Meeting notes'),
    ),
  },
  {
    kind: 'batch rename',
    request: 'put old_ in front of the names of all the log files',
    check: all(
      exists('old_app.log', 'old_old.log', 'old_debug.log'),
      gone('app.log', 'old.log', 'debug.log'),
      onlyChanged('app.log', 'old.log', 'debug.log', 'old_app.log', 'old_old.log', 'old_debug.log', 'logs'),
    ),
  },
  {
    kind: 'batch rename',
    request: 'rename all *.tmp to *.bak',
    check: all(
      exists('draft.bak', 'cache.bak'),
      gone('draft.tmp', 'cache.tmp'),
      onlyChanged('draft.tmp', 'cache.tmp', 'draft.bak', 'cache.bak'),
    ),
  },
  {
    kind: 'batch rename',
    request: 'make the photo file names all lowercase',
    variant: 'users',
    check: all(
      exists('photos/img_0001.jpg', 'photos/img_0002.jpg', 'photos/img_0003.jpg'),
      gone('photos/IMG_0001.JPG'),
      onlyChanged('photos'),
    ),
  },
  {
    kind: 'batch rename',
    request: 'append _v2 to the names of the md files in docs (before the extension)',
    check: all(
      exists('docs/guide_v2.md', 'docs/guide-copy_v2.md', 'docs/api_v2.md', 'docs/manual.pdf'),
      gone('docs/guide.md', 'docs/api.md'),
      onlyChanged('docs'),
    ),
  },
  {
    kind: 'batch rename',
    request: 'replace the spaces in the report file names with dashes',
    variant: 'users',
    check: all(
      exists('reports/q1-report.txt', 'reports/q2-report.txt', 'reports/summary.md'),
      gone('reports/q1 report.txt'),
      onlyChanged('reports'),
    ),
  },
  {
    kind: 'batch rename',
    request: 'rename the pictures in photos to beach1, beach2, beach3 in order',
    variant: 'users',
    check: all(numberedPhotos('beach'), onlyChanged('photos')),
  },
  {
    kind: 'batch rename',
    request: 'the .JPG endings in photos should be lower case .jpg',
    variant: 'users',
    check: all(
      exists('photos/IMG_0001.jpg', 'photos/IMG_0002.jpg', 'photos/IMG_0003.jpg'),
      gone('photos/IMG_0001.JPG'),
      onlyChanged('photos'),
    ),
  },
  {
    kind: 'batch rename',
    request: "get rid of 'IMG_' at the start of the photo names",
    variant: 'users',
    check: all(exists('photos/0001.JPG', 'photos/0002.JPG', 'photos/0003.JPG'), onlyChanged('photos')),
  },
  {
    kind: 'batch rename',
    request: 'add .bak to the end of every csv filename',
    check: all(exists('data.csv.bak'), gone('data.csv'), onlyChanged('data.csv', 'data.csv.bak')),
  },
  {
    kind: 'batch rename',
    request: 'prefix the pdf here with 2024_',
    check: all(exists('2024_report.pdf'), gone('report.pdf'), onlyChanged('report.pdf', '2024_report.pdf')),
  },
  {
    kind: 'batch rename',
    request: 'the files in logs should end in .txt instead of .log',
    check: all(exists('logs/server.txt', 'logs/access.txt'), gone('logs/server.log'), onlyChanged('logs')),
  },
  {
    kind: 'batch rename',
    request: 'make every file name in Downloads upper case',
    check: all(allUpper('../Downloads', 5), onlyChanged('../Downloads')),
  },
  {
    kind: 'batch rename',
    request: 'swap the underscores for hyphens in the photo filenames',
    variant: 'users',
    check: all(
      exists('photos/IMG-0001.JPG', 'photos/IMG-0002.JPG', 'photos/IMG-0003.JPG'),
      onlyChanged('photos'),
    ),
  },
  {
    kind: 'batch rename',
    request: 'rename the dup files so they begin with copy instead of dup',
    check: all(
      contains('copy-a.txt', 'same content'),
      exists('copy-b.txt'),
      gone('dup-a.txt', 'dup-b.txt'),
      onlyChanged('dup-a.txt', 'dup-b.txt', 'copy-a.txt', 'copy-b.txt'),
    ),
  },
  {
    kind: 'batch rename',
    request: 'chnage the extension of the tmp files to .txt',
    check: all(
      exists('draft.txt', 'cache.txt'),
      gone('draft.tmp', 'cache.tmp'),
      onlyChanged('draft.tmp', 'cache.tmp', 'draft.txt', 'cache.txt'),
    ),
  },
];

const ARCHIVE: UserCase[] = [
  {
    kind: 'archive/extract',
    request: 'zip the docs dir up for me',
    check: all(newArchiveWith(/\.zip$/, 'guide.md', 'api.md', 'manual.pdf'), exists('docs/guide.md')),
  },
  {
    kind: 'archive/extract',
    request: 'can u unzip archive.zip',
    check: all(foundBelow('.', 'hello.txt'), foundBelow('.', 'readme.txt'), exists('archive.zip')),
  },
  {
    kind: 'archive/extract',
    request: 'extract backup.tar.gz into a folder named restored',
    check: all(
      contains('restored/config.json', 'example.com'),
      contains('restored/todo.txt', 'buy milk'),
      onlyChanged('restored'),
    ),
  },
  {
    kind: 'archive/extract',
    request: 'i need a tar.gz of the src dir',
    check: all(newArchiveWith(/\.(tar\.gz|tgz)$/, 'main.js', 'util.js', 'helper.py'), exists('src/main.js')),
  },
  {
    kind: 'archive/extract',
    request: 'compress the three log files here into logs.zip',
    check: all(newArchiveWith(/^logs\.zip$/, 'app.log', 'old.log', 'debug.log'), exists('app.log')),
  },
  {
    kind: 'archive/extract',
    request: "what's inside backup.tar.gz?",
    check: all(says('config.json', 'todo.txt'), onlyChanged()),
  },
  {
    kind: 'archive/extract',
    request: 'list the contents of the zip in my Downloads',
    check: all(says('setup.txt'), onlyChanged()),
  },
  {
    kind: 'archive/extract',
    request: 'unpack setup.zip (its in Downloads) into the current folder',
    check: all(foundBelow('.', 'setup.txt'), exists('../Downloads/setup.zip')),
  },
  {
    kind: 'archive/extract',
    request: 'zip notes.txt and todo.txt together as lists.zip',
    check: all(
      newArchiveWith(/^lists\.zip$/, 'notes.txt', 'todo.txt'),
      newArchiveWithout(/^lists\.zip$/, 'data.csv'),
    ),
  },
  {
    kind: 'archive/extract',
    request: 'archive the reports folder as a tarball',
    variant: 'users',
    check: newArchiveWith(/\.(tar\.gz|tgz)$/, 'q1 report.txt', 'q2 report.txt', 'summary.md'),
  },
  {
    kind: 'archive/extract',
    request: 'bundle the pdf and the csv into a zip called stuff.zip',
    check: all(
      newArchiveWith(/^stuff\.zip$/, 'report.pdf', 'data.csv'),
      newArchiveWithout(/^stuff\.zip$/, 'notes.txt'),
    ),
  },
  {
    kind: 'archive/extract',
    request: 'pull just hello.txt out of archive.zip',
    check: all(foundBelow('.', 'hello.txt'), nowhereBelow('.', 'readme.txt')),
  },
  {
    kind: 'archive/extract',
    request: 'zip the images here and name it pics.zip',
    check: all(
      newArchiveWith(/^pics\.zip$/, 'photo.jpg', 'screenshot.png'),
      newArchiveWithout(/^pics\.zip$/, 'song.mp3'),
    ),
  },
  {
    kind: 'archive/extract',
    request: 'make an archive of everything in my Downloads folder',
    check: newArchiveWith(/\.(zip|tar\.gz|tgz)$/, 'invoice.pdf', 'holiday.jpg', 'tune.mp3', 'letter.txt'),
  },
  {
    kind: 'archive/extract',
    request: 'how many files does archive.zip hold',
    check: states(2),
  },
  {
    kind: 'archive/extract',
    request: 'extrct archive.zip to a new folder unzipped',
    check: all(exists('unzipped/hello.txt', 'unzipped/inner/readme.txt'), onlyChanged('unzipped')),
  },
];

export const RENAME_ARCHIVE_CASES: readonly UserCase[] = [...RENAME, ...ARCHIVE];
