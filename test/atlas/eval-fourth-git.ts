/**
 * Fourth held-out set, a repository and running programs. Written apart from the translator
 * and every earlier set; eval-fourth.ts says the rules. The `git` variant's work folder is a
 * repository on `main` with two commits ("Initial commit", "Change the answer") by Atlas
 * Test, a branch `experiment` at the same commit, notes.txt changed ("changed line") and
 * new.txt untracked. `needs: 'proc'` starts two `mailsyncd` ({pid} is the first) and one
 * `pollerd`, each a copy of sleep.
 */
import {
  all,
  contains,
  git,
  lacks,
  says,
  saysNot,
  saysPids,
  saysWord,
  states,
  stoppedOnly,
} from './eval-checks.ts';
import type { EvalResult, UserCase } from './eval-harness.ts';

const head = (r: EvalResult) => git(r, 'rev-parse', '--abbrev-ref', 'HEAD');
const lastSubject = (r: EvalResult) => git(r, 'log', '-1', '--format=%s');

const GIT: UserCase[] = [
  { kind: 'git', request: 'whats the git status', variant: 'git', check: says('notes.txt', 'new.txt') },
  {
    kind: 'git',
    request: 'what did i change since the last commit?',
    variant: 'git',
    check: says('changed line'),
  },
  {
    kind: 'git',
    request: 'show me the last 2 commits',
    variant: 'git',
    check: says('Change the answer', 'Initial commit'),
  },
  { kind: 'git', request: 'what branch am i on right now', variant: 'git', check: saysWord('main') },
  {
    kind: 'git',
    request: 'list all the git branches',
    variant: 'git',
    check: saysWord('main', 'experiment'),
  },
  {
    kind: 'git',
    request: "commit all of it with message 'wip'",
    variant: 'git',
    check: all(
      (r) => lastSubject(r) === 'wip' || `the last commit says '${lastSubject(r)}'`,
      (r) =>
        git(r, 'status', '--porcelain') === '' || `still uncommitted: ${git(r, 'status', '--porcelain')}`,
    ),
  },
  {
    kind: 'git',
    request: 'git stage new.txt pls',
    variant: 'git',
    check: (r) => {
      const staged = git(r, 'diff', '--cached', '--name-only');
      return staged === 'new.txt' || `staged: '${staged}'`;
    },
  },
  {
    kind: 'git',
    request: 'create a git branch called feature-x',
    variant: 'git',
    check: all(
      (r) => git(r, 'branch', '--list', 'feature-x') !== '' || 'there is no branch feature-x',
      contains('notes.txt', 'changed line'),
    ),
  },
  {
    kind: 'git',
    request: 'hop over to the experiment branch',
    variant: 'git',
    check: all((r) => head(r) === 'experiment' || `on ${head(r)}`, contains('notes.txt', 'changed line')),
  },
  {
    kind: 'git',
    request: 'stash my current changes',
    variant: 'git',
    check: all(
      (r) => git(r, 'stash', 'list') !== '' || 'nothing was stashed',
      lacks('notes.txt', 'changed line'),
    ),
  },
  { kind: 'git', request: 'how many commits does this repo have', variant: 'git', check: states(2) },
  { kind: 'git', request: 'who authored the latest commit', variant: 'git', check: says('Atlas Test') },
  { kind: 'git', request: 'show me the git diff of notes.txt', variant: 'git', check: says('changed line') },
  { kind: 'git', request: 'any uncommited changes?', variant: 'git', check: says('notes.txt') },
  {
    kind: 'git',
    request: 'git log --oneline',
    variant: 'git',
    check: says('Change the answer', 'Initial commit'),
  },
  {
    kind: 'git',
    request: 'which files arent tracked by git',
    variant: 'git',
    check: all(says('new.txt'), saysNot('README.md', 'app.log', 'big.bin')),
  },
];

/**
 * The answer is about the program asked for: its pids, and neither the other program nor the
 * machine's node processes (a whole process table, sorted by CPU, can hold a just-started
 * program's pid and a stray 2 by luck).
 */
const mailsyncdOnly = all(saysPids(0, 1), saysNot('pollerd', 'node_modules'));
const pollerdOnly = all(saysPids(2), saysNot('mailsyncd', 'node_modules'));

const PROCESS: UserCase[] = [
  { kind: 'process', request: 'is mailsyncd running right now?', needs: 'proc', check: mailsyncdOnly },
  { kind: 'process', request: 'kill the process {pid}', needs: 'proc', check: stoppedOnly(0) },
  {
    kind: 'process',
    request: 'list the processes named mailsyncd',
    needs: 'proc',
    check: all(mailsyncdOnly, stoppedOnly()),
  },
  { kind: 'process', request: "whats pollerd's pid", needs: 'proc', check: pollerdOnly },
  { kind: 'process', request: 'stop the pollerd program', needs: 'proc', check: stoppedOnly(2) },
  {
    kind: 'process',
    request: 'kill all the mailsyncd processes',
    needs: 'proc',
    check: stoppedOnly(0, 1),
  },
  { kind: 'process', request: 'pgrep mailsyncd', needs: 'proc', check: mailsyncdOnly },
  {
    kind: 'process',
    request: 'give me details on process {pid}',
    needs: 'proc',
    check: all(says('mailsyncd'), stoppedOnly()),
  },
  { kind: 'process', request: 'find the pollerd process', needs: 'proc', check: pollerdOnly },
  { kind: 'process', request: 'terminate process id {pid}', needs: 'proc', check: stoppedOnly(0) },
  {
    kind: 'process',
    request: 'is there something called pollerd running',
    needs: 'proc',
    check: pollerdOnly,
  },
  {
    kind: 'process',
    request: 'how many mailsyncd processes are running',
    needs: 'proc',
    check: all(states(2), mailsyncdOnly),
  },
  { kind: 'process', request: 'kil the pollerd process', needs: 'proc', check: stoppedOnly(2) },
  {
    kind: 'process',
    request: 'end the process with pid {pid} please',
    needs: 'proc',
    check: stoppedOnly(0),
  },
  { kind: 'process', request: 'which pids belong to mailsyncd', needs: 'proc', check: mailsyncdOnly },
];

export const GIT_PROCESS_CASES: readonly UserCase[] = [...GIT, ...PROCESS];
