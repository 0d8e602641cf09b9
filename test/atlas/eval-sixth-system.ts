/**
 * The sixth set's questions about the machine, its software and the network. Answers are
 * compared with what this machine says (os, /etc/os-release, `--version`, dpkg), so they hold
 * wherever the set runs; web pages come from the evaluation's loopback server (eval-server.ts)
 * at `{port}`, and a runtime that is not installed must be answered as such.
 */
import { readFileSync } from 'node:fs';
import os from 'node:os';
import type { Check } from './eval-checks.ts';
import {
  all,
  contains,
  either,
  exists,
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

/** The distribution's own name, as /etc/os-release gives it. */
function distro(): string {
  try {
    return /^PRETTY_NAME="?([^"\n]*)"?/m.exec(readFileSync('/etc/os-release', 'utf8'))?.[1] ?? os.type();
  } catch {
    return os.type();
  }
}

/** The answer gives the machine's uptime (seconds), as it was when the case ran. */
const uptime: Check = (r) => {
  const now = os.uptime();
  return reportsNumber(/^seconds$/, now - 3600, now + 5)(r);
};

const diskFigures = either(
  output('disk figures', (o) => Array.isArray(o.disks) && o.disks.length > 0),
  says('Avail'),
);

const SYSTEM: UserCase[] = [
  { kind: 'system info', request: 'how much free space is left on my disks', check: diskFigures },
  { kind: 'system info', request: "what's this computer's hostname", check: saysWord(os.hostname()) },
  { kind: 'system info', request: 'how long has this box been up', check: uptime },
  {
    kind: 'system info',
    request: 'how much RAM does this machine have in total',
    check: reportsNumber(/^total$/, os.totalmem() * 0.98, os.totalmem() * 1.02),
  },
  { kind: 'system info', request: 'which linux distribution is this box running', check: says(distro()) },
  { kind: 'system info', request: 'kernel version?', check: says(os.release()) },
  {
    kind: 'system info',
    request: 'how many cores does the cpu have',
    check: states(os.cpus().length),
  },
  { kind: 'system info', request: 'which user am i logged in as', check: saysWord(os.userInfo().username) },
  {
    kind: 'system info',
    request: 'whats the systems load average at the moment',
    check: output('load averages', (o) => typeof o.load1 === 'number' && typeof o.load15 === 'number'),
  },
  {
    kind: 'system info',
    request: 'what cpu model is in this thing',
    check: says(os.cpus()[0]?.model.trim() ?? ''),
  },
  {
    kind: 'system info',
    request: 'memory usage right now?',
    check: output('memory figures', (o) => typeof o.available === 'number' || typeof o.used === 'number'),
  },
  {
    kind: 'system info',
    request: 'is this machine x86 or arm?',
    check: either(saysWord(os.arch()), saysWord('x86_64'), saysWord('aarch64')),
  },
  {
    kind: 'system info',
    request: 'how full is the root partition',
    check: either(
      output(
        'the root disk',
        (o) => Array.isArray(o.disks) && o.disks.some((d: { mount: string }) => d.mount === '/'),
      ),
      says('Use%'),
    ),
  },
  { kind: 'system info', request: 'what operating system am i running', check: says(distro()) },
  {
    kind: 'system info',
    request: 'is there any swap on this system',
    check: output('swap figures', (o) => typeof o.swapTotal === 'number'),
  },
  { kind: 'system info', request: 'how much disk does / have free', check: diskFigures },
];

