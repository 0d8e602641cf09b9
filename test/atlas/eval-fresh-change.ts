/**
 * Fresh held-out requests that change files without destroying any: creating and writing,
 * copying, moving and renaming (one file or many at once), and replacing text. Written for
 * issue 12 by an engineer who never opened the translator, its examples or the earlier
 * held-out set; see eval-fresh.ts for the rules they follow. A request that says where
 * ("in my home", "from downloads") means HOME's folder, one level above the work folder.
 */
import { all, contains, exists, gone, lacks, newFileWith, onlyChanged, untouched } from './eval-checks.ts';
import type { UserCase } from './eval-harness.ts';

const CREATE_CASES: UserCase[] = [
  {
    kind: 'create/write',
    request: 'create a file called ideas.txt',
    check: all(exists('ideas.txt'), onlyChanged('ideas.txt')),
  },
  {
    kind: 'create/write',
    request: 'make a new folder named backups',
    check: all(exists('backups'), onlyChanged('backups')),
  },
  {
    kind: 'create/write',
    request: "write 'hello there' to greeting.txt",
    check: all(contains('greeting.txt', 'hello there'), onlyChanged('greeting.txt')),
  },
  {
    kind: 'create/write',
    request: 'add a line "call mom" to todo.txt',
    check: all(contains('todo.txt', 'buy milk', 'write report', 'call mom'), onlyChanged('todo.txt')),
  },
  { kind: 'create/write', request: 'mkdir -p projects/2025/q1', check: exists('projects/2025/q1') },
  {
    kind: 'create/write',
    request: 'could you please create an empty file named changelog.md',
    check: all(exists('changelog.md'), onlyChanged('changelog.md')),
  },
  {
    kind: 'create/write',
    request: 'put the text "remember the milk" in a new file reminder.txt',
    check: contains('reminder.txt', 'remember the milk'),
  },
  {
    kind: 'create/write',
    request: 'append done to the end of notes.txt',
    check: all(contains('notes.txt', 'End of notes', 'done'), onlyChanged('notes.txt')),
  },
  {
    kind: 'create/write',
    request: 'new dir called scratch inside docs',
    check: all(exists('docs/scratch'), onlyChanged('docs/scratch')),
  },
  {
    kind: 'create/write',
    request: 'touch newfile.log',
    check: all(exists('newfile.log'), onlyChanged('newfile.log')),
  },
  {
    kind: 'create/write',
    request: 'create shopping.txt with eggs, bread and butter in it',
    check: contains('shopping.txt', 'eggs', 'bread', 'butter'),
  },
  {
    kind: 'create/write',
    request: 'make a folder for invoices in my home',
    check: all(exists('../invoices'), onlyChanged('../invoices')),
  },
];

const COPY_CASES: UserCase[] = [
  {
    kind: 'copy',
    request: 'copy notes.txt as notes-backup.txt',
    check: all(contains('notes-backup.txt', 'Meeting notes'), contains('notes.txt', 'Meeting notes')),
  },
  {
    kind: 'copy',
    request: 'make a copy of config.json named config.old.json',
    check: all(contains('config.old.json', 'example.com'), untouched('config.json')),
  },
  {
    kind: 'copy',
    request: 'cp todo.txt docs/',
    check: all(contains('docs/todo.txt', 'buy milk'), exists('todo.txt')),
  },
  {
    kind: 'copy',
    request: 'duplicate the readme',
    check: all(newFileWith(/readme/i, 'This project uses a database'), untouched('README.md')),
  },
  {
    kind: 'copy',
    request: 'copy all the pdfs into a folder called pdfs',
    check: all(exists('pdfs/report.pdf', 'report.pdf'), untouched('report.pdf', 'docs')),
  },
  {
    kind: 'copy',
    request: 'copy the docs folder to docs-backup',
    check: all(
      exists('docs-backup/guide.md', 'docs-backup/api.md', 'docs-backup/manual.pdf'),
      untouched('docs'),
    ),
  },
  {
    kind: 'copy',
    request: 'please copy letter.txt from downloads to here',
    check: all(contains('letter.txt', 'Dear Sir'), exists('../Downloads/letter.txt')),
  },
  {
    kind: 'copy',
    request: 'backup data.csv',
    check: all(newFileWith(/./, 'id,name,value'), untouched('data.csv')),
  },
  {
    kind: 'copy',
    request: 'copy every .js file to a folder js-backup',
    check: all(exists('js-backup/main.js', 'js-backup/util.js'), untouched('src')),
  },
  {
    kind: 'copy',
    request: 'copy the photo into Pictures in my home',
    check: all(exists('../Pictures/photo.jpg'), untouched('photo.jpg')),
  },
  {
    kind: 'copy',
    request: 'cp screenshot.png screenshot2.png',
    check: all(exists('screenshot2.png'), untouched('screenshot.png')),
  },
];

