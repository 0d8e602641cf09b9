/**
 * Looking at folders and files, asked as questions: what a folder holds ("what have i got in
 * Downloads", "what do we have under src"), which one of a kind ranks first ("which pdf is the
 * biggest", "which log is the oldest"), and how big a folder of the home is ("how big is my
 * Downloads folder"). Requests written apart from any evaluation set; each must give the plan
 * shown.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { offlinePlans, type Plans } from '../../../test/helpers/atlas-plans.ts';

const list = (path: string) => `files.list {"path":"${path}"}`;
const top = (ext: string[] | undefined, sort: string, order: string, path = '.') =>
  `files.find {"path":"${path}",${ext ? `"ext":${JSON.stringify(ext)},` : ''}"recursive":true,"sort":"${sort}","order":"${order}","limit":1}`;
const usage = (path: string) => `files.usage {"path":"${path}"}`;

const CASES: [request: string, plan: string][] = [
  ['what have i got in Downloads', list('~/Downloads')],
  ['what do i have in docs', list('docs')],
  ['what do we have under src?', list('src')],
  ['what is there in src?', list('src')],
  ["what's sitting in my downloads", list('~/Downloads')],
  ['what have we got inside reports', list('reports')],
  ['which pdf is the biggest', top(['pdf'], 'size', 'desc')],
  ['which pdf is the largest one?', top(['pdf'], 'size', 'desc')],
  ['which log is the oldest', top(['log'], 'mtime', 'asc')],
  ['which file is the newest', top(undefined, 'mtime', 'desc')],
  ['what file is the biggest one in docs', top(undefined, 'size', 'desc', 'docs')],
  ['which csv is the most recent', top(['csv'], 'mtime', 'desc')],
  ['which of the txt files is the smallest', top(['txt'], 'size', 'asc')],
  ['how big is my Downloads folder', usage('~/Downloads')],
  ['how big is Downloads', usage('~/Downloads')],
  ['how large is my downloads dir?', usage('~/Downloads')],
  ['whats the size of my Downloads folder', usage('~/Downloads')],
  ['how much space does my Downloads folder take', usage('~/Downloads')],
  ['how large is the src dir', usage('src')],
];

let plans: Plans | undefined;

for (const [request, expected] of CASES)
  test(`looks: "${request}"`, async () => {
    plans ??= await offlinePlans({ after: (fn) => process.once('exit', fn) });
    assert.equal(plans(request), expected);
  });
