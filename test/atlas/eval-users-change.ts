/**
 * Held-out requests that change files: creating and writing, copying, moving and renaming,
 * batch renames. The person answers yes when Atlas asks, as someone who meant the request
 * would; each case checks what is there afterwards and that the rest of the tree is as it was.
 */
import { all, contains, created, either, exists, gone, onlyChanged, untouched } from './eval-checks.ts';
import type { UserCase } from './eval-harness.ts';

const TODO = 'buy milk\nwrite report\n';

export const CHANGE_CASES: UserCase[] = [
  // create / write
  {
    kind: 'create/write',
    request: 'create a folder called backups',
    check: all(exists('backups/'), onlyChanged('backups')),
  },
  {
    kind: 'create/write',
    request: 'make a new file hello.txt that says hi there',
    check: contains('hello.txt', 'hi there'),
  },
  { kind: 'create/write', request: 'mkdir projects/2024', check: exists('projects/2024/') },
  {
    kind: 'create/write',
    request: "add 'buy eggs' to todo.txt",
    check: contains('todo.txt', 'buy milk\nwrite report\n', 'buy eggs'),
  },
  {
    kind: 'create/write',
    request: "write 'hello world' into greeting.txt",
    check: contains('greeting.txt', 'hello world'),
  },
  {
    kind: 'create/write',
    request: 'create an empty file called placeholder.md',
    check: (r) =>
      (r.exists('placeholder.md') && r.read('placeholder.md').trim() === '') || 'no empty placeholder.md',
  },
  {
    kind: 'create/write',
    request: 'please make a directory named archive-2024 in docs',
    check: all(exists('docs/archive-2024/'), untouched('docs/guide.md')),
  },
  {
    kind: 'create/write',
    request: 'append a line saying done to notes.txt',
    check: all(
      contains('notes.txt', 'Meeting notes', 'End of notes\n'),
      (r) => r.read('notes.txt').trimEnd().endsWith('done') || 'notes.txt does not end with done',
    ),
  },
  { kind: 'create/write', request: 'touch newfile.txt', check: exists('newfile.txt') },
  { kind: 'create/write', request: "new folder 'Old Stuff'", check: exists('Old Stuff/') },
  {
    kind: 'create/write',
    request: "save the text 'meeting at 10' to a file named reminder.txt",
    check: contains('reminder.txt', 'meeting at 10'),
  },
  { kind: 'create/write', request: 'create folders a, b and c', check: exists('a/', 'b/', 'c/') },

  // copy
  {
    kind: 'copy',
    request: 'copy notes.txt to notes-backup.txt',
    check: all(contains('notes-backup.txt', 'Meeting notes', 'End of notes'), untouched('notes.txt')),
  },
  {
    kind: 'copy',
    request: 'make a copy of config.json called config.old.json',
    check: all(contains('config.old.json', '"debug": true'), exists('config.json')),
  },
  {
    kind: 'copy',
    request: 'copy the pdfs into my Downloads folder',
    check: all(exists('../Downloads/report.pdf', 'report.pdf'), untouched('report.pdf')),
  },
  {
    kind: 'copy',
    request: 'duplicate todo.txt',
    check: (r) =>
      (created(r, /todo/i).some((p) => p !== 'todo.txt' && r.read(p) === TODO) &&
        r.read('todo.txt') === TODO) ||
      'no second copy of todo.txt',
  },
  {
    kind: 'copy',
    request: 'back up the docs folder to docs-backup',
    check: all(exists('docs-backup/guide.md', 'docs-backup/manual.pdf', 'docs/guide.md'), untouched('docs')),
  },
  {
    kind: 'copy',
    request: 'cp README.md docs/',
    check: all(contains('docs/README.md', '# Project'), exists('README.md')),
  },
  {
    kind: 'copy',
    request: 'copy the txt files to a folder called texts',
    check: all(exists('texts/notes.txt', 'texts/todo.txt', 'notes.txt', 'todo.txt')),
  },
  {
    kind: 'copy',
    request: 'copy photo.jpg to my downloads',
    check: all(exists('../Downloads/photo.jpg', 'photo.jpg')),
  },
  {
    kind: 'copy',
    request: 'put a copy of the src folder in ~/backup',
    check: all(either(exists('../backup/src/main.js'), exists('../backup/main.js')), exists('src/main.js')),
  },
  {
    kind: 'copy',
    request: 'copy letter.txt from Downloads to here',
    check: all(contains('letter.txt', 'Dear Sir'), exists('../Downloads/letter.txt')),
  },

  // move / rename
  {
    kind: 'move/rename',
    request: 'rename todo.txt to tasks.txt',
    check: all(contains('tasks.txt', 'buy milk'), gone('todo.txt'), onlyChanged('todo.txt', 'tasks.txt')),
  },
  {
    kind: 'move/rename',
    request: 'move report.pdf into docs',
    check: all(exists('docs/report.pdf'), gone('report.pdf')),
  },
  {
    kind: 'move/rename',
    request: 'mv draft.tmp draft.txt',
    check: all(contains('draft.txt', 'scratch'), gone('draft.tmp')),
  },
  {
    kind: 'move/rename',
    request: 'put all the mp3s in a music folder',
    check: all(exists('music/song.mp3'), gone('song.mp3'), untouched('photo.jpg')),
  },
  {
    kind: 'move/rename',
    request: 'move the screenshot to Downloads',
    check: all(exists('../Downloads/screenshot.png'), gone('screenshot.png')),
  },
  {
    kind: 'move/rename',
    request: 'can you rename the docs folder to documentation',
    check: all(exists('documentation/guide.md', 'documentation/api.md'), gone('docs')),
  },
  {
    kind: 'move/rename',
    request: 'move holiday.jpg from downloads into this folder',
    check: all(exists('holiday.jpg'), gone('../Downloads/holiday.jpg')),
  },
  {
    kind: 'move/rename',
    request: 'relocate big.bin to ~/videos',
    check: all(exists('../videos/big.bin'), gone('big.bin')),
  },
  {
    kind: 'move/rename',
    request: 'rename data.csv to data-2024.csv please',
    check: all(contains('data-2024.csv', 'id,name,value'), gone('data.csv')),
  },
  {
    kind: 'move/rename',
    request: 'move everything in the logs folder up here',
    check: all(
      exists('server.log', 'access.log'),
      gone('logs/server.log', 'logs/access.log'),
      untouched('app.log'),
    ),
  },
  {
    kind: 'move/rename',
    request: 'change the name of notes.txt to meeting-notes.txt',
    check: all(contains('meeting-notes.txt', 'Meeting notes'), gone('notes.txt')),
  },
  {
    kind: 'move/rename',
    request: 'move the json file to src',
    check: all(exists('src/config.json'), gone('config.json')),
  },

  // batch rename
  {
    kind: 'batch rename',
    request: 'rename all .tmp files to .bak',
    check: all(
      contains('draft.bak', 'scratch'),
      contains('cache.bak', 'cached'),
      gone('draft.tmp', 'cache.tmp'),
    ),
  },
  {
    kind: 'batch rename',
    variant: 'users',
    request: 'change the extension of every .JPG in photos to .jpg',
    check: (r) =>
      r.ls('photos').join() === 'IMG_0001.jpg,IMG_0002.jpg,IMG_0003.jpg' ||
      `photos holds ${r.ls('photos').join(', ')}`,
  },
  {
    kind: 'batch rename',
    request: 'add the prefix old_ to all the log files',
    check: all(exists('old_app.log', 'old_old.log', 'old_debug.log'), gone('app.log', 'debug.log')),
  },
  {
    kind: 'batch rename',
    variant: 'users',
    cwd: 'work/photos',
    request: 'make all these file names lowercase',
    check: (r) =>
      r.ls().join() === 'img_0001.jpg,img_0002.jpg,img_0003.jpg' || `the folder holds ${r.ls().join(', ')}`,
  },
  {
    kind: 'batch rename',
    variant: 'users',
    request: 'replace spaces with underscores in the file names in reports',
    check: all(
      exists('reports/q1_report.txt', 'reports/q2_report.txt', 'reports/summary.md'),
      gone('reports/q1 report.txt'),
    ),
  },
  {
    kind: 'batch rename',
    variant: 'users',
    request: 'rename every .txt file in reports to .md',
    check: all(
      exists('reports/q1 report.md', 'reports/q2 report.md'),
      contains('reports/summary.md', 'revenue is fine'),
    ),
  },
  {
    kind: 'batch rename',
    variant: 'users',
    request: 'rename the pictures in photos to holiday-1.jpg, holiday-2.jpg and so on',
    check: (r) =>
      r.ls('photos').join() === 'holiday-1.jpg,holiday-2.jpg,holiday-3.jpg' ||
      `photos holds ${r.ls('photos').join(', ')}`,
  },
  {
    kind: 'batch rename',
    request: 'rename the .log files to .log.old',
    check: all(
      exists('app.log.old', 'old.log.old', 'debug.log.old'),
      gone('app.log', 'old.log', 'debug.log'),
    ),
  },
];