const MOVE_CASES: UserCase[] = [
  {
    kind: 'move/rename',
    request: 'rename todo.txt as tasks.txt please',
    check: all(gone('todo.txt'), contains('tasks.txt', 'buy milk')),
  },
  {
    kind: 'move/rename',
    request: 'move the tmp files into a folder called trash',
    check: all(exists('trash/draft.tmp', 'trash/cache.tmp'), gone('draft.tmp', 'cache.tmp')),
  },
  { kind: 'move/rename', request: 'mv old.log logs/', check: all(exists('logs/old.log'), gone('old.log')) },
  {
    kind: 'move/rename',
    request: 'move report.pdf to the docs folder',
    check: all(exists('docs/report.pdf'), gone('report.pdf')),
  },
  {
    kind: 'move/rename',
    request: 'rename the folder empty-dir to placeholder',
    check: all(exists('placeholder'), gone('empty-dir')),
  },
  {
    kind: 'move/rename',
    request: 'could you move song.mp3 into a music folder',
    check: all(exists('music/song.mp3'), gone('song.mp3')),
  },
  {
    kind: 'move/rename',
    request: 'put photo.jpg and screenshot.png in images',
    check: all(exists('images/photo.jpg', 'images/screenshot.png'), gone('photo.jpg', 'screenshot.png')),
  },
  {
    kind: 'move/rename',
    request: 'move the invoice from downloads to my work folder',
    check: all(exists('invoice.pdf'), gone('../Downloads/invoice.pdf')),
  },
  {
    kind: 'move/rename',
    request: 'rname draft.tmp to draft.txt',
    check: all(contains('draft.txt', 'scratch'), gone('draft.tmp')),
  },
  {
    kind: 'move/rename',
    request: 'move all log files into old-logs',
    check: all(
      exists('old-logs/app.log', 'old-logs/old.log', 'old-logs/debug.log'),
      gone('app.log', 'old.log'),
    ),
  },
  {
    kind: 'move/rename',
    request: 'change the name of README.md to README.txt',
    check: all(contains('README.txt', '# Project'), gone('README.md')),
  },
  {
    kind: 'move/rename',
    request: 'move "q1 report.txt" up one level',
    variant: 'users',
    cwd: 'work/reports',
    check: all(exists('../q1 report.txt'), gone('q1 report.txt')),
  },
];

