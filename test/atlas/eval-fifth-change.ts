/**
 * The fifth held-out set's requests that make, copy or move files: each is judged by what is
 * there afterwards and by nothing else having changed.
 */
import { all, contains, exists, gone, newFileWith, onlyChanged, printsWhenRun } from './eval-checks.ts';
import type { UserCase } from './eval-harness.ts';

const CREATE_CASES: UserCase[] = [
  {
    kind: 'create/write',
    request: 'make a file called hello.txt that says hi there',
    check: all(contains('hello.txt', 'hi there'), onlyChanged('hello.txt')),
  },
  {
    kind: 'create/write',
    request: 'create a blank file called placeholder',
    check: all(exists('placeholder'), onlyChanged('placeholder')),
  },
  {
    kind: 'create/write',
    request: "new folder 'invoices' please",
    check: all(exists('invoices'), onlyChanged('invoices')),
  },
  {
    kind: 'create/write',
    request: 'mkdir -p archive/2024',
    check: all(exists('archive/2024'), onlyChanged('archive')),
  },
  {
    kind: 'create/write',
    request: "write 'remember the milk' to shopping.txt",
    check: all(contains('shopping.txt', 'remember the milk'), onlyChanged('shopping.txt')),
  },
  {
    kind: 'create/write',
    request: "add a line 'call mum' to todo.txt",
    check: all(contains('todo.txt', 'buy milk', 'write report', 'call mum'), onlyChanged('todo.txt')),
  },
  {
    kind: 'create/write',
    request: 'create three folders: red, green and blue',
    check: all(exists('red', 'green', 'blue'), onlyChanged('red', 'green', 'blue')),
  },
  {
    kind: 'create/write',
    request: 'pls make a folder called drafts inside docs',
    check: all(exists('docs/drafts'), onlyChanged('docs/drafts')),
  },
  {
    kind: 'create/write',
    request: 'create a python script hi.py that prints hello world',
    check: all(printsWhenRun('python3', 'hi.py', 'hello world'), onlyChanged('hi.py')),
  },
  {
    kind: 'create/write',
    request: "put the text 'version 2' in a new file named VERSION",
    check: all(contains('VERSION', 'version 2'), onlyChanged('VERSION')),
  },
  {
    kind: 'create/write',
    request: "make me a file todo2.txt with 'pay rent' in it",
    check: all(contains('todo2.txt', 'pay rent'), onlyChanged('todo2.txt')),
  },
  {
    kind: 'create/write',
    request: 'append the line "TODO: write tests" to notes.txt',
    check: all(contains('notes.txt', 'Meeting notes', 'TODO: write tests'), onlyChanged('notes.txt')),
  },
  {
    kind: 'create/write',
    request: 'touch CHANGELOG.md',
    check: all(exists('CHANGELOG.md'), onlyChanged('CHANGELOG.md')),
  },
  {
    kind: 'create/write',
    request: 'create a shell script called run.sh that echoes done',
    check: all(printsWhenRun('sh', 'run.sh', 'done'), onlyChanged('run.sh')),
  },
  {
    kind: 'create/write',
    request: 'write a json file settings.json containing {"theme": "dark"}',
    check: all(contains('settings.json', '"theme"', 'dark'), onlyChanged('settings.json')),
  },
];

const COPY_CASES: UserCase[] = [
  {
    kind: 'copy',
    request: 'could u duplicate notes.txt under the name notes-backup.txt',
    check: all(
      contains('notes-backup.txt', 'call Bob'),
      exists('notes.txt'),
      onlyChanged('notes-backup.txt'),
    ),
  },
  {
    kind: 'copy',
    request: 'duplicate config.json',
    check: all(newFileWith(/config/, '"debug": true'), contains('config.json', 'example.com')),
  },
  {
    kind: 'copy',
    request: 'cp data.csv docs/',
    check: all(contains('docs/data.csv', 'id,name,value'), exists('data.csv'), onlyChanged('docs/data.csv')),
  },
  {
    kind: 'copy',
    request: 'make a copy of the readme in the docs folder',
    check: all(contains('docs/README.md', '# Project'), exists('README.md'), onlyChanged('docs/README.md')),
  },
  {
    kind: 'copy',
    request: 'copy the pdfs in this folder into a new folder called pdfs',
    check: all(exists('pdfs/report.pdf', 'report.pdf'), onlyChanged('pdfs')),
  },
  {
    kind: 'copy',
    request: 'back up config.json to config.json.bak',
    check: all(
      contains('config.json.bak', 'example.com'),
      exists('config.json'),
      onlyChanged('config.json.bak'),
    ),
  },
  {
    kind: 'copy',
    request: 'copy the letter from Downloads to here',
    check: all(
      contains('letter.txt', 'Dear Sir'),
      exists('../Downloads/letter.txt'),
      onlyChanged('letter.txt'),
    ),
  },
  {
    kind: 'copy',
    request: 'please copy the src folder to src-old',
    check: all(exists('src-old/main.js', 'src-old/lib/helper.py', 'src/main.js'), onlyChanged('src-old')),
  },
  {
    kind: 'copy',
    request: 'cpoy todo.txt to docs',
    check: all(exists('docs/todo.txt', 'todo.txt'), onlyChanged('docs/todo.txt')),
  },
  {
    kind: 'copy',
    request: 'put a copy of invoice.pdf from Downloads into docs',
    check: all(exists('docs/invoice.pdf', '../Downloads/invoice.pdf'), onlyChanged('docs/invoice.pdf')),
  },
  {
    kind: 'copy',
    request: 'copy the mp3 here to my Downloads folder',
    check: all(exists('../Downloads/song.mp3', 'song.mp3'), onlyChanged('../Downloads/song.mp3')),
  },
  {
    kind: 'copy',
    request: 'make a second copy of the docs dir named docs2',
    check: all(exists('docs2/guide.md', 'docs2/api.md', 'docs/guide.md'), onlyChanged('docs2')),
  },
  {
    kind: 'copy',
    request: 'copy README.md and todo.txt into backup/',
    check: all(exists('backup/README.md', 'backup/todo.txt', 'README.md', 'todo.txt'), onlyChanged('backup')),
  },
  {
    kind: 'copy',
    request: 'could you copy photo.jpg and screenshot.png into a folder named images',
    check: all(exists('images/photo.jpg', 'images/screenshot.png', 'photo.jpg'), onlyChanged('images')),
  },
];

