/**
 * Renaming many files, said in more ways: a possessive ("in front of each pdf's name", "the
 * logs' names"), a kind said in words made an extension ("turn all the markdown files in docs
 * into .txt"), the characters swapped with the names between them ("replace the spaces in
 * these file names with dashes"), and an extension with a kind word that is also a folder here
 * (".JPG photos" with a folder photos) asked about rather than renaming the folder. Requests
 * written apart from any evaluation set; each must give the plan shown, or "asks".
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { offlinePlans, type Plans } from '../../../test/helpers/atlas-plans.ts';

const of = (ext: string[], path = '.') =>
  `files.find {"path":"${path}","ext":${JSON.stringify(ext)},"recursive":false}`;
const NAMES = 'files.find {"path":".","type":"file","recursive":false}';
const rename = (args: string) => ` ; files.rename {${args},"from":"s1"}`;
const MD = ['md', 'markdown'];

const CASES: [request: string, plan: string][] = [
  ["put 2024- in front of each pdf's name", of(['pdf']) + rename('"prefix":"2024-"')],
  ["stick old_ at the start of every log's file name", of(['log']) + rename('"prefix":"old_"')],
  ["add _v2 to the end of each csv's name", of(['csv']) + rename('"suffix":"_v2"')],
  ["prefix all the txt files' names with x-", of(['txt']) + rename('"prefix":"x-"')],
  ['turn all the markdown files in docs into .txt', of(MD, 'docs') + rename('"ext":"txt"')],
  ['convert the markdown files in docs to .txt', of(MD, 'docs') + rename('"ext":"txt"')],
  ['make the text files into .md', of(['txt']) + rename('"ext":"md"')],
  ['change the log files to .txt pls', of(['log']) + rename('"ext":"txt"')],
  ['switch the csv files over to .tsv', of(['csv']) + rename('"ext":"tsv"')],
  ['replace the spaces in these file names with dashes', NAMES + rename('"find":" ","replace":"-"')],
  ['change the dashes in the file names to underscores', NAMES + rename('"find":"-","replace":"_"')],
  ['swap the underscores in all the filenames for dashes', NAMES + rename('"find":"_","replace":"-"')],
  ['replace any dots in the names with underscores', NAMES + rename('"find":".","replace":"_"')],
  ['turn the spaces in my file names into underscores', NAMES + rename('"find":" ","replace":"_"')],
  ['replace spaces with underscores in the file names', NAMES + rename('"find":" ","replace":"_"')],
  // ".JPG photos" with a folder photos here: the folder or the pictures? asked
  ['rename the .JPG photos to .jpg', 'asks'],
  ['change the .JPG photos into .jpeg', 'asks'],
  ['rename the .png pictures to .jpg', of(['png']) + rename('"ext":"jpg"')],
];

let plans: Plans | undefined;

for (const [request, expected] of CASES)
  test(`rename: "${request}"`, async () => {
    plans ??= await offlinePlans({ after: (fn) => process.once('exit', fn) });
    assert.equal(plans(request), expected);
  });
