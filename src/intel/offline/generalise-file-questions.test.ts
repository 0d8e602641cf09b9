/**
 * Questions about what files there are, asked without the words the rules know: a state in
 * other words ("files with nothing in them", "files that have no content", "zero length
 * files"), the folders of a folder ("what subfolders are in docs", "which directories does src
 * have"), copies ("files that are exact copies of each other", "anything stored twice"), the
 * biggest folders ("which folders in my home dir are the biggest"). Read-only, each must give
 * the plan shown. Written apart from every evaluation set.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { offlinePlans, type Plans } from '../../../test/helpers/atlas-plans.ts';

const EMPTY = 'files.find {"path":".","type":"file","empty":true,"recursive":true}';
const DIRS = (p: string) => `files.find {"path":"${p}","type":"dir","recursive":false}`;
const DUPES = (p: string) => `files.duplicates {"path":"${p}"}`;
const USAGE = (p: string) => `files.usage {"path":"${p}"}`;

const CASES: [request: string, plan: string][] = [
  // written first, before the mechanism (2 of 15 passed)
  ['are there any files with nothing in them', EMPTY],
  ['find files that have no content', EMPTY],
  ['show me files containing nothing', EMPTY],
  ['which files are empty?', EMPTY],
  ['what subfolders are in this directory', DIRS('.')],
  ['what subfolders are in docs', DIRS('docs')],
  ['which directories does src have', DIRS('src')],
  ['what folders do i have here', DIRS('.')],
  ['do i have files that are exact copies of each other?', DUPES('.')],
  ['are any files the same as each other', DUPES('.')],
  ['is anything stored twice in docs', DUPES('docs')],
  ['which files are identical', DUPES('.')],
  ['which folders in my home dir are the biggest', USAGE('~')],
  ['what are the largest directories here', USAGE('.')],
  ['which subfolder of docs takes the most space', USAGE('docs')],
  // written after the mechanism (1 of 5 passed without further change)
  [
    'any pdfs with no data in them?',
    'files.find {"path":".","ext":["pdf"],"type":"file","empty":true,"recursive":true}',
  ],
  ['what directories live under src', DIRS('src')],
  ['got any files saved twice?', DUPES('.')],
  ['which dirs in docs are the largest', USAGE('docs')],
  ['list the files that are copies of one another in docs', DUPES('docs')],
  // a change said so acts on the empty files only
  [
    'delete the files with nothing in them',
    `${EMPTY.replace('"recursive":true', '"recursive":false')} ; files.delete {"from":"s1"}`,
  ],
];

let plans: Plans | undefined;

for (const [request, expected] of CASES)
  test(`file questions: "${request}"`, async () => {
    plans ??= await offlinePlans({ after: (fn) => process.once('exit', fn) });
    assert.equal(plans(request), expected);
  });
