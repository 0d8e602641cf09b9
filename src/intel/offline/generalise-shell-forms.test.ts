/**
 * Breadth beyond the evaluation sets: the commands a Linux user types out of habit for the file
 * actions Atlas has, read as what they stand for; a flag that narrows what is touched ("-a",
 * "-d", "-mtime +7") reaches the plan, and a form not read is asked about. Requests written
 * apart from any evaluation set (the first fifteen before the mechanism, the last five after it
 * worked); each must give the plan shown, or "asks".
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { offlinePlans, type Plans } from '../../../test/helpers/atlas-plans.ts';

const DELETE = ' ; files.delete {"from":"s1"}';

const CASES: [request: string, plan: string][] = [
  ['cp notes.txt{,.bak}', 'files.copy {"paths":["notes.txt"],"to":"notes.txt.bak"}'],
  ['mv todo.txt{,.old}', 'files.move {"paths":["todo.txt"],"to":"todo.txt.old"}'],
  ['cp config.{json,bak}', 'files.copy {"paths":["config.json"],"to":"config.bak"}'],
  ['cp -p data.csv{,.orig}', 'files.copy {"paths":["data.csv"],"to":"data.csv.orig"}'],
  ['ls -a', 'files.list {"path":".","hidden":true}'],
  ['ls -la docs', 'files.list {"path":"docs","hidden":true}'],
  ['ls -d */', 'files.find {"path":".","type":"dir","recursive":false}'],
  ['unzip -l archive.zip', 'files.contents {"path":"archive.zip"}'],
  ['tar tzf backup.tar.gz', 'files.contents {"path":"backup.tar.gz"}'],
  ['tar -tvf backup.tar.gz', 'files.contents {"path":"backup.tar.gz"}'],
  ['tar -czf docs.tar.gz docs', 'files.archive {"paths":["docs"],"to":"docs.tar.gz"}'],
  ['zip -r d.zip docs', 'files.archive {"paths":["docs"],"to":"d.zip"}'],
  [
    "find . -name '*.log' -mtime +7 -delete",
    `files.find {"path":".","ext":["log"],"olderThan":"7d","type":"file","recursive":true}${DELETE}`,
  ],
  [
    "find . -name '*.tmp' -delete",
    `files.find {"path":".","ext":["tmp"],"type":"file","recursive":true}${DELETE}`,
  ],
  // a flag it does not read is asked about, never dropped
  ["find . -name '*.log' -size +1M -delete", 'asks'],
  // written after it worked on those (3 of 5 passed unchanged; a rename that only changes
  // the case of an extension still asks)
  ['mv report.{pdf,PDF}', 'asks'],
  ['ls -A src', 'files.list {"path":"src","hidden":true}'],
  ['tar xzf backup.tar.gz', 'files.extract {"path":"backup.tar.gz"}'],
  [
    "find docs -name '*.md' -delete",
    `files.find {"path":"docs","ext":["md"],"type":"file","recursive":true}${DELETE}`,
  ],
  ['cp -r docs{,-backup}', 'files.copy {"paths":["docs"],"to":"docs-backup"}'],
];

let plans: Plans | undefined;

for (const [request, expected] of CASES)
  test(`typed as a command: "${request}"`, async () => {
    plans ??= await offlinePlans({ after: (fn) => process.once('exit', fn) });
    assert.equal(plans(request), expected);
  });
