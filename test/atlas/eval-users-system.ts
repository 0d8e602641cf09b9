/**
 * Held-out requests about the machine and the project: git, processes, system figures,
 * installed programs and packages, the network. Expected answers come from the machine
 * itself at check time (its hostname, its git version), never from constants.
 */
import { availableParallelism, hostname, release } from 'node:os';
import {
  all,
  contains,
  either,
  exists,
  git,
  lacks,
  output,
  probe,
  says,
  states,
  untouched,
} from './eval-checks.ts';
import type { EvalResult, Loose, UserCase } from './eval-harness.ts';

const procs = (r: EvalResult): Loose[] => r.outputs.find((o) => Array.isArray(o?.processes))?.processes ?? [];

const sortedBy = (key: 'memory' | 'cpu') => (r: EvalResult) => {
  const list = procs(r).map((p) => Number(p[key]));
  return (
    (list.length > 1 && list.every((v, i) => i === 0 || list[i - 1] >= v)) ||
    `processes are not listed by ${key}`
  );
};

const dpkg = (name: string) =>
  // biome-ignore lint/suspicious/noTemplateCurlyInString: dpkg-query's own format syntax
  probe('dpkg-query', '-W', '-f=${Version}', name).replace(/^\d+:/, '').split(/[-+~]/)[0];

/** Says one of the versions this machine has of a program (PATH, dpkg, or the running Node). */
const saysVersion =
  (...versions: string[]) =>
  (r: EvalResult) => {
    const known = versions.filter(Boolean).map((v) => v.replace(/^v/, ''));
    return (
      known.some((v) => r.text.includes(v)) || `the answer gives none of the versions ${known.join(', ')}`
    );
  };

