/**
 * Labelled requests for the files and text tools. Each is judged by what it leaves on disk or
 * returns, against the fixture (see fixture.ts for the files, sizes and ages).
 */
import type { Case, Result } from './labelled.ts';

const same = (got: string[], want: string[]) =>
  JSON.stringify([...got].sort()) === JSON.stringify([...want].sort()) ||
  `got ${JSON.stringify([...got].sort())}, want ${JSON.stringify([...want].sort())}`;
const ordered = (got: string[], want: string[]) =>
  JSON.stringify(got) === JSON.stringify(want) || `got ${JSON.stringify(got)}, want ${JSON.stringify(want)}`;
const gone = (r: Result, ...rels: string[]) =>
  rels.every((x) => !r.exists(x)) || `still there: ${rels.filter((x) => r.exists(x)).join(', ')}`;
const there = (r: Result, ...rels: string[]) =>
  rels.every((x) => r.exists(x)) || `missing: ${rels.filter((x) => !r.exists(x)).join(', ')}`;
const all = (...checks: (true | string)[]) => checks.find((c) => c !== true) ?? true;
const includes = (text: string, part: string) => text.includes(part) || `output lacks '${part}'`;

const TOP5 = ['big.bin', 'medium.dat', 'song.mp3', 'report.pdf', 'photo.jpg'];
const LOGS_TOP = ['app.log', 'old.log', 'debug.log'];
const LOGS_ALL = [...LOGS_TOP, 'server.log', 'access.log'];
const MD = ['README.md', 'guide.md', 'guide-copy.md', 'api.md'];
const OVER_100K = ['big.bin', 'medium.dat', 'song.mp3', 'report.pdf'];

const f = (request: string | string[], check: Case['check'], extra: Partial<Case> = {}): Case => ({
  tool: 'files',
  request,
  check,
  ...extra,
});
const t = (request: string | string[], check: Case['check'], extra: Partial<Case> = {}): Case => ({
  tool: 'text',
  request,
  check,
  ...extra,
});

