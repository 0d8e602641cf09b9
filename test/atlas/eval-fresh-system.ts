/**
 * Fresh held-out requests about the machine rather than the files: git, processes, system
 * facts, installed runtimes and packages, and the network. Written for issue 12 by an
 * engineer who never opened the translator, its examples or the earlier held-out set; see
 * eval-fresh.ts for the rules they follow. Facts are checked against this machine as the
 * check runs (node:os, the programs on PATH); network requests go to the loopback server
 * (eval-server.ts) on {port}; processes are the case's own mailsyncd, mailsyncd, pollerd.
 */
import { statfsSync } from 'node:fs';
import { cpus, hostname, release, totalmem, uptime, userInfo } from 'node:os';
import {
  all,
  type Check,
  contains,
  either,
  git,
  gone,
  lacks,
  newFileWith,
  reportsNumber,
  runtimeVersion,
  says,
} from './eval-checks.ts';
import type { EvalResult, UserCase } from './eval-harness.ts';

/** The last commit's subject is `subject` and nothing is left uncommitted among `paths`. */
const committed =
  (subject: string, ...paths: string[]): Check =>
  (r) => {
    const got = git(r, 'log', '-1', '--format=%s');
    if (got !== subject) return `the last commit is '${got}', not '${subject}'`;
    const left = git(r, 'status', '--porcelain', '--', ...paths);
    return left === '' || `still uncommitted: ${left.replaceAll('\n', '; ')}`;
  };

const onBranch =
  (name: string): Check =>
  (r) => {
    const head = git(r, 'rev-parse', '--abbrev-ref', 'HEAD');
    return head === name || `HEAD is on '${head}', not '${name}'`;
  };

/** The answer names these pids of the case's own programs (0, 1: mailsyncd; 2: pollerd). */
const namesPids =
  (...which: number[]): Check =>
  (r) =>
    says(...which.map((i) => String(r.pids[i])))(r);

/** Exactly these of the case's programs were stopped; the others still run. */
const stopped =
  (...which: number[]): Check =>
  (r: EvalResult) => {
    const wrong = [0, 1, 2].filter((i) => r.alive(r.pids[i]) === which.includes(i));
    return (
      wrong.length === 0 ||
      wrong
        .map((i) => `process ${r.pids[i]} is ${r.alive(r.pids[i]) ? 'still running' : 'stopped'}`)
        .join(', ')
    );
  };

const disk = (r: EvalResult) => {
  const s = statfsSync(r.cwd);
  return { total: s.blocks * s.bsize, free: s.bavail * s.bsize };
};

const GIT_CASES: UserCase[] = [
  {
    kind: 'git',
    request: 'whats the git status of this repo',
    variant: 'git',
    check: says('notes.txt', 'new.txt'),
  },
  { kind: 'git', request: 'what has changed since my last commit', variant: 'git', check: says('notes.txt') },
  {
    kind: 'git',
    request: 'show me the two most recent commits',
    variant: 'git',
    check: says('Change the answer', 'Initial commit'),
  },
  {
    kind: 'git',
    request: 'commit everything with the message "wip"',
    variant: 'git',
    check: committed('wip', 'notes.txt', 'new.txt'),
  },
  {
    kind: 'git',
    request: 'make a new branch feature-x',
    variant: 'git',
    check: (r) => git(r, 'branch', '--list', 'feature-x') !== '' || 'there is no branch feature-x',
  },
  { kind: 'git', request: 'switch to the experiment branch', variant: 'git', check: onBranch('experiment') },
  {
    kind: 'git',
    request: 'stash my uncommitted changes',
    variant: 'git',
    check: all(
      (r) => git(r, 'stash', 'list') !== '' || 'nothing was stashed',
      lacks('notes.txt', 'changed line'),
    ),
  },
  { kind: 'git', request: 'which branches are there', variant: 'git', check: says('main', 'experiment') },
  {
    kind: 'git',
    request: 'stage new.txt',
    variant: 'git',
    check: (r) =>
      git(r, 'diff', '--cached', '--name-only').split('\n').includes('new.txt') || 'new.txt is not staged',
  },
  { kind: 'git', request: 'what did i change in notes.txt', variant: 'git', check: says('changed line') },
  { kind: 'git', request: 'whats the current branch', variant: 'git', check: says('main') },
  {
    kind: 'git',
    request: 'add all and commit as "update notes"',
    variant: 'git',
    check: committed('update notes', 'notes.txt', 'new.txt'),
  },
  { kind: 'git', request: 'who authored the last commit?', variant: 'git', check: says('Atlas Test') },
];

const PROCESS_CASES: UserCase[] = [
  {
    kind: 'process',
    request: 'is pollerd running?',
    needs: 'proc',
    check: either(says('pollerd'), namesPids(2)),
  },
  { kind: 'process', request: 'show me the mailsyncd processes', needs: 'proc', check: namesPids(0, 1) },
  { kind: 'process', request: 'kill {pid}', needs: 'proc', check: stopped(0) },
  { kind: 'process', request: 'stop process {pid} please', needs: 'proc', check: stopped(0) },
  { kind: 'process', request: 'whats the pid of pollerd', needs: 'proc', check: namesPids(2) },
  { kind: 'process', request: 'terminate pid {pid}', needs: 'proc', check: stopped(0) },
  { kind: 'process', request: 'info on process {pid}', needs: 'proc', check: says('mailsyncd') },
  {
    kind: 'process',
    request: 'how much memory is pollerd using',
    needs: 'proc',
    check: either(says('pollerd'), namesPids(2)),
  },
  {
    kind: 'process',
    request: 'is there a process called mailsyncd',
    needs: 'proc',
    check: either(says('mailsyncd'), namesPids(0, 1)),
  },
  { kind: 'process', request: 'find processes named mailsync', needs: 'proc', check: namesPids(0, 1) },
  { kind: 'process', request: 'pgrep pollerd', needs: 'proc', check: namesPids(2) },
  { kind: 'process', request: 'kill the pollerd process', needs: 'proc', check: stopped(2) },
];

