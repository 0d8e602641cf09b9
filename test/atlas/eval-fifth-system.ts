/**
 * The fifth held-out set's questions about the machine (disk, memory, CPU, uptime, names),
 * installed runtimes and packages, and the network (the case's loopback server on {port}).
 * Right answers are read from this machine when the check runs, never written in.
 */
import { cpus, hostname, release, totalmem, uptime, userInfo } from 'node:os';
import {
  all,
  type Check,
  contains,
  either,
  exists,
  newFileWith,
  onlyChanged,
  output,
  packageVersion,
  reportsNumber,
  runtimeVersion,
  says,
  saysWord,
  states,
} from './eval-checks.ts';
import type { UserCase } from './eval-harness.ts';

const still = onlyChanged();

/** The answer says the machine's uptime in seconds (give or take the case's own run). */
const upFor: Check = (r) => reportsNumber(/^seconds$/, uptime() - 900, uptime() + 5)(r);

/** The list of filesystems has at least one entry with free space. */
const diskFigures = output('free space of a filesystem', (o) => Array.isArray(o.disks) && o.disks.length > 0);

const MACHINE_CASES: UserCase[] = [
  { kind: 'system info', request: 'how much free disk space is left', check: all(diskFigures, still) },
  { kind: 'system info', request: "whats this machine's hostname", check: all(saysWord(hostname()), still) },
  {
    kind: 'system info',
    request: 'how much ram is in this box',
    check: all(reportsNumber(/^total$/, totalmem() * 0.95, totalmem() * 1.05), still),
  },
  { kind: 'system info', request: 'how many cpu cores are there', check: all(states(cpus().length), still) },
  { kind: 'system info', request: 'uptime of this server pls', check: all(upFor, still) },
  {
    kind: 'system info',
    request: 'which linux distro is this machine running',
    check: all(says('Debian'), still),
  },
  { kind: 'system info', request: 'what kernel version am I running', check: all(says(release()), still) },
  {
    kind: 'system info',
    request: 'what user am i logged in as',
    check: all(saysWord(userInfo().username), still),
  },
  {
    kind: 'system info',
    request: 'how busy is the cpu right now',
    check: all(
      output('CPU usage or load', (o) => typeof o.usagePercent === 'number' || typeof o.load1 === 'number'),
      still,
    ),
  },
  {
    kind: 'system info',
    request: "what's the current load average",
    check: all(
      output('load average', (o) => typeof o.load1 === 'number'),
      still,
    ),
  },
  {
    kind: 'system info',
    request: 'memory usage?',
    check: all(
      output('memory figures', (o) => typeof o.used === 'number' && typeof o.total === 'number'),
      still,
    ),
  },
  {
    kind: 'system info',
    request: 'what architecture is this machine',
    check: all(either(says('x64'), says('x86_64'), says('arm64'), says('aarch64')), still),
  },
  { kind: 'system info', request: 'how long has the computer been on', check: all(upFor, still) },
  {
    kind: 'system info',
    request: 'what cpu model do i have',
    check: all(says(cpus()[0]?.model.trim() ?? 'unknown'), still),
  },
  { kind: 'system info', request: 'is the disk almost full?', check: all(diskFigures, still) },
];

