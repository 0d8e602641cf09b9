/**
 * Deleting said many ways: rm with -r/-f (never dropped before a whole tree: "rm -rf ~" asks), a\n * reason after the request ("its a duplicate") dropped, but "since they are older than a week"\n * read and "it is a copy of README.md" or "its empty" asked about; "the empty directory"; the\n * folder of the request named by its name.
 * Requests written apart from any evaluation set, the way different people type them; each
 * must give the plan shown (see test/helpers/atlas-plans.ts), or "asks" where acting on less
 * than was said would be wrong.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { offlinePlans, type Plans } from '../../../test/helpers/atlas-plans.ts';

const CASES: [request: string, plan: string, variant?: 'git' | 'npm'][] = [
  ['rm -rf empty-dir', 'files.delete {"paths":["empty-dir"]}'],
  ['rm -r empty-dir', 'files.delete {"paths":["empty-dir"]}'],
  ['rm -f debug.log', 'files.delete {"paths":["debug.log"]}'],
  ['rm -f debug.log old.log', 'files.delete {"paths":["debug.log","old.log"]}'],
  ['rm -rf ./empty-dir', 'files.delete {"paths":["./empty-dir"]}'],
  ['rm cache.tmp draft.tmp', 'files.delete {"paths":["cache.tmp","draft.tmp"]}'],
  [
    'delete the empty directory',
    'files.find {"path":".","type":"dir","empty":true,"recursive":false} ; files.delete {"from":"s1"}',
  ],
  [
    'remove the empty folder',
    'files.find {"path":".","type":"dir","empty":true,"recursive":false} ; files.delete {"from":"s1"}',
  ],
  [
    'delete empty folders',
    'files.find {"path":".","type":"dir","empty":true,"recursive":false} ; files.delete {"from":"s1"}',
  ],
  ['remove draft.tmp, its a duplicate', 'files.delete {"paths":["draft.tmp"]}'],
  ["remove draft.tmp, it's a duplicate", 'files.delete {"paths":["draft.tmp"]}'],
  ['delete dup-b.txt since it is a copy', 'files.delete {"paths":["dup-b.txt"]}'],
  ['delete dup-b.txt because its a duplicate', 'files.delete {"paths":["dup-b.txt"]}'],
  ['delete old.log, i dont need it anymore', 'files.delete {"paths":["old.log"]}'],
  [
    'delete all the tmp files, they are junk',
    'files.find {"path":".","ext":["tmp","temp"],"type":"file","recursive":false} ; files.delete {"from":"s1"}',
  ],
  [
    'remove the pdfs in Downloads, i do not need them',
    'files.find {"path":"~/Downloads","ext":["pdf"],"type":"file","recursive":false} ; files.delete {"from":"s1"}',
  ],
  [
    'delte the tmp files inside the work folder',
    'files.find {"path":".","ext":["tmp","temp"],"type":"file","recursive":false} ; files.delete {"from":"s1"}',
  ],
  [
    'delete the tmp files in the work folder',
    'files.find {"path":".","ext":["tmp","temp"],"type":"file","recursive":false} ; files.delete {"from":"s1"}',
  ],
  ['get rid of old.log', 'files.delete {"paths":["old.log"]}'],
  ['erase cache.tmp', 'files.delete {"paths":["cache.tmp"]}'],
  ['trash draft.tmp', 'files.delete {"paths":["draft.tmp"]}'],
  [
    'delete the logs since they are older than a week',
    'files.find {"path":".","ext":["log"],"olderThan":"1w","type":"file","recursive":false} ; files.delete {"from":"s1"}',
  ],
  ['rm -rf ~', 'asks'],
  ['rm -rf /', 'asks'],
  ['rm -rf .', 'asks'],
  ['rm -rf --no-preserve-root docs', 'asks'],
  ['delete notes.txt, it is a copy of README.md', 'asks'],
  [
    'delete the tmp files, the ones in docs',
    'files.find {"path":"docs","ext":["tmp","temp"],"type":"file","recursive":false} ; files.delete {"from":"s1"}',
  ],
  ['remove IMG_ from the photos', 'asks'],
  ['delet the file cache.tmp', 'files.delete {"paths":["cache.tmp"]}'],
  ['remvoe draft.tmp', 'files.delete {"paths":["draft.tmp"]}'],
  [
    'delete the .tmp files within the current folder',
    'files.find {"path":".","ext":["tmp"],"type":"file","recursive":false} ; files.delete {"from":"s1"}',
  ],
  [
    'remove every log file under logs older than 30 days',
    'files.find {"path":"logs","ext":["log"],"olderThan":"30d","type":"file","recursive":false} ; files.delete {"from":"s1"}',
  ],
  ['del old.log', 'files.delete {"paths":["old.log"]}'],
  ['please delete empty.txt, its empty anyway', 'asks'],
  ['rm -r logs/access.log', 'files.delete {"paths":["logs/access.log"]}'],
  [
    'delete the empty folders inside the work directory',
    'files.find {"path":".","type":"dir","empty":true,"recursive":false} ; files.delete {"from":"s1"}',
  ],
  ['get rid of the duplicate dup-b.txt', 'asks'],
  [
    'clear out the tmp files, they are clutter',
    'files.find {"path":".","ext":["tmp","temp"],"type":"file","recursive":false} ; files.delete {"from":"s1"}',
  ],
  [
    'delete dup-a.txt and dup-b.txt since they are duplicates',
    'files.delete {"paths":["dup-a.txt","dup-b.txt"]}',
  ],
  ['wipe cache.tmp', 'files.delete {"paths":["cache.tmp"]}'],
  ['delete the txt files, they are duplicates', 'asks'],
  ['delete the logs, they are outdated', 'asks'],
  ['delete old.log, its outdated', 'files.delete {"paths":["old.log"]}'],
  [
    'delete the tmp files because i dont need them',
    'files.find {"path":".","ext":["tmp","temp"],"type":"file","recursive":false} ; files.delete {"from":"s1"}',
  ],
];

let plans: Plans | undefined;

for (const [request, expected, variant] of CASES)
  test(`delete: "${request}"`, async () => {
    plans ??= await offlinePlans({ after: (fn) => process.once('exit', fn) });
    assert.equal(plans(request, variant), expected);
  });
