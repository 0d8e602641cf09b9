/**
 * Other words for an action a rule already does: "clone" a local folder is a copy; a
 * "compressed" or "zipped" backup or copy is an archive; emptying a folder "but leaving the
 * folder itself" is what emptying does (the folder stays); files "not tracked by git" or
 * "untracked" are what git status lists; "who am i logged in as" is the user. Written apart
 * from every evaluation set; each must give the plan shown, or "asks".
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { offlinePlans, type Plans } from '../../../test/helpers/atlas-plans.ts';

const EMPTY_LOGS =
  'files.find {"path":"logs","type":"any","recursive":false,"hidden":true} ; files.delete {"from":"s1"}';
const STATUS = 'git.status {}';

const CASES: [request: string, plan: string, variant?: 'git'][] = [
  // written first, before the mechanism (2 of 15 passed)
  ['clone the docs directory to docs2', 'files.copy {"paths":["docs"],"to":"docs2"}'],
  ['clone notes.txt as notes2.txt', 'files.copy {"paths":["notes.txt"],"to":"notes2.txt"}'],
  [
    'could u make a compressed backup of config.json',
    'files.archive {"paths":["config.json"],"to":"config.zip"}',
  ],
  ['make a zipped copy of the docs folder', 'files.archive {"paths":["docs"],"to":"docs.zip"}'],
  ['back up src as a tarball', 'files.archive {"paths":["src"],"to":"src.tar.gz"}'],
  ['clear out the logs folder but leave the folder itself', EMPTY_LOGS],
  ['empty logs but keep the folder', EMPTY_LOGS],
  ['clean out the logs directory, keep the directory', EMPTY_LOGS],
  ['empty the logs folder but not the folder itself', EMPTY_LOGS],
  ['clear out the logs folder but leave app.log', 'asks'],
  ['which files arent tracked by git', STATUS, 'git'],
  ['list the untracked files', STATUS, 'git'],
  ['what files does git not know about', STATUS, 'git'],
  ['who am i logged in as', 'system.os {}'],
  ['which account am i using', 'system.os {}'],
  // written after the mechanism (3 of 5 passed without further change)
  ['duplicate the src folder as src-old', 'files.copy {"paths":["src"],"to":"src-old"}'],
  ['what is my user name', 'system.os {}'],
  ['files not in git yet', STATUS, 'git'],
  ['wipe the logs folder but leave the folder there', EMPTY_LOGS],
  ['pack notes.txt into a zip as a backup', 'files.archive {"paths":["notes.txt"],"to":"notes.zip"}'],
];

let plans: Plans | undefined;

for (const [request, expected, variant] of CASES)
  test(`same action: "${request}"`, async () => {
    plans ??= await offlinePlans({ after: (fn) => process.once('exit', fn) });
    assert.equal(plans(request, variant), expected);
  });
