/**
 * Kinds of file and extensions said exactly, written apart from any evaluation set: a kind in
 * capitals ("the JPGs") is a kind, not a word to search for; an extension before a kind word
 * ("the .png pictures") is that extension only; ".JPG to .jpg for the pictures" renames the
 * files of the extension written; "make the .txt files .md files"; a prefix or suffix put, stuck
 * or given. Each must give the plan shown (see test/helpers/atlas-plans.ts).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { offlinePlans, type Plans } from '../../../test/helpers/atlas-plans.ts';

const CASES: [request: string, plan: string, variant?: 'git' | 'npm'][] = [
  ['list the JPGs in photos', 'files.find {"path":"photos","ext":["jpg"],"recursive":true}'],
  ['find the PDFs', 'files.find {"path":".","ext":["pdf"],"recursive":true}'],
  ['show me the MP3s', 'files.find {"path":".","ext":["mp3"],"recursive":true}'],
  [
    'delete the .png pictures',
    'files.find {"path":".","ext":["png"],"type":"file","recursive":false} ; files.delete {"from":"s1"}',
  ],
  ['move the jpg photos into pics', 'files.move {"paths":["photo.jpg"],"to":"pics/"}'],
  [
    'remove the .txt documents',
    'files.find {"path":".","ext":["txt"],"type":"file","recursive":false} ; files.delete {"from":"s1"}',
  ],
  ['show the .md docs', 'files.find {"path":".","ext":["md"],"recursive":true}'],
  ['delete the png images', 'files.delete {"paths":["screenshot.png"]}'],
  [
    'change .JPG to .jpg for the pictures in photos',
    'files.find {"path":"photos","ext":["jpg"],"recursive":false} ; files.rename {"ext":"jpg","from":"s1"}',
  ],
  [
    'change .jpeg to .jpg for the images',
    'files.find {"path":".","ext":["jpeg"],"recursive":false} ; files.rename {"ext":"jpg","from":"s1"}',
  ],
  [
    'swap .tmp for .bak on all temp files',
    'files.find {"path":".","ext":["tmp","temp"],"recursive":false} ; files.rename {"ext":"bak","from":"s1"}',
  ],
  [
    'make all the .txt files in reports .md files',
    'files.find {"path":"reports","ext":["txt"],"recursive":false} ; files.rename {"ext":"md","from":"s1"}',
  ],
  [
    'make every .md file a .txt file',
    'files.find {"path":".","ext":["md"],"recursive":false} ; files.rename {"ext":"txt","from":"s1"}',
  ],
  [
    'turn the .log files into .txt files',
    'files.find {"path":".","ext":["log"],"recursive":false} ; files.rename {"ext":"txt","from":"s1"}',
  ],
  [
    'convert the .csv files in docs to .tsv files',
    'files.find {"path":"docs","ext":["csv"],"recursive":false} ; files.rename {"ext":"tsv","from":"s1"}',
  ],
  ['show all the text files', 'files.find {"path":".","ext":["txt"],"recursive":true}'],
  ['show me the text documents', 'files.find {"path":".","ext":["txt"],"recursive":true}'],
  [
    'move all the jpg files into a folder named photos',
    'files.find {"path":".","ext":["jpg"],"recursive":false,"exclude":["photos"]} ; files.move {"to":"photos/","from":"s1"}',
  ],
  [
    'copy every png to backup',
    'files.find {"path":".","ext":["png"],"recursive":false,"exclude":["backup"]} ; files.copy {"to":"backup/","from":"s1"}',
  ],
  ['delete every jpg but not the pngs', 'asks'],
  [
    'put a 2024_ prefix on the jpgs in photos',
    'files.find {"path":"photos","ext":["jpg"],"recursive":false} ; files.rename {"prefix":"2024_","from":"s1"}',
  ],
  [
    'stick a trip- prefix on every jpg',
    'files.find {"path":".","ext":["jpg"],"recursive":false} ; files.rename {"prefix":"trip-","from":"s1"}',
  ],
  [
    'give every log an _old suffix',
    'files.find {"path":".","ext":["log"],"recursive":false} ; files.rename {"suffix":"_old","from":"s1"}',
  ],
  [
    'slap a draft- prefix on the txt files',
    'files.find {"path":".","ext":["txt"],"recursive":false} ; files.rename {"prefix":"draft-","from":"s1"}',
  ],
  [
    'give all the csv files a backup_ prefix',
    'files.find {"path":".","ext":["csv"],"recursive":false} ; files.rename {"prefix":"backup_","from":"s1"}',
  ],
  [
    'add a _v2 suffix to each pdf',
    'files.find {"path":".","ext":["pdf"],"recursive":false} ; files.rename {"suffix":"_v2","from":"s1"}',
  ],
  [
    'turn the .JPG photos in photos into .jpg',
    'files.find {"path":"photos","ext":["jpg"],"recursive":false} ; files.rename {"ext":"jpg","from":"s1"}',
  ],
  [
    'convert all .jpeg images here to .jpg',
    'files.find {"path":".","ext":["jpeg"],"recursive":false} ; files.rename {"ext":"jpg","from":"s1"}',
  ],
  [
    'change the .log files in logs to .txt',
    'files.find {"path":"logs","ext":["log"],"recursive":false} ; files.rename {"ext":"txt","from":"s1"}',
  ],
];

let plans: Plans | undefined;

for (const [request, expected, variant] of CASES)
  test(`kind: "${request}"`, async () => {
    plans ??= await offlinePlans({ after: (fn) => process.once('exit', fn) });
    assert.equal(plans(request, variant), expected);
  });
