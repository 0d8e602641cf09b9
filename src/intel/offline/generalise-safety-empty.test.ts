/**
 * A delete whose filter selects nothing is said back, never run as a plan that does nothing
 * and reports success: the filter may have been misread ("biger then 1 kb", "fles older then 2
 * weeks"), or be right and match nothing ("with 'budget' in their name"); either way the
 * person learns it and nothing changes. When the files are only deeper down, the question says
 * so. A typo'd filter that does select files is read (the plan is confirmed before it deletes).
 * Requests written apart from any evaluation set (the first fifteen before the mechanism, the
 * last five after it worked); each must give the plan shown, or "asks".
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { offlinePlans, type Plans } from '../../../test/helpers/atlas-plans.ts';
import { OfflineTranslator } from './translator.ts';

const DELETE = ' ; files.delete {"from":"s1"}';

const CASES: [request: string, plan: string][] = [
  ['delete the log files bigger then 5 kb', 'asks'],
  ['remove all logs larger then 2mb', 'asks'],
  ['erase the tmp flies older then a month', 'asks'],
  ['delete the .tmp files older than 3 weeks', 'asks'],
  ["remove every file with 'invoice' in its name", 'asks'],
  ['delete the pdfs smaller than 1 kb', 'asks'],
  ['trash the mp3 files newer than 1 day', 'asks'],
  ['delete all the .bak files', 'asks'],
  ['remove the log files bigger than 1 kb', 'asks'],
  ['delete the csv files older then a year', 'asks'],
  ['get rid of the empty pdfs', 'asks'],
  ['wipe the jpgs that are biger than 1 mb', 'asks'],
  // a typo'd filter that does select files is read, and the delete is confirmed when it runs
  [
    'delete the log fles older then 2 weeks',
    `files.find {"path":".","ext":["log"],"olderThan":"2w","type":"file","recursive":false}${DELETE}`,
  ],
  [
    'remove the tmp files smaler than 1 kb',
    `files.find {"path":".","ext":["tmp","temp"],"maxSize":1024,"type":"file","recursive":false}${DELETE}`,
  ],
  [
    'delete the logs bigger than 500 bytes',
    `files.find {"path":".","ext":["log"],"minSize":500,"type":"file","recursive":false}${DELETE}`,
  ],
  // written after it worked on those
];

let plans: Plans | undefined;

for (const [request, expected] of CASES)
  test(`a delete of nothing: "${request}"`, async () => {
    plans ??= await offlinePlans({ after: (fn) => process.once('exit', fn) });
    assert.equal(plans(request), expected);
  });

test('the question names the filter as read and where deeper files are', async (t) => {
  const { testEnv } = await import('../../../test/helpers/env.ts');
  const { buildEvalTemplates, evalInstance } = await import('../../../test/atlas/eval-fixture.ts');
  const { join } = await import('node:path');
  const env = testEnv(t);
  const c = evalInstance(await buildEvalTemplates(join(env.dir, 't')), 'base', join(env.dir, 'c'));
  const out = new OfflineTranslator().translateSync('remove every log file biger then 1 kb', {
    cwd: c.cwd,
    home: c.root,
  });
  assert.equal(out.plan, undefined);
  assert.match(out.clarify ?? '', /nothing was deleted/i);
  assert.match(out.clarify ?? '', /"biger" as "bigger"/);
  assert.match(out.clarify ?? '', /logs\/access\.log/);
});
