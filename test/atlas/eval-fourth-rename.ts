/**
 * Fourth held-out set, renaming many files at once: a new extension, a prefix or suffix, a
 * case change, a character swapped, a numbered series. Written apart from the translator and
 * every earlier set; eval-fourth.ts says the rules. The top-level .txt files are notes, todo,
 * empty, dup-a and dup-b; the top-level logs app, old and debug, with server and access in
 * logs/; `users` adds photos/IMG_000{1,2,3}.JPG ("jpeg one", "two", "three") and reports/ with
 * "q1 report.txt", "q2 report.txt" and summary.md.
 */
import { all, contains, either, exists, gone, onlyChanged } from './eval-checks.ts';
import type { UserCase } from './eval-harness.ts';

export const RENAME_CASES: readonly UserCase[] = [
  {
    kind: 'batch rename',
    request: 'change the extension of every .txt file to .text',
    check: all(
      exists('notes.text', 'todo.text', 'empty.text', 'dup-a.text', 'dup-b.text', '../Downloads/letter.txt'),
      gone('notes.txt', 'todo.txt'),
      onlyChanged(
        'notes.txt',
        'todo.txt',
        'empty.txt',
        'dup-a.txt',
        'dup-b.txt',
        'notes.text',
        'todo.text',
        'empty.text',
        'dup-a.text',
        'dup-b.text',
      ),
    ),
  },
  {
    kind: 'batch rename',
    request: 'rename the .JPG pictures to lowercase .jpg',
    variant: 'users',
    cwd: 'work/photos',
    check: all(exists('IMG_0001.jpg', 'IMG_0002.jpg', 'IMG_0003.jpg'), gone('IMG_0001.JPG', 'IMG_0003.JPG')),
  },
  {
    kind: 'batch rename',
    request: 'prefix all the csv files with 2024_',
    check: all(exists('2024_data.csv'), gone('data.csv'), onlyChanged('2024_data.csv', 'data.csv')),
  },
  {
    kind: 'batch rename',
    request: 'get rid of the spaces in the file names here, use dashes instead',
    variant: 'users',
    cwd: 'work/reports',
    check: all(
      exists('q1-report.txt', 'q2-report.txt', 'summary.md'),
      gone('q1 report.txt', 'q2 report.txt'),
    ),
  },
  {
    kind: 'batch rename',
    request: 'add _old to the end of each log file name',
    check: all(
      either(
        exists('app_old.log', 'old_old.log', 'debug_old.log'),
        exists('app.log_old', 'old.log_old', 'debug.log_old'),
      ),
      gone('app.log', 'old.log', 'debug.log'),
      exists('logs/server.log'),
    ),
  },
  {
    kind: 'batch rename',
    request: 'make all the file names in photos lower case',
    variant: 'users',
    check: all(
      exists('photos/img_0001.jpg', 'photos/img_0002.jpg', 'photos/img_0003.jpg'),
      gone('photos/IMG_0001.JPG'),
      onlyChanged('photos'),
    ),
  },
  {
    kind: 'batch rename',
    request: 'rename the photos to holiday-1.jpg, holiday-2.jpg etc',
    variant: 'users',
    cwd: 'work/photos',
    check: all(
      contains('holiday-1.jpg', 'jpeg one'),
      contains('holiday-3.jpg', 'jpeg three'),
      gone('IMG_0002.JPG'),
    ),
  },
  {
    kind: 'batch rename',
    request: 'strip IMG_ off the front of the photo names',
    variant: 'users',
    cwd: 'work/photos',
    check: all(exists('0001.JPG', '0002.JPG', '0003.JPG'), gone('IMG_0001.JPG')),
  },
  {
    kind: 'batch rename',
    request: 'turn all the .md files in docs into .txt',
    check: all(
      exists('docs/guide.txt', 'docs/guide-copy.txt', 'docs/api.txt', 'README.md', 'docs/manual.pdf'),
      gone('docs/guide.md'),
      onlyChanged('docs'),
    ),
  },
  {
    kind: 'batch rename',
    request: 'rename *.tmp to *.bak',
    check: all(
      contains('draft.bak', 'scratch'),
      contains('cache.bak', 'cached'),
      gone('draft.tmp', 'cache.tmp'),
      onlyChanged('draft.tmp', 'cache.tmp', 'draft.bak', 'cache.bak'),
    ),
  },
  {
    kind: 'batch rename',
    request: 'put old- in front of every log in logs/',
    check: all(
      exists('logs/old-server.log', 'logs/old-access.log', 'app.log'),
      gone('logs/server.log', 'logs/access.log'),
      onlyChanged('logs'),
    ),
  },
  {
    kind: 'batch rename',
    request: 'inside the logs folder rename all .log files to .txt',
    check: all(
      exists('logs/server.txt', 'logs/access.txt', 'app.log'),
      gone('logs/server.log', 'logs/access.log'),
      onlyChanged('logs'),
    ),
  },
  {
    kind: 'batch rename',
    request: 'swap the dash for an underscore in the names of the dup files',
    check: all(
      exists('dup_a.txt', 'dup_b.txt', 'empty-dir'),
      gone('dup-a.txt', 'dup-b.txt'),
      onlyChanged('dup-a.txt', 'dup-b.txt', 'dup_a.txt', 'dup_b.txt'),
    ),
  },
  {
    kind: 'batch rename',
    request: 'give every mp3 and png a "media_" prefix',
    check: all(
      exists('media_song.mp3', 'media_screenshot.png', 'photo.jpg'),
      gone('song.mp3', 'screenshot.png'),
      onlyChanged('song.mp3', 'screenshot.png', 'media_song.mp3', 'media_screenshot.png'),
    ),
  },
];
