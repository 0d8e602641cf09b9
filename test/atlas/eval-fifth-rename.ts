/**
 * The fifth held-out set's renames of many files at once: new extensions, prefixes and
 * suffixes, case, spaces, numbered series. Each is judged by the names left and by the files
 * it had no business renaming.
 */
import { all, contains, either, exists, gone, onlyChanged } from './eval-checks.ts';
import type { UserCase } from './eval-harness.ts';

export const RENAME_CASES: readonly UserCase[] = [
  {
    kind: 'batch rename',
    request: "switch the tmp files' extension to .bak",
    check: all(
      exists('draft.bak', 'cache.bak'),
      gone('draft.tmp', 'cache.tmp'),
      onlyChanged('draft.tmp', 'cache.tmp', 'draft.bak', 'cache.bak'),
    ),
  },
  {
    kind: 'batch rename',
    request: 'rename all the .txt files in this folder to .md',
    check: all(
      exists('notes.md', 'todo.md', 'empty.md', 'dup-a.md', 'dup-b.md', 'README.md'),
      gone('notes.txt', 'todo.txt', 'dup-a.txt'),
      contains('notes.md', 'call Bob'),
      onlyChanged(
        'notes.txt',
        'todo.txt',
        'empty.txt',
        'dup-a.txt',
        'dup-b.txt',
        'notes.md',
        'todo.md',
        'empty.md',
        'dup-a.md',
        'dup-b.md',
      ),
    ),
  },
  {
    kind: 'batch rename',
    request: 'lowercase all the file names here',
    variant: 'users',
    cwd: 'work/photos',
    check: all(
      exists('img_0001.jpg', 'img_0002.jpg', 'img_0003.jpg'),
      gone('IMG_0001.JPG', 'IMG_0002.JPG', 'IMG_0003.JPG'),
      onlyChanged('.'),
    ),
  },
  {
    kind: 'batch rename',
    request: 'prefix every JPG in the photos folder with trip-',
    variant: 'users',
    check: all(
      exists('photos/trip-IMG_0001.JPG', 'photos/trip-IMG_0002.JPG', 'photos/trip-IMG_0003.JPG'),
      gone('photos/IMG_0001.JPG'),
      exists('photo.jpg'),
      onlyChanged('photos'),
    ),
  },
  {
    kind: 'batch rename',
    request: 'rename the .JPG files to .jpg',
    variant: 'users',
    cwd: 'work/photos',
    check: all(
      exists('IMG_0001.jpg', 'IMG_0002.jpg', 'IMG_0003.jpg'),
      gone('IMG_0001.JPG', 'IMG_0003.JPG'),
      contains('IMG_0003.jpg', 'jpeg three'),
      onlyChanged('.'),
    ),
  },
  {
    kind: 'batch rename',
    request: "put -2023 at the end of each log file's name, before the .log",
    check: all(
      exists('app-2023.log', 'old-2023.log', 'debug-2023.log'),
      gone('app.log', 'old.log', 'debug.log'),
      onlyChanged(
        'app.log',
        'old.log',
        'debug.log',
        'app-2023.log',
        'old-2023.log',
        'debug-2023.log',
        'logs',
      ),
    ),
  },
  {
    kind: 'batch rename',
    request: 'replace the spaces in the file names with dashes',
    variant: 'users',
    cwd: 'work/reports',
    check: all(
      exists('q1-report.txt', 'q2-report.txt', 'summary.md'),
      gone('q1 report.txt', 'q2 report.txt'),
      onlyChanged('.'),
    ),
  },
  {
    kind: 'batch rename',
    request: 'rename the pictures to holiday-1.jpg, holiday-2.jpg, holiday-3.jpg',
    variant: 'users',
    cwd: 'work/photos',
    check: all(
      contains('holiday-1.jpg', 'jpeg one'),
      contains('holiday-2.jpg', 'jpeg two'),
      contains('holiday-3.jpg', 'jpeg three'),
      gone('IMG_0001.JPG'),
      onlyChanged('.'),
    ),
  },
  {
    kind: 'batch rename',
    request: 'strip the dup- prefix from the dup files',
    check: all(
      exists('a.txt', 'b.txt'),
      gone('dup-a.txt', 'dup-b.txt'),
      onlyChanged('dup-a.txt', 'dup-b.txt', 'a.txt', 'b.txt'),
    ),
  },
  {
    kind: 'batch rename',
    request: 'give every csv file the prefix 2024_',
    check: all(
      contains('2024_data.csv', 'id,name,value'),
      gone('data.csv'),
      onlyChanged('data.csv', '2024_data.csv'),
    ),
  },
  {
    kind: 'batch rename',
    request: 'in the docs folder change all .md to .markdown',
    check: all(
      exists('docs/api.markdown', 'docs/guide.markdown', 'docs/guide-copy.markdown', 'README.md'),
      gone('docs/api.md', 'docs/guide.md'),
      onlyChanged('docs'),
    ),
  },
  {
    kind: 'batch rename',
    request: 'remove IMG_ from the start of the photo file names',
    variant: 'users',
    cwd: 'work/photos',
    check: all(exists('0001.JPG', '0002.JPG', '0003.JPG'), gone('IMG_0002.JPG'), onlyChanged('.')),
  },
  {
    kind: 'batch rename',
    request: 'change .log to .txt for the files in logs/',
    check: all(
      exists('logs/server.txt', 'logs/access.txt', 'app.log'),
      gone('logs/server.log', 'logs/access.log'),
      onlyChanged('logs'),
    ),
  },
  {
    kind: 'batch rename',
    request: 'rnmae the tmp files so they end in .old',
    check: all(
      either(exists('draft.old', 'cache.old'), exists('draft.tmp.old', 'cache.tmp.old')),
      gone('draft.tmp', 'cache.tmp'),
    ),
  },
  {
    kind: 'batch rename',
    request: 'both quarterly reports should have a .text extension instead of .txt',
    variant: 'users',
    cwd: 'work/reports',
    check: all(
      exists('q1 report.text', 'q2 report.text', 'summary.md'),
      gone('q1 report.txt', 'q2 report.txt'),
      onlyChanged('.'),
    ),
  },
];
