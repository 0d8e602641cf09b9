/**
 * Places said the ways people say them: a folder of the home said with "my" that is not here
 * ("copy the mp3 to my videos folder", "how much space is my videos folder using"), a folder
 * used as the name of its files ("the docs files", "all the src files"), and where a file
 * belongs said as a wish ("song.mp3 should go in the videos folder in my home"). Every place
 * said reaches the plan; none is made anew here when the person named their own. Written apart
 * from every evaluation set; each must give the plan shown.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { offlinePlans, type Plans } from '../../../test/helpers/atlas-plans.ts';

const CASES: [request: string, plan: string][] = [
  // written first, before the mechanism (3 of 15 passed)
  ['copy the mp3 to my videos folder', 'files.copy {"paths":["song.mp3"],"to":"~/videos/"}'],
  ['move song.mp3 into my videos dir', 'files.move {"paths":["song.mp3"],"to":"~/videos/"}'],
  ['copy report.pdf to my videos', 'files.copy {"paths":["report.pdf"],"to":"~/videos/"}'],
  ['how much disk space is my videos folder using', 'files.usage {"path":"~/videos"}'],
  ['how big is my videos folder', 'files.usage {"path":"~/videos"}'],
  ['list my videos folder', 'files.list {"path":"~/videos"}'],
  [
    'sort the docs files by size, largest first',
    'files.find {"path":"docs","recursive":true,"sort":"size","order":"desc","limit":10}',
  ],
  ['show all the src files', 'files.find {"path":"src","recursive":true}'],
  [
    'copy the docs files to backup',
    'files.find {"path":"docs","recursive":false,"exclude":["backup"]} ; files.copy {"to":"backup/","from":"s1"}',
  ],
  [
    'the song.mp3 should go in the videos folder in my home',
    'files.move {"paths":["song.mp3"],"to":"~/videos/"}',
  ],
  ['notes.txt belongs in docs', 'files.move {"paths":["notes.txt"],"to":"docs/"}'],
  ['report.pdf needs to go into docs', 'files.move {"paths":["report.pdf"],"to":"docs/"}'],
  ['todo.txt should be in the docs folder', 'files.move {"paths":["todo.txt"],"to":"docs/"}'],
  ['copy song.mp3 to the videos folder', 'files.copy {"paths":["song.mp3"],"to":"videos/"}'],
  ['copy song.mp3 to the Downloads folder', 'files.copy {"paths":["song.mp3"],"to":"~/Downloads/"}'],
  // written after the mechanism (4 of 5 passed without further change)
  ['whats in my videos folder', 'files.list {"path":"~/videos"}'],
  ['stick big.bin in my videos directory', 'files.move {"paths":["big.bin"],"to":"~/videos/"}'],
  [
    'zip the docs files',
    'files.find {"path":"docs","recursive":false} ; files.archive {"to":"archive-2.zip","from":"s1"}',
  ],
  [
    'the pdfs should go into docs',
    'files.find {"path":".","ext":["pdf"],"recursive":false,"exclude":["docs"]} ; files.move {"to":"docs/","from":"s1"}',
  ],
  [
    'delete the logs files older than 30 days',
    'files.find {"path":"logs","olderThan":"30d","type":"file","recursive":false} ; files.delete {"from":"s1"}',
  ],
];

let plans: Plans | undefined;

for (const [request, expected] of CASES)
  test(`places said: "${request}"`, async () => {
    plans ??= await offlinePlans({ after: (fn) => process.once('exit', fn) });
    assert.equal(plans(request), expected);
  });
