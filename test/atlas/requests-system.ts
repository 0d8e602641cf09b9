/**
 * Labelled requests for the system, process, git, package, service, network and shell tools.
 * Judged against what the machine itself says (os module, /proc, git, dpkg), the loopback
 * HTTP server the run starts, and the processes it spawns (`tickerd`, a copy of sleep).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import type { Case, Result } from './labelled.ts';

const all = (...checks: (true | string)[]) => checks.find((c) => c !== true) ?? true;
const is = (got: unknown, want: unknown, what: string) =>
  got === want || `${what}: got ${JSON.stringify(got)}, want ${JSON.stringify(want)}`;
const ok = (cond: boolean, why: string) => cond || why;
const git = (r: Result, ...args: string[]) =>
  execFileSync('git', args, { cwd: r.cwd, encoding: 'utf8' }).trim();
const alive = (pid: number) => {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return !stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
  } catch {
    return false;
  }
};
const dead = (which: number[]) => which.every((p) => !alive(p)) || `still alive: ${which.filter(alive)}`;
const pkg = (r: Result) => JSON.parse(r.read('package.json')) as Record<string, Record<string, string>>;
const SYSTEMD = existsSync('/run/systemd/system');

const c = (
  tool: string,
  request: string | string[],
  check: Case['check'],
  extra: Partial<Case> = {},
): Case => ({ tool, request, check, ...extra });

const osName = () => /^PRETTY_NAME="?([^"\n]*)/m.exec(readFileSync('/etc/os-release', 'utf8'))?.[1];

export const SYSTEM_CASES: Case[] = [
  c('system', 'how much memory is free', (r) => is(r.last.total, os.totalmem(), 'total')),
  c('system', 'show ram usage', (r) => is(r.last.total, os.totalmem(), 'total')),
  c('system', 'memory usage', (r) => ok(r.last.used > 0 && r.last.used < r.last.total, 'used out of range')),
  c('system', 'how much swap do i have', (r) => ok(typeof r.last.swapTotal === 'number', 'no swap figure')),
  c('system', 'how many cpu cores do i have', (r) => is(r.last.cores, os.cpus().length, 'cores')),
  c('system', 'what processor is this', (r) => is(r.last.model, os.cpus()[0].model.trim(), 'model')),
  c('system', 'cpu usage', (r) =>
    ok(r.last.usagePercent >= 0 && r.last.usagePercent <= 100, 'usage out of range'),
  ),
  c('system', 'what is the load average', (r) =>
    all(is(r.last.cores, os.availableParallelism(), 'cores'), ok(r.last.load1 >= 0, 'load')),
  ),
  c('system', 'system load', (r) => ok(typeof r.last.load15 === 'number', 'no load15')),
  c('system', 'uptime', (r) => ok(Math.abs(r.last.seconds - os.uptime()) < 30, `uptime ${r.last.seconds}`)),
  c('system', 'how long has the machine been up', (r) =>
    ok(Math.abs(r.last.seconds - os.uptime()) < 30, `uptime ${r.last.seconds}`),
  ),
  c('system', 'when did the system boot', (r) =>
    ok(Math.abs(Date.parse(r.last.since) - (Date.now() - os.uptime() * 1000)) < 30_000, r.last.since),
  ),
  c('system', 'what os is this', (r) => ok(String(r.last.kernel).includes(os.release()), r.last.kernel)),
  c('system', 'which linux distribution is this', (r) => is(r.last.name, osName(), 'name')),
  c('system', 'what is the hostname', (r) => is(r.last.hostname, os.hostname(), 'hostname')),
  c('system', 'kernel version', (r) => ok(String(r.last.kernel).includes(os.release()), r.last.kernel)),
  c('system', 'how much disk space is free', (r) =>
    ok(
      r.last.disks.some((d: { mount: string }) => d.mount === '/'),
      'no / in disks',
    ),
  ),
  c('system', 'show disk usage', (r) =>
    ok(r.last.disks.length > 0 && r.last.disks.every((d: { size: number }) => d.size > 0), 'no disks'),
  ),
  c('system', 'is the disk full', (r) =>
    ok(
      r.last.disks.every((d: { usePercent: number }) => d.usePercent >= 0 && d.usePercent <= 100),
      'bad percent',
    ),
  ),
  c('system', 'df', (r) => ok(r.last.disks.length > 0, 'no disks')),
  c('system', 'what are the largest files on my computer', (r) => is(r.names()[0], 'trip.mp4', 'largest')),
  c('system', 'biggest files in my home directory', (r) => is(r.names()[0], 'trip.mp4', 'largest')),
  c('system', "what's eating my disk space", (r) => is(r.names()[0], 'trip.mp4', 'largest')),
  c('system', 'system status', (r) =>
    ok(r.outputs.length === 5 && typeof r.outputs[3].total === 'number', 'not an overview'),
  ),
  c('system', 'give me an overview of this machine', (r) => ok(r.outputs.length === 5, 'not an overview')),

  c('process', 'list running processes', (r) => ok(r.last.processes.length > 0, 'no processes'), {
    needs: 'proc',
  }),
  c('process', 'which processes use the most memory', (r) => {
    const m = r.last.processes.map((p: { memory: number }) => p.memory);
    return ok(
      m.every((x: number, i: number) => i === 0 || m[i - 1] >= x),
      'not sorted by memory',
    );
  }),
  c('process', 'top 5 processes by cpu', (r) =>
    is(r.last.processes.length, Math.min(5, r.last.total), 'count'),
  ),
  c(
    'process',
    'show all processes',
    (r) =>
      ok(
        r.pids.every((p) => r.last.processes.some((x: { pid: number }) => x.pid === p)),
        'spawned processes missing',
      ),
    { needs: 'proc' },
  ),
  c(
    'process',
    'is tickerd running',
    (r) =>
      all(
        is(r.last.running, true, 'running'),
        ok(
          r.pids.every((p) => r.last.processes.some((x: { pid: number }) => x.pid === p)),
          'pids missing',
        ),
      ),
    { needs: 'proc' },
  ),
  c('process', 'find the tickerd processes', (r) => is(r.last.total, 2, 'found'), { needs: 'proc' }),
  c(
    'process',
    'what is the pid of tickerd',
    (r) =>
      ok(
        r.last.processes.some((x: { pid: number }) => x.pid === r.pids[0]),
        'pid missing',
      ),
    { needs: 'proc' },
  ),
  c('process', 'is nonexistentd running', (r) => is(r.last.running, false, 'running')),
  c(
    'process',
    'details of process {pid}',
    (r) =>
      all(is(r.last.pid, r.pids[0], 'pid'), ok(String(r.last.command).includes('tickerd'), r.last.command)),
    { needs: 'proc' },
  ),
  c('process', 'what is pid {pid}', (r) => is(r.last.pid, r.pids[0], 'pid'), { needs: 'proc' }),
  c(
    'process',
    'kill process {pid}',
    (r) => all(dead([r.pids[0]]), ok(alive(r.pids[1]), 'killed the other one too')),
    { needs: 'proc' },
  ),
  c('process', 'kill all tickerd processes', (r) => dead(r.pids), { needs: 'proc' }),
  c('process', 'terminate pid {pid}', (r) => dead([r.pids[0]]), { needs: 'proc' }),
  c('process', 'force quit tickerd', (r) => dead(r.pids), { needs: 'proc' }),
  c('process', 'stop the tickerd process', (r) => dead(r.pids), { needs: 'proc' }),
  c('process', 'end process {pid}', (r) => dead([r.pids[0]]), { needs: 'proc' }),

  c(
    'git',
    'git status',
    (r) =>
      all(
        is(r.last.branch, 'main', 'branch'),
        ok(r.names().includes('notes.txt') && r.names().includes('new.txt'), `files ${r.names()}`),
      ),
    { variant: 'git' },
  ),
  c('git', 'what has changed in the repo', (r) => ok(r.names().includes('notes.txt'), `files ${r.names()}`), {
    variant: 'git',
  }),
  c('git', 'do i have uncommitted changes', (r) => is(r.last.clean, false, 'clean'), { variant: 'git' }),
  c('git', 'is the repo clean', (r) => is(r.last.clean, false, 'clean'), { variant: 'git' }),
  c(
    'git',
    'show the last 5 commits',
    (r) =>
      is(
        r.last.commits.map((x: { subject: string }) => x.subject).join('|'),
        'Change the answer|Initial commit',
        'commits',
      ),
    { variant: 'git' },
  ),
  c('git', 'git log', (r) => is(r.last.commits.length, 2, 'commits'), { variant: 'git' }),
  c('git', 'show the commit history of src/util.js', (r) => is(r.last.commits.length, 2, 'commits'), {
    variant: 'git',
  }),
  c(
    'git',
    'show the diff',
    (r) => ok(String(r.last.text).includes('+changed line'), 'diff lacks the change'),
    { variant: 'git' },
  ),
  c(
    'git',
    'what did i change in notes.txt',
    (r) => ok(String(r.last.text).includes('+changed line'), 'diff lacks the change'),
    { variant: 'git' },
  ),
  c(
    'git',
    'stage all changes',
    (r) => is(git(r, 'diff', '--cached', '--name-only'), 'new.txt\nnotes.txt', 'staged'),
    { variant: 'git' },
  ),
  c('git', 'git add notes.txt', (r) => is(git(r, 'diff', '--cached', '--name-only'), 'notes.txt', 'staged'), {
    variant: 'git',
  }),
  c('git', 'add new.txt to git', (r) => is(git(r, 'diff', '--cached', '--name-only'), 'new.txt', 'staged'), {
    variant: 'git',
  }),
  c(
    'git',
    "commit everything as 'wip'",
    (r) =>
      all(
        is(git(r, 'log', '-1', '--format=%s'), 'wip', 'subject'),
        is(git(r, 'status', '--porcelain'), '', 'status'),
      ),
    { variant: 'git' },
  ),
  c(
    'git',
    ['stage notes.txt', "commit with message 'update notes'"],
    (r) => is(git(r, 'log', '-1', '--format=%s'), 'update notes', 'subject'),
    { variant: 'git' },
  ),
  c(
    'git',
    'create a branch called feature',
    (r) =>
      ok(git(r, 'branch', '--format=%(refname:short)').split('\n').includes('feature'), 'no feature branch'),
    { variant: 'git' },
  ),
  c(
    'git',
    'list branches',
    (r) => is(r.last.branches.map((b: { name: string }) => b.name).join(','), 'experiment,main', 'branches'),
    { variant: 'git' },
  ),
  c('git', 'what branch am i on', (r) => is(r.last.current, 'main', 'current'), { variant: 'git' }),
  c(
    'git',
    'switch to branch experiment',
    (r) => is(git(r, 'rev-parse', '--abbrev-ref', 'HEAD'), 'experiment', 'HEAD'),
    { variant: 'git' },
  ),
  c(
    'git',
    'create and switch to a new branch called fix',
    (r) => is(git(r, 'rev-parse', '--abbrev-ref', 'HEAD'), 'fix', 'HEAD'),
    { variant: 'git' },
  ),
  c(
    'git',
    'delete the branch experiment',
    (r) =>
      ok(
        !git(r, 'branch', '--format=%(refname:short)').split('\n').includes('experiment'),
        'branch still there',
      ),
    { variant: 'git' },
  ),
  c(
    'git',
    'stash my changes',
    (r) =>
      all(
        ok(!r.read('notes.txt').includes('changed line'), 'not stashed'),
        ok(git(r, 'stash', 'list') !== '', 'no stash'),
      ),
    { variant: 'git' },
  ),
  c(
    'git',
    ['stash my changes', 'pop the stash'],
    (r) => ok(r.read('notes.txt').includes('changed line'), 'stash not restored'),
    { variant: 'git' },
  ),

  c(
    'package',
    'list installed packages',
    (r) => is(JSON.stringify(r.last.packages), '[{"name":"left-pad","version":"1.3.0"}]', 'packages'),
    { variant: 'npm' },
  ),
  c('package', 'what npm packages does this project use', (r) => is(r.last.packages.length, 1, 'packages'), {
    variant: 'npm',
  }),
  c('package', 'show the dependencies', (r) => is(r.last.packages[0]?.name, 'left-pad', 'first'), {
    variant: 'npm',
  }),
  c('package', 'which apt packages are installed', (r) =>
    ok(
      r.last.packages.some((p: { name: string }) => p.name === 'git'),
      'git not listed',
    ),
  ),
  c('package', 'what version of git is installed', (r) =>
    is(
      r.last.installed,
      execFileSync('dpkg-query', ['-W', '-f=$' + '{Version}', 'git'], { encoding: 'utf8' }),
      'version',
    ),
  ),
  c('package', 'info about the package git', (r) =>
    all(is(r.last.name, 'git', 'name'), ok(r.last.installed !== null, 'not installed')),
  ),
  c('package', 'search apt for ripgrep', (r) =>
    ok(
      r.last.results.some((p: { name: string }) => p.name === 'ripgrep'),
      'ripgrep not found',
    ),
  ),
  c(
    'package',
    'install ./vendor/tiny-lib',
    (r) =>
      all(
        ok(pkg(r).dependencies?.['tiny-lib'] !== undefined, 'not in package.json'),
        ok(r.exists('node_modules/tiny-lib/index.js'), 'not installed'),
      ),
    { variant: 'npm' },
  ),
  c(
    'package',
    'add ./vendor/tiny-lib as a dev dependency',
    (r) => ok(pkg(r).devDependencies?.['tiny-lib'] !== undefined, 'not a dev dependency'),
    { variant: 'npm' },
  ),
  c(
    'package',
    'uninstall left-pad',
    (r) =>
      all(
        ok(pkg(r).dependencies?.['left-pad'] === undefined, 'still in package.json'),
        ok(!r.exists('node_modules/left-pad'), 'still installed'),
      ),
    { variant: 'npm' },
  ),
  c(
    'package',
    'remove the npm package left-pad',
    (r) => ok(pkg(r).dependencies?.['left-pad'] === undefined, 'still in package.json'),
    { variant: 'npm' },
  ),

  ...[
    'status of the ssh service',
    'is the cron service running',
    'restart nginx',
    'stop the docker service',
    'start the cron service',
  ].map((request) =>
    c(
      'service',
      request,
      SYSTEMD
        ? (r) => ok(typeof r.last.active === 'string', 'no state')
        : (r) =>
            ok(
              r.errors.some((e) => e.includes('systemd is not running')),
              `errors: ${r.errors}`,
            ),
      SYSTEMD ? {} : { expect: 'tool-error' },
    ),
  ),

  c('network', 'fetch http://127.0.0.1:{port}/hello', (r) =>
    all(is(r.last.status, 200, 'status'), is(r.last.body, 'hello world\n', 'body')),
  ),
  c('network', 'get http://127.0.0.1:{port}/data.json', (r) =>
    is(JSON.parse(r.last.body).items.length, 3, 'items'),
  ),
  c('network', 'what does http://127.0.0.1:{port}/health return', (r) => is(r.last.body, 'ok\n', 'body')),
  c('network', 'is http://127.0.0.1:{port}/health up', (r) => is(r.last.ok, true, 'ok')),
  c('network', 'check http://127.0.0.1:{port}/missing', (r) => is(r.last.status, 404, 'status')),
  c('network', 'download http://127.0.0.1:{port}/file.txt', (r) =>
    is(r.read('file.txt'), 'downloaded content\n', 'file'),
  ),
  c('network', 'download http://127.0.0.1:{port}/file.txt to saved.txt', (r) =>
    is(r.read('saved.txt'), 'downloaded content\n', 'file'),
  ),
  c('network', 'show the headers of http://127.0.0.1:{port}/hello', (r) =>
    all(is(r.last.status, 200, 'status'), ok(typeof r.last.headers === 'object', 'no headers')),
  ),
  c('network', 'resolve localhost', (r) =>
    ok(
      r.last.addresses.some((a: { address: string }) => a.address === '127.0.0.1' || a.address === '::1'),
      'no loopback',
    ),
  ),
  c('network', 'what is the ip address of localhost', (r) => ok(r.last.addresses.length > 0, 'no address')),
  c('network', 'dns lookup for localhost', (r) => ok(r.last.addresses.length > 0, 'no address')),
  c('network', 'which ports are open', (r) =>
    ok(
      r.last.ports.some((p: { port: number }) => p.port === r.port),
      'server port missing',
    ),
  ),
  c('network', 'what is listening on port {port}', (r) =>
    all(is(r.last.open, true, 'open'), is(r.last.ports[0]?.pid, process.pid, 'pid')),
  ),
  c('network', 'is port {port} in use', (r) => is(r.last.open, true, 'open')),
  c('network', 'is port 1 open', (r) => is(r.last.open, false, 'open')),

  c('shell', "run 'echo hello > hello.txt'", (r) => is(r.read('hello.txt'), 'hello\n', 'file')),
  c('shell', "execute the command 'printf abc > out.txt'", (r) => is(r.read('out.txt'), 'abc', 'file')),
  c('shell', "run the command 'mkdir -p build/out'", (r) => ok(r.exists('build/out'), 'no build/out')),
  c('shell', "run 'touch a b c'", (r) =>
    ok(
      ['a', 'b', 'c'].every((x) => r.exists(x)),
      'files missing',
    ),
  ),
  c('shell', "run 'date +%Y'", (r) =>
    is(String(r.last.stdout).trim(), String(new Date().getFullYear()), 'year'),
  ),
  c('shell', "run 'ls'", (r) =>
    ok(r.names().includes('notes.txt') && r.last.stdout === undefined, 'not the files tool'),
  ),
  c('shell', "run 'wc -l notes.txt'", (r) => is(r.last.total?.lines, 5, 'lines (by the text tool)')),
  c('shell', "run 'git status'", (r) => is(r.last.branch, 'main', 'branch (by the git tool)'), {
    variant: 'git',
  }),
  c(
    'shell',
    "run 'exit 3'",
    (r) =>
      ok(
        r.errors.some((e) => e.includes('exited with code 3')),
        `errors: ${r.errors}`,
      ),
    { expect: 'tool-error' },
  ),
];
