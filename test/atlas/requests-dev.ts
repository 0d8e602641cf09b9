/**
 * Labelled requests for the git, package, service, network and shell tools: judged against
 * git itself, package.json and dpkg, the loopback HTTP server the run starts, and the files a
 * command leaves.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { Case, Result } from './labelled.ts';

const all = (...checks: (true | string)[]) => checks.find((c) => c !== true) ?? true;
const is = (got: unknown, want: unknown, what: string) =>
  got === want || `${what}: got ${JSON.stringify(got)}, want ${JSON.stringify(want)}`;
const ok = (cond: boolean, why: string) => cond || why;
const git = (r: Result, ...args: string[]) =>
  execFileSync('git', args, { cwd: r.cwd, encoding: 'utf8' }).trim();
const pkg = (r: Result) => JSON.parse(r.read('package.json')) as Record<string, Record<string, string>>;
const SYSTEMD = existsSync('/run/systemd/system');

const c = (
  tool: string,
  request: string | string[],
  check: Case['check'],
  extra: Partial<Case> = {},
): Case => ({
  tool,
  request,
  check,
  ...extra,
});

export const DEV_CASES: Case[] = [
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
  // A runtime's version is what the program itself reports (issue 12), not its package's.
  c('system', 'what version of git is installed', (r) =>
    is(r.last.version, execFileSync('git', ['--version'], { encoding: 'utf8' }).trim(), 'version'),
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
