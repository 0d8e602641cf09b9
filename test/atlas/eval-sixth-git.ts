/**
 * The sixth set's git and process requests. Git runs in the `git` variant: branch main with
 * two commits ('Initial commit', 'Change the answer'), a branch experiment at the same commit,
 * notes.txt changed ('changed line') and new.txt untracked. Processes (`needs: 'proc'`) are two
 * `mailsyncd` (pids 0 and 1) and one `pollerd` (2); `{pid}` is the first mailsyncd.
 */
import type { Check } from './eval-checks.ts';
import {
  all,
  either,
  git,
  lacks,
  output,
  says,
  saysPids,
  saysWord,
  states,
  stoppedOnly,
} from './eval-checks.ts';
import type { UserCase } from './eval-harness.ts';

/** git prints exactly this (trimmed) for these arguments. */
const gitSays =
  (expected: string, ...args: string[]): Check =>
  (r) => {
    const got = git(r, ...args);
    return got === expected || `git ${args.join(' ')} prints '${got.slice(0, 80)}', not '${expected}'`;
  };

const GIT: UserCase[] = [
  {
    kind: 'git',
    request: 'what does git status say at the moment',
    variant: 'git',
    check: says('notes.txt', 'new.txt'),
  },
  {
    kind: 'git',
    request: 'what did i change in notes.txt since the last commit',
    variant: 'git',
    check: says('changed line'),
  },
  {
    kind: 'git',
    request: 'show the last two commits',
    variant: 'git',
    check: says('Change the answer', 'Initial commit'),
  },
  { kind: 'git', request: 'which branch am i on right now', variant: 'git', check: saysWord('main') },
  { kind: 'git', request: 'list all the branches', variant: 'git', check: says('experiment', 'main') },
  {
    kind: 'git',
    request: 'commit everything with the message wip',
    variant: 'git',
    check: all(gitSays('wip', 'log', '-1', '--format=%s'), gitSays('', 'status', '--porcelain')),
  },
  {
    kind: 'git',
    request: 'git add notes.txt only',
    variant: 'git',
    check: gitSays('notes.txt', 'diff', '--cached', '--name-only'),
  },
  {
    kind: 'git',
    request: 'i want a new branch named feature-x',
    variant: 'git',
    check: (r) => git(r, 'branch', '--list', 'feature-x') !== '' || 'there is no branch feature-x',
  },
  {
    kind: 'git',
    request: 'swtich to branch experiment',
    variant: 'git',
    check: all(gitSays('experiment', 'rev-parse', '--abbrev-ref', 'HEAD'), says('experiment')),
  },
  { kind: 'git', request: 'who authored the most recent commit?', variant: 'git', check: says('Atlas Test') },
  { kind: 'git', request: 'are there any untracked files', variant: 'git', check: says('new.txt') },
  { kind: 'git', request: 'how many commits are in the history so far', variant: 'git', check: states(2) },
  {
    kind: 'git',
    request: 'put my local edits in the stash',
    variant: 'git',
    check: all(
      (r) => git(r, 'stash', 'list') !== '' || 'nothing was stashed',
      lacks('notes.txt', 'changed line'),
    ),
  },
  {
    kind: 'git',
    request: 'do i have uncommitted changes in this repo?',
    variant: 'git',
    check: says('notes.txt'),
  },
  {
    kind: 'git',
    request: 'git log for src/util.js',
    variant: 'git',
    check: says('Change the answer'),
  },
  {
    kind: 'git',
    request: "add new.txt and commit it as 'add new file'",
    variant: 'git',
    check: all(
      gitSays('add new file', 'log', '-1', '--format=%s'),
      gitSays('new.txt', 'show', '--name-only', '--format=', 'HEAD'),
      gitSays('notes.txt', 'diff', '--name-only'),
    ),
  },
  {
    kind: 'git',
    request: "what's the message of the latest commit",
    variant: 'git',
    check: says('Change the answer'),
  },
];

const isRunning = output('answer that it runs', (o) => o.running === true);

const PROCESS: UserCase[] = [
  { kind: 'process', request: 'mailsyncd - is it up and running?', needs: 'proc', check: isRunning },
  { kind: 'process', request: 'kill pollerd', needs: 'proc', check: stoppedOnly(2) },
  {
    kind: 'process',
    request: 'stop all the mailsyncd processes',
    needs: 'proc',
    check: stoppedOnly(0, 1),
  },
  { kind: 'process', request: 'what pid has pollerd got', needs: 'proc', check: saysPids(2) },
  {
    kind: 'process',
    request: 'show me all the processes running right now',
    needs: 'proc',
    check: output('process list', (o) => Array.isArray(o.processes) && o.processes.length > 0),
  },
  {
    kind: 'process',
    request: 'which processes are using the most cpu',
    check: output('process list', (o) => Array.isArray(o.processes) && o.processes.length > 0),
  },
  { kind: 'process', request: 'how many copies of mailsyncd are running', needs: 'proc', check: states(2) },
  { kind: 'process', request: 'kill the process {pid} please', needs: 'proc', check: stoppedOnly(0) },
  {
    kind: 'process',
    request: 'details on process {pid}?',
    needs: 'proc',
    check: all(says('mailsyncd'), saysPids(0)),
  },
  { kind: 'process', request: 'please end pid {pid}', needs: 'proc', check: stoppedOnly(0) },
  {
    kind: 'process',
    request: 'top 5 memory hogs',
    check: output(
      'list of at most 5 processes',
      (o) => Array.isArray(o.processes) && o.processes.length > 0 && o.processes.length <= 5,
    ),
  },
  { kind: 'process', request: 'can you find the pollerd proces', needs: 'proc', check: saysPids(2) },
  { kind: 'process', request: 'shut down mailsyncd', needs: 'proc', check: stoppedOnly(0, 1) },
  {
    kind: 'process',
    request: "what's the command line of {pid}",
    needs: 'proc',
    check: all(says('mailsyncd'), says('300')),
  },
  {
    kind: 'process',
    request: 'is there a process called nosuchd',
    needs: 'proc',
    check: either(
      output('answer that it does not run', (o) => o.running === false),
      says('no process'),
    ),
  },
  {
    kind: 'process',
    request: 'list processes named mailsyncd with their pids',
    needs: 'proc',
    check: all(saysPids(0, 1), stoppedOnly()),
  },
];

export const GIT_PROCESS_CASES: readonly UserCase[] = [...GIT, ...PROCESS];
