/**
 * Compound requests that lean on what came before them in the same sentence: a folder entered
 * first is where the rest acts ("go into logs and tell me which file there is biggest", "cd
 * docs, then list the pdfs"), and one file of each kind said in a row ("copy the csv and the
 * pdf into it") is each of them, not the first alone. Requests written apart from any
 * evaluation set (the first fifteen before the mechanism, the last five after it worked); each
 * must give the plan shown, or "asks".
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { offlinePlans, type Plans } from '../../../test/helpers/atlas-plans.ts';

const biggest = (path: string) =>
  `files.find {"path":"${path}","recursive":true,"sort":"size","order":"desc","limit":1}`;
const kind = (path: string, ext: string[]) =>
  `files.find {"path":"${path}","ext":${JSON.stringify(ext)},"recursive":true}`;

const CASES: [request: string, plan: string][] = [
  ['go into logs and show me which file there is the biggest', biggest('logs')],
  ['cd docs, then list the pdfs', kind('docs', ['pdf'])],
  ['go to the src folder and show me the js files', kind('src', ['js', 'mjs', 'cjs'])],
  [
    'cd logs && delete everything older than 30 days',
    'files.find {"path":"logs","olderThan":"30d","type":"file","recursive":false} ; files.delete {"from":"s1"}',
  ],
  ['head over to src and find the largest file', biggest('src')],
  ['step into docs then show the md files', kind('docs', ['md'])],
  ['navigate to docs and find the pdfs in there', kind('docs', ['pdf'])],
  ['copy the csv and the pdf into docs', 'files.copy {"paths":["data.csv","report.pdf"],"to":"docs/"}'],
  [
    'make a folder called out and move the json and the csv into it',
    'files.mkdir {"path":"out"} ; files.move {"paths":["config.json","data.csv"],"to":"out/"}',
  ],
  [
    'zip the csv, the pdf and the mp3',
    'files.archive {"paths":["data.csv","report.pdf","song.mp3"],"to":"archive-2.zip"}',
  ],
  ['delete the csv and the pdf', 'files.delete {"paths":["data.csv","report.pdf"]}'],
  ['copy the log and the pdf into docs', 'asks'],
  ['move the mp3 and the png to docs', 'files.move {"paths":["song.mp3","screenshot.png"],"to":"docs/"}'],
  ['back up the json and the csv into docs', 'files.copy {"paths":["config.json","data.csv"],"to":"docs/"}'],
  ['show the csv and the json', 'files.read {"path":"data.csv"} ; files.read {"path":"config.json"}'],
  // a file a read-only text step names that is not here is the one of that name below
  [
    'count the ERROR lines in server.log and then in app.log',
    'text.search {"pattern":"ERROR","paths":["logs/server.log","app.log"]}',
  ],
  ['how many lines in access.log', 'text.count {"paths":["logs/access.log"],"what":"lines"}'],
  // written after it worked on those (3 of 5 passed unchanged)
  ['cd into src and show me the biggest file', biggest('src')],
  ['go in docs, list everything', 'files.find {"path":"docs","recursive":true}'],
  [
    'open the logs folder and show me the oldest log',
    'files.find {"path":"logs","ext":["log"],"recursive":true,"sort":"mtime","order":"asc","limit":1}',
  ],
  [
    'copy the png and the mp3 to docs please',
    'files.copy {"paths":["screenshot.png","song.mp3"],"to":"docs/"}',
  ],
  ['go into docs & tell me how many pdfs are there', kind('docs', ['pdf'])],
];

let plans: Plans | undefined;

for (const [request, expected] of CASES)
  test(`compound said: "${request}"`, async () => {
    plans ??= await offlinePlans({ after: (fn) => process.once('exit', fn) });
    assert.equal(plans(request), expected);
  });