const PACKAGE: UserCase[] = [
  {
    kind: 'package/runtime',
    request: 'what python version do i have installed',
    check: runtimeVersion('python3'),
  },
  { kind: 'package/runtime', request: 'node --version please', check: runtimeVersion('node') },
  { kind: 'package/runtime', request: 'is go installed on here?', check: runtimeVersion('go', 'version') },
  { kind: 'package/runtime', request: 'which git version is this', check: runtimeVersion('git') },
  { kind: 'package/runtime', request: 'java version', check: runtimeVersion('java') },
  {
    kind: 'package/runtime',
    request: 'which npm packages does this project use',
    variant: 'npm',
    check: says('left-pad'),
  },
  {
    kind: 'package/runtime',
    request: 'what version of left-pad is installed here',
    variant: 'npm',
    check: says('1.3.0'),
  },
  { kind: 'package/runtime', request: 'is curl installed on this machine?', check: packageVersion('curl') },
  { kind: 'package/runtime', request: 'which version of bash is on this box', check: runtimeVersion('bash') },
  { kind: 'package/runtime', request: 'do i have perl?', check: runtimeVersion('perl') },
  { kind: 'package/runtime', request: 'ruby version pls', check: runtimeVersion('ruby') },
  { kind: 'package/runtime', request: 'gcc --version', check: runtimeVersion('gcc') },
  {
    kind: 'package/runtime',
    request: 'what version is the tar package installed at',
    check: packageVersion('tar'),
  },
  { kind: 'package/runtime', request: 'whats my npm version', check: runtimeVersion('npm') },
  {
    kind: 'package/runtime',
    request: "show me this project's dependencies",
    variant: 'npm',
    check: says('left-pad'),
  },
  {
    kind: 'package/runtime',
    request: 'which version of tiny-lib is in vendor',
    variant: 'npm',
    check: says('1.2.3'),
  },
];

const status = (code: number): Check => output(`status ${code}`, (o) => o.status === code);

const NETWORK: UserCase[] = [
  { kind: 'network', request: 'fetch http://127.0.0.1:{port}/hello and show me', check: says('hello world') },
  {
    kind: 'network',
    request: 'pull down http://127.0.0.1:{port}/files/report.csv to this folder',
    check: all(contains('report.csv', 'jan,10'), onlyChanged('report.csv')),
  },
  { kind: 'network', request: 'is 127.0.0.1:{port} up?', check: status(200) },
  {
    kind: 'network',
    request: 'save http://127.0.0.1:{port}/data.json as data.json',
    check: all(contains('data.json', '"status":"green"'), onlyChanged('data.json')),
  },
  { kind: 'network', request: 'what does localhost:{port}/health return', check: says('ok') },
  { kind: 'network', request: 'curl http://127.0.0.1:{port}/data.json pls', check: says('green') },
  {
    kind: 'network',
    request: 'which ports is this machine listening on',
    check: output('ports', (o) => Array.isArray(o.ports) && o.ports.length > 0),
  },
  {
    kind: 'network',
    request: 'is something listening on port {port}?',
    check: output(
      'answer that the port is open',
      (o) => o.open === true || (Array.isArray(o.ports) && o.ports.length > 0),
    ),
  },
  { kind: 'network', request: 'resolve the name localhost', check: says('127.0.0.1') },
  {
    kind: 'network',
    request: 'wget http://127.0.0.1:{port}/index.html',
    check: all(contains('index.html', 'Welcome home'), onlyChanged('index.html')),
  },
  {
    kind: 'network',
    request: 'get the page at http://127.0.0.1:{port}/ and show me what it says',
    check: says('Welcome home'),
  },
  {
    kind: 'network',
    request: 'download http://127.0.0.1:{port}/hello into my Downloads',
    check: all(
      exists('../Downloads/hello'),
      contains('../Downloads/hello', 'hello world'),
      onlyChanged('../Downloads/hello'),
    ),
  },
  { kind: 'network', request: 'do a dns lookup on localhost', check: says('127.0.0.1') },
  { kind: 'network', request: 'does http://127.0.0.1:{port}/nope exist?', check: status(404) },
  {
    kind: 'network',
    request: 'grab http://127.0.0.1:{port}/data.json and store it in api.json',
    check: all(contains('api.json', 'green'), onlyChanged('api.json')),
  },
  { kind: 'network', request: 'check that http://127.0.0.1:{port}/health responds', check: status(200) },
];

export const SYSTEM_CASES: readonly UserCase[] = [...SYSTEM, ...PACKAGE, ...NETWORK];
