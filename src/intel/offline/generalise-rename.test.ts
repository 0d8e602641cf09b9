/**
 * Batch renames said many ways: extension swaps ("turn every .log into .txt", "give the logs a .old\n * extension"), prefixes and suffixes ("prefix every jpg with 2024-", "put _final at the end of\n * every md file name"), text taken out of names ("drop the IMG_ prefix"), typos of the verb.
 * Requests written apart from any evaluation set, the way different people type them; each
 * must give the plan shown (see test/helpers/atlas-plans.ts), or "asks" where acting on less
 * than was said would be wrong.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { offlinePlans, type Plans } from '../../../test/helpers/atlas-plans.ts';

const CASES: [request: string, plan: string, variant?: 'git' | 'npm'][] = [
  [
    'rename all the .txt files to .md',
    'files.find {"path":".","ext":["txt"],"recursive":false} ; files.rename {"ext":"md","from":"s1"}',
  ],
  [
    'rname every txt file to md',
    'files.find {"path":".","ext":["txt"],"recursive":false} ; files.rename {"ext":"md","from":"s1"}',
  ],
  [
    'renmae the tmp files to bak',
    'files.find {"path":".","ext":["tmp","temp"],"recursive":false} ; files.rename {"ext":"bak","from":"s1"}',
  ],
  [
    'renam the .tmp files to .bak',
    'files.find {"path":".","ext":["tmp"],"recursive":false} ; files.rename {"ext":"bak","from":"s1"}',
  ],
  [
    'change the extension of the logs from .log to .txt',
    'files.find {"path":"logs","ext":["log"],"recursive":false} ; files.rename {"ext":"txt","from":"s1"}',
  ],
  [
    'change all .txt in reports to .md',
    'files.find {"path":"reports","ext":["txt"],"recursive":false} ; files.rename {"ext":"md","from":"s1"}',
  ],
  [
    'convert the extension of every csv to tsv',
    'files.find {"path":".","ext":["csv"],"recursive":false} ; files.rename {"ext":"tsv","from":"s1"}',
  ],
  [
    'turn every .log into .txt',
    'files.find {"path":".","ext":["log"],"recursive":false} ; files.rename {"ext":"txt","from":"s1"}',
  ],
  [
    'swap .tmp for .bak on all temp files',
    'files.find {"path":".","ext":["tmp","temp"],"recursive":false} ; files.rename {"ext":"bak","from":"s1"}',
  ],
  [
    'swap the .md extension for .txt in docs',
    'files.find {"path":"docs","ext":["md"],"recursive":false} ; files.rename {"ext":"txt","from":"s1"}',
  ],
  [
    'replace the .log extension with .txt for all logs under logs',
    'files.find {"path":"logs","ext":["log"],"recursive":false} ; files.rename {"ext":"txt","from":"s1"}',
  ],
  [
    'change .log to .txt for every file in logs',
    'files.find {"path":"logs","ext":["log"],"recursive":false} ; files.rename {"ext":"txt","from":"s1"}',
  ],
  [
    'give all the log files a .old extension',
    'files.find {"path":".","ext":["log"],"recursive":false} ; files.rename {"ext":"old","from":"s1"}',
  ],
  [
    'rename each .tmp file so it ends in .bak',
    'files.find {"path":".","ext":["tmp"],"recursive":false} ; files.rename {"ext":"bak","from":"s1"}',
  ],
  [
    'rename *.tmp to *.bak',
    'files.find {"path":".","ext":["tmp"],"recursive":false} ; files.rename {"ext":"bak","from":"s1"}',
  ],
  [
    'rename the txt files inside reports to .md',
    'files.find {"path":"reports","ext":["txt"],"recursive":false} ; files.rename {"ext":"md","from":"s1"}',
  ],
  [
    'rename the .JPG files in photos to .jpg',
    'files.find {"path":"photos","ext":["jpg"],"recursive":false} ; files.rename {"ext":"jpg","from":"s1"}',
  ],
  [
    'rename the txt files within reports to .md',
    'files.find {"path":"reports","ext":["txt"],"recursive":false} ; files.rename {"ext":"md","from":"s1"}',
  ],
  [
    'change the extension of every txt file under reports to md',
    'files.find {"path":"reports","ext":["txt"],"recursive":false} ; files.rename {"ext":"md","from":"s1"}',
  ],
  [
    'add the prefix old_ to all the pdf files',
    'files.find {"path":".","ext":["pdf"],"recursive":false} ; files.rename {"prefix":"old_","from":"s1"}',
  ],
  [
    'prefix every jpg with 2024-',
    'files.find {"path":".","ext":["jpg"],"recursive":false} ; files.rename {"prefix":"2024-","from":"s1"}',
  ],
  [
    'prefix all the pdfs with archived-',
    'files.find {"path":".","ext":["pdf"],"recursive":false} ; files.rename {"prefix":"archived-","from":"s1"}',
  ],
  [
    'add a suffix _bak to the txt files',
    'files.find {"path":".","ext":["txt"],"recursive":false} ; files.rename {"suffix":"_bak","from":"s1"}',
  ],
  [
    'add "_old" as a suffix to every log file in logs',
    'files.find {"path":"logs","ext":["log"],"recursive":false} ; files.rename {"suffix":"_old","from":"s1"}',
  ],
  [
    'append _v2 to the names of the csv files',
    'files.find {"path":".","ext":["csv"],"recursive":false} ; files.rename {"suffix":"_v2","from":"s1"}',
  ],
  [
    'put "draft-" in front of every md file in docs',
    'files.find {"path":"docs","ext":["md"],"recursive":false} ; files.rename {"prefix":"draft-","from":"s1"}',
  ],
  [
    'put _final at the end of every md file name in docs',
    'files.find {"path":"docs","ext":["md"],"recursive":false} ; files.rename {"suffix":"_final","from":"s1"}',
  ],
  [
    'stick "-copy" at the end of the txt file names',
    'files.find {"path":".","ext":["txt"],"recursive":false} ; files.rename {"suffix":"-copy","from":"s1"}',
  ],
  [
    'tack _v1 onto the end of each csv file name',
    'files.find {"path":".","ext":["csv"],"recursive":false} ; files.rename {"suffix":"_v1","from":"s1"}',
  ],
  [
    'prepend "x-" to all the mp3 files',
    'files.find {"path":".","ext":["mp3"],"recursive":false} ; files.rename {"prefix":"x-","from":"s1"}',
  ],
  [
    'add 2024_ before the names of the pdfs',
    'files.find {"path":".","ext":["pdf"],"recursive":false} ; files.rename {"prefix":"2024_","from":"s1"}',
  ],
  [
    'rename all files in photos to start with holiday_',
    'files.find {"path":"photos","recursive":false} ; files.rename {"prefix":"holiday_","from":"s1"}',
  ],
  [
    'rename every jpg in photos so they start with trip-',
    'files.find {"path":"photos","ext":["jpg"],"recursive":false} ; files.rename {"prefix":"trip-","from":"s1"}',
  ],
  [
    'make every pdf in docs begin with old_',
    'files.find {"path":"docs","ext":["pdf"],"recursive":false} ; files.rename {"prefix":"old_","from":"s1"}',
  ],
  [
    'suffix the md files in docs with _draft',
    'files.find {"path":"docs","ext":["md"],"recursive":false} ; files.rename {"suffix":"_draft","from":"s1"}',
  ],
  [
    'strip the prefix IMG_ from the photos',
    'files.find {"path":"photos","ext":["jpg","jpeg","png","heic","webp"],"type":"file","recursive":false} ; files.rename {"find":"IMG_","replace":"","from":"s1"}',
  ],
  [
    'drop the IMG_ prefix from the photos',
    'files.find {"path":"photos","ext":["jpg","jpeg","png","heic","webp"],"type":"file","recursive":false} ; files.rename {"find":"IMG_","replace":"","from":"s1"}',
  ],
  [
    'remove IMG_ from the names of the files in photos',
    'files.find {"path":"photos","type":"file","recursive":false} ; files.rename {"find":"IMG_","replace":"","from":"s1"}',
  ],
  [
    'remove the prefix "IMG_" from every file in photos',
    'files.find {"path":"photos","type":"file","recursive":false} ; files.rename {"find":"IMG_","replace":"","from":"s1"}',
  ],
  [
    'lowercase all file names in photos',
    'files.find {"path":"photos","type":"file","recursive":false} ; files.rename {"case":"lower","from":"s1"}',
  ],
  [
    'make the file names in photos lowercase',
    'files.find {"path":"photos","type":"file","recursive":false} ; files.rename {"case":"lower","from":"s1"}',
  ],
  [
    'replace spaces with underscores in the file names in reports',
    'files.find {"path":"reports","type":"file","recursive":false} ; files.rename {"find":" ","replace":"_","from":"s1"}',
  ],
  [
    'make all the txt files in reports into md files',
    'files.find {"path":"reports","ext":["txt"],"recursive":false} ; files.rename {"ext":"md","from":"s1"}',
  ],
  [
    'rename every file in reports by adding old_ in front',
    'files.find {"path":"reports","recursive":false} ; files.rename {"prefix":"old_","from":"s1"}',
  ],
  [
    'switch the tmp files to .bak',
    'files.find {"path":".","ext":["tmp","temp"],"recursive":false} ; files.rename {"ext":"bak","from":"s1"}',
  ],
  [
    'rename every .jpeg to .jpg',
    'files.find {"path":".","ext":["jpeg"],"recursive":false} ; files.rename {"ext":"jpg","from":"s1"}',
  ],
  [
    'change the suffix of all txt files to md',
    'files.find {"path":".","ext":["txt"],"recursive":false} ; files.rename {"ext":"md","from":"s1"}',
  ],
  [
    'rename files in photos from JPG to jpg',
    'files.find {"path":"photos","ext":["jpg"],"recursive":false} ; files.rename {"ext":"jpg","from":"s1"}',
  ],
  [
    'change the files in reports from txt to md',
    'files.find {"path":"reports","ext":["txt"],"recursive":false} ; files.rename {"ext":"md","from":"s1"}',
  ],
  [
    'change every txt extension to md inside reports',
    'files.find {"path":"reports","ext":["txt"],"recursive":false} ; files.rename {"ext":"md","from":"s1"}',
  ],
  [
    'replace IMG_ with photo_ in the file names in photos',
    'files.find {"path":"photos","type":"file","recursive":false} ; files.rename {"find":"IMG_","replace":"photo_","from":"s1"}',
  ],
];

let plans: Plans | undefined;

for (const [request, expected, variant] of CASES)
  test(`batch rename: "${request}"`, async () => {
    plans ??= await offlinePlans({ after: (fn) => process.once('exit', fn) });
    assert.equal(plans(request, variant), expected);
  });
