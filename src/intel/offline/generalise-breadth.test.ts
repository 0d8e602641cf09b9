/**
 * What else people type to a shell assistant, beyond any evaluation set: kinds of file in
 * words ("my docs in Downloads", "presentations", "ebooks", "word documents"), a kind with
 * only its filter ("logs from this week", "pdfs over 100kb in docs"), whether a site answers
 * ("ping google.com", "is github.com down?"), and git's "discard changes", which is never a
 * delete of the file (it asks: there is no action for it). Each must give the plan shown, or
 * "asks".
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { offlinePlans, type Plans } from '../../../test/helpers/atlas-plans.ts';

const DOCS = '["pdf","doc","docx","odt","rtf","txt","md"]';
const IMAGES = '["jpg","jpeg","png","gif","bmp","svg","webp","heic","tiff"]';

const CASES: [request: string, plan: string, variant?: 'git'][] = [
  ['logs from this week', 'files.find {"path":".","ext":["log"],"newerThan":"1w","recursive":true}'],
  ['pdfs from last month', 'files.find {"path":".","ext":["pdf"],"newerThan":"1mo","recursive":true}'],
  ['pdfs over 100kb in docs', 'files.find {"path":"docs","ext":["pdf"],"minSize":102400,"recursive":true}'],
  ['.txt files changed today', 'files.find {"path":".","ext":["txt"],"newerThan":"1d","recursive":true}'],
  ['images bigger than 50 kb', `files.find {"path":".","ext":${IMAGES},"minSize":51200,"recursive":true}`],
  [
    'spreadsheets in my downloads?',
    'files.find {"path":"~/Downloads","ext":["xls","xlsx","ods","csv"],"recursive":true}',
  ],
  ['mp3s older than a month', 'files.find {"path":".","ext":["mp3"],"olderThan":"1mo","recursive":true}'],
  ['logs under 1k', 'files.find {"path":".","ext":["log"],"maxSize":1024,"recursive":true}'],
  ['find my docs in Downloads', `files.find {"path":"~/Downloads","ext":${DOCS},"recursive":true}`],
  ['list the presentations', 'files.find {"path":".","ext":["ppt","pptx","odp","key"],"recursive":true}'],
  [
    'any ebooks in Downloads?',
    'files.find {"path":"~/Downloads","ext":["epub","mobi","azw3"],"recursive":true}',
  ],
  ['find all word documents', 'files.find {"path":".","ext":["doc","docx"],"recursive":true}'],
  ['show the slides in docs', 'files.find {"path":"docs","ext":["ppt","pptx","odp","key"],"recursive":true}'],
  // the docs folder stays a folder where it is one
  ['copy docs to the backup folder in my home', 'files.copy {"paths":["docs"],"to":"~/backup/"}'],
  ['move the docs in Downloads to here', 'asks'],
  ['ping google.com', 'network.get {"url":"https://google.com"}'],
  ['check if example.com is up', 'network.get {"url":"https://example.com"}'],
  ['is github.com down?', 'network.get {"url":"https://github.com"}'],
  ['can you see if example.org is reachable', 'network.get {"url":"https://example.org"}'],
  ['is wikipedia.org online', 'network.get {"url":"https://wikipedia.org"}'],
  // git's "discard changes" is no delete
  ['discard changes to notes.txt', 'asks', 'git'],
  ['discard my local changes', 'asks', 'git'],
  ['throw away my uncommitted edits', 'asks', 'git'],
  ['get rid of the changes in notes.txt', 'asks', 'git'],
  ['wipe all pending modifications', 'asks', 'git'],
  // a delete is still a delete
  ['delete notes.txt', 'files.delete {"paths":["notes.txt"]}', 'git'],
  [
    'zip the logs from last week',
    'files.find {"path":".","ext":["log"],"newerThan":"1w","recursive":false} ; files.archive {"to":"log-files.zip","from":"s1"}',
  ],
];

let plans: Plans | undefined;

for (const [request, expected, variant] of CASES)
  test(`breadth: "${request}"`, async () => {
    plans ??= await offlinePlans({ after: (fn) => process.once('exit', fn) });
    assert.equal(plans(request, variant), expected);
  });
