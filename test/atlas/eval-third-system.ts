/**
 * Third held-out set, requests about the machine and the world around the files: git,
 * processes, system facts, installed runtimes and packages, the network (a loopback server
 * the harness starts, eval-server.ts). Written by an engineer who never opened the
 * translator, its examples or either earlier held-out set; eval-third.ts says the rules.
 * Truth comes from the machine at judging time (os, `--version` of the program on PATH), the
 * `git` variant (main and experiment at "Change the answer", notes.txt modified, new.txt
 * untracked, author "Atlas Test"), the `npm` variant (left-pad 1.3.0) and, with
 * `needs: 'proc'`, two `mailsyncd` and one `pollerd` started for the case.
 */
import { readFileSync } from 'node:fs';
import { cpus, hostname, release, totalmem, uptime } from 'node:os';
import {
  all,
  contains,
  either,
  exists,
  git,
  newFileWith,
  reportsNumber,
  runtimeVersion,
  says,
  saysPids,
  states,
  stoppedOnly,
} from './eval-checks.ts';
import type { EvalResult, UserCase } from './eval-harness.ts';

type Check = (r: EvalResult) => true | string;

const gitIs =
  (what: string, args: string[], test: (out: string) => boolean): Check =>
  (r) => {
    const out = git(r, ...args);
    return test(out) || `${what} (git ${args.join(' ')} says '${out.slice(0, 80)}')`;
  };

const GIT: UserCase[] = [
  { kind: 'git', variant: 'git', request: 'git status pls', check: says('notes.txt', 'new.txt') },
  {
    kind: 'git',
    variant: 'git',
    request: 'what did i change since my last commit',
    check: says('notes.txt'),
  },
  {
    kind: 'git',
    variant: 'git',
    request: 'show me the commit history',
    check: says('Change the answer', 'Initial commit'),
  },
  { kind: 'git', variant: 'git', request: 'which branch am i on', check: says('main') },
  { kind: 'git', variant: 'git', request: 'list the branches', check: says('main', 'experiment') },
  {
    kind: 'git',
    variant: 'git',
    request: "commit everything with the message 'wip'",
    check: all(
      gitIs('the last commit is not wip', ['log', '-1', '--format=%s'], (s) => s === 'wip'),
      gitIs('new.txt is not committed', ['ls-files', 'new.txt'], (s) => s === 'new.txt'),
      gitIs('notes.txt still has changes', ['status', '--porcelain'], (s) => s === ''),
    ),
  },
  {
    kind: 'git',
    variant: 'git',
    request: 'stage the file new.txt',
    check: gitIs('new.txt is not staged', ['diff', '--cached', '--name-only'], (s) => s === 'new.txt'),
  },
  {
    kind: 'git',
    variant: 'git',
    request: 'switch over to the experiment branch',
    check: gitIs('HEAD is not experiment', ['rev-parse', '--abbrev-ref', 'HEAD'], (s) => s === 'experiment'),
  },
  {
    kind: 'git',
    variant: 'git',
    request: 'stash my uncommitted work',
    check: all(
      gitIs('nothing was stashed', ['stash', 'list'], (s) => s.split('\n').filter(Boolean).length === 1),
      contains('notes.txt', 'The database is slow'),
    ),
  },
  { kind: 'git', variant: 'git', request: 'show the diff for notes.txt', check: says('changed line') },
  {
    kind: 'git',
    variant: 'git',
    request: 'create a branch called feature-login',
    check: gitIs('there is no branch feature-login', ['branch', '--list', 'feature-login'], (s) =>
      s.includes('feature-login'),
    ),
  },
  { kind: 'git', variant: 'git', request: 'whats the latest commit', check: says('Change the answer') },
  { kind: 'git', variant: 'git', request: 'who made the last commit?', check: says('Atlas Test') },
  { kind: 'git', variant: 'git', request: 'is my repo clean', check: says('notes.txt') },
];

const PROCESS: UserCase[] = [
  {
    kind: 'process',
    needs: 'proc',
    request: 'is mailsyncd up and running?',
    check: all(says('mailsyncd'), saysPids(0, 1)),
  },
  { kind: 'process', needs: 'proc', request: 'kill off mailsyncd', check: stoppedOnly(0, 1) },
  { kind: 'process', needs: 'proc', request: 'kill process {pid}', check: stoppedOnly(0) },
  {
    kind: 'process',
    needs: 'proc',
    request: 'show me the running processes',
    check: either(says('mailsyncd'), says('node')),
  },
  { kind: 'process', needs: 'proc', request: 'what pid does pollerd have', check: saysPids(2) },
  {
    kind: 'process',
    request: 'which processes are using the most memory',
    check: reportsNumber(/rss|mem/i, 1, 1e15),
  },
  { kind: 'process', needs: 'proc', request: 'stop pollerd', check: stoppedOnly(2) },
  { kind: 'process', needs: 'proc', request: 'how many mailsyncd processes are there', check: states(2) },
  { kind: 'process', needs: 'proc', request: 'end the mailsyncd processes pls', check: stoppedOnly(0, 1) },
  { kind: 'process', needs: 'proc', request: 'details about process {pid}', check: says('mailsyncd') },
  {
    kind: 'process',
    needs: 'proc',
    request: 'is there anything called pollerd running',
    check: all(says('pollerd'), saysPids(2)),
  },
  { kind: 'process', needs: 'proc', request: 'kil pollerd', check: stoppedOnly(2) },
  { kind: 'process', needs: 'proc', request: 'list processes named mailsyncd', check: saysPids(0, 1) },
];

