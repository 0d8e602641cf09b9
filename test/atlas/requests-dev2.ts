/**
 * Development requests for issue 12: typos, unknown words in requests that change things,
 * content and exact filters, destinations, directory removal, batch renames, the most recent
 * file, counting occurrences, literal strings with punctuation, files containing a text and
 * the installed version of a runtime. A request that cannot be fully understood must end in a
 * question (expect: 'clarify') with the fixture untouched, never in a wrong destructive action.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { Case, Result } from './labelled.ts';

const same = (got: string[], want: string[]) =>
  JSON.stringify([...got].sort()) === JSON.stringify([...want].sort()) ||
  `got ${JSON.stringify([...got].sort())}, want ${JSON.stringify([...want].sort())}`;
const gone = (r: Result, ...rels: string[]) =>
  rels.every((x) => !r.exists(x)) || `still there: ${rels.filter((x) => r.exists(x)).join(', ')}`;
const there = (r: Result, ...rels: string[]) =>
  rels.every((x) => r.exists(x)) || `missing: ${rels.filter((x) => !r.exists(x)).join(', ')}`;
const all = (...checks: (true | string)[]) => checks.find((c) => c !== true) ?? true;
const ok = (cond: boolean, why: string) => cond || why;
const is = (got: unknown, want: unknown, what: string) =>
  got === want || `${what}: got ${JSON.stringify(got)}, want ${JSON.stringify(want)}`;

/** Everything of the fixture's work directory that a refused request must leave alone. */
const UNTOUCHED = [
  'notes.txt',
  'todo.txt',
  'report.pdf',
  'app.log',
  'old.log',
  'debug.log',
  'photo.jpg',
  'screenshot.png',
  'draft.tmp',
  'cache.tmp',
  'data.csv',
  'docs/manual.pdf',
  'logs/server.log',
  'src/main.js',
];
const untouched = (r: Result) => there(r, ...UNTOUCHED);

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
const ask = (request: string | string[]): Case => f(request, untouched, { expect: 'clarify' });

/** Whether a process is still running (a zombie waiting for its parent is not). */
const alive = (pid: number) => {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return !stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
  } catch {
    return false;
  }
};

/** The version a program reports, as its first line. */
const versionOf = (program: string, ...args: string[]) => {
  const r = execFileSync(program, args.length > 0 ? args : ['--version'], { encoding: 'utf8' });
  return r.split('\n')[0].trim();
};

