/**
 * Fourth held-out set, requests that make or move files: writing new files and folders,
 * copying, moving and renaming one thing (many at once: eval-fourth-rename.ts). Written apart from the
 * translator and every earlier set; eval-fourth.ts says the rules. Each check looks at what is
 * on disk afterwards, and that nothing else moved (the top-level .txt files are notes, todo,
 * empty, dup-a and dup-b; the only top-level zip is archive.zip; the top-level logs are app,
 * old and debug; `users` adds photos/IMG_000{1,2,3}.JPG and reports/ with spaces in names).
 */
import { all, contains, exists, gone, onlyChanged, printsWhenRun } from './eval-checks.ts';
import type { UserCase } from './eval-harness.ts';

const CREATE: UserCase[] = [
  {
    kind: 'create/write',
    request: "make me a file hello.txt which has 'hi there' in it",
    check: all(contains('hello.txt', 'hi there'), onlyChanged('hello.txt')),
  },
  {
    kind: 'create/write',
    request: 'new folder called archive please',
    check: all(exists('archive'), onlyChanged('archive')),
  },
  {
    kind: 'create/write',
    request: 'create notes2.txt with the words call mom',
    check: all(contains('notes2.txt', 'call mom'), onlyChanged('notes2.txt')),
  },
  {
    kind: 'create/write',
    request: 'add a line "buy eggs" to todo.txt',
    check: all(contains('todo.txt', 'buy milk\nwrite report\n', 'buy eggs'), onlyChanged('todo.txt')),
  },
  {
    kind: 'create/write',
    request: 'make three directories: red, green and blue',
    check: all(exists('red', 'green', 'blue'), onlyChanged('red', 'green', 'blue')),
  },
  {
    kind: 'create/write',
    request: 'create an empty file named placeholder',
    check: all(
      exists('placeholder'),
      (r) => r.read('placeholder') === '' || 'placeholder is not empty',
      onlyChanged('placeholder'),
    ),
  },
  {
    kind: 'create/write',
    request: "write 'done' into a new file status.txt",
    check: all(contains('status.txt', 'done'), onlyChanged('status.txt')),
  },
  {
    kind: 'create/write',
    request: 'mkdir -p build/out',
    check: all(exists('build/out'), onlyChanged('build')),
  },
  {
    kind: 'create/write',
    request: "pls make a file tasks.md that says '# Tasks'",
    check: all(contains('tasks.md', '# Tasks'), onlyChanged('tasks.md')),
  },
  {
    kind: 'create/write',
    request: 'create a python script hi.py that prints hello',
    check: all(printsWhenRun('python3', 'hi.py', 'hello'), onlyChanged('hi.py')),
  },
  {
    kind: 'create/write',
    request: "append 'the end' to the end of notes.txt",
    check: all(contains('notes.txt', 'End of notes', 'the end'), onlyChanged('notes.txt')),
  },
  {
    kind: 'create/write',
    request: 'make a new directory inside docs named drafts',
    check: all(exists('docs/drafts'), onlyChanged('docs/drafts')),
  },
  {
    kind: 'create/write',
    request: 'put a file list.txt in my Downloads containing apples and pears',
    check: all(contains('../Downloads/list.txt', 'apples and pears'), onlyChanged('../Downloads/list.txt')),
  },
  {
    kind: 'create/write',
    request: 'touch a.md b.md',
    check: all(exists('a.md', 'b.md'), onlyChanged('a.md', 'b.md')),
  },
  {
    kind: 'create/write',
    request: 'write a shell script go.sh that echoes ready',
    check: all(printsWhenRun('sh', 'go.sh', 'ready'), onlyChanged('go.sh')),
  },
];

