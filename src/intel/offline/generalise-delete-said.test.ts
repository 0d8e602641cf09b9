/**
 * A delete said with a verb of throwing away ("throw cache.tmp away", "bin draft.tmp", "ditch
 * the tmp files") and an age said as how long the files have sat untouched ("that haven't
 * been touched in over a week", "untouched for a month", "last modified more than 20 days
 * ago"): the delete of exactly those, the age kept as a filter. Requests written apart from
 * any evaluation set (the first fifteen before the mechanism, the last five after it worked);
 * each must give the plan shown, or "asks".
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { offlinePlans, type Plans } from '../../../test/helpers/atlas-plans.ts';

const rm = (...paths: string[]) => `files.delete {"paths":${JSON.stringify(paths)}}`;
const DELETE = ' ; files.delete {"from":"s1"}';
const old = (ext: string[], age: string) =>
  `files.find {"path":".","ext":${JSON.stringify(ext)},"olderThan":"${age}","type":"file","recursive":false}${DELETE}`;
const LOG = ['log'];
const TMP = ['tmp', 'temp'];

const CASES: [request: string, plan: string][] = [
  ['throw away cache.tmp', rm('cache.tmp')],
  ['throw draft.tmp out', rm('draft.tmp')],
  ['bin cache.tmp', rm('cache.tmp')],
  ['ditch draft.tmp', rm('draft.tmp')],
  ['toss cache.tmp please', rm('cache.tmp')],
  ['chuck draft.tmp away', rm('draft.tmp')],
  ['nuke cache.tmp', rm('cache.tmp')],
  ['get cache.tmp out of here', rm('cache.tmp')],
  ["delete the logs that haven't been modified in over 2 weeks", old(LOG, '2w')],
  ['remove the log files nobody has touched for a month', old(LOG, '1mo')],
  ['delete the logs untouched for 30 days', old(LOG, '30d')],
  ['remove logs that were last modified more than 20 days ago', old(LOG, '20d')],
  ['delete tmp files not changed in over 2 days', old(TMP, '2d')],
  ['get rid of log files not opened in the last 3 weeks', old(LOG, '3w')],
  ['wipe the logs that havent been touched for over a month', old(LOG, '1mo')],
  // written after it worked on those (5 of 5 passed unchanged)
  [
    'scrap every tmp file',
    `files.find {"path":".","ext":["tmp","temp"],"type":"file","recursive":false}${DELETE}`,
  ],
  ['pitch out draft.tmp', rm('draft.tmp')],
  ['erase the logs nobody opened in more than 2 months', old(LOG, '2mo')],
  ['remove log files which are unused for 3 weeks', old(LOG, '3w')],
  ['delete logs whose last change was over 10 days ago', old(LOG, '10d')],
];

let plans: Plans | undefined;

for (const [request, expected] of CASES)
  test(`delete said: "${request}"`, async () => {
    plans ??= await offlinePlans({ after: (fn) => process.once('exit', fn) });
    assert.equal(plans(request), expected);
  });