export const DEV2_CASES: Case[] = [
  // typos in verbs and nouns
  f('shwo the files here', (r) => ok(r.names().includes('notes.txt'), `got ${r.names()}`)),
  f('mvoe notes.txt to docs', (r) => all(gone(r, 'notes.txt'), there(r, 'docs/notes.txt'))),
  f('delte draft.tmp', (r) => all(gone(r, 'draft.tmp'), there(r, 'cache.tmp'))),
  f('remvoe cache.tmp please', (r) => all(gone(r, 'cache.tmp'), there(r, 'draft.tmp'))),
  f('list the pdf fiels', (r) => same(r.names(), ['report.pdf', 'manual.pdf'])),
  f('find all the imgaes', (r) => same(r.names(), ['photo.jpg', 'screenshot.png'])),
  f('delete log files older then 30 days', (r) => all(gone(r, 'old.log'), there(r, 'app.log', 'debug.log'))),
  f('delete the log files older than 7 dyas', (r) =>
    all(gone(r, 'old.log', 'debug.log'), there(r, 'app.log')),
  ),
  f('coppy todo.txt to backup/', (r) => there(r, 'backup/todo.txt', 'todo.txt')),
  t('count the wrods in todo.txt', (r) => is(r.last.total?.words, 4, 'words')),
  { tool: 'git', request: 'git stauts', variant: 'git', check: (r) => is(r.last.branch, 'main', 'branch') },
  f('waht is in docs', (r) => ok(r.names().includes('api.md'), `got ${r.names()}`)),
  f('move notes.txt to the docs foldr', (r) => there(r, 'docs/notes.txt')),
  f('find files larger then 100kb', (r) =>
    ok(r.names().includes('big.bin') && !r.names().includes('notes.txt'), `got ${r.names()}`),
  ),
  f('delte all the tmp fles', (r) => all(gone(r, 'draft.tmp', 'cache.tmp'), there(r, 'notes.txt'))),
  f('remove teh log files', (r) => all(gone(r, 'app.log', 'old.log'), there(r, 'logs/server.log'))),
  f('lsit the files in docs', (r) => ok(r.names().includes('guide.md'), `got ${r.names()}`)),
  f('serach for TODO in src', (r) => same(r.names(), ['main.js', 'helper.py'])),
  f('how mnay lines in data.csv', (r) => is(r.last.total?.lines, 50, 'lines'), { tool: 'text' }),
  f('delete logs older than a month', (r) =>
    all(gone(r, 'old.log'), there(r, 'app.log', 'debug.log', 'logs/server.log')),
  ),
  f('delete the .hidden file', (r) => all(gone(r, '.hidden'), there(r, 'notes.txt'))),
  f('clean up the tmp files', (r) => all(gone(r, 'draft.tmp', 'cache.tmp'), there(r, 'todo.txt'))),
  f('empty the logs folder', (r) =>
    all(gone(r, 'logs/server.log', 'logs/access.log'), there(r, 'logs', 'app.log')),
  ),
  f('which files are empty', (r) => same(r.names(), ['empty.txt'])),
  // unknown words and constraints that must not be dropped: a question, nothing touched
  ask('delete all pdfs exept report.pdf'),
  ask('delete the files i downloaded yesterday'),
  ask('move the large videos to the external drive'),
  ask('archive the old logs'),
  ask('delete all logs but keep the newest'),
  ask('delete the first 3 log files'),
  ask('list the logs, then delete the ones older than 30 days'),
  ask('delete the log files but not app.log'),
  ask('zip the docs folder without the pdfs'),
  ask('delete all tmp files and keep cache.tmp'),
  ask('fill the logs'),
  ask('delete the blurry photos'),
  ask('delete log files older than 7 blorps'),
  ask('delete all logs in the archive folder'),
  ask('delete the recent logs'),
  ask('delete every file except the pdfs'),
  ask('remove all the logs apart from app.log'),
  ask('move the big files to docs'),
  ask('delete the photos folder'),
  ask('delete all temp files in the bakup directory'),
  ask('move all pdfs into the folder i made yesterday'),
  ask('trash the log files that are not important'),
  // a place or a count that is understood is kept
  f('delete all .txt files in the parent folder', (r) => there(r, 'notes.txt', 'todo.txt')),
  f('list the files in the parent directory', (r) =>
    ok(r.names().includes('work') && r.names().includes('Downloads'), `got ${r.names()}`),
  ),
  f('delete the 2 oldest log files', (r) => all(gone(r, 'old.log', 'debug.log'), there(r, 'app.log'))),
  // content
  f('create a file called hello.txt containing hello world', (r) =>
    is(r.read('hello.txt').trim(), 'hello world', 'content'),
  ),
  f('create a file named greet.txt with the text good morning', (r) =>
    is(r.read('greet.txt').trim(), 'good morning', 'content'),
  ),
  f('make a new file eggs.txt that says buy eggs', (r) =>
    is(r.read('eggs.txt').trim(), 'buy eggs', 'content'),
  ),
  f('create memo.txt with the content see you at 5', (r) =>
    is(r.read('memo.txt').trim(), 'see you at 5', 'content'),
  ),
  f('make a file notes2.txt in the docs folder', (r) =>
    all(there(r, 'docs/notes2.txt'), gone(r, 'notes2.txt')),
  ),
  f('create an empty file called blank.txt in src', (r) => is(r.read('src/blank.txt'), '', 'content')),
  f('add a line saying hello to notes.txt', (r) =>
    ok(r.read('notes.txt').endsWith('End of notes\nhello\n'), r.read('notes.txt')),
  ),
  f('create a file hello.py with print hello', (r) => is(r.read('hello.py'), 'print hello', 'content')),
  // places with names of their own
  f('move notes.txt to my home folder', (r) => all(gone(r, 'notes.txt', 'home'), there(r, '../notes.txt'))),
  f('move all the pdfs from downloads to here', (r) => all(there(r, 'invoice.pdf'), gone(r, 'here'))),
  f('move notes.txt up one level', (r) => all(there(r, '../notes.txt'), gone(r, 'notes.txt'))),
  f('copy report.pdf to the downloads folder', (r) =>
    all(there(r, '../Downloads/report.pdf', 'report.pdf'), gone(r, 'downloads')),
  ),
  // exact filters
  f('move all the jpg files into a folder named photos', (r) =>
    all(there(r, 'photos/photo.jpg', 'screenshot.png'), gone(r, 'photos/screenshot.png')),
  ),
  f('copy the png files to pics', (r) => all(there(r, 'pics/screenshot.png'), gone(r, 'pics/photo.jpg'))),
  f('create a tar.gz archive of src', (r) =>
    all(
      ok(
        r.ls().some((n) => n.endsWith('.tar.gz') && n !== 'backup.tar.gz'),
        `no new .tar.gz: ${r.ls()}`,
      ),
      gone(r, 'tar.gz'),
    ),
  ),
  // destinations
  f('move report.pdf into the archive folder', (r) =>
    all(there(r, 'archive/report.pdf'), gone(r, 'report.pdf')),
  ),
  f('put data.csv in the tables directory', (r) => all(there(r, 'tables/data.csv'), gone(r, 'data.csv'))),
  f('copy notes.txt to the backup dir', (r) => there(r, 'backup/notes.txt', 'notes.txt')),
  f(
    ['create a file called shot.png containing x', "move last month's screenshots into an archive folder"],
    (r) => all(there(r, 'archive/shot.png', 'screenshot.png'), gone(r, 'shot.png')),
  ),
  // removing a directory
  f(['create a folder called archive', 'delete the archive folder'], (r) =>
    all(gone(r, 'archive'), there(r, 'archive.zip')),
  ),
  f('remove the logs directory', (r) => all(gone(r, 'logs'), there(r, 'app.log', 'old.log'))),
  // batch renames
  f('change the extension of all .txt files to .md', (r) =>
    all(there(r, 'notes.md', 'todo.md', 'dup-a.md'), gone(r, 'notes.txt', 'todo.txt')),
  ),
  f('rename all .tmp files to .bak', (r) => all(there(r, 'draft.bak', 'cache.bak'), gone(r, 'draft.tmp'))),
  f('add the prefix old- to every csv file', (r) => all(there(r, 'old-data.csv'), gone(r, 'data.csv'))),
  f("add a prefix 'v1_' to all the log files", (r) =>
    all(there(r, 'v1_app.log', 'v1_old.log', 'v1_debug.log', 'logs/server.log'), gone(r, 'app.log')),
  ),
  f(['create a file called a.jpeg containing x', 'rename all .jpeg to .jpg'], (r) =>
    all(there(r, 'a.jpg', 'photo.jpg'), gone(r, 'a.jpeg')),
  ),
  f('add the suffix -final to the pdf files', (r) =>
    all(there(r, 'report-final.pdf'), gone(r, 'report.pdf')),
  ),
  f('renmae all .tmp files to .txt', (r) => all(there(r, 'draft.txt', 'cache.txt'), gone(r, 'cache.tmp'))),
  // the most recent file
  f('which file did I change most recently', (r) => same(r.names(), ['app.log'])),
  f('what was the last file i modified', (r) => same(r.names(), ['app.log'])),
  f('most recently edited file in docs', (r) =>
    ok(r.names().length === 1 && r.names()[0].endsWith('.md'), `got ${r.names()}`),
  ),
  // counting occurrences
  t('how many times does foo appear in notes.txt', (r) => is(r.last.total?.occurrences, 2, 'occurrences')),
  t('count occurrences of database in README.md', (r) => is(r.last.total?.occurrences, 1, 'occurrences')),
  t("how many times is 'TODO' mentioned in src", (r) => is(r.last.total?.occurrences, 2, 'occurrences')),
  // literal strings with punctuation
  t('replace http:// with https:// in config.json', (r) =>
    ok(r.read('config.json').includes('"https://example.com"'), r.read('config.json')),
  ),
  t('change http://example.com to https://example.org in config.json', (r) =>
    ok(r.read('config.json').includes('"https://example.org"'), r.read('config.json')),
  ),
  t('replace "foo bar" with "baz," in notes.txt', (r) =>
    ok(r.read('notes.txt').includes('baz, foo'), r.read('notes.txt')),
  ),
  // which files contain a text
  t(['create a file called tool.py containing import os', 'which python files import os'], (r) =>
    same(r.names(), ['tool.py']),
  ),
  t('which js files require util', (r) => same(r.names(), ['main.js'])),
  t('which markdown files mention the database', (r) =>
    same(r.names(), ['README.md', 'guide.md', 'guide-copy.md']),
  ),
  // the installed version of a runtime
  c('what version of node is installed', (r) => is(r.last.version, versionOf('node'), 'version')),
  c('which python version do i have', (r) => is(r.last.version, versionOf('python3'), 'version')),
  c('git --version', (r) => is(r.last.version, versionOf('git'), 'version')),
  c('node version', (r) => is(r.last.version, versionOf('node'), 'version')),
  // filters and phrasings people use
  f('delete all files ending in .tmp', (r) => all(gone(r, 'draft.tmp', 'cache.tmp'), there(r, 'notes.txt'))),
  f('delete files starting with dup', (r) => all(gone(r, 'dup-a.txt', 'dup-b.txt'), there(r, 'draft.tmp'))),
  f('find large files', (r) =>
    ok(r.names()[0] === 'trip.mp4' || r.names()[0] === 'big.bin', `got ${r.names()}`),
  ),
  f('show me the files sorted by size', (r) => ok(r.names()[0] === 'big.bin', `got ${r.names()}`)),
  f('make a backup of config.json', (r) => there(r, 'config.json.bak', 'config.json')),
  f('put all csv files into a new folder called tables', (r) =>
    all(there(r, 'tables/data.csv'), gone(r, 'data.csv')),
  ),
  f('create a new folder photos and move images there', (r) =>
    all(there(r, 'photos/photo.jpg', 'photos/screenshot.png'), gone(r, 'photo.jpg')),
  ),
  t('replace TODO with DONE in all js files recursively', (r) =>
    all(
      ok(r.read('src/main.js').includes('DONE: handle'), r.read('src/main.js')),
      ok(r.read('todo.txt') === 'buy milk\nwrite report\n', 'todo.txt changed'),
    ),
  ),
  t('find TODOs in the code', (r) => same(r.names(), ['main.js', 'helper.py'])),
  c('whats runing on port 3000', (r) => ok(Array.isArray(r.last.ports), 'no ports')),
  f('delete every .tmp file in every folder', (r) => gone(r, 'draft.tmp', 'cache.tmp')),
  f('delete files not modified in 30 days', (r) =>
    all(gone(r, 'old.log', 'photo.jpg'), there(r, 'notes.txt')),
  ),
  f('move the newest pdf to docs', (r) => all(there(r, 'docs/report.pdf'), gone(r, 'report.pdf'))),
  f('copy the 2 biggest files to backup', (r) => there(r, 'backup/big.bin', 'backup/medium.dat', 'big.bin')),
  f('archive files older than 30 days', (r) =>
    ok(
      r.ls().some((n) => n.endsWith('.zip') && n !== 'archive.zip'),
      `no new zip: ${r.ls()}`,
    ),
  ),
  f('rename all .md files to .txt in docs', (r) =>
    all(there(r, 'docs/guide.txt', 'README.md'), gone(r, 'docs/guide.md')),
  ),
  f('change the extension of notes.txt to md', (r) => all(there(r, 'notes.md'), gone(r, 'notes.txt'))),
  f('rename every jpg to jpeg', (r) => all(there(r, 'photo.jpeg'), gone(r, 'photo.jpg'))),
  t('how often does database appear in README.md', (r) => is(r.last.total?.occurrences, 1, 'occurrences')),
  t("replace 'http://' with 'https://' everywhere", (r) =>
    ok(r.read('config.json').includes('https://example.com'), r.read('config.json')),
  ),
  c('is git installed', (r) => is(r.last.version, versionOf('git'), 'version')),
  c('what version is python', (r) => is(r.last.version, versionOf('python3'), 'version')),
  f('go ahead and delete cache.tmp', (r) => all(gone(r, 'cache.tmp'), there(r, 'draft.tmp'))),
  f('get rid of logs older than 2 weeks in the logs folder', (r) =>
    all(gone(r, 'logs/access.log'), there(r, 'logs/server.log', 'old.log')),
  ),
  // other tools, as people write to them
  {
    tool: 'process',
    request: 'kill -9 {pid}',
    needs: 'proc',
    check: (r) => all(ok(!alive(r.pids[0]), 'still alive'), ok(alive(r.pids[1]), 'killed the other one too')),
  },
  {
    tool: 'process',
    request: 'kill the biggest process',
    needs: 'proc',
    expect: 'clarify',
    check: (r) => ok(r.pids.every(alive), 'a process was killed'),
  },
  {
    tool: 'git',
    request: 'delete the experiment branch',
    variant: 'git',
    check: (r) =>
      ok(
        !execFileSync('git', ['branch', '--format=%(refname:short)'], {
          cwd: r.cwd,
          encoding: 'utf8',
        }).includes('experiment'),
        'branch still there',
      ),
  },
  {
    tool: 'package',
    request: 'remove left-pad from the dependencies',
    variant: 'npm',
    check: (r) => ok(!r.read('package.json').includes('left-pad'), 'still in package.json'),
  },
  {
    tool: 'package',
    request: 'install left-pad globally',
    variant: 'npm',
    expect: 'clarify',
    check: () => true,
  },
  // politeness and compound requests
  f('find all pdfs, zip them, and move the zip to docs', (r) =>
    all(
      ok(
        r.ls('docs').some((n) => n.endsWith('.zip')),
        `docs: ${r.ls('docs')}`,
      ),
      there(r, 'report.pdf'),
    ),
  ),
  f('zip all the logs and then delete them', (r) =>
    all(there(r, 'log-files.zip', 'logs/server.log'), gone(r, 'app.log', 'old.log', 'debug.log')),
  ),
  f('zip the docs folder and move it to backup', (r) =>
    all(there(r, 'backup/docs.zip', 'docs'), gone(r, 'docs.zip')),
  ),
  f("I'd like you to delete the tmp files", (r) => gone(r, 'draft.tmp', 'cache.tmp')),
  f('can u move todo.txt to docs', (r) => there(r, 'docs/todo.txt')),
  t('search the docs for install', (r) => same(r.names(), ['guide.md', 'guide-copy.md'])),
  f('pdfs?', (r) => same(r.names(), ['report.pdf', 'manual.pdf'])),
  f('please find the pdfs and move them to docs, thanks', (r) => there(r, 'docs/report.pdf')),
  f('hey, could you delete the tmp files please', (r) => gone(r, 'draft.tmp', 'cache.tmp')),
];

function c(request: string, check: Case['check']): Case {
  return { tool: 'system', request, check };
}