export const FILE_CASES: Case[] = [
  // ranked listings
  f('show the 5 biggest files here', (r) => ordered(r.names(), TOP5)),
  f('what are the five largest files in this folder', (r) => ordered(r.names(), TOP5)),
  f('top 3 largest files', (r) => ordered(r.names(), TOP5.slice(0, 3))),
  f('which file is the biggest', (r) => ordered(r.names(), ['big.bin'])),
  f(
    'list the 2 biggest files in docs',
    (r) => (r.names().length === 2 && r.names()[0] === 'manual.pdf') || `got ${r.names()}`,
  ),
  f(
    'show me the three smallest files',
    (r) => (r.names().length === 3 && r.names()[0] === 'empty.txt') || `got ${r.names()}`,
  ),
  f('what are the newest files', (r) => ordered(r.names().slice(0, 2), ['app.log', 'todo.txt'])),
  f('show the 2 most recently modified files', (r) => ordered(r.names(), ['app.log', 'todo.txt'])),
  f('which is the oldest file here', (r) => ordered(r.names(), ['photo.jpg'])),
  f('list the largest pdfs', (r) => ordered(r.names(), ['report.pdf', 'manual.pdf'])),
  f('biggest images in this directory', (r) => ordered(r.names(), ['photo.jpg', 'screenshot.png'])),
  // finding
  f('list files over 100 KB', (r) => same(r.names(), OVER_100K)),
  f('find files larger than 200kb', (r) => same(r.names(), ['big.bin', 'medium.dat'])),
  f('show files bigger than 0.5 MB', (r) => same(r.names(), ['big.bin'])),
  f('find files between 50 KB and 200 KB', (r) => same(r.names(), ['song.mp3', 'report.pdf', 'photo.jpg'])),
  f('find all pdf files', (r) => same(r.names(), ['report.pdf', 'manual.pdf'])),
  f('show me all the pdfs', (r) => same(r.names(), ['report.pdf', 'manual.pdf'])),
  f('where are my markdown files', (r) => same(r.names(), MD)),
  f('find all .log files', (r) => same(r.names(), LOGS_ALL)),
  f('list the log files in logs', (r) => same(r.names(), ['server.log', 'access.log'])),
  f('find log files older than 7 days', (r) => same(r.names(), ['old.log', 'debug.log', 'access.log'])),
  f('which files have not been modified in 30 days', (r) =>
    same(r.names(), ['old.log', 'access.log', 'song.mp3', 'screenshot.png', 'photo.jpg']),
  ),
  f('files modified in the last 24 hours', (r) => same(r.names(), ['app.log', 'todo.txt'])),
  f('show files changed today', (r) => same(r.names(), ['app.log', 'todo.txt'])),
  f('find images', (r) => same(r.names(), ['photo.jpg', 'screenshot.png'])),
  f('find all javascript files in src', (r) => same(r.names(), ['main.js', 'util.js'])),
  f('list python files', (r) => same(r.names(), ['helper.py'])),
  f('where is helper.py', (r) => same(r.names(), ['helper.py'])),
  f('locate guide.md', (r) => same(r.names(), ['guide.md'])),
  f('find files named dup*', (r) => same(r.names(), ['dup-a.txt', 'dup-b.txt'])),
  f('find empty files', (r) => same(r.names(), ['empty.txt'])),
  f('find empty folders', (r) => same(r.names(), ['empty-dir'])),
  f('how many files are in src', (r) => r.last.total === 3 || `total ${r.last.total}`),
  f('list all files recursively', (r) => r.last.total >= 30 || `total ${r.last.total}`),
  f('list the files here', (r) =>
    all(includes(r.names().join(' '), 'notes.txt'), includes(r.names().join(' '), 'docs')),
  ),
  f('what is in the src folder', (r) => same(r.names(), ['main.js', 'util.js', 'lib'])),
  f("what's in docs", (r) => same(r.names(), ['api.md', 'guide-copy.md', 'guide.md', 'manual.pdf'])),
  f('ls', (r) => includes(r.names().join(' '), 'README.md')),
  f('show hidden files', (r) => includes(r.names().join(' '), '.hidden')),
  f('list my downloads', (r) =>
    same(r.names(), ['invoice.pdf', 'holiday.jpg', 'tune.mp3', 'setup.zip', 'letter.txt']),
  ),
  // reading and details
  f('show notes.txt', (r) => includes(r.text, 'TODO: call Bob')),
  f('read the readme', (r) => includes(r.text, 'This project uses a database')),
  f('cat config.json', (r) => includes(r.text, '"debug": true')),
  f('what does todo.txt say', (r) => includes(r.text, 'buy milk')),
  f('open docs/api.md', (r) => includes(r.text, 'GET /items')),
  f('info about report.pdf', (r) => r.last.size === 120 * 1024 + 9 || `size ${r.last.size}`),
  f(
    'how big is data.csv',
    (r) => (r.last.size > 500 && r.last.type === 'file') || `got ${JSON.stringify(r.last)}`,
  ),
  f(
    'when was old.log last modified',
    (r) => Date.now() - Date.parse(r.last.modified) > 39 * 86_400_000 || `modified ${r.last.modified}`,
  ),
  // writing
  f(
    "create a file called hello.txt containing 'hello world'",
    (r) => r.read('hello.txt') === 'hello world' || r.read('hello.txt'),
  ),
  f(
    "write 'version 2' to version.txt",
    (r) => r.read('version.txt') === 'version 2' || r.read('version.txt'),
  ),
  f(
    "overwrite todo.txt with 'nothing left'",
    (r) => r.read('todo.txt') === 'nothing left' || r.read('todo.txt'),
  ),
  f(
    'create an empty file called placeholder.md',
    (r) => (r.exists('placeholder.md') && r.read('placeholder.md') === '') || 'not an empty file',
  ),
  f('touch notes-2.txt', (r) => there(r, 'notes-2.txt')),
  f(
    "append 'call Alice' to todo.txt",
    (r) =>
      r.read('todo.txt') === 'buy milk\nwrite report\ncall Alice\n' || JSON.stringify(r.read('todo.txt')),
  ),
  f(
    "add the line 'pay rent' to the end of todo.txt",
    (r) => r.read('todo.txt').endsWith('pay rent\n') || JSON.stringify(r.read('todo.txt')),
  ),
  f('create a folder called backup', (r) => r.ls().includes('backup') || 'no backup/'),
  f('make a new directory named reports', (r) => r.ls().includes('reports') || 'no reports/'),
  f('mkdir archive/2024', (r) => there(r, 'archive/2024')),
  f('create folders alpha and beta', (r) => there(r, 'alpha', 'beta')),
  // copying and moving
  f('copy notes.txt to backup/', (r) =>
    all(there(r, 'notes.txt'), r.read('backup/notes.txt').startsWith('Meeting notes') || 'bad copy'),
  ),
  f('make a copy of report.pdf called report-old.pdf', (r) => there(r, 'report.pdf', 'report-old.pdf')),
  f('back up config.json', (r) => there(r, 'config.json', 'config.json.bak')),
  f('duplicate todo.txt', (r) => there(r, 'todo.txt', 'todo-copy.txt')),
  f('copy all csv files into data', (r) => there(r, 'data/data.csv', 'data.csv')),
  f('copy the docs folder to docs-backup', (r) => there(r, 'docs-backup/guide.md', 'docs/guide.md')),
  f('move notes.txt to archive/', (r) => all(gone(r, 'notes.txt'), there(r, 'archive/notes.txt'))),
  f('move all pdfs into docs', (r) =>
    all(gone(r, 'report.pdf'), there(r, 'docs/report.pdf', 'docs/manual.pdf')),
  ),
  f('put the images in a folder called pictures', (r) =>
    all(gone(r, 'photo.jpg', 'screenshot.png'), there(r, 'pictures/photo.jpg', 'pictures/screenshot.png')),
  ),
  f('move the tmp files to trash-later', (r) =>
    all(gone(r, 'draft.tmp', 'cache.tmp'), there(r, 'trash-later/draft.tmp')),
  ),
  f('rename notes.txt to meeting-notes.txt', (r) => all(gone(r, 'notes.txt'), there(r, 'meeting-notes.txt'))),
  f('rename the folder empty-dir to spare', (r) => all(gone(r, 'empty-dir'), there(r, 'spare'))),
  f('rename config.json as settings.json', (r) => all(gone(r, 'config.json'), there(r, 'settings.json'))),
  // deleting
  f('delete draft.tmp', (r) => all(gone(r, 'draft.tmp'), there(r, 'cache.tmp'))),
  f('remove all .tmp files', (r) => all(gone(r, 'draft.tmp', 'cache.tmp'), there(r, 'notes.txt'))),
  f('delete log files older than 7 days', (r) =>
    all(gone(r, 'old.log', 'debug.log'), there(r, 'app.log', 'logs/access.log')),
  ),
  f('get rid of the empty folders', (r) => all(gone(r, 'empty-dir'), there(r, 'docs'))),
  f('trash the screenshots', (r) => all(gone(r, 'screenshot.png'), there(r, 'photo.jpg'))),
  f('erase empty.txt and draft.tmp', (r) => all(gone(r, 'empty.txt', 'draft.tmp'), there(r, 'cache.tmp'))),
  f('delete everything in logs older than a month', (r) =>
    all(gone(r, 'logs/access.log'), there(r, 'logs/server.log')),
  ),
  f('clean out files larger than 500 KB', (r) => all(gone(r, 'big.bin'), there(r, 'medium.dat'))),
  f('remove the docs folder', (r) => gone(r, 'docs')),
  f('delete the duplicates', (r) =>
    all(there(r, 'dup-a.txt', 'docs/guide.md'), gone(r, 'dup-b.txt', 'docs/guide-copy.md')),
  ),
  f('delete everything', (r) => there(r, 'notes.txt', 'docs'), { expect: 'clarify' }),
  // archives
  f('zip the docs folder', (r) => there(r, 'docs.zip', 'docs')),
  f('compress all pdfs into papers.zip', (r) =>
    all(there(r, 'papers.zip'), r.exists('report.pdf') || 'original gone'),
  ),
  f('make a tarball of src', (r) => there(r, 'src.tar.gz')),
  f('archive notes.txt and todo.txt as notes.tar.gz', (r) => there(r, 'notes.tar.gz')),
  f('unzip archive.zip', (r) =>
    all(
      r.read('archive/hello.txt') === 'hello from the zip\n' || 'bad content',
      there(r, 'archive/inner/readme.txt'),
    ),
  ),
  f('extract backup.tar.gz into restored', (r) => all(there(r, 'restored/config.json', 'restored/todo.txt'))),
  f('unpack the zip here', (r) => there(r, 'hello.txt', 'inner/readme.txt')),
  // organising, duplicates, usage
  f('organise this folder by file type', (r) =>
    all(there(r, 'Images/photo.jpg', 'Documents/report.pdf', 'Audio/song.mp3'), gone(r, 'photo.jpg')),
  ),
  f('sort my downloads into folders by type', (r) =>
    all(
      r.ls('../Downloads').includes('Images') || 'no Images',
      r.ls('../Downloads').includes('Documents') || 'no Documents',
    ),
  ),
  f(
    'tidy up the downloads folder by date',
    (r) => r.ls('../Downloads').every((n) => /^\d{4}-\d{2}$/.test(n)) || r.ls('../Downloads').join(','),
  ),
  f('find duplicate files', (r) =>
    same(
      r.last.groups.flatMap((g: { paths: string[] }) => g.paths.map((p) => p.split('/').pop())),
      ['dup-a.txt', 'dup-b.txt', 'guide.md', 'guide-copy.md'],
    ),
  ),
  f(
    'are there any duplicates in docs',
    (r) => r.last.groups.length === 1 || `groups ${r.last.groups.length}`,
  ),
  f('how much space does each folder use', (r) =>
    all(
      r.last.entries[0].path.endsWith('big.bin') || 'big.bin first',
      r.last.total > 1_300_000 || `total ${r.last.total}`,
    ),
  ),
  f("what's taking up space here", (r) => r.last.entries[0].path.endsWith('big.bin') || 'big.bin first'),
  f(
    'how big is the docs folder',
    (r) => (r.last.total > 30 * 1024 && r.last.total < 40 * 1024) || `total ${r.last.total}`,
  ),
  f('disk usage of src', (r) => r.last.entries.length === 3 || `${r.last.entries.length} entries`),
  f(
    'which folder is the biggest',
    (r) => r.last.entries.some((e: { type: string }) => e.type === 'dir') || 'no dirs',
  ),
  // compound requests
  f('find all pdfs and move them to docs', (r) => all(gone(r, 'report.pdf'), there(r, 'docs/report.pdf'))),
  f('create a folder called backup and copy all .txt files into it', (r) =>
    all(there(r, 'backup/notes.txt', 'backup/todo.txt', 'notes.txt')),
  ),
  f('find the log files older than a week and delete them', (r) =>
    all(gone(r, 'old.log', 'debug.log'), there(r, 'app.log')),
  ),
  f('find the images and zip them', (r) =>
    all(r.ls().some((n) => n.endsWith('.zip') && n !== 'archive.zip') || 'no new zip', there(r, 'photo.jpg')),
  ),
  // multi-turn
  f(['find all tmp files', 'and now zip them'], (r) =>
    all(r.ls().some((n) => n.endsWith('.zip') && n !== 'archive.zip') || 'no new zip'),
  ),
  f(['show the markdown files in docs', 'delete them'], (r) =>
    all(gone(r, 'docs/guide.md', 'docs/api.md'), there(r, 'README.md')),
  ),
  f(['list the pdfs', 'move those to papers/'], (r) => there(r, 'papers/report.pdf', 'papers/manual.pdf')),
  // refusals and questions
  f('delete /etc/passwd', (r) => r.exists('notes.txt') || 'changed', { expect: 'refused' }),
  f('delete it', (r) => there(r, 'notes.txt'), { expect: 'clarify' }),
];