export const SYSTEM_CASES: UserCase[] = [
  // git (repository in work: two commits on main, a branch 'experiment', notes.txt changed, new.txt untracked)
  { kind: 'git', variant: 'git', request: 'git status', check: says('notes.txt', 'new.txt') },
  {
    kind: 'git',
    variant: 'git',
    request: 'what changed since the last commit?',
    // the changed lines (a diff), or the changed files (a status): both answer it
    check: either(says('changed line'), says('notes.txt', 'new.txt')),
  },
  {
    kind: 'git',
    variant: 'git',
    request: 'show the last 2 commits',
    check: says('Change the answer', 'Initial commit'),
  },
  { kind: 'git', variant: 'git', request: 'what branch am i on', check: says('main') },
  { kind: 'git', variant: 'git', request: 'list branches', check: says('main', 'experiment') },
  {
    kind: 'git',
    variant: 'git',
    request: "commit everything with the message 'update notes'",
    check: (r) =>
      (git(r, 'log', '-1', '--format=%s') === 'update notes' && git(r, 'status', '--porcelain') === '') ||
      `last commit is '${git(r, 'log', '-1', '--format=%s')}', status '${git(r, 'status', '--porcelain')}'`,
  },
  {
    kind: 'git',
    variant: 'git',
    request: 'stage notes.txt',
    check: (r) =>
      git(r, 'diff', '--cached', '--name-only') === 'notes.txt' || 'only notes.txt should be staged',
  },
  {
    kind: 'git',
    variant: 'git',
    request: 'create a branch called feature-x',
    check: (r) => git(r, 'branch', '--list', 'feature-x') !== '' || 'no branch feature-x',
  },
  {
    kind: 'git',
    variant: 'git',
    request: 'switch to experiment',
    check: (r) => git(r, 'rev-parse', '--abbrev-ref', 'HEAD') === 'experiment' || 'not on experiment',
  },
  {
    kind: 'git',
    variant: 'git',
    request: 'stash my changes',
    check: (r) =>
      (git(r, 'stash', 'list') !== '' && !r.read('notes.txt').includes('changed line')) ||
      'the changes are not stashed',
  },
  { kind: 'git', variant: 'git', request: 'who made the last commit', check: says('Atlas Test') },
  {
    kind: 'git',
    variant: 'git',
    request: 'show me the diff for notes.txt',
    check: says('changed line', 'notes.txt'),
  },
  {
    kind: 'git',
    variant: 'git',
    request: 'delete the experiment branch',
    check: (r) => git(r, 'branch', '--list', 'experiment') === '' || 'experiment is still there',
  },
  {
    kind: 'git',
    variant: 'git',
    request: "commit new.txt with message 'add new.txt'",
    check: (r) =>
      (git(r, 'show', '--name-only', '--format=%s', 'HEAD') === 'add new.txt\n\nnew.txt' &&
        git(r, 'status', '--porcelain').includes('notes.txt')) ||
      `HEAD is '${git(r, 'show', '--name-only', '--format=%s', 'HEAD').replaceAll('\n', ' ')}'`,
  },

  // process (two `mailsyncd` and one `pollerd` run for the case)
  {
    kind: 'process',
    needs: 'proc',
    request: 'is mailsyncd running?',
    check: either(
      says('mailsyncd'),
      output('yes', (o) => o.running === true && o.total === 2),
    ),
  },
  {
    kind: 'process',
    needs: 'proc',
    request: 'show running processes',
    check: (r) => procs(r).length > 1 || 'no process list',
  },
  {
    kind: 'process',
    needs: 'proc',
    request: 'kill mailsyncd',
    check: (r) =>
      (!r.alive(r.pids[0]) && !r.alive(r.pids[1]) && r.alive(r.pids[2])) ||
      'expected both mailsyncd gone, pollerd alive',
  },
  {
    kind: 'process',
    needs: 'proc',
    request: 'stop process {pid}',
    check: (r) =>
      (!r.alive(r.pids[0]) && r.alive(r.pids[1]) && r.alive(r.pids[2])) || 'expected only that pid gone',
  },
  { kind: 'process', needs: 'proc', request: "what's using the most memory", check: sortedBy('memory') },
  { kind: 'process', needs: 'proc', request: 'top cpu processes', check: sortedBy('cpu') },
  {
    kind: 'process',
    needs: 'proc',
    request: 'find the pid of pollerd',
    check: (r) => says(String(r.pids[2]))(r),
  },
  { kind: 'process', needs: 'proc', request: 'tell me about process {pid}', check: says('mailsyncd') },
  {
    kind: 'process',
    needs: 'proc',
    request: 'terminate all the mailsyncd processes please',
    check: (r) =>
      (!r.alive(r.pids[0]) && !r.alive(r.pids[1]) && r.alive(r.pids[2])) ||
      'expected both mailsyncd gone, pollerd alive',
  },
  {
    kind: 'process',
    needs: 'proc',
    request: 'is nginx running',
    check: either(
      output('answer that it is not', (o) => o.running === false),
      says('no process'),
    ),
  },

  // system info
  {
    kind: 'system info',
    request: 'how much disk space is left',
    check: output('disk list', (o) => Array.isArray(o.disks)),
  },
  {
    kind: 'system info',
    request: 'free memory?',
    check: output('memory figures', (o) => typeof o.available === 'number' && typeof o.total === 'number'),
  },
  {
    kind: 'system info',
    request: 'how long has this machine been up',
    check: output('uptime', (o) => typeof o.seconds === 'number' && o.seconds > 0),
  },
  {
    kind: 'system info',
    request: 'what os am i running',
    check: (r) => says(release())(r) === true || says('linux')(r),
  },
  {
    kind: 'system info',
    request: 'cpu usage',
    check: output('CPU usage', (o) => typeof o.usagePercent === 'number'),
  },
  {
    kind: 'system info',
    request: 'load average',
    check: output('load averages', (o) => typeof o.load1 === 'number'),
  },
  { kind: 'system info', request: 'how many cpu cores do I have', check: states(availableParallelism()) },
  { kind: 'system info', request: 'whats my hostname', check: says(hostname()) },
  {
    kind: 'system info',
    request: 'how much ram does this computer have',
    check: output('total memory', (o) => typeof o.total === 'number' && o.total > 100e6 && 'available' in o),
  },
  {
    kind: 'system info',
    request: 'is the disk full?',
    check: output('disk list', (o) => Array.isArray(o.disks)),
  },
  { kind: 'system info', request: 'system info please', check: either(says(hostname()), says(release())) },
  { kind: 'system info', request: "what's the kernel version", check: says(release()) },

  // package / runtime versions (the npm variant has left-pad 1.3.0 and vendor/tiny-lib)
  {
    kind: 'package/runtime',
    request: 'what version of node is installed',
    check: saysVersion(probe('node', '--version'), dpkg('nodejs'), process.version),
  },
  {
    kind: 'package/runtime',
    request: 'is git installed?',
    check: saysVersion(dpkg('git'), probe('git', '--version').split(' ')[2]),
  },
  {
    kind: 'package/runtime',
    request: 'python version?',
    check: saysVersion(probe('python3', '--version').split(' ')[1], dpkg('python3')),
  },
  {
    kind: 'package/runtime',
    variant: 'npm',
    request: 'list the npm packages in this project',
    check: says('left-pad'),
  },
  {
    kind: 'package/runtime',
    variant: 'npm',
    request: 'which version of left-pad do we use',
    check: says('1.3.0'),
  },
  {
    kind: 'package/runtime',
    variant: 'npm',
    request: 'what dependencies does this project have',
    check: says('left-pad'),
  },
  { kind: 'package/runtime', request: 'is tar installed', check: saysVersion(dpkg('tar')) },
  {
    kind: 'package/runtime',
    request: 'what version of npm do i have',
    check: saysVersion(probe('npm', '--version')),
  },
  {
    kind: 'package/runtime',
    variant: 'npm',
    request: 'remove left-pad from this project',
    check: all(lacks('package.json', 'left-pad'), exists('package.json')),
  },
  {
    kind: 'package/runtime',
    variant: 'npm',
    request: 'install the local package in vendor/tiny-lib',
    check: all(contains('package.json', 'tiny-lib'), untouched('vendor')),
  },

  // network (a loopback server on {port})
  {
    kind: 'network',
    request: 'download http://127.0.0.1:{port}/files/report.csv',
    check: contains('report.csv', 'month,total', 'feb,12'),
  },
  { kind: 'network', request: 'fetch http://127.0.0.1:{port}/hello', check: says('hello world') },
  { kind: 'network', request: 'is http://127.0.0.1:{port}/health up?', check: says('200') },
  {
    kind: 'network',
    request: 'get http://127.0.0.1:{port}/data.json and save it as status.json',
    check: contains('status.json', '"status":"green"'),
  },
  {
    kind: 'network',
    request: "what's listening on port {port}",
    check: (r) =>
      r.outputs.some((o) => Array.isArray(o?.ports) && o.ports.some((p: Loose) => p.port === r.port)) ||
      'the answer does not list the port',
  },
  {
    kind: 'network',
    request: 'what ports are open',
    check: output('port list', (o) => Array.isArray(o.ports) && o.ports.length > 0),
  },
  { kind: 'network', request: 'resolve localhost', check: either(says('127.0.0.1'), says('::1')) },
  { kind: 'network', request: 'curl 127.0.0.1:{port}/hello', check: says('hello world') },
  {
    kind: 'network',
    request: 'download the page at http://127.0.0.1:{port}/index.html into Downloads',
    check: contains('../Downloads/index.html', 'Welcome home'),
  },
  {
    kind: 'network',
    request: 'check if port {port} is open',
    check: output('open port', (o) => o.open === true),
  },
  {
    kind: 'network',
    request: 'what is the ip address of localhost',
    check: either(says('127.0.0.1'), says('::1')),
  },
];
