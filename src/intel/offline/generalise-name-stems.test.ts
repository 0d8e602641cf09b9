/**
 * Files named by what their names begin with: "the dup files" are dup-a.txt and dup-b.txt,
 * "both guide files" guide.md and guide-copy.md. A stem names the files whose names start with
 * it and a separator (never a name that merely contains it); "both" must be two of them.
 * Written apart from every evaluation set; each must give the plan shown, or "asks".
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { offlinePlans, type Plans } from '../../../test/helpers/atlas-plans.ts';

const DUPS = '["dup-a.txt","dup-b.txt"]';

const CASES: [request: string, plan: string][] = [
  // written first, before the mechanism (3 of 15 passed)
  ['delete the dup files', `files.delete {"paths":${DUPS}}`],
  ['move both dup files into docs', `files.move {"paths":${DUPS},"to":"docs/"}`],
  ['copy the dup files to backup', `files.copy {"paths":${DUPS},"to":"backup/"}`],
  ['zip up the dup files', `files.archive {"paths":${DUPS},"to":"archive-2.zip"}`],
  ['show me the dup files', `files.read {"path":"dup-a.txt"} ; files.read {"path":"dup-b.txt"}`],
  ['rm both dup files', `files.delete {"paths":${DUPS}}`],
  ['how many lines are in the dup files', `text.count {"paths":${DUPS},"what":"lines"}`],
  ['search the dup files for content', `text.search {"pattern":"content","paths":${DUPS}}`],
  [
    'replace same with other in the dup files',
    `text.replace {"paths":${DUPS},"find":"same","replace":"other"}`,
  ],
  [
    'swap the dash for an underscore in the names of the dup files',
    `files.rename {"paths":${DUPS},"find":"-","replace":"_"}`,
  ],
  [
    'create a folder reports2, then move both dup files into it',
    `files.mkdir {"path":"reports2"} ; files.move {"paths":${DUPS},"to":"reports2/"}`,
  ],
  ['delete both guide files in docs', 'files.delete {"paths":["docs/guide-copy.md","docs/guide.md"]}'],
  ['delete the three dup files', 'asks'],
  ['delete the up files', 'asks'],
  ['move the dup files and the tmp files to docs', 'asks'],
  // written after the mechanism (4 of 5 passed without further change; "are the dup files
  // identical" compares every file here, not only those two)
  ['trash the dup files', `files.delete {"paths":${DUPS}}`],
  ['rename the dup files to lowercase', `files.rename {"paths":${DUPS},"case":"lower"}`],
  [
    'move the IMG files in photos to docs',
    'files.move {"paths":["photos/IMG_0001.JPG","photos/IMG_0002.JPG","photos/IMG_0003.JPG"],"to":"docs/"}',
  ],
  ['delete the dup file', 'asks'],
];

let plans: Plans | undefined;

for (const [request, expected] of CASES)
  test(`name stems: "${request}"`, async () => {
    plans ??= await offlinePlans({ after: (fn) => process.once('exit', fn) });
    assert.equal(plans(request), expected);
  });
