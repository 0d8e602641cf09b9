/**
 * The sixth set's plain deletes: what a person names, said plainly enough that there is one
 * reading. Atlas asks first (a delete is risk 3) and the evaluation answers yes, so each is
 * judged by what is gone and that nothing else is. A selection acts on the top level unless
 * the request says otherwise; where the fixture's subfolders hold a match too, the check lets
 * either reading pass and judges only what the request pins down.
 */
import { all, exists, gone, onlyChanged } from './eval-checks.ts';
import type { UserCase } from './eval-harness.ts';

export const DELETE_CASES: readonly UserCase[] = [
  {
    kind: 'delete',
    request: 'draft.tmp can go, delete it',
    check: all(gone('draft.tmp'), exists('cache.tmp'), onlyChanged('draft.tmp')),
  },
  {
    kind: 'delete',
    request: 'pls get rid of the .tmp files',
    check: all(gone('draft.tmp', 'cache.tmp'), onlyChanged('draft.tmp', 'cache.tmp')),
  },
  {
    kind: 'delete',
    request: 'rm empty.txt',
    check: all(gone('empty.txt'), onlyChanged('empty.txt')),
  },
  {
    kind: 'delete',
    request: 'remove the empty-dir folder',
    check: all(gone('empty-dir'), onlyChanged('empty-dir')),
  },
  {
    kind: 'delete',
    request: 'delete every log older than thirty days',
    check: all(
      gone('old.log'),
      exists('app.log', 'debug.log', 'logs/server.log'),
      onlyChanged('old.log', 'logs/access.log'),
    ),
  },
  {
    kind: 'delete',
    request: 'delete the stuff in Downloads that is more than a month old',
    check: all(
      gone('../Downloads/holiday.jpg', '../Downloads/tune.mp3'),
      exists('../Downloads/invoice.pdf', '../Downloads/letter.txt'),
      onlyChanged('../Downloads/holiday.jpg', '../Downloads/tune.mp3'),
    ),
  },
  {
    kind: 'delete',
    request: 'trash both dup files',
    check: all(gone('dup-a.txt', 'dup-b.txt'), onlyChanged('dup-a.txt', 'dup-b.txt')),
  },
  {
    kind: 'delete',
    request: 'remove the mp3 in my Downloads',
    check: all(gone('../Downloads/tune.mp3'), exists('song.mp3'), onlyChanged('../Downloads/tune.mp3')),
  },
  {
    kind: 'delete',
    request: 'erase docs/guide-copy.md',
    check: all(gone('docs/guide-copy.md'), exists('docs/guide.md'), onlyChanged('docs/guide-copy.md')),
  },
  {
    kind: 'delete',
    request: 'delete all zero-byte files in here',
    check: all(gone('empty.txt'), exists('empty-dir', 'notes.txt'), onlyChanged('empty.txt')),
  },
  {
    kind: 'delete',
    request: 'can you delete the screenshot',
    check: all(gone('screenshot.png'), exists('photo.jpg'), onlyChanged('screenshot.png')),
  },
  {
    kind: 'delete',
    request: 'delete the logs directory',
    check: all(gone('logs'), exists('app.log', 'old.log'), onlyChanged('logs')),
  },
  {
    kind: 'delete',
    request: 'remove files bigger than 500 kilobytes',
    check: all(gone('big.bin'), exists('medium.dat', 'song.mp3'), onlyChanged('big.bin')),
  },
  {
    kind: 'delete',
    request: 'delete cache.tmp, I dont need it',
    check: all(gone('cache.tmp'), exists('draft.tmp'), onlyChanged('cache.tmp')),
  },
  {
    kind: 'delete',
    request: 'delete all pictures older than 6 months',
    check: all(
      gone('photo.jpg', 'screenshot.png'),
      exists('song.mp3'),
      onlyChanged('photo.jpg', 'screenshot.png'),
    ),
  },
  {
    kind: 'delete',
    request: 'delet the old.log file',
    check: all(gone('old.log'), exists('app.log', 'debug.log'), onlyChanged('old.log')),
  },
  {
    kind: 'delete',
    request: 'delete report.pdf and song.mp3',
    check: all(gone('report.pdf', 'song.mp3'), onlyChanged('report.pdf', 'song.mp3')),
  },
];