export const TEXT_CASES: Case[] = [
  t("search for 'TODO' in src", (r) => same(r.names(), ['main.js', 'helper.py'])),
  t('find TODO comments', (r) => same(r.names(), ['notes.txt', 'main.js', 'helper.py'])),
  t('which files mention database', (r) =>
    same(r.names(), ['notes.txt', 'README.md', 'guide.md', 'guide-copy.md', 'main.js']),
  ),
  t('grep ERROR app.log', (r) => r.last.total === 6 || `total ${r.last.total}`),
  t('find lines containing budget', (r) =>
    all(r.last.total === 1 || `total ${r.last.total}`, includes(r.text, 'notes.txt:2')),
  ),
  t('search the logs folder for ERROR', (r) => same(r.names(), ['server.log', 'access.log'])),
  t("look for 'GET' in the markdown files", (r) => same(r.names(), ['api.md'])),
  t('which files contain the word secret', (r) => same(r.names(), [])),
  t('search for "answer" in javascript files', (r) => same(r.names(), ['util.js'])),
  t('show the first 3 lines of data.csv', (r) =>
    ordered(r.last.lines, ['id,name,value', '1,item1,0', '2,item2,7']),
  ),
  t('head of notes.txt', (r) => r.last.lines.length === 5 || `${r.last.lines.length} lines`),
  t('show the top of README.md', (r) => includes(r.text, '# Project')),
  t('first line of todo.txt', (r) => ordered(r.last.lines, ['buy milk'])),
  t(
    'last 5 lines of app.log',
    (r) => (r.last.lines.length === 5 && r.last.lines[4].includes('10:29')) || JSON.stringify(r.last.lines),
  ),
  t('tail logs/server.log', (r) => r.last.lines.length === 10 || `${r.last.lines.length} lines`),
  t('show the end of data.csv', (r) => includes(r.text, '49,item49')),
  t('last line of notes.txt', (r) => ordered(r.last.lines, ['End of notes'])),
  t('how many lines are in app.log', (r) => r.last.total.lines === 30 || `lines ${r.last.total.lines}`),
  t('count the lines in data.csv', (r) => r.last.total.lines === 50 || `lines ${r.last.total.lines}`),
  t('how many words are in notes.txt', (r) => r.last.total.words === 18 || `words ${r.last.total.words}`),
  t('word count of README.md', (r) => r.last.total.words === 9 || `words ${r.last.total.words}`),
  t(
    'count lines in all the markdown files',
    (r) => r.last.total.lines === 12 || `lines ${r.last.total.lines}`,
  ),
  t('how many lines of code are in src', (r) => r.last.total.lines === 7 || `lines ${r.last.total.lines}`),
  t('number of characters in todo.txt', (r) => r.last.total.chars === 22 || `chars ${r.last.total.chars}`),
  t(
    "replace 'foo' with 'baz' in notes.txt",
    (r) => r.read('notes.txt').includes('baz bar baz') || r.read('notes.txt'),
  ),
  t(
    'replace http with https in config.json',
    (r) => r.read('config.json').includes('"https://example.com"') || r.read('config.json'),
  ),
  t('change all occurrences of database to datastore in the markdown files', (r) =>
    all(
      includes(r.read('README.md'), 'uses a datastore'),
      includes(r.read('docs/guide.md'), 'database wisely'),
    ),
  ),
  t(
    "substitute 'milk' by 'oat milk' in todo.txt",
    (r) => r.read('todo.txt').startsWith('buy oat milk') || r.read('todo.txt'),
  ),
  t(
    ['show notes.txt', 'and count its lines'],
    (r) => r.last.total.lines === 5 || `lines ${r.last.total?.lines}`,
  ),
  t('replace foo with bar', (r) => there(r, 'notes.txt'), { expect: 'clarify' }),
];
