/**
 * Third held-out set, requests that make or move files: creating and writing, copying,
 * moving and renaming one thing, renaming many at once. Written by an engineer who never
 * opened the translator, its examples or either earlier held-out set; eval-third.ts says the
 * rules. The work folder's top level holds five .txt files (notes, todo, empty, dup-a,
 * dup-b), three logs (app, old, debug), two .tmp files, one .csv, one .jpg and one .png; the
 * `users` variant adds photos/IMG_000{1,2,3}.JPG and reports/ with two names that have spaces.
 */
import { all, contains, exists, gone, onlyChanged, untouched } from './eval-checks.ts';
import type { EvalResult, UserCase } from './eval-harness.ts';

const emptyFile =
  (path: string) =>
  (r: EvalResult): true | string =>
    !r.exists(path) ? `${path} is not there` : r.read(path) === '' || `${path} is not empty`;

const onlyKind =
  (dir: string, ext: RegExp) =>
  (r: EvalResult): true | string => {
    if (!r.exists(dir)) return `${dir} is not there`;
    const other = r.ls(dir).filter((n) => !ext.test(n));
    return other.length === 0 || `${dir} also holds ${other.join(', ')}`;
  };

/** Every name in `dir` is upper case (the extension may or may not be), and none went missing. */
const upperCaseNames =
  (dir: string, count: number) =>
  (r: EvalResult): true | string => {
    if (!r.exists(dir)) return `${dir} is not there`;
    const names = r.ls(dir);
    const stem = (n: string) => n.replace(/\.[^.]+$/, '');
    const ok = names.length === count && names.every((n) => stem(n) === stem(n).toUpperCase());
    return ok || `${dir} holds ${names.join(', ')}`;
  };

const CREATE: UserCase[] = [
  {
    kind: 'create/write',
    request: 'create a file named hello.txt that says hi there',
    check: contains('hello.txt', 'hi there'),
  },
  { kind: 'create/write', request: 'make a new folder called backups', check: exists('backups') },
  {
    kind: 'create/write',
    request: 'new file shopping.txt with the text eggs and bread',
    check: contains('shopping.txt', 'eggs and bread'),
  },
  {
    kind: 'create/write',
    request: 'make an empty file called placeholder.md',
    check: emptyFile('placeholder.md'),
  },
  {
    kind: 'create/write',
    request: "add a line 'call mom' to todo.txt",
    check: contains('todo.txt', 'buy milk', 'write report', 'call mom'),
  },
  {
    kind: 'create/write',
    request: "append 'the end' at the bottom of notes.txt",
    check: all(
      contains('notes.txt', 'Meeting notes', 'End of notes', 'the end'),
      (r) => r.read('notes.txt').trimEnd().endsWith('the end') || 'the end is not the last line of notes.txt',
    ),
  },
  {
    kind: 'create/write',
    request: "write 'hello world' into a file greeting.txt",
    check: contains('greeting.txt', 'hello world'),
  },
  { kind: 'create/write', request: 'make directories 2024 and 2025', check: exists('2024', '2025') },
  {
    kind: 'create/write',
    request: "creat a file called ideas.txt containing 'build a boat'",
    check: contains('ideas.txt', 'build a boat'),
  },
  {
    kind: 'create/write',
    request: "put the words 'remember the milk' in a new file reminder.txt",
    check: contains('reminder.txt', 'remember the milk'),
  },
  {
    kind: 'create/write',
    request: "create projects/demo/readme.md with '# Demo' in it",
    check: contains('projects/demo/readme.md', '# Demo'),
  },
  {
    kind: 'create/write',
    request: 'touch fresh.log',
    check: all(emptyFile('fresh.log'), onlyChanged('fresh.log')),
  },
  { kind: 'create/write', request: 'make a folder named archive inside docs', check: exists('docs/archive') },
  {
    kind: 'create/write',
    request: "jot down 'dentist on friday' in a file called memo.txt",
    check: contains('memo.txt', 'dentist on friday'),
  },
];

