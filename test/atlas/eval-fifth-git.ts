/**
 * The fifth held-out set's git requests (on the `git` fixture: two commits on main, a branch
 * `experiment` at the same commit, notes.txt modified and new.txt untracked) and its process
 * requests (on the case's own programs: two `mailsyncd` and one `pollerd`).
 */
import {
  all,
  type Check,
  git,
  onlyChanged,
  output,
  says,
  saysPids,
  saysWord,
  states,
  stoppedOnly,
} from './eval-checks.ts';
import type { UserCase } from './eval-harness.ts';

const still = onlyChanged();

/** The last commit's subject is `subject` (and so a commit was made). */
const lastCommit =
  (subject: string): Check =>
  (r) => {
    const got = git(r, 'log', '-1', '--format=%s');
    return got === subject || `the last commit is '${got}', not '${subject}'`;
  };

/** `git status --porcelain` lists (or, with `want` false, does not list) a path. */
const pending =
  (path: string, want = true): Check =>
  (r) => {
    const listed = git(r, 'status', '--porcelain')
      .split('\n')
      .some((l) => l.slice(3) === path);
    return listed === want || `${path} is ${want ? 'not ' : ''}pending in git status`;
  };

const GIT_CASES: UserCase[] = [
  {
    kind: 'git',
    request: 'run git status for me',
    variant: 'git',
    check: all(says('notes.txt', 'new.txt'), still),
  },
  {
    kind: 'git',
    request: 'what did i change since the last commit',
    variant: 'git',
    check: all(says('notes.txt'), still),
  },
  {
    kind: 'git',
    request: 'show me the last two commits',
    variant: 'git',
    check: all(says('Change the answer', 'Initial commit'), still),
  },
  {
    kind: 'git',
    request: 'the branch im currently on is called what?',
    variant: 'git',
    check: all(saysWord('main'), still),
  },
  {
    kind: 'git',
    request: 'list all git branches',
    variant: 'git',
    check: all(says('main', 'experiment'), still),
  },
  {
    kind: 'git',
    request: "commit everything with message 'wip'",
    variant: 'git',
    check: all(lastCommit('wip'), pending('notes.txt', false), pending('new.txt', false)),
  },
  {
    kind: 'git',
    request: 'git add new.txt',
    variant: 'git',
    check: (r) =>
      git(r, 'diff', '--cached', '--name-only').split('\n').includes('new.txt') || 'new.txt is not staged',
  },
  {
    kind: 'git',
    request: 'make a new branch called feature-x',
    variant: 'git',
    check: (r) => git(r, 'branch', '--list', 'feature-x') !== '' || 'there is no branch feature-x',
  },
  {
    kind: 'git',
    request: 'hop over onto the experiment branch',
    variant: 'git',
    check: (r) => {
      const head = git(r, 'rev-parse', '--abbrev-ref', 'HEAD');
      return head === 'experiment' || `HEAD is on '${head}'`;
    },
  },
  {
    kind: 'git',
    request: 'show the git diff for notes.txt',
    variant: 'git',
    check: all(says('changed line'), still),
  },
  {
    kind: 'git',
    request: 'who made the most recent commit?',
    variant: 'git',
    check: all(says('Atlas Test'), still),
  },
  {
    kind: 'git',
    request: 'stash my local changes',
    variant: 'git',
    check: all(
      (r) => git(r, 'stash', 'list') !== '' || 'nothing was stashed',
      (r) =>
        r.read('notes.txt').includes('The database is slow') || 'notes.txt still has the uncommitted change',
    ),
  },
  {
    kind: 'git',
    request: 'is my working tree clean?',
    variant: 'git',
    check: all(says('notes.txt'), still),
  },
  { kind: 'git', request: 'how many commits are there', variant: 'git', check: all(states(2), still) },
  {
    kind: 'git',
    request: 'what was the last commit message',
    variant: 'git',
    check: all(says('Change the answer'), still),
  },
  {
    kind: 'git',
    request: "add notes.txt and commit it as 'update notes'",
    variant: 'git',
    check: all(lastCommit('update notes'), pending('notes.txt', false), pending('new.txt')),
  },
];

const PROCESS_CASES: UserCase[] = [
  {
    kind: 'process',
    request: 'is pollerd running right now?',
    needs: 'proc',
    check: all(saysPids(2), stoppedOnly()),
  },
  {
    kind: 'process',
    request: "what's the pid of pollerd",
    needs: 'proc',
    check: all(saysPids(2), stoppedOnly()),
  },
  {
    kind: 'process',
    request: 'show me all the mailsyncd processes',
    needs: 'proc',
    check: all(saysPids(0, 1), stoppedOnly()),
  },
  { kind: 'process', request: 'kill off proc {pid}', needs: 'proc', check: stoppedOnly(0) },
  {
    kind: 'process',
    request: 'how many mailsyncd are running',
    needs: 'proc',
    check: all(states(2), stoppedOnly()),
  },
  {
    kind: 'process',
    request: 'list running processes',
    needs: 'proc',
    check: all(
      output('list of processes', (o) => Array.isArray(o.processes) && o.processes.length >= 3),
      stoppedOnly(),
    ),
  },
  { kind: 'process', request: 'stop pollerd please', needs: 'proc', check: stoppedOnly(2) },
  { kind: 'process', request: 'terminate pid {pid} please', needs: 'proc', check: stoppedOnly(0) },
  {
    kind: 'process',
    request: 'what processes are using the most memory',
    needs: 'proc',
    check: all(
      output('list of processes', (o) => Array.isArray(o.processes) && o.processes.length >= 1),
      stoppedOnly(),
    ),
  },
  {
    kind: 'process',
    request: 'pgrep mailsyncd pls',
    needs: 'proc',
    check: all(saysPids(0, 1), stoppedOnly()),
  },
  {
    kind: 'process',
    request: 'tell me about the process with pid {pid}',
    needs: 'proc',
    check: all(says('mailsyncd'), stoppedOnly()),
  },
  {
    kind: 'process',
    request: 'which program has pid {pid}?',
    needs: 'proc',
    check: all(says('mailsyncd'), stoppedOnly()),
  },
  { kind: 'process', request: 'kill -9 {pid}', needs: 'proc', check: stoppedOnly(0) },
  {
    kind: 'process',
    request: 'is there any process named mailsyncd',
    needs: 'proc',
    check: all(saysPids(0, 1), stoppedOnly()),
  },
  {
    kind: 'process',
    request: 'how much cpu is pollerd using',
    needs: 'proc',
    check: all(says('pollerd'), saysPids(2), stoppedOnly()),
  },
];

export const GIT_PROCESS_CASES: readonly UserCase[] = [...GIT_CASES, ...PROCESS_CASES];
