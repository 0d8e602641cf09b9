/**
 * Git asked the ways people ask it: whether the work is committed ("is my repo clean",
 * "anything left to commit?", "did i commit everything": the status, never a commit or the
 * log) and moving to a branch said with its noun after ("switch over to the experiment
 * branch", "hop over to", "move to the fix branch"). Requests written apart from any
 * evaluation set, in a git repository; each must give the plan shown.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { offlinePlans, type Plans } from '../../../test/helpers/atlas-plans.ts';

const STATUS = 'git.status {}';
const to = (branch: string) => `git.checkout {"branch":"${branch}"}`;

const CASES: [request: string, plan: string][] = [
  ['is my repo clean', STATUS],
  ['is the repository clean?', STATUS],
  ['is this repo dirty', STATUS],
  ['is the working directory clean', STATUS],
  ['anything left to commit?', STATUS],
  ['is there anything not committed yet', STATUS],
  ['did i commit everything', STATUS],
  ['did we commit everything?', STATUS],
  ['has everything been committed', STATUS],
  ['is everything committed', STATUS],
  ['do i have changes that are not committed', STATUS],
  ['did i forget to commit something', STATUS],
  ['whats the status of my repo', STATUS],
  ['show me my pending changes', STATUS],
  ['switch over to the experiment branch', to('experiment')],
  ['hop over to the experiment branch', to('experiment')],
  ['jump to the experiment branch', to('experiment')],
  ['can you move me to the experiment branch', to('experiment')],
  ['switch back to main', to('main')],
  ['change over to the main branch pls', to('main')],
  ['get onto the experiment branch', to('experiment')],
];

let plans: Plans | undefined;

for (const [request, expected] of CASES)
  test(`git: "${request}"`, async () => {
    plans ??= await offlinePlans({ after: (fn) => process.once('exit', fn) });
    assert.equal(plans(request, 'git'), expected);
  });
