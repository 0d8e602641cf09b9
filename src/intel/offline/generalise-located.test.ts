/**
 * Files named where they are not, written apart from any evaluation set: a name found once in
 * the folders below ("change 42 to 99 in util.js" is src/util.js), a name in another case
 * ("readme.md"), a file named in a folder ("the summary in the reports folder"), the one file of
 * a stem a folder down ("open the guide"); and a swap of several words on either side. A file
 * being written stays where it is said ("write hello to util.js" makes ./util.js). Each must give
 * the plan shown (see test/helpers/atlas-plans.ts).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { offlinePlans, type Plans } from '../../../test/helpers/atlas-plans.ts';

const CASES: [request: string, plan: string, variant?: 'git' | 'npm'][] = [
  ['change 42 to 99 in util.js', 'text.replace {"paths":["src/util.js"],"find":"42","replace":"99"}'],
  ['show helper.py', 'files.read {"path":"src/lib/helper.py"}'],
  ['search for answer in util.js', 'text.search {"pattern":"answer","paths":["src/util.js"]}'],
  ['what does main.js say', 'files.read {"path":"src/main.js"}'],
  ['cat api.md', 'files.read {"path":"docs/api.md"}'],
  ['display the summary in the reports folder', 'files.read {"path":"reports/summary.md"}'],
  ['show the guide in the docs folder', 'files.read {"path":"docs/guide.md"}'],
  ['open the api doc in the docs directory', 'files.read {"path":"docs/api.md"}'],
  ['read the summary in reports', 'files.read {"path":"reports/summary.md"}'],
  ['open the guide', 'files.read {"path":"docs/guide.md"}'],
  ['show me the api', 'files.read {"path":"docs/api.md"}'],
  ['show readme.md', 'files.read {"path":"README.md"}'],
  ['print CONFIG.JSON', 'files.read {"path":"config.json"}'],
  ['delete readme.md', 'files.delete {"paths":["README.md"]}'],
  [
    'replace milk with oat milk in todo.txt',
    'text.replace {"paths":["todo.txt"],"find":"milk","replace":"oat milk"}',
  ],
  [
    'replace oat milk with milk in todo.txt',
    'text.replace {"paths":["todo.txt"],"find":"oat milk","replace":"milk"}',
  ],
  [
    'replace buy milk with buy bread in todo.txt',
    'text.replace {"paths":["todo.txt"],"find":"buy milk","replace":"buy bread"}',
  ],
  [
    'swap the word database for datastore in README.md',
    'text.replace {"paths":["README.md"],"find":"database","replace":"datastore"}',
  ],
  [
    'change http://example.com to https://example.org in config.json',
    'text.replace {"paths":["config.json"],"find":"http://example.com","replace":"https://example.org"}',
  ],
  [
    'replace foo with bar everywhere',
    'files.find {"path":".","recursive":true} ; text.replace {"find":"foo","replace":"bar","from":"s1"}',
  ],
  ['write hello to util.js', 'files.write {"path":"util.js","content":"hello"}'],
  ['delete the pdf in docs', 'files.delete {"paths":["docs/manual.pdf"]}'],
  ['extract the zip in Downloads', 'files.extract {"path":"~/Downloads/setup.zip"}'],
  ['show me the jpg in downloads', 'files.read {"path":"~/Downloads/holiday.jpg"}'],
];

let plans: Plans | undefined;

for (const [request, expected, variant] of CASES)
  test(`located: "${request}"`, async () => {
    plans ??= await offlinePlans({ after: (fn) => process.once('exit', fn) });
    assert.equal(plans(request, variant), expected);
  });
