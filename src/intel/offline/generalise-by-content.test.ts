/**
 * A change to the files chosen by what they hold: the files are found by a search that lists
 * their names (the text exactly as said when it is quoted or has capitals), and the delete,
 * move, copy or archive acts on exactly those; never a search in place of the change (the verb
 * dropped). A content that names nothing asks. Requests written apart from any evaluation
 * set; each must give the plan shown, or "asks".
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { offlinePlans, type Plans } from '../../../test/helpers/atlas-plans.ts';

const found = (pattern: string, path = '.', extra = '') =>
  `text.search {"pattern":"${pattern}","path":"${path}","filesOnly":true,"recursive":false${extra}}`;
const EXACT = ',"ignoreCase":false';
const DELETE = ' ; files.delete {"from":"s1"}';

const CASES: [request: string, plan: string][] = [
  ["delete the files in the logs folder that have 'ERROR' in them", found('ERROR', 'logs', EXACT) + DELETE],
  ["remove all files with 'TODO' in them", found('TODO', '.', EXACT) + DELETE],
  ['remove every txt file containing foo', found('foo', '.', ',"ext":["txt"]') + DELETE],
  ['get rid of the txt files that mention Bob', found('Bob', '.', `,"ext":["txt"]${EXACT}`) + DELETE],
  ['trash all files in src containing TODO', found('TODO', 'src', EXACT) + DELETE],
  ['erase the files which contain scratch', found('scratch') + DELETE],
  ['pls delete the csv files that include item3', found('item3', '.', ',"ext":["csv"]') + DELETE],
  ["delete any file that says 'same content'", found('same content', '.', EXACT) + DELETE],
  [
    'move the txt files containing budget to docs',
    `${found('budget', '.', ',"ext":["txt"]')} ; files.move {"to":"docs/","from":"s1"}`,
  ],
  [
    'move every file that mentions database into docs',
    `${found('database')} ; files.move {"to":"docs/","from":"s1"}`,
  ],
  [
    'copy the files that mention database into docs',
    `${found('database')} ; files.copy {"to":"docs/","from":"s1"}`,
  ],
  [
    'cp the md files containing Install to docs',
    `${found('Install', '.', `,"ext":["md"]${EXACT}`)} ; files.copy {"to":"docs/","from":"s1"}`,
  ],
  [
    'zip the md files that mention database',
    `${found('database', '.', ',"ext":["md"]')} ; files.archive {"to":"database-files.zip","from":"s1"}`,
  ],
  [
    'delete recursively the files containing TODO',
    'text.search {"pattern":"TODO","path":".","filesOnly":true,"recursive":true,"ignoreCase":false}' + DELETE,
  ],
  // nothing to look for, or nowhere to go: ask
  ['delete the files that contain nothing', 'asks'],
  ['move the files containing budget', 'asks'],
  // a search stays a search
  ['which files contain TODO', 'text.search {"pattern":"TODO","path":".","filesOnly":true}'],
];

let plans: Plans | undefined;

for (const [request, expected] of CASES)
  test(`by content: "${request}"`, async () => {
    plans ??= await offlinePlans({ after: (fn) => process.once('exit', fn) });
    assert.equal(plans(request), expected);
  });
