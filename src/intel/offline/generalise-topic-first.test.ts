/**
 * The topic said first, then the question or the change (topic-first.ts): "report.pdf - how
 * many bytes is it", "foo - how often is it in notes.txt?", "Bob: which files mention him",
 * "big.bin: how big?". The pronoun is the topic; a word said first is text looked for, never a
 * request of its own. Requests written apart from any evaluation set; each must give the plan
 * shown, or "asks".
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { offlinePlans, type Plans } from '../../../test/helpers/atlas-plans.ts';

const stat = (path: string) => `files.stat {"path":"${path}"}`;
const occurrences = (file: string, pattern: string) =>
  `text.count {"paths":["${file}"],"what":"occurrences","pattern":"${pattern}"}`;
const search = (pattern: string, args: Record<string, unknown>) =>
  `text.search ${JSON.stringify({ pattern, ...args })}`;

/** The first requests, written before the mechanism (10 of 20 passed before it). */
const CASES: [request: string, plan: string][] = [
  ['report.pdf - how many bytes is it', stat('report.pdf')],
  ['song.mp3: how big is it?', stat('song.mp3')],
  ['notes.txt - how many lines does it have', 'text.count {"paths":["notes.txt"],"what":"lines"}'],
  ['data.csv, how many rows are in it', 'text.count {"paths":["data.csv"],"what":"lines"}'],
  ["app.log: what's in it", 'files.read {"path":"app.log"}'],
  ['ERROR - how many times is it in app.log?', occurrences('app.log', 'ERROR')],
  ['milk: is it in todo.txt?', search('milk', { paths: ['todo.txt'] })],
  ['Bob - which files mention him', search('Bob', { path: '.', filesOnly: true })],
  ['database: where is it mentioned', search('database', { path: '.' })],
  ['config.json — when was it last changed', stat('config.json')],
  ['big.bin: how big?', stat('big.bin')],
  ['notes.txt: word count?', 'text.count {"paths":["notes.txt"],"what":"words"}'],
  ['the docs folder - how much space does it take', 'files.usage {"path":"docs"}'],
  ['photo.jpg, how old is it', stat('photo.jpg')],
  ['TODO - how often does it show up in notes.txt', occurrences('notes.txt', 'TODO')],
  ['report.pdf: size in bytes', stat('report.pdf')],
  ['app.log - last 5 lines', 'text.tail {"path":"app.log","lines":5}'],
  ['foo -- how many times does it appear in notes.txt', occurrences('notes.txt', 'foo')],
  ['the word budget: which files have it', search('budget', { path: '.', filesOnly: true })],
  ['draft.tmp - delete it', 'files.delete {"paths":["draft.tmp"]}'],
];

/** Written after the mechanism worked (4 of 5 passed unchanged; the rest then fixed in general). */
const MORE: [request: string, plan: string][] = [
  ['todo.txt: what does it say?', 'files.read {"path":"todo.txt"}'],
  ['Bob — where does he appear', search('Bob', { path: '.' })],
  ['debug.log - how many lines are in it', 'text.count {"paths":["debug.log"],"what":"lines"}'],
  ['app.log: is ERROR in it?', search('ERROR', { paths: ['app.log'] })],
  ['song.mp3 -- when was it modified', stat('song.mp3')],
];

let plans: Plans | undefined;

for (const [request, expected] of [...CASES, ...MORE])
  test(`topic first: "${request}"`, async () => {
    plans ??= await offlinePlans({ after: (fn) => process.once('exit', fn) });
    assert.equal(plans(request), expected);
  });