const COPY: UserCase[] = [
  {
    kind: 'copy',
    request: 'copy notes.txt to notes.bak',
    check: all(contains('notes.bak', 'Meeting notes'), exists('notes.txt'), onlyChanged('notes.bak')),
  },
  {
    kind: 'copy',
    request: 'duplicate config.json as config.old.json',
    check: all(contains('config.old.json', 'example.com'), onlyChanged('config.old.json')),
  },
  {
    kind: 'copy',
    request: 'copy report.pdf into the docs folder',
    check: all(exists('docs/report.pdf', 'report.pdf'), onlyChanged('docs/report.pdf')),
  },
  {
    kind: 'copy',
    request: 'make a copy of the src folder called src-backup',
    check: all(
      exists('src-backup/main.js', 'src-backup/lib/helper.py', 'src/main.js'),
      onlyChanged('src-backup'),
    ),
  },
  {
    kind: 'copy',
    request: 'cp todo.txt ~/Downloads',
    check: all(
      contains('../Downloads/todo.txt', 'buy milk'),
      exists('todo.txt'),
      onlyChanged('../Downloads/todo.txt'),
    ),
  },
  {
    kind: 'copy',
    request: 'copy letter.txt out of downloads into here',
    check: all(
      contains('letter.txt', 'Dear Sir'),
      exists('../Downloads/letter.txt'),
      onlyChanged('letter.txt'),
    ),
  },
  {
    kind: 'copy',
    request: 'back up data.csv into a folder named backup',
    check: all(contains('backup/data.csv', 'id,name,value'), exists('data.csv'), onlyChanged('backup')),
  },
  {
    kind: 'copy',
    request: 'copy all the .txt files to a new folder txt',
    check: all(
      exists('txt/notes.txt', 'txt/todo.txt', 'txt/empty.txt', 'txt/dup-a.txt', 'txt/dup-b.txt', 'notes.txt'),
      gone('txt/README.md', 'txt/data.csv'),
      onlyChanged('txt'),
    ),
  },
  {
    kind: 'copy',
    request: 'coppy the readme into docs pls',
    check: all(contains('docs/README.md', '# Project'), exists('README.md'), onlyChanged('docs/README.md')),
  },
  {
    kind: 'copy',
    request: 'copy every jpg from downloads into the current directory',
    check: all(exists('holiday.jpg', '../Downloads/holiday.jpg'), onlyChanged('holiday.jpg')),
  },
  {
    kind: 'copy',
    request: 'put a copy of app.log in logs',
    check: all(exists('logs/app.log', 'app.log'), onlyChanged('logs/app.log')),
  },
  {
    kind: 'copy',
    request: 'clone the docs directory to docs2',
    check: all(exists('docs2/guide.md', 'docs2/manual.pdf', 'docs/guide.md'), onlyChanged('docs2')),
  },
  {
    kind: 'copy',
    request: 'copy the mp3 to my videos folder',
    check: all(exists('../videos/song.mp3', 'song.mp3'), onlyChanged('../videos/song.mp3')),
  },
];

const MOVE: UserCase[] = [
  {
    kind: 'move/rename',
    request: 'rename todo.txt as tasks.txt',
    check: all(contains('tasks.txt', 'buy milk'), gone('todo.txt'), onlyChanged('tasks.txt', 'todo.txt')),
  },
  {
    kind: 'move/rename',
    request: 'move the pngs into a folder called images',
    check: all(
      exists('images/screenshot.png', 'photo.jpg'),
      gone('screenshot.png', 'images/photo.jpg'),
      onlyChanged('images', 'screenshot.png'),
    ),
  },
  {
    kind: 'move/rename',
    request: 'mvoe draft.tmp into docs',
    check: all(exists('docs/draft.tmp'), gone('draft.tmp'), onlyChanged('docs/draft.tmp', 'draft.tmp')),
  },
  {
    kind: 'move/rename',
    request: 'put the log files in the logs dir',
    check: all(
      exists('logs/app.log', 'logs/old.log', 'logs/debug.log', 'logs/server.log'),
      gone('app.log', 'old.log', 'debug.log'),
      onlyChanged('logs', 'app.log', 'old.log', 'debug.log'),
    ),
  },
  {
    kind: 'move/rename',
    request: 'move invoice.pdf from downloads over to docs',
    check: all(
      exists('docs/invoice.pdf'),
      gone('../Downloads/invoice.pdf'),
      onlyChanged('docs/invoice.pdf', '../Downloads/invoice.pdf'),
    ),
  },
  {
    kind: 'move/rename',
    request: 'rename the empty-dir folder to spare',
    check: all(exists('spare'), gone('empty-dir'), onlyChanged('spare', 'empty-dir')),
  },
  {
    kind: 'move/rename',
    request: 'mv report.pdf reports/',
    variant: 'users',
    check: all(
      exists('reports/report.pdf'),
      gone('report.pdf'),
      onlyChanged('reports/report.pdf', 'report.pdf'),
    ),
  },
  {
    kind: 'move/rename',
    request: 'shift all the zip files into the downloads folder',
    check: all(
      exists('../Downloads/archive.zip', 'backup.tar.gz', '../Downloads/setup.zip'),
      gone('archive.zip'),
      onlyChanged('archive.zip', '../Downloads/archive.zip'),
    ),
  },
  {
    kind: 'move/rename',
    request: 'change the name of dup-b.txt to copy.txt',
    check: all(contains('copy.txt', 'same content'), gone('dup-b.txt'), onlyChanged('copy.txt', 'dup-b.txt')),
  },
  {
    kind: 'move/rename',
    request: 'move medium.dat up one level',
    check: all(exists('../medium.dat'), gone('medium.dat'), onlyChanged('../medium.dat', 'medium.dat')),
  },
  {
    kind: 'move/rename',
    request: 'Could you rename README.md to readme.txt please?',
    check: all(
      contains('readme.txt', '# Project'),
      gone('README.md'),
      onlyChanged('readme.txt', 'README.md'),
    ),
  },
  {
    kind: 'move/rename',
    request: 'move backup.tar.gz into a new folder named old-backups',
    check: all(
      exists('old-backups/backup.tar.gz'),
      gone('backup.tar.gz'),
      onlyChanged('old-backups', 'backup.tar.gz'),
    ),
  },
  {
    kind: 'move/rename',
    request: 'the song.mp3 should go in the videos folder in my home',
    check: all(exists('../videos/song.mp3'), gone('song.mp3'), onlyChanged('../videos/song.mp3', 'song.mp3')),
  },
];

export const CHANGE_CASES: readonly UserCase[] = [...CREATE, ...COPY, ...MOVE];