const osId = () => /^ID=("?)(.*)\1$/m.exec(readFileSync('/etc/os-release', 'utf8'))?.[2] ?? 'linux';
const upFor: Check = (r) => {
  const s = uptime();
  return either(
    reportsNumber(/up|sec/i, s - 600, s + 1800),
    reportsNumber(/min/i, s / 60 - 10, s / 60 + 30),
  )(r);
};

const SYSTEM: UserCase[] = [
  {
    kind: 'system info',
    request: 'how much disk space have i got left',
    check: reportsNumber(/free|avail/i, 1, 1e18),
  },
  {
    kind: 'system info',
    request: 'how much ram does this box have',
    check: (r) => reportsNumber(/total/i, totalmem() * 0.95, totalmem() * 1.05)(r),
  },
  { kind: 'system info', request: 'how many cpu cores?', check: (r) => states(cpus().length)(r) },
  { kind: 'system info', request: 'uptime pls', check: upFor },
  { kind: 'system info', request: 'what operating system is this box running', check: says('linux') },
  { kind: 'system info', request: 'which kernel version am i running', check: (r) => says(release())(r) },
  {
    kind: 'system info',
    request: 'whats the system load',
    check: reportsNumber(/load|avg|^(one|five|fifteen|1m|5m|15m)$/i, 0, 4096),
  },
  { kind: 'system info', request: 'whats the hostname of this machine', check: (r) => says(hostname())(r) },
  { kind: 'system info', request: 'what cpu do i have', check: (r) => says(cpus()[0].model.trim())(r) },
  { kind: 'system info', request: 'how full is my disk', check: reportsNumber(/use|percent|pct/i, 0, 1e18) },
  { kind: 'system info', request: 'how long since the last reboot', check: upFor },
  {
    kind: 'system info',
    request: 'how much memory is free',
    check: (r) => reportsNumber(/free|avail/i, 1, totalmem())(r),
  },
  { kind: 'system info', request: 'which linux distro is this', check: (r) => says(osId())(r) },
  {
    kind: 'system info',
    request: 'Could you show me memory usage please',
    check: (r) => reportsNumber(/used|total/i, 1, totalmem() * 1.05)(r),
  },
];

const PACKAGE: UserCase[] = [
  {
    kind: 'package/runtime',
    request: 'what version of nodejs do i have installed',
    check: runtimeVersion('node'),
  },
  { kind: 'package/runtime', request: 'python3 version pls', check: runtimeVersion('python3') },
  { kind: 'package/runtime', request: 'which git version do i have', check: runtimeVersion('git') },
  { kind: 'package/runtime', request: 'is python installed on here', check: runtimeVersion('python3') },
  {
    kind: 'package/runtime',
    variant: 'npm',
    request: 'what packages does this project use',
    check: says('left-pad'),
  },
  {
    kind: 'package/runtime',
    variant: 'npm',
    request: 'list the installed npm packages',
    check: says('left-pad', '1.3.0'),
  },
  { kind: 'package/runtime', request: 'which npm version is installed', check: runtimeVersion('npm') },
  { kind: 'package/runtime', request: 'do i have go installed', check: runtimeVersion('go', 'version') },
  {
    kind: 'package/runtime',
    request: 'which java version is on this machine',
    check: runtimeVersion('java'),
  },
  {
    kind: 'package/runtime',
    variant: 'npm',
    request: 'what version of left-pad does this project have',
    check: says('1.3.0'),
  },
  { kind: 'package/runtime', request: 'gcc version', check: runtimeVersion('gcc') },
  { kind: 'package/runtime', request: 'check whether curl is installed', check: runtimeVersion('curl') },
  { kind: 'package/runtime', request: 'whats the installed version of perl', check: runtimeVersion('perl') },
  { kind: 'package/runtime', request: 'node -v', check: runtimeVersion('node') },
];

const NETWORK: UserCase[] = [
  {
    kind: 'network',
    request: 'download http://127.0.0.1:{port}/hello',
    check: newFileWith(/./, 'hello world'),
  },
  {
    kind: 'network',
    request: 'fetch 127.0.0.1:{port}/data.json and save it as data.json',
    check: contains('data.json', '"status":"green"'),
  },
  {
    kind: 'network',
    request: 'is http://127.0.0.1:{port}/health responding',
    check: either(states(200), says(' up'), says('reachable')),
  },
  { kind: 'network', request: 'curl http://127.0.0.1:{port}/hello', check: says('hello world') },
  {
    kind: 'network',
    request: 'get the page at http://127.0.0.1:{port}/ and show it to me',
    check: says('Welcome home'),
  },
  {
    kind: 'network',
    request: 'download http://127.0.0.1:{port}/files/report.csv into my Downloads',
    check: contains('../Downloads/report.csv', 'jan,10'),
  },
  { kind: 'network', request: 'what ports are listening on this machine', check: (r) => states(r.port)(r) },
  {
    kind: 'network',
    request: 'look up the ip address of localhost',
    check: either(says('127.0.0.1'), says('::1')),
  },
  {
    kind: 'network',
    request: 'wget http://127.0.0.1:{port}/files/report.csv',
    check: newFileWith(/report\.csv$/, 'feb,12'),
  },
  { kind: 'network', request: 'what does 127.0.0.1:{port}/data.json return', check: says('green') },
  {
    kind: 'network',
    request: 'save http://127.0.0.1:{port}/index.html as home.html',
    check: contains('home.html', 'Welcome home'),
  },
  {
    kind: 'network',
    request: 'check whether http://127.0.0.1:{port}/missing exists',
    check: either(states(404), says('not found')),
  },
  {
    kind: 'network',
    request: 'dowload http://127.0.0.1:{port}/hello to hello.txt',
    check: all(contains('hello.txt', 'hello world'), exists('notes.txt')),
  },
];

export const SYSTEM_CASES: readonly UserCase[] = [...GIT, ...PROCESS, ...SYSTEM, ...PACKAGE, ...NETWORK];