const COPY: UserCase[] = [
  {
    kind: 'copy',
    request: 'copy notes.txt to notes-spare.txt',
    check: all(
      contains('notes-spare.txt', 'Meeting notes', 'End of notes'),
      contains('notes.txt', 'Meeting notes'),
    ),
  },
  {
    kind: 'copy',
    request: 'duplicate the readme as README.old',
    check: all(contains('README.old', 'This project uses a database'), exists('README.md')),
  },
  {
    kind: 'copy',
    request: 'cp config.json into docs',
    check: all(contains('docs/config.json', 'example.com'), exists('config.json')),
  },
  {
    kind: 'copy',
    request: 'make a copy of data.csv in my Downloads folder',
    check: all(contains('../Downloads/data.csv', 'id,name,value'), exists('data.csv')),
  },
  {
    kind: 'copy',
    request: 'copy all pdf files into a new folder called pdf-copies',
    check: all(exists('pdf-copies/report.pdf', 'report.pdf'), onlyKind('pdf-copies', /\.pdf$/)),
  },
  {
    kind: 'copy',
    request: 'copy the docs folder to docs-2026',
    check: all(exists('docs-2026/guide.md', 'docs-2026/manual.pdf', 'docs/guide.md')),
  },
  {
    kind: 'copy',
    request: 'coppy todo.txt to todo2.txt',
    check: all(contains('todo2.txt', 'buy milk'), exists('todo.txt')),
  },
  {
    kind: 'copy',
    request: 'grab letter.txt from Downloads and put a copy here',
    check: all(contains('letter.txt', 'Dear Sir'), exists('../Downloads/letter.txt')),
  },
  {
    kind: 'copy',
    request: 'back up the src directory to src.bak',
    check: all(exists('src.bak/main.js', 'src.bak/util.js', 'src.bak/lib/helper.py', 'src/main.js')),
  },
  {
    kind: 'copy',
    request: 'copy every .log file to the logs folder',
    check: all(
      exists('logs/app.log', 'logs/old.log', 'logs/debug.log', 'app.log', 'old.log'),
      untouched('logs/server.log'),
    ),
  },
  {
    kind: 'copy',
    request: 'save a copy of my bashrc in this folder',
    variant: 'users',
    check: all(contains('.bashrc', 'alias ll'), exists('../.bashrc')),
  },
  {
    kind: 'copy',
    request: 'copy the mp3 to Downloads',
    check: all(exists('../Downloads/song.mp3', 'song.mp3'), untouched('../Downloads/tune.mp3')),
  },
  {
    kind: 'copy',
    request: 'can you copy src/util.js over to the docs dir',
    check: all(contains('docs/util.js', 'answer: 42'), exists('src/util.js')),
  },
  {
    kind: 'copy',
    request: 'copy holiday.jpg from downloads into the photos folder',
    variant: 'users',
    check: all(exists('photos/holiday.jpg', '../Downloads/holiday.jpg', 'photos/IMG_0001.JPG')),
  },
];

const MOVE: UserCase[] = [
  {
    kind: 'move/rename',
    request: 'rename todo.txt to chores.txt',
    check: all(contains('chores.txt', 'buy milk'), gone('todo.txt')),
  },
  {
    kind: 'move/rename',
    request: 'mvoe draft.tmp into the docs folder',
    check: all(exists('docs/draft.tmp'), gone('draft.tmp')),
  },
  {
    kind: 'move/rename',
    request: 'move the screenshot into an archive folder',
    check: all(exists('archive/screenshot.png'), gone('screenshot.png')),
  },
  {
    kind: 'move/rename',
    request: 'put report.pdf in the docs directory',
    check: all(exists('docs/report.pdf'), gone('report.pdf')),
  },
  {
    kind: 'move/rename',
    request: 'move all the jpg files into a folder named pictures',
    check: all(
      exists('pictures/photo.jpg', 'screenshot.png'),
      gone('photo.jpg'),
      onlyKind('pictures', /\.jpe?g$/i),
    ),
  },
  {
    kind: 'move/rename',
    request: 'rename the folder empty-dir to spare',
    check: all(exists('spare'), gone('empty-dir')),
  },
  {
    kind: 'move/rename',
    request: 'move the pdf from downloads to here',
    check: all(exists('invoice.pdf'), gone('../Downloads/invoice.pdf'), untouched('report.pdf')),
  },
  {
    kind: 'move/rename',
    request: 'move song.mp3 to the music dir',
    check: all(exists('music/song.mp3'), gone('song.mp3')),
  },
  {
    kind: 'move/rename',
    request: 'rename data.csv as numbers.csv',
    check: all(contains('numbers.csv', 'id,name,value'), gone('data.csv')),
  },
  { kind: 'move/rename', request: 'mv cache.tmp ../', check: all(exists('../cache.tmp'), gone('cache.tmp')) },
  {
    kind: 'move/rename',
    request: 'relocate the old log to the logs folder',
    check: all(exists('logs/old.log', 'app.log', 'debug.log'), gone('old.log')),
  },
  {
    kind: 'move/rename',
    request: 'move every .tmp file to the backup dir',
    check: all(exists('backup/draft.tmp', 'backup/cache.tmp'), gone('draft.tmp', 'cache.tmp')),
  },
  {
    kind: 'move/rename',
    request: 'change the name of notes.txt to minutes.txt',
    check: all(contains('minutes.txt', 'Meeting notes'), gone('notes.txt')),
  },
  {
    kind: 'move/rename',
    request: 'take tune.mp3 out of Downloads and put it in my home folder',
    check: all(exists('../tune.mp3'), gone('../Downloads/tune.mp3')),
  },
];

