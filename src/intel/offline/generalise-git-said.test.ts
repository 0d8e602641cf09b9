/**
 * git said in the course of other words: "add notes.txt and commit it as 'x'" stages the file
 * (in front of a commit, "add" is git's); after a commit, "show me the log" is git's log, never
 * a question about which .log file; dropping or clearing a stash destroys work that exists
 * nowhere else, and writing a hook makes git run a program on every commit, so both ask
 * (Atlas has no action for either) rather than do something else, such as stash again or show
 * the log. Requests written apart from any evaluation set (the first fifteen before the
 * mechanism, the last five after it worked); each must give the plan shown, or "asks".
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { offlinePlans, type Plans } from '../../../test/helpers/atlas-plans.ts';

const add = (...paths: string[]) => `git.add {"paths":${JSON.stringify(paths)}}`;
const commit = (message: string) => `git.commit {"message":"${message}"}`;
const LOG = 'git.log {"limit":10}';

const CASES: [request: string, plan: string][] = [
  ["add notes.txt and then commit it as 'notes done'", `${add('notes.txt')} ; ${commit('notes done')}`],
  ["add todo.txt and commit with the message 'todo'", `${add('todo.txt')} ; ${commit('todo')}`],
  ["add notes.txt, commit 'wip'", `${add('notes.txt')} ; ${commit('wip')}`],
  ["pls add notes.txt and commit as 'n'", `${add('notes.txt')} ; ${commit('n')}`],
  ["commit everything as 'x' and show me the log", `git.commit {"message":"x","all":true} ; ${LOG}`],
  ["stage notes.txt, commit it as 'y', then show the log", `${add('notes.txt')} ; ${commit('y')} ; ${LOG}`],
  ["commit my changes with message 'z' and display the history", `${commit('z')} ; ${LOG}`],
  ['drop the stash', 'asks'],
  ['git stash drop', 'asks'],
  ['clear all my stashes', 'asks'],
  ['delete the stash', 'asks'],
  ['stash my work and then throw away the stash', 'asks'],
  ['write a pre-commit hook that runs npm test', 'asks'],
  ['add a post-merge hook which prints done', 'asks'],
  ['create a git hook that echoes hello on commit', 'asks'],
  // written after it worked on those (3 of 5 passed unchanged; "put notes.txt in git" moved
  // it into a new folder git/)
  ["add README.md & commit it: 'docs'", `${add('README.md')} ; ${commit('docs')}`],
  ["put notes.txt in git and commit as 'n'", `${add('notes.txt')} ; ${commit('n')}`],
  ["commit all as 'snap', then let me see the history", `git.commit {"message":"snap","all":true} ; ${LOG}`],
  ['pop the stash and then drop it', 'asks'],
  ['set up a pre-push hook to run the tests', 'asks'],
];

let plans: Plans | undefined;

for (const [request, expected] of CASES)
  test(`git said: "${request}"`, async () => {
    plans ??= await offlinePlans({ after: (fn) => process.once('exit', fn) });
    assert.equal(plans(request, 'git'), expected);
  });
