/**
 * Counting with the place or the program as the subject (count-questions.ts): "how many .log
 * files does the logs folder have", "how many subfolders does this folder have" (the folders
 * directly in it), "how many mailsyncd are running". Requests written apart from any
 * evaluation set; each must give the plan shown.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { offlinePlans, type Plans } from '../../../test/helpers/atlas-plans.ts';

const find = (path: string, args: Record<string, unknown> = {}) =>
  `files.find ${JSON.stringify({ path, ...args, recursive: true })}`;
const DIRS = (path: string) => `files.find {"path":"${path}","recursive":false,"type":"dir"}`;
const procs = (name: string) => `process.find {"name":"${name}"}`;

/** The first requests, written before the mechanism (4 of 20 passed before it). */
const CASES: [request: string, plan: string][] = [
  ['how many .log files does the logs folder have', find('logs', { ext: ['log'] })],
  ['how many pdf files does docs contain', find('docs', { ext: ['pdf'] })],
  ['how many md files has docs got', find('docs', { ext: ['md'] })],
  ['how many txt files does the reports folder hold', find('reports', { ext: ['txt'] })],
  ['how many files does src have in total', find('src')],
  ['how many subfolders does this folder have', DIRS('.')],
  ['how many subdirectories are in src', DIRS('src')],
  ['count the subfolders here', DIRS('.')],
  ['how many subfolders are there in docs?', DIRS('docs')],
  ['count the subdirectories of src', DIRS('src')],
  ['number of subfolders in logs', DIRS('logs')],
  ['how many node processes are running', procs('node')],
  ['how many sleep are running', procs('sleep')],
  ['how many instances of mailsyncd are there', procs('mailsyncd')],
  ['how many copies of nginx are running right now', procs('nginx')],
  ['how many python processes are there', procs('python')],
  ['how many processes called pollerd are up', procs('pollerd')],
  ['how many bash are open', procs('bash')],
  ['how many jpgs does the photos folder have', find('photos', { ext: ['jpg'] })],
  ['how many instances of mailsyncd do we have', procs('mailsyncd')],
];

/** Written after the mechanism worked (4 of 5 passed unchanged; the rest then fixed in general). */
const MORE: [request: string, plan: string][] = [
  ['how many csv files does this folder have', find('.', { ext: ['csv'] })],
  ['how many sub folders in src', DIRS('src')],
  ['how many chrome processes are open right now', procs('chrome')],
  ['count subdirectories in docs', DIRS('docs')],
  ['how many log files has the logs directory got', find('logs', { ext: ['log'] })],
];

let plans: Plans | undefined;

for (const [request, expected] of [...CASES, ...MORE])
  test(`count questions: "${request}"`, async () => {
    plans ??= await offlinePlans({ after: (fn) => process.once('exit', fn) });
    assert.equal(plans(request), expected);
  });
