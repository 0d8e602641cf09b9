/**
 * The safety rule over more words people use: a part of a selection ("most of", "some of",
 * "a few", "half") and an unnamed place ("in the subfolder") constrain a change and cannot be
 * carried into a plan, so the change asks; the same words where they are read ("the most
 * recent", "at most 1 kb", "in each subfolder") or only written ("append some notes") keep
 * their meaning. Requests written apart from any evaluation set; each must give the plan
 * shown, or "asks".
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { offlinePlans, type Plans } from '../../../test/helpers/atlas-plans.ts';

const TMP = '"ext":["tmp","temp"]';
const DELETE = ' ; files.delete {"from":"s1"}';

const CASES: [request: string, plan: string][] = [
  ['delete most of the tmp files', 'asks'],
  ['delete some of the logs', 'asks'],
  ['move some pdfs to docs', 'asks'],
  ['delete a few of the tmp files', 'asks'],
  ['remove half of the txt files', 'asks'],
  ['trash several of the pictures', 'asks'],
  ['zip a handful of the txt files', 'asks'],
  ['remove the temp files in the subfolder', 'asks'],
  ['delete the big pdfs', 'asks'],
  ['delete the files i downloaded yesterday', 'asks'],
  ['move the pictures from last summer to docs', 'asks'],
  ['remove all files except the pdfs', 'asks'],
  ['delete everything in Downloads except invoice.pdf', 'asks'],
  ['wipe my home folder', 'asks'],
  // where the words are read, or only written, they keep their meaning
  [
    'delete the most recent log',
    `files.find {"path":".","ext":["log"],"type":"file","recursive":false,"sort":"mtime","order":"desc","limit":1}${DELETE}`,
  ],
  [
    'delete the tmp files in each subfolder',
    `files.find {"path":".",${TMP},"type":"file","recursive":true}${DELETE}`,
  ],
  [
    'delete files at most 1 kb',
    `files.find {"path":".","maxSize":1024,"type":"file","recursive":false}${DELETE}`,
  ],
  ['append some notes to todo.txt', 'files.append {"path":"todo.txt","content":"some notes"}'],
  ['write some text to a.txt', 'files.write {"path":"a.txt","content":"some text"}'],
];

let plans: Plans | undefined;

for (const [request, expected] of CASES)
  test(`safety: "${request}"`, async () => {
    plans ??= await offlinePlans({ after: (fn) => process.once('exit', fn) });
    assert.equal(plans(request), expected);
  });