const BATCH_CASES: UserCase[] = [
  {
    kind: 'batch rename',
    request: 'rename all .txt files to .md',
    check: all(
      exists('notes.md', 'todo.md', 'empty.md', 'dup-a.md', 'dup-b.md'),
      gone('notes.txt', 'todo.txt'),
    ),
  },
  {
    kind: 'batch rename',
    request: 'change the extension of the tmp files to .bak',
    check: all(exists('draft.bak', 'cache.bak'), gone('draft.tmp', 'cache.tmp')),
  },
  {
    kind: 'batch rename',
    request: 'add the prefix old_ to every log file',
    check: all(exists('old_app.log', 'old_old.log', 'old_debug.log'), gone('app.log')),
  },
  {
    kind: 'batch rename',
    request: 'change .JPG to .jpg for the pictures in photos',
    variant: 'users',
    check: all(
      exists('photos/IMG_0001.jpg', 'photos/IMG_0002.jpg', 'photos/IMG_0003.jpg'),
      gone('photos/IMG_0001.JPG'),
    ),
  },
  {
    kind: 'batch rename',
    request: 'put a 2024_ prefix on all these photos',
    variant: 'users',
    cwd: 'work/photos',
    check: all(exists('2024_IMG_0001.JPG', '2024_IMG_0002.JPG', '2024_IMG_0003.JPG'), gone('IMG_0001.JPG')),
  },
  {
    kind: 'batch rename',
    request: 'add _backup to the end of the names of the csv files',
    check: all(exists('data_backup.csv'), gone('data.csv')),
  },
  {
    kind: 'batch rename',
    request: 'rename every .log to .log.old',
    check: all(exists('app.log.old', 'old.log.old', 'debug.log.old'), gone('app.log', 'debug.log')),
  },
  {
    kind: 'batch rename',
    request: 'prefix all markdown files in docs with draft-',
    check: all(
      exists('docs/draft-guide.md', 'docs/draft-guide-copy.md', 'docs/draft-api.md'),
      gone('docs/guide.md'),
    ),
  },
  {
    kind: 'batch rename',
    request: 'make all the .txt files in reports .md files',
    variant: 'users',
    check: all(exists('reports/q1 report.md', 'reports/q2 report.md'), gone('reports/q1 report.txt')),
  },
  {
    kind: 'batch rename',
    request: 'append -v1 to the name of each pdf',
    check: all(exists('report-v1.pdf'), gone('report.pdf')),
  },
  {
    kind: 'batch rename',
    request: 'rename teh .tmp files to .temp',
    check: all(exists('draft.temp', 'cache.temp'), gone('draft.tmp', 'cache.tmp')),
  },
];

const REPLACE_CASES: UserCase[] = [
  {
    kind: 'replace text',
    request: 'in notes.txt replace every foo with baz',
    check: all(contains('notes.txt', 'baz bar baz'), lacks('notes.txt', 'foo'), onlyChanged('notes.txt')),
  },
  {
    kind: 'replace text',
    request: 'change true to false in config.json',
    check: all(contains('config.json', '"debug": false'), lacks('config.json', 'true')),
  },
  {
    kind: 'replace text',
    request: 'in README.md swap "database" for "datastore"',
    check: all(contains('README.md', 'uses a datastore'), lacks('README.md', 'database')),
  },
  {
    kind: 'replace text',
    request: 'replace example.com with example.org in config.json',
    check: all(contains('config.json', 'http://example.org'), lacks('config.json', 'example.com')),
  },
  {
    kind: 'replace text',
    request: "change 'Meeting notes' to 'Team meeting notes' in notes.txt",
    check: contains('notes.txt', 'Team meeting notes\nTODO'),
  },
  {
    kind: 'replace text',
    request: 'replace milk with oat milk in todo.txt',
    check: all(contains('todo.txt', 'buy oat milk'), lacks('todo.txt', 'oat oat')),
  },
  {
    kind: 'replace text',
    request: 'change db to database in src/main.js',
    check: all(contains('src/main.js', 'const database = require'), lacks('src/main.js', 'const db ')),
  },
  {
    kind: 'replace text',
    request: 'replace all occurrences of ERROR with WARN in debug.log',
    check: all(
      contains('debug.log', 'WARN disk full'),
      lacks('debug.log', 'ERROR'),
      onlyChanged('debug.log'),
    ),
  },
  {
    kind: 'replace text',
    request: 'change 42 to 99 in util.js',
    check: all(contains('src/util.js', 'answer: 99'), onlyChanged('src/util.js')),
  },
  {
    kind: 'replace text',
    request: 'substitute slow with fast in the notes',
    check: contains('notes.txt', 'The database is fast'),
  },
  {
    kind: 'replace text',
    request: 'in all the markdown files in docs replace database with DB',
    check: all(
      contains('docs/guide.md', 'Use the DB wisely'),
      contains('docs/guide-copy.md', 'Use the DB wisely'),
    ),
  },
  {
    kind: 'replace text',
    request: 'replce Bob with Alice in notes.txt',
    check: all(contains('notes.txt', 'call Alice about'), lacks('notes.txt', 'Bob')),
  },
];

export const CHANGE_CASES: readonly UserCase[] = [
  ...CREATE_CASES,
  ...COPY_CASES,
  ...MOVE_CASES,
  ...BATCH_CASES,
  ...REPLACE_CASES,
];