const PACKAGE_CASES: UserCase[] = [
  {
    kind: 'package/runtime',
    request: 'what version of python do I have',
    check: all(runtimeVersion('python3'), still),
  },
  { kind: 'package/runtime', request: 'node version?', check: all(runtimeVersion('node'), still) },
  {
    kind: 'package/runtime',
    request: 'which git version is installed',
    check: all(runtimeVersion('git'), still),
  },
  { kind: 'package/runtime', request: 'is java installed', check: all(runtimeVersion('java'), still) },
  {
    kind: 'package/runtime',
    request: 'which gcc version do i have',
    check: all(runtimeVersion('gcc'), still),
  },
  { kind: 'package/runtime', request: 'do i have go installed?', check: all(runtimeVersion('go'), still) },
  {
    kind: 'package/runtime',
    request: 'what version of left-pad does this project use',
    variant: 'npm',
    check: all(says('1.3.0'), still),
  },
  {
    kind: 'package/runtime',
    request: 'list the npm packages this project depends on',
    variant: 'npm',
    check: all(says('left-pad'), still),
  },
  { kind: 'package/runtime', request: 'is curl installed', check: all(packageVersion('curl'), still) },
  {
    kind: 'package/runtime',
    request: 'what npm version is installed',
    check: all(runtimeVersion('npm'), still),
  },
  {
    kind: 'package/runtime',
    request: 'what version is the bash shell',
    check: all(runtimeVersion('bash'), still),
  },
  {
    kind: 'package/runtime',
    request: "what's the name and version of this package",
    variant: 'npm',
    check: all(says('proj', '1.0.0'), still),
  },
  {
    kind: 'package/runtime',
    request: 'is ruby available on this machine',
    check: all(runtimeVersion('ruby'), still),
  },
  // rustc was here first: on this machine it is a rustup shim that fails under the case's own
  // HOME, so no answer could be right; perl answers the same way wherever HOME is.
  { kind: 'package/runtime', request: 'perl version?', check: all(runtimeVersion('perl'), still) },
  {
    kind: 'package/runtime',
    request: 'which version of the tar package is installed',
    check: all(packageVersion('tar'), still),
  },
];

const NETWORK_CASES: UserCase[] = [
  {
    kind: 'network',
    request: 'fetch the page http://127.0.0.1:{port}/hello',
    check: all(says('hello world'), still),
  },
  {
    kind: 'network',
    request: 'download the file at http://127.0.0.1:{port}/files/report.csv',
    check: newFileWith(/report.*\.csv$/, 'jan,10', 'feb,12'),
  },
  {
    kind: 'network',
    request: 'is http://127.0.0.1:{port}/health up or down',
    check: all(says('200'), still),
  },
  { kind: 'network', request: 'curl http://127.0.0.1:{port}/data.json', check: all(says('green'), still) },
  {
    kind: 'network',
    request: 'save the page http://127.0.0.1:{port}/index.html as home.html',
    check: all(contains('home.html', 'Welcome home'), onlyChanged('home.html')),
  },
  { kind: 'network', request: "what's the ip address of localhost", check: all(says('127.0.0.1'), still) },
  {
    kind: 'network',
    request: 'which ports are listening on this machine',
    check: all((r) => states(r.port)(r), still),
  },
  {
    kind: 'network',
    request: 'is anything listening on port {port} here',
    check: all(
      output('open port', (o) => o.open === true),
      still,
    ),
  },
  {
    kind: 'network',
    request: 'grab http://127.0.0.1:{port}/data.json and save it to Downloads',
    check: all(contains('../Downloads/data.json', '"status":"green"'), onlyChanged('../Downloads/data.json')),
  },
  {
    kind: 'network',
    request: 'what does http://127.0.0.1:{port}/ return',
    check: all(says('Welcome home'), still),
  },
  {
    kind: 'network',
    request: 'wget http://127.0.0.1:{port}/hello',
    check: all(contains('hello', 'hello world'), onlyChanged('hello')),
  },
  {
    kind: 'network',
    request: 'check whether the page http://127.0.0.1:{port}/missing exists',
    check: all(says('404'), still),
  },
  { kind: 'network', request: 'dns lookup for localhost', check: all(says('127.0.0.1'), still) },
  {
    kind: 'network',
    request: 'hit 127.0.0.1:{port}/health and tell me the status code',
    check: all(says('200'), still),
  },
  {
    kind: 'network',
    request: 'download the csv at http://127.0.0.1:{port}/files/report.csv into the docs folder',
    check: all(
      exists('docs/report.csv'),
      contains('docs/report.csv', 'feb,12'),
      onlyChanged('docs/report.csv'),
    ),
  },
];

export const SYSTEM_CASES: readonly UserCase[] = [...MACHINE_CASES, ...PACKAGE_CASES, ...NETWORK_CASES];
