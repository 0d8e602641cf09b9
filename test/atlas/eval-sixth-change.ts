/**
 * The sixth set's requests that make, copy and move things: each judged by what is there
 * afterwards, what it holds, and that nothing else moved.
 */
import type { Check } from './eval-checks.ts';
import { all, contains, exists, gone, onlyChanged, printsWhenRun } from './eval-checks.ts';
import type { UserCase } from './eval-harness.ts';

/** The file is there and holds nothing. */
const emptyFile =
  (path: string): Check =>
  (r) =>
    !r.exists(path) ? `${path} is not there` : r.read(path) === '' || `${path} is not empty`;

const CREATE: UserCase[] = [
  {
    kind: 'create/write',
    request: 'make a file hi.txt with the text hello there',
    check: all(contains('hi.txt', 'hello there'), onlyChanged('hi.txt')),
  },
  {
    kind: 'create/write',
    request: 'create an empty file called notes2.md',
    check: all(emptyFile('notes2.md'), onlyChanged('notes2.md')),
  },
  {
    kind: 'create/write',
    request: 'new folder named archive please',
    check: all(exists('archive'), onlyChanged('archive')),
  },
  {
    kind: 'create/write',
    request: 'mkdir -p projects/2024',
    check: all(exists('projects/2024'), onlyChanged('projects')),
  },
  {
    kind: 'create/write',
    request: "add 'call mom' to the end of todo.txt",
    check: all(contains('todo.txt', 'buy milk', 'write report', 'call mom'), onlyChanged('todo.txt')),
  },
  {
    kind: 'create/write',
    request: 'write a python script hello.py that prints hi',
    check: all(printsWhenRun('python3', 'hello.py', 'hi'), onlyChanged('hello.py')),
  },
  {
    kind: 'create/write',
    request: 'make two directories, alpha and beta',
    check: all(exists('alpha', 'beta'), onlyChanged('alpha', 'beta')),
  },
  {
    kind: 'create/write',
    request: "put 'remember the milk' into a new file reminder.txt",
    check: all(contains('reminder.txt', 'remember the milk'), onlyChanged('reminder.txt')),
  },
  {
    kind: 'create/write',
    request: 'create files x1.txt and x2.txt',
    check: all(exists('x1.txt', 'x2.txt'), onlyChanged('x1.txt', 'x2.txt')),
  },
  {
    kind: 'create/write',
    request: 'save a note in memo.txt saying meeting at 3pm',
    check: all(contains('memo.txt', 'meeting at 3pm'), onlyChanged('memo.txt')),
  },
  {
    kind: 'create/write',
    request: "append the line 'the end' to notes.txt",
    check: all(contains('notes.txt', 'Meeting notes', 'End of notes', 'the end'), onlyChanged('notes.txt')),
  },
  {
    kind: 'create/write',
    request: 'create a folder called backup inside my Downloads',
    check: all(exists('../Downloads/backup'), onlyChanged('../Downloads/backup')),
  },
  {
    kind: 'create/write',
    request: 'make a shell script greet.sh which prints good morning',
    check: all(printsWhenRun('sh', 'greet.sh', 'good morning'), onlyChanged('greet.sh')),
  },
  {
    kind: 'create/write',
    request: 'I need a file named LICENSE containing MIT',
    check: all(contains('LICENSE', 'MIT'), onlyChanged('LICENSE')),
  },
  {
    kind: 'create/write',
    request: 'i want an empty directory tmp2 in src',
    check: all(exists('src/tmp2'), onlyChanged('src/tmp2')),
  },
  {
    kind: 'create/write',
    request: 'creat a file called shopping.txt that says eggs and flour',
    check: all(contains('shopping.txt', 'eggs and flour'), onlyChanged('shopping.txt')),
  },
];

const COPY: UserCase[] = [
  {
    kind: 'copy',
    request: 'copy notes.txt to notes.bak so i have a spare',
    check: all(contains('notes.bak', 'Meeting notes'), exists('notes.txt'), onlyChanged('notes.bak')),
  },
  {
    kind: 'copy',
    request: 'make a copy of config.json in docs',
    check: all(contains('docs/config.json', 'example.com'), exists('config.json'), onlyChanged('docs')),
  },
  {
    kind: 'copy',
    request: 'cp report.pdf ~/Downloads',
    check: all(exists('../Downloads/report.pdf', 'report.pdf'), onlyChanged('../Downloads/report.pdf')),
  },
  {
    kind: 'copy',
    request: 'duplicate todo.txt as todo-old.txt',
    check: all(contains('todo-old.txt', 'buy milk'), exists('todo.txt'), onlyChanged('todo-old.txt')),
  },
  {
    kind: 'copy',
    request: 'copy the src folder to src-backup',
    check: all(
      exists('src-backup/main.js', 'src-backup/util.js', 'src-backup/lib/helper.py', 'src/main.js'),
      onlyChanged('src-backup'),
    ),
  },
  {
    kind: 'copy',
    request: 'back up data.csv into a folder called backups',
    check: all(contains('backups/data.csv', 'id,name,value'), exists('data.csv'), onlyChanged('backups')),
  },
  {
    kind: 'copy',
    request: 'grab letter.txt from downloads and put a copy in this folder',
    check: all(
      contains('letter.txt', 'Dear Sir'),
      exists('../Downloads/letter.txt'),
      onlyChanged('letter.txt'),
    ),
  },
  {
    kind: 'copy',
    request: 'copy each .log file here into the logs folder',
    check: all(
      exists('logs/app.log', 'logs/old.log', 'logs/debug.log', 'app.log', 'old.log', 'debug.log'),
      onlyChanged('logs'),
    ),
  },
  {
    kind: 'copy',
    request: 'copy the photos folder to my home directory',
    variant: 'users',
    check: all(
      exists('../photos/IMG_0001.JPG', '../photos/IMG_0003.JPG', 'photos/IMG_0001.JPG'),
      onlyChanged('../photos'),
    ),
  },
  {
    kind: 'copy',
    request: 'make a backup copy of README.md called README.old',
    check: all(contains('README.old', '# Project'), exists('README.md'), onlyChanged('README.old')),
  },
  {
    kind: 'copy',
    request: 'copy the md files from docs to here',
    check: all(
      exists('guide.md', 'guide-copy.md', 'api.md', 'docs/api.md'),
      onlyChanged('guide.md', 'guide-copy.md', 'api.md'),
    ),
  },
  {
    kind: 'copy',
    request: 'pls copy song.mp3 into the videos folder in my home',
    check: all(exists('../videos/song.mp3', 'song.mp3'), onlyChanged('../videos/song.mp3')),
  },
  {
    kind: 'copy',
    request: 'copy invoice.pdf from Downloads into docs',
    check: all(exists('docs/invoice.pdf', '../Downloads/invoice.pdf'), onlyChanged('docs/invoice.pdf')),
  },
  {
    kind: 'copy',
    request: 'cpy src/util.js to src/util.bak.js',
    check: all(
      contains('src/util.bak.js', 'answer: 42'),
      exists('src/util.js'),
      onlyChanged('src/util.bak.js'),
    ),
  },
  {
    kind: 'copy',
    request: 'i need a second copy of the docs dir called docs2',
    check: all(exists('docs2/guide.md', 'docs2/manual.pdf', 'docs/guide.md'), onlyChanged('docs2')),
  },
];