const MOVE_CASES: UserCase[] = [
  {
    kind: 'move/rename',
    request: 'todo.txt needs to be renamed tasks.txt',
    check: all(contains('tasks.txt', 'buy milk'), gone('todo.txt'), onlyChanged('todo.txt', 'tasks.txt')),
  },
  {
    kind: 'move/rename',
    request: 'move draft.tmp into the docs folder',
    check: all(exists('docs/draft.tmp'), gone('draft.tmp'), onlyChanged('draft.tmp', 'docs/draft.tmp')),
  },
  {
    kind: 'move/rename',
    request: 'mvoe report.pdf to docs',
    check: all(exists('docs/report.pdf'), gone('report.pdf'), onlyChanged('report.pdf', 'docs/report.pdf')),
  },
  {
    kind: 'move/rename',
    request: 'move all the jpg files to a folder named pictures',
    check: all(
      exists('pictures/photo.jpg', 'screenshot.png'),
      gone('photo.jpg'),
      onlyChanged('photo.jpg', 'pictures'),
    ),
  },
  {
    kind: 'move/rename',
    request: 'put song.mp3 in a music folder',
    check: all(exists('music/song.mp3'), gone('song.mp3'), onlyChanged('song.mp3', 'music')),
  },
  {
    kind: 'move/rename',
    request: 'the empty-dir folder should be called spare',
    check: all(exists('spare'), gone('empty-dir'), onlyChanged('empty-dir', 'spare')),
  },
  {
    kind: 'move/rename',
    request: 'move invoice.pdf from Downloads into this folder',
    check: all(
      exists('invoice.pdf'),
      gone('../Downloads/invoice.pdf'),
      onlyChanged('invoice.pdf', '../Downloads/invoice.pdf'),
    ),
  },
  {
    kind: 'move/rename',
    request: 'move data.csv up one level',
    check: all(exists('../data.csv'), gone('data.csv'), onlyChanged('data.csv', '../data.csv')),
  },
  {
    kind: 'move/rename',
    request: 'call config.json settings.json from now on',
    check: all(
      contains('settings.json', 'example.com'),
      gone('config.json'),
      onlyChanged('config.json', 'settings.json'),
    ),
  },
  {
    kind: 'move/rename',
    request: 'move the old log to the logs folder',
    check: all(exists('logs/old.log'), gone('old.log'), onlyChanged('old.log', 'logs/old.log')),
  },
  {
    kind: 'move/rename',
    request: "rename 'q1 report.txt' to q1.txt",
    variant: 'users',
    cwd: 'work/reports',
    check: all(
      contains('q1.txt', 'Q1: revenue up'),
      gone('q1 report.txt'),
      onlyChanged('q1.txt', 'q1 report.txt'),
    ),
  },
  {
    kind: 'move/rename',
    request: 'shift the tmp files into a folder called scratch',
    check: all(
      exists('scratch/draft.tmp', 'scratch/cache.tmp'),
      gone('draft.tmp', 'cache.tmp'),
      onlyChanged('draft.tmp', 'cache.tmp', 'scratch'),
    ),
  },
  {
    kind: 'move/rename',
    request: 'move the screenshot to the Downloads folder',
    check: all(
      exists('../Downloads/screenshot.png'),
      gone('screenshot.png'),
      onlyChanged('screenshot.png', '../Downloads/screenshot.png'),
    ),
  },
  {
    kind: 'move/rename',
    request: 'take guide-copy.md out of docs and put it in this folder',
    check: all(
      exists('guide-copy.md', 'docs/guide.md'),
      gone('docs/guide-copy.md'),
      onlyChanged('guide-copy.md', 'docs/guide-copy.md'),
    ),
  },
];

export const CHANGE_CASES: readonly UserCase[] = [...CREATE_CASES, ...COPY_CASES, ...MOVE_CASES];
