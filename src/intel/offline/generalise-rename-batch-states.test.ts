/**
 * Renaming many files said as the state wanted: "the tmp files should end in .bak", "switch
 * the tmp files' extension to .bak", "the logs need a .old extension instead of .log", "put -v2
 * at the end of each csv's name, before the .csv", and the rename verb mistyped twice over
 * ("rnmae"). Each is the batch rename it states, on the files said. Requests written apart from
 * any evaluation set (the first fifteen before the mechanism, the last five after it worked);
 * each must give the plan shown, or "asks".
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { offlinePlans, type Plans } from '../../../test/helpers/atlas-plans.ts';

const of = (ext: string[], path = '.') =>
  `files.find {"path":"${path}","ext":${JSON.stringify(ext)},"recursive":false}`;
const rename = (args: string) => ` ; files.rename {${args},"from":"s1"}`;
const TMP = ['tmp', 'temp'];

const CASES: [request: string, plan: string][] = [
  ['the tmp files should end in .bak', of(TMP) + rename('"ext":"bak"')],
  ['make the tmp files end with .bak', of(TMP) + rename('"ext":"bak"')],
  ['i want every log file to have a .old extension', of(['log']) + rename('"ext":"old"')],
  ["change the csv files' extension to .tsv", of(['csv']) + rename('"ext":"tsv"')],
  ['the extension of the tmp files should be .bak', of(TMP) + rename('"ext":"bak"')],
  ['set the extension of every log to .txt', of(['log']) + rename('"ext":"txt"')],
  ['all the txt files need a .md extension', of(['txt']) + rename('"ext":"md"')],
  ['the log files should have .old instead of .log', of(['log']) + rename('"ext":"old"')],
  ['give the tmp files the extension .bak', of(TMP) + rename('"ext":"bak"')],
  ['rnmae the log files to .old', of(['log']) + rename('"ext":"old"')],
  ['renmae all .tmp files to .bak', of(['tmp']) + rename('"ext":"bak"')],
  ["add -old at the end of each log's name, before the extension", of(['log']) + rename('"suffix":"-old"')],
  ["put _v2 before the .csv in each csv file's name", of(['csv']) + rename('"suffix":"_v2"')],
  ['every log should get -2024 at the end of its name', of(['log']) + rename('"suffix":"-2024"')],
  ['the md files in docs should end in .txt', of(['md'], 'docs') + rename('"ext":"txt"')],
  // written after it worked on those (1 of 5 passed unchanged; an extension only upper-cased
  // still asks)
  ['the pdfs need to end in .PDF', 'asks'],
  ['make every csv have the extension .tsv', of(['csv']) + rename('"ext":"tsv"')],
  ["i'd like the tmp files to use .bak as their extension", of(TMP) + rename('"ext":"bak"')],
  [
    "stick -final on the end of each md file's name just before the extension",
    of(['md']) + rename('"suffix":"-final"'),
  ],
  ['the .log files have to be .txt files from now on', of(['log']) + rename('"ext":"txt"')],
];

let plans: Plans | undefined;

for (const [request, expected] of CASES)
  test(`batch rename said as a state: "${request}"`, async () => {
    plans ??= await offlinePlans({ after: (fn) => process.once('exit', fn) });
    assert.equal(plans(request), expected);
  });