const BATCH: UserCase[] = [
  {
    kind: 'batch rename',
    request: 'change all .txt files to .md',
    check: all(
      exists('notes.md', 'todo.md', 'dup-a.md', 'dup-b.md'),
      gone('notes.txt', 'todo.txt'),
      exists('README.md'),
    ),
  },
  {
    kind: 'batch rename',
    request: 'add the prefix arch_ to every log file',
    check: all(exists('arch_app.log', 'arch_old.log', 'arch_debug.log'), gone('app.log', 'debug.log')),
  },
  {
    kind: 'batch rename',
    request: 'rename the .JPG photos to .jpg',
    variant: 'users',
    check: all(
      exists('photos/IMG_0001.jpg', 'photos/IMG_0002.jpg', 'photos/IMG_0003.jpg'),
      gone('photos/IMG_0001.JPG'),
      exists('photo.jpg'),
    ),
  },
  {
    kind: 'batch rename',
    request: 'lowercase the names of everything in the photos folder',
    variant: 'users',
    check: all(exists('photos/img_0001.jpg', 'photos/img_0003.jpg'), gone('photos/IMG_0001.JPG')),
  },
  {
    kind: 'batch rename',
    request: "put 2024- in front of each pdf's name",
    check: all(exists('2024-report.pdf'), gone('report.pdf')),
  },
  {
    kind: 'batch rename',
    request: 'swap the .tmp extension for .bak on all the temp files',
    check: all(exists('draft.bak', 'cache.bak'), gone('draft.tmp', 'cache.tmp')),
  },
  {
    kind: 'batch rename',
    request: 'replace the spaces in these file names with dashes',
    variant: 'users',
    cwd: 'work/reports',
    check: all(exists('q1-report.txt', 'q2-report.txt', 'summary.md'), gone('q1 report.txt')),
  },
  {
    kind: 'batch rename',
    request: 'add _v2 to the end of every csv filename',
    check: all(exists('data_v2.csv'), gone('data.csv')),
  },
  {
    kind: 'batch rename',
    request: 'rename these pictures to pic-1.jpg, pic-2.jpg and so on',
    variant: 'users',
    cwd: 'work/photos',
    check: all(contains('pic-1.jpg', 'jpeg one'), contains('pic-3.jpg', 'jpeg three'), gone('IMG_0002.JPG')),
  },
  {
    kind: 'batch rename',
    request: 'strip IMG_ from the start of the photo names',
    variant: 'users',
    cwd: 'work/photos',
    check: all(exists('0001.JPG', '0002.JPG', '0003.JPG'), gone('IMG_0001.JPG')),
  },
  {
    kind: 'batch rename',
    request: 'turn all the markdown files in docs into .txt',
    check: all(
      exists('docs/guide.txt', 'docs/guide-copy.txt', 'docs/api.txt'),
      gone('docs/guide.md'),
      exists('README.md'),
    ),
  },
  {
    kind: 'batch rename',
    request: 'prefix all the js files in src with legacy-',
    check: all(
      exists('src/legacy-main.js', 'src/legacy-util.js'),
      gone('src/main.js'),
      exists('src/lib/helper.py'),
    ),
  },
  {
    kind: 'batch rename',
    request: 'rename every .log to .log.bak',
    check: all(exists('app.log.bak', 'old.log.bak', 'debug.log.bak'), gone('app.log')),
  },
  {
    kind: 'batch rename',
    request: 'could you make all the file names in reports upper case',
    variant: 'users',
    check: upperCaseNames('reports', 3),
  },
];

export const CHANGE_CASES: readonly UserCase[] = [...CREATE, ...COPY, ...MOVE, ...BATCH];
