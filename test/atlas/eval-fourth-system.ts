/**
 * Fourth held-out set, the machine around the files: system figures, installed runtimes
 * and packages, and the network (a loopback server on 127.0.0.1:{port} serves /hello,
 * /health, /data.json, /files/report.csv and /index.html; anything else is a 404). Written
 * apart from the translator and every earlier set; eval-fourth.ts says the rules. Figures a
 * check compares with are read from this machine when the check runs (free space, memory,
 * uptime, the versions programs print), so a case means the same on any machine.
 */
import { readFileSync, statfsSync } from 'node:fs';
import { arch, cpus, hostname, release, totalmem, uptime, userInfo } from 'node:os';
import {
  all,
  contains,
  either,
  first,
  newFileWith,
  onlyChanged,
  packageVersion,
  reportsNumber,
  runtimeVersion,
  says,
  saysWord,
  states,
} from './eval-checks.ts';
import type { EvalResult, UserCase } from './eval-harness.ts';

/** Free bytes on the file system holding the case, as df's Avail or Free would put them. */
const freeSpace = (r: EvalResult) => {
  const s = statfsSync(r.cwd);
  const lo = Math.min(s.bavail, s.bfree) * s.bsize;
  const hi = Math.max(s.bavail, s.bfree) * s.bsize;
  return reportsNumber(/^(free|available|avail)$/i, lo * 0.9, hi * 1.1)(r);
};

const osName = (r: EvalResult) => {
  const name = /^NAME="?([^"\n]+)/m.exec(readFileSync('/etc/os-release', 'utf8'))?.[1] ?? 'Linux';
  return says(name)(r);
};

const listensOnPort = (r: EvalResult) => states(r.port)(r);

const SYSTEM: UserCase[] = [
  { kind: 'system info', request: 'how much free disk space do i have left', check: freeSpace },
  {
    kind: 'system info',
    request: 'how much ram is in this machine',
    check: reportsNumber(/^total$/i, totalmem() * 0.98, totalmem() * 1.02),
  },
  {
    kind: 'system info',
    request: 'whats the uptime on this box',
    check: (r) => reportsNumber(/^(seconds|uptime)$/i, uptime() - 900, uptime() + 900)(r),
  },
  { kind: 'system info', request: 'what os is this box running', check: osName },
  {
    kind: 'system info',
    request: 'how many cpu cores have i got',
    check: either(states(cpus().length), reportsNumber(/^cores$/i, cpus().length, cpus().length)),
  },
  {
    kind: 'system info',
    request: "what's the load average right now",
    check: reportsNumber(/^load/i, 0, 100_000),
  },
  { kind: 'system info', request: 'what hostname does this machine have', check: saysWord(hostname()) },
  { kind: 'system info', request: 'who am i logged in as', check: saysWord(userInfo().username) },
  { kind: 'system info', request: 'which linux kernel version is running', check: says(release()) },
  {
    kind: 'system info',
    request: 'which folders in my home dir are the biggest',
    check: first('work', 'videos'),
  },
  {
    kind: 'system info',
    request: 'how much memory is free atm',
    check: reportsNumber(/^(free|available)$/i, 1, totalmem()),
  },
  { kind: 'system info', request: 'is my disk getting full?', check: freeSpace },
  {
    kind: 'system info',
    request: 'what cpu architecture is this',
    check: arch() === 'x64' ? either(saysWord('x64'), saysWord('x86_64')) : saysWord(arch()),
  },
  {
    kind: 'system info',
    request: 'how long ago did this machine boot',
    check: (r) => reportsNumber(/^(seconds|uptime)$/i, uptime() - 900, uptime() + 900)(r),
  },
];

const PACKAGE: UserCase[] = [
  {
    kind: 'package/runtime',
    request: 'which node version is installed on this box',
    check: runtimeVersion('node'),
  },
  { kind: 'package/runtime', request: 'python3 version?', check: runtimeVersion('python3') },
  { kind: 'package/runtime', request: 'which version of git do i have', check: runtimeVersion('git') },
  { kind: 'package/runtime', request: 'is go installed', check: runtimeVersion('go') },
  {
    kind: 'package/runtime',
    request: 'what java version is there',
    check: runtimeVersion('java', '--version'),
  },
  { kind: 'package/runtime', request: 'what bash version do i have', check: runtimeVersion('bash') },
  { kind: 'package/runtime', request: 'is ruby installed on this machine?', check: runtimeVersion('ruby') },
  { kind: 'package/runtime', request: 'gcc version pls', check: runtimeVersion('gcc') },
  { kind: 'package/runtime', request: 'perl --version', check: runtimeVersion('perl') },
  {
    kind: 'package/runtime',
    request: 'what packages does this project depend on',
    variant: 'npm',
    check: all(says('left-pad'), onlyChanged()),
  },
  {
    kind: 'package/runtime',
    request: 'what version of left-pad is installed',
    variant: 'npm',
    check: says('1.3.0'),
  },
  {
    kind: 'package/runtime',
    request: 'list the npm packages installed here',
    variant: 'npm',
    check: says('left-pad'),
  },
  { kind: 'package/runtime', request: 'is curl installed?', check: packageVersion('curl') },
  { kind: 'package/runtime', request: 'npm version?', check: runtimeVersion('npm') },
];

const NETWORK: UserCase[] = [
  {
    kind: 'network',
    request: 'please download http://127.0.0.1:{port}/hello',
    check: newFileWith(/^hello/, 'hello world'),
  },
  {
    kind: 'network',
    request: 'grab http://127.0.0.1:{port}/data.json and save it to status.json',
    check: all(contains('status.json', '"status":"green"'), onlyChanged('status.json')),
  },
  {
    kind: 'network',
    request: 'is http://127.0.0.1:{port}/health up or down?',
    check: either(states(200), saysWord('ok')),
  },
  { kind: 'network', request: 'curl -s 127.0.0.1:{port}/hello', check: says('hello world') },
  { kind: 'network', request: 'whats on http://localhost:{port}/index.html', check: says('Welcome home') },
  {
    kind: 'network',
    request: 'download http://127.0.0.1:{port}/files/report.csv and put it in my Downloads folder',
    check: all(contains('../Downloads/report.csv', 'jan,10'), onlyChanged('../Downloads/report.csv')),
  },
  {
    kind: 'network',
    request: 'get http://127.0.0.1:{port}/nope',
    check: either(states(404), says('not found')),
  },
  {
    kind: 'network',
    request: 'which ip address does localhost resolve to',
    check: either(says('127.0.0.1'), says('::1')),
  },
  { kind: 'network', request: 'which ports are open on this machine', check: listensOnPort },
  {
    kind: 'network',
    request: 'fetch http://127.0.0.1:{port}/data.json and tell me the status',
    check: says('green'),
  },
  {
    kind: 'network',
    request: 'wget the file http://127.0.0.1:{port}/files/report.csv',
    check: newFileWith(/^report\.csv$/, 'feb,12'),
  },
  {
    kind: 'network',
    request: 'save http://127.0.0.1:{port}/ as home.html',
    check: all(contains('home.html', 'Welcome home'), onlyChanged('home.html')),
  },
  { kind: 'network', request: 'is anything listening on port {port}', check: listensOnPort },
  { kind: 'network', request: 'dns lookup localhost', check: either(says('127.0.0.1'), says('::1')) },
];

export const SYSTEM_CASES: readonly UserCase[] = [...SYSTEM, ...PACKAGE, ...NETWORK];
