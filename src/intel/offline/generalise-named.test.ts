/**
 * Files named by what they are rather than by their exact name: a stem and its kind together
 * ("the old log" is old.log, "the python helper" is src/lib/helper.py, "the data csv"), the
 * one archive in a place ("the zip in Downloads"), a start-up file of the home folder without
 * its dot ("my bashrc"), and "here" or "in this folder" as where a copy goes. Archives named
 * by Atlas never replace one that is there ("into a zip" with archive.zip here). Requests
 * written apart from any evaluation set; each must give the plan shown, or "asks".
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { offlinePlans, type Plans } from '../../../test/helpers/atlas-plans.ts';

const read = (path: string) => `files.read {"path":"${path}"}`;

const CASES: [request: string, plan: string][] = [
  ['relocate the old log to the logs folder', 'files.move {"paths":["old.log"],"to":"logs/"}'],
  ['move the debug log into docs', 'files.move {"paths":["debug.log"],"to":"docs/"}'],
  ['read me the python helper', read('src/lib/helper.py')],
  ['show me the helper python file', read('src/lib/helper.py')],
  ['open the data csv', read('data.csv')],
  ['cat the config json', read('config.json')],
  ['show me the app log', read('app.log')],
  ['what does the util js say', read('src/util.js')],
  ['delete the draft tmp', 'files.delete {"paths":["draft.tmp"]}'],
  ['copy the notes txt to docs', 'files.copy {"paths":["notes.txt"],"to":"docs/"}'],
  ['list the contents of the zip in Downloads', 'files.contents {"path":"~/Downloads/setup.zip"}'],
  ["what's in the zip in my downloads", 'files.contents {"path":"~/Downloads/setup.zip"}'],
  ['show my bashrc', read('~/.bashrc')],
  ['print my profile', read('~/.profile')],
  ['save a copy of my bashrc in this folder', 'files.copy {"paths":["~/.bashrc"],"to":"."}'],
  ['copy my bashrc here', 'files.copy {"paths":["~/.bashrc"],"to":"."}'],
  ['copy letter.txt from Downloads here', 'files.copy {"paths":["~/Downloads/letter.txt"],"to":"."}'],
  ['move tune.mp3 from Downloads in this folder', 'files.move {"paths":["~/Downloads/tune.mp3"],"to":"."}'],
  // a plural is still a kind (and a folder of that name is asked about)
  ['delete the old logs', 'asks'],
  // an archive name of Atlas's choosing never replaces one that is there
  [
    'pack notes.txt and todo.txt into a zip',
    'files.archive {"paths":["notes.txt","todo.txt"],"to":"archive-2.zip"}',
  ],
  ['create a zip file of the src folder called code.zip', 'files.archive {"paths":["src"],"to":"code.zip"}'],
  ['make a zip of the docs folder named papers.zip', 'files.archive {"paths":["docs"],"to":"papers.zip"}'],
];

let plans: Plans | undefined;

for (const [request, expected] of CASES)
  test(`named: "${request}"`, async () => {
    plans ??= await offlinePlans({ after: (fn) => process.once('exit', fn) });
    assert.equal(plans(request), expected);
  });