const MOVE: UserCase[] = [
  {
    kind: 'move/rename',
    request: 'please rename todo.txt as tasks.txt',
    check: all(contains('tasks.txt', 'buy milk'), gone('todo.txt'), onlyChanged('todo.txt', 'tasks.txt')),
  },
  {
    kind: 'move/rename',
    request: 'move the screenshot into docs',
    check: all(exists('docs/screenshot.png'), gone('screenshot.png'), onlyChanged('screenshot.png', 'docs')),
  },
  {
    kind: 'move/rename',
    request: 'mv song.mp3 ../videos',
    check: all(exists('../videos/song.mp3'), gone('song.mp3'), onlyChanged('song.mp3', '../videos')),
  },
  {
    kind: 'move/rename',
    request: 'put both tmp files into a new folder called scratch',
    check: all(
      exists('scratch/draft.tmp', 'scratch/cache.tmp'),
      gone('draft.tmp', 'cache.tmp'),
      onlyChanged('draft.tmp', 'cache.tmp', 'scratch'),
    ),
  },
  {
    kind: 'move/rename',
    request: 'move invoice.pdf out of Downloads and into docs',
    check: all(
      exists('docs/invoice.pdf'),
      gone('../Downloads/invoice.pdf'),
      onlyChanged('docs', '../Downloads/invoice.pdf'),
    ),
  },
  {
    kind: 'move/rename',
    request: 'the empty-dir folder should be named spare',
    check: all(exists('spare'), gone('empty-dir'), onlyChanged('spare', 'empty-dir')),
  },
  {
    kind: 'move/rename',
    request: 'move photo.jpg up one level',
    check: all(exists('../photo.jpg'), gone('photo.jpg'), onlyChanged('photo.jpg', '../photo.jpg')),
  },
  {
    kind: 'move/rename',
    request: 'could you move the logs folder into docs',
    check: all(
      exists('docs/logs/server.log', 'docs/logs/access.log'),
      gone('logs'),
      onlyChanged('logs', 'docs'),
    ),
  },
  {
    kind: 'move/rename',
    request: 'relocate data.csv to src',
    check: all(exists('src/data.csv'), gone('data.csv'), onlyChanged('data.csv', 'src')),
  },
  {
    kind: 'move/rename',
    request: 'notes.txt should be called meeting-notes.txt',
    check: all(
      contains('meeting-notes.txt', 'Meeting notes'),
      gone('notes.txt'),
      onlyChanged('notes.txt', 'meeting-notes.txt'),
    ),
  },
  {
    kind: 'move/rename',
    request: 'move the mp3 and the jpg over to Downloads',
    check: all(
      exists('../Downloads/song.mp3', '../Downloads/photo.jpg'),
      gone('song.mp3', 'photo.jpg'),
      onlyChanged('song.mp3', 'photo.jpg', '../Downloads'),
    ),
  },
  {
    kind: 'move/rename',
    request: 'README.md needs to be renamed README.txt',
    check: all(
      contains('README.txt', '# Project'),
      gone('README.md'),
      onlyChanged('README.md', 'README.txt'),
    ),
  },
  {
    kind: 'move/rename',
    request: 'move big.bin to a new folder called blobs',
    check: all(exists('blobs/big.bin'), gone('big.bin'), onlyChanged('big.bin', 'blobs')),
  },
  {
    kind: 'move/rename',
    request: 'mvoe draft.tmp into src',
    check: all(exists('src/draft.tmp'), gone('draft.tmp'), onlyChanged('draft.tmp', 'src')),
  },
  {
    kind: 'move/rename',
    request: 'shift the csv file into docs',
    check: all(exists('docs/data.csv'), gone('data.csv'), onlyChanged('data.csv', 'docs')),
  },
  {
    kind: 'move/rename',
    request: 'take letter.txt out of my downloads and bring it here',
    check: all(
      exists('letter.txt'),
      gone('../Downloads/letter.txt'),
      onlyChanged('letter.txt', '../Downloads'),
    ),
  },
];

export const CHANGE_CASES: readonly UserCase[] = [...CREATE, ...COPY, ...MOVE];
