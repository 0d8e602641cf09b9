/**
 * Destinations said many ways, written apart from any evaluation set: a folder with the place
 * it is in ("into Pictures in my home", "the backup dir under docs"), the folder of the
 * request named by its name ("to my work folder"), a new folder named for what it holds ("a
 * folder for invoices in my home"), and the trash, which is Atlas's own undoable delete,
 * never a folder named trash. Each must give the plan shown (see test/helpers/atlas-plans.ts).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { offlinePlans, type Plans } from '../../../test/helpers/atlas-plans.ts';

const CASES: [request: string, plan: string, variant?: 'git' | 'npm'][] = [
  ['copy notes.txt into Documents in my home', 'files.copy {"paths":["notes.txt"],"to":"~/Documents/"}'],
  [
    'put report.pdf in the invoices folder in my home',
    'files.move {"paths":["report.pdf"],"to":"~/invoices/"}',
  ],
  [
    'move todo.txt to a folder called tasks inside docs',
    'files.move {"paths":["todo.txt"],"to":"docs/tasks/"}',
  ],
  ['cp data.csv to the backup dir under docs', 'files.copy {"paths":["data.csv"],"to":"docs/backup/"}'],
  [
    'copy the readme into the archive directory inside my home',
    'files.copy {"paths":["README.md"],"to":"~/archive/"}',
  ],
  ['move draft.tmp into the old folder in docs', 'files.move {"paths":["draft.tmp"],"to":"docs/old/"}'],
  [
    'copy the pdfs to the papers folder in my home',
    'files.find {"path":".","ext":["pdf"],"recursive":false,"exclude":["~/papers"]} ; files.copy {"to":"~/papers/","from":"s1"}',
  ],
  [
    'move the invoice from downloads to my work folder',
    'files.move {"paths":["~/Downloads/invoice.pdf"],"to":"."}',
  ],
  [
    'copy letter.txt from Downloads into the work directory',
    'files.copy {"paths":["~/Downloads/letter.txt"],"to":"."}',
  ],
  ['bring setup.zip from my downloads over here', 'files.move {"paths":["~/Downloads/setup.zip"],"to":"."}'],
  [
    'move holiday.jpg from downloads to this folder',
    'files.move {"paths":["~/Downloads/holiday.jpg"],"to":"."}',
  ],
  [
    'copy tune.mp3 from downloads into the current directory',
    'files.copy {"paths":["~/Downloads/tune.mp3"],"to":"."}',
  ],
  [
    'move the tmp files to the trash',
    'files.find {"path":".","ext":["tmp","temp"],"type":"file","recursive":false} ; files.delete {"from":"s1"}',
  ],
  ['send draft.tmp to the recycle bin', 'files.delete {"paths":["draft.tmp"]}'],
  ['put cache.tmp in the bin', 'files.delete {"paths":["cache.tmp"]}'],
  ['throw old.log into the garbage', 'files.delete {"paths":["old.log"]}'],
  [
    'toss the tmp files in the trash can',
    'files.find {"path":".","ext":["tmp","temp"],"type":"file","recursive":false} ; files.delete {"from":"s1"}',
  ],
  ['drag debug.log to the rubbish bin', 'files.delete {"paths":["debug.log"]}'],
  ['make a folder for invoices in my home', 'files.mkdir {"path":"~/invoices"}'],
  ['create a new directory for receipts inside docs', 'files.mkdir {"path":"docs/receipts"}'],
  ['add a dir for the screenshots under docs', 'files.mkdir {"path":"docs/screenshots"}'],
  ['set up a folder for my taxes', 'files.mkdir {"path":"taxes"}'],
  [
    'copy the pdfs to the papers folder in my home',
    'files.find {"path":".","ext":["pdf"],"recursive":false,"exclude":["~/papers"]} ; files.copy {"to":"~/papers/","from":"s1"}',
  ],
  [
    'move the pdfs to the backup dir under docs',
    'files.find {"path":".","ext":["pdf"],"recursive":false,"exclude":["docs/backup"]} ; files.move {"to":"docs/backup/","from":"s1"}',
  ],
  ['move report.pdf to the backup dir under docs', 'files.move {"paths":["report.pdf"],"to":"docs/backup/"}'],
  ['copy the photo into Pictures in my home', 'files.copy {"paths":["photo.jpg"],"to":"~/Pictures/"}'],
  ['move big.bin to the videos folder in my home', 'files.move {"paths":["big.bin"],"to":"~/videos/"}'],
  [
    'chuck the temp files in the bin',
    'files.find {"path":".","ext":["tmp","temp"],"type":"file","recursive":false} ; files.delete {"from":"s1"}',
  ],
  ['dump old.log in the trash', 'files.delete {"paths":["old.log"]}'],
];

let plans: Plans | undefined;

for (const [request, expected, variant] of CASES)
  test(`destination: "${request}"`, async () => {
    plans ??= await offlinePlans({ after: (fn) => process.once('exit', fn) });
    assert.equal(plans(request, variant), expected);
  });