const INFO_CASES: UserCase[] = [
  {
    kind: 'system info',
    request: 'how much free disk space do i have',
    check: (r) => {
      const { free } = disk(r);
      return reportsNumber(/free|avail/i, free * 0.9, free * 1.1)(r);
    },
  },
  {
    kind: 'system info',
    request: 'how much RAM does this machine have',
    check: reportsNumber(/total/i, totalmem() * 0.95, totalmem() * 1.05),
  },
  {
    kind: 'system info',
    request: 'how many cpu cores',
    check: (r) => {
      const n = cpus().length;
      return new RegExp(`(^|\\D)${n}(\\D|$)`).test(r.text) || `the answer does not say ${n}`;
    },
  },
  {
    kind: 'system info',
    request: 'uptime?',
    check: (r) => reportsNumber(/uptime|seconds/i, uptime() - 120, uptime() + 3_600)(r),
  },
  { kind: 'system info', request: 'what os is this', check: says('linux') },
  { kind: 'system info', request: 'whats the hostname', check: says(hostname()) },
  { kind: 'system info', request: "what's the load average", check: says('load') },
  { kind: 'system info', request: 'what version of linux kernel am i running', check: says(release()) },
  {
    kind: 'system info',
    request: 'memory usage',
    check: reportsNumber(/total/i, totalmem() * 0.95, totalmem() * 1.05),
  },
  {
    kind: 'system info',
    request: 'how full is the disk',
    check: (r) => {
      const { total } = disk(r);
      return reportsNumber(/total|size/i, total * 0.99, total * 1.01)(r);
    },
  },
  {
    kind: 'system info',
    request: 'what cpu does this box have',
    check: says(cpus()[0]?.model.trim().split(/\s+/)[0] ?? 'cpu'),
  },
  { kind: 'system info', request: 'whoami', check: says(userInfo().username) },
];

const PACKAGE_CASES: UserCase[] = [
  { kind: 'package/runtime', request: 'what version of node do i have', check: runtimeVersion('node') },
  { kind: 'package/runtime', request: 'is python installed', check: runtimeVersion('python3') },
  { kind: 'package/runtime', request: 'git version?', check: runtimeVersion('git') },
  {
    kind: 'package/runtime',
    request: 'list the npm packages this project uses',
    variant: 'npm',
    check: says('left-pad'),
  },
  {
    kind: 'package/runtime',
    request: 'which version of left-pad is installed',
    variant: 'npm',
    check: says('1.3.0'),
  },
  {
    kind: 'package/runtime',
    request: 'uninstall left-pad',
    variant: 'npm',
    check: all(lacks('package.json', 'left-pad'), gone('node_modules/left-pad')),
  },
  { kind: 'package/runtime', request: 'do i have java', check: runtimeVersion('java', '--version') },
  { kind: 'package/runtime', request: 'whats my perl version', check: runtimeVersion('perl') },
  { kind: 'package/runtime', request: 'npm version', check: runtimeVersion('npm') },
  {
    kind: 'package/runtime',
    request: 'which packages does this project depend on',
    variant: 'npm',
    check: says('left-pad'),
  },
  {
    kind: 'package/runtime',
    request: 'is left-pad installed?',
    variant: 'npm',
    check: says('left-pad', '1.3.0'),
  },
];

const NETWORK_CASES: UserCase[] = [
  {
    kind: 'network',
    request: 'please download http://127.0.0.1:{port}/files/report.csv',
    check: newFileWith(/\.csv$/, 'month,total', 'jan,10'),
  },
  { kind: 'network', request: 'fetch http://localhost:{port}/hello', check: says('hello world') },
  { kind: 'network', request: 'is http://127.0.0.1:{port}/health reachable?', check: says('200') },
  {
    kind: 'network',
    request: 'save http://127.0.0.1:{port}/data.json as status.json',
    check: contains('status.json', '"status":"green"'),
  },
  { kind: 'network', request: 'curl 127.0.0.1:{port}/data.json', check: says('green') },
  {
    kind: 'network',
    request: 'what ip does localhost resolve to',
    check: either(says('127.0.0.1'), says('::1')),
  },
  { kind: 'network', request: 'which ports are open', check: (r) => says(String(r.port))(r) },
  {
    kind: 'network',
    request: 'is something listening on port {port}',
    check: (r) => says(String(r.port))(r),
  },
  {
    kind: 'network',
    request: 'get the page at http://127.0.0.1:{port}/ and tell me what it says',
    check: says('Welcome home'),
  },
  {
    kind: 'network',
    request: 'download http://127.0.0.1:{port}/hello into Downloads',
    check: (r) =>
      r.changed.some(
        (p) => p.startsWith('../Downloads/') && r.exists(p) && r.read(p).includes('hello world'),
      ) ||
      `nothing holding 'hello world' was saved in ~/Downloads (changed: ${r.changed.join(', ') || 'nothing'})`,
  },
  { kind: 'network', request: 'check if http://127.0.0.1:{port}/missing exists', check: says('404') },
];

export const SYSTEM_CASES: readonly UserCase[] = [
  ...GIT_CASES,
  ...PROCESS_CASES,
  ...INFO_CASES,
  ...PACKAGE_CASES,
  ...NETWORK_CASES,
];
