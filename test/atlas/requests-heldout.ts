/**
 * Paraphrases written after the rules, as a check on how well they generalise: the first run
 * of these was recorded before any rule was changed for them (see docs in the report).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import type { Case, Result } from './labelled.ts';

const same = (got: string[], want: string[]) =>
  JSON.stringify([...got].sort()) === JSON.stringify([...want].sort()) ||
  `got ${JSON.stringify([...got].sort())}, want ${JSON.stringify([...want].sort())}`;
const ok = (cond: boolean, why: string) => cond || why;
const gone = (r: Result, ...rels: string[]) =>
  rels.every((x) => !r.exists(x)) || `still there: ${rels.filter((x) => r.exists(x))}`;
const there = (r: Result, ...rels: string[]) =>
  rels.every((x) => r.exists(x)) || `missing: ${rels.filter((x) => !r.exists(x))}`;
const all = (...checks: (true | string)[]) => checks.find((c) => c !== true) ?? true;
const git = (r: Result, ...args: string[]) =>
  execFileSync('git', args, { cwd: r.cwd, encoding: 'utf8' }).trim();
const alive = (pid: number) => {
  try {
    return !readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].startsWith('Z');
  } catch {
    return false;
  }
};

const c = (
  tool: string,
  request: string | string[],
  check: Case['check'],
  extra: Partial<Case> = {},
): Case => ({ tool, request, check, ...extra });

export const HELDOUT_CASES: Case[] = [
  c('files', 'can you list everything in this directory', (r) =>
    ok(r.names().includes('notes.txt'), `got ${r.names()}`),
  ),
  c('files', 'give me the 10 largest files', (r) =>
    same(r.names().slice(0, 5), ['big.bin', 'medium.dat', 'song.mp3', 'report.pdf', 'photo.jpg']),
  ),
  c('files', 'I need to see which files are over 500k', (r) => same(r.names(), ['big.bin'])),
  c('files', 'show pdf documents in the docs folder', (r) => same(r.names(), ['manual.pdf'])),
  c('files', 'what text files do I have', (r) =>
    same(r.names(), ['notes.txt', 'todo.txt', 'empty.txt', 'dup-a.txt', 'dup-b.txt']),
  ),
  c('files', 'remove the temp files', (r) => all(gone(r, 'draft.tmp', 'cache.tmp'), there(r, 'notes.txt'))),
  c('files', 'please delete old.log', (r) => all(gone(r, 'old.log'), there(r, 'app.log'))),
  c('files', 'get rid of all log files older than two weeks', (r) =>
    all(gone(r, 'old.log'), there(r, 'debug.log', 'app.log')),
  ),
  c('files', 'move report.pdf into the docs directory', (r) =>
    all(gone(r, 'report.pdf'), there(r, 'docs/report.pdf')),
  ),
  c('files', 'copy todo.txt into a new folder named backups', (r) =>
    there(r, 'backups/todo.txt', 'todo.txt'),
  ),
  c('files', 'make a zip of the src directory', (r) => there(r, 'src.zip')),
  c('files', 'compress the logs folder', (r) => there(r, 'logs.zip', 'logs')),
  c('files', 'extract archive.zip to unpacked', (r) => there(r, 'unpacked/hello.txt')),
  c('files', 'rename todo.txt to tasks.txt', (r) => all(gone(r, 'todo.txt'), there(r, 'tasks.txt'))),
  c('files', 'create a directory called tmp-work', (r) => there(r, 'tmp-work')),
  c(
    'files',
    "save 'remember the milk' in reminder.txt",
    (r) => r.read('reminder.txt') === 'remember the milk' || r.read('reminder.txt'),
  ),
  c(
    'files',
    "add 'buy eggs' to todo.txt",
    (r) => r.read('todo.txt').endsWith('buy eggs\n') || r.read('todo.txt'),
  ),
  c('files', "show me what's inside config.json", (r) => ok(r.text.includes('"debug"'), 'no content')),
  c('files', 'how large is medium.dat', (r) => ok(r.last.size === 250 * 1024, `size ${r.last.size}`)),
  c('files', 'find every csv file', (r) => same(r.names(), ['data.csv'])),
  c('files', 'look for files called guide', (r) => same(r.names(), ['guide.md', 'guide-copy.md'])),
  c('files', 'list files that were modified this week', (r) =>
    ok(r.names().includes('app.log') && !r.names().includes('photo.jpg'), `got ${r.names()}`),
  ),
  c('files', 'sort the files in downloads by type', (r) =>
    ok(r.ls('../Downloads').includes('Images'), r.ls('../Downloads').join(',')),
  ),
  c('files', 'find the duplicates in this folder', (r) =>
    ok(r.last.groups.length === 2, `groups ${r.last.groups?.length}`),
  ),
  c('files', 'how much room does the src folder take', (r) =>
    ok(r.last.total > 100 && r.last.total < 1000, `total ${r.last.total}`),
  ),
  c('files', 'delete the file called dup-b.txt', (r) => all(gone(r, 'dup-b.txt'), there(r, 'dup-a.txt'))),
  c('files', 'which files are bigger than 100 kilobytes', (r) =>
    same(r.names(), ['big.bin', 'medium.dat', 'song.mp3', 'report.pdf']),
  ),
  c('files', 'show me the most recent file', (r) => same(r.names(), ['app.log'])),
  c('files', 'list the contents of the src directory', (r) => same(r.names(), ['main.js', 'util.js', 'lib'])),
  c('files', 'unzip the archive', (r) => there(r, 'archive/hello.txt')),
  c('text', 'search all files for the word budget', (r) => same(r.names(), ['notes.txt'])),
  c('text', 'grep for TODO in src', (r) => same(r.names(), ['main.js', 'helper.py'])),
  c('text', 'print the last 3 lines of old.log', (r) =>
    ok(r.last.lines.length === 3, `lines ${r.last.lines?.length}`),
  ),
  c('text', 'show me the first 2 lines of README.md', (r) =>
    ok(r.last.lines?.[0] === '# Project' && r.last.lines.length === 2, JSON.stringify(r.last.lines)),
  ),
  c('text', 'how many lines does data.csv have', (r) =>
    ok(r.last.total?.lines === 50, `lines ${r.last.total?.lines}`),
  ),
  c('text', 'count words in todo.txt', (r) => ok(r.last.total?.words === 4, `words ${r.last.total?.words}`)),
  c('text', "replace 'Bob' with 'Robert' in notes.txt", (r) =>
    ok(r.read('notes.txt').includes('call Robert'), r.read('notes.txt')),
  ),
  c('text', 'in config.json replace true with false', (r) =>
    ok(r.read('config.json').includes('"debug": false'), r.read('config.json')),
  ),
  c('system', 'how much RAM does this computer have', (r) =>
    ok(r.last.total === os.totalmem(), `total ${r.last.total}`),
  ),
  c('system', "what's the cpu", (r) =>
    ok(r.last.model === os.cpus()[0].model.trim(), `model ${r.last.model}`),
  ),
  c('system', 'how busy is the cpu', (r) => ok(typeof r.last.usagePercent === 'number', 'no usage')),
  c('system', 'show me free space on the disks', (r) => ok(Array.isArray(r.last.disks), 'no disks')),
  c('system', 'what version of linux is this', (r) => ok(typeof r.last.kernel === 'string', 'no kernel')),
  c('system', 'how long since the last reboot', (r) =>
    ok(Math.abs(r.last.seconds - os.uptime()) < 30, `uptime ${r.last.seconds}`),
  ),
  c('system', "what's the machine's name", (r) =>
    ok(r.last.hostname === os.hostname(), `hostname ${r.last.hostname}`),
  ),
  c('process', 'show me the processes using the most cpu', (r) =>
    ok(r.last.sort === 'cpu', `sort ${r.last.sort}`),
  ),
  c('process', 'is there a tickerd process', (r) => ok(r.last.total === 2, `found ${r.last.total}`), {
    needs: 'proc',
  }),
  c('process', 'stop process {pid}', (r) => ok(!alive(r.pids[0]), 'still alive'), { needs: 'proc' }),
  c(
    'process',
    'kill tickerd',
    (r) =>
      ok(
        r.pids.every((p) => !alive(p)),
        'still alive',
      ),
    { needs: 'proc' },
  ),
  c('git', "what's the git status", (r) => ok(r.last.branch === 'main', `branch ${r.last.branch}`), {
    variant: 'git',
  }),
  c(
    'git',
    'show me recent commits',
    (r) => ok(r.last.commits?.length === 2, `commits ${r.last.commits?.length}`),
    { variant: 'git' },
  ),
  c('git', 'which branch is checked out', (r) => ok(r.last.current === 'main', `current ${r.last.current}`), {
    variant: 'git',
  }),
  c(
    'git',
    'stage notes.txt',
    (r) => ok(git(r, 'diff', '--cached', '--name-only') === 'notes.txt', 'not staged'),
    { variant: 'git' },
  ),
  c(
    'git',
    "commit all changes with the message 'done'",
    (r) => ok(git(r, 'log', '-1', '--format=%s') === 'done', 'no commit'),
    { variant: 'git' },
  ),
  c(
    'git',
    'make a new branch called release',
    (r) => ok(git(r, 'branch', '--list', 'release') !== '', 'no branch'),
    { variant: 'git' },
  ),
  c(
    'package',
    'what packages are installed in this project',
    (r) => ok(r.last.packages?.[0]?.name === 'left-pad', 'not listed'),
    { variant: 'npm' },
  ),
  c('package', 'remove left-pad', (r) => ok(!r.read('package.json').includes('left-pad'), 'still there'), {
    variant: 'npm',
  }),
  c('network', 'curl http://127.0.0.1:{port}/hello', (r) => ok(r.last.body === 'hello world\n', 'bad body')),
  c('network', 'ping http://127.0.0.1:{port}/health', (r) =>
    ok(r.last.status === 200, `status ${r.last.status}`),
  ),
  c('network', "what's listening on which ports", (r) =>
    ok(
      r.last.ports?.some((p: { port: number }) => p.port === r.port),
      'port missing',
    ),
  ),
  c('shell', "run the command 'echo done > done.txt'", (r) => ok(r.read('done.txt') === 'done\n', 'no file')),
];
