/**
 * Breadth beyond the evaluation sets for the text, size and count kinds: what a Linux user types
 * out of shell habit ("sed -i", "echo v2 > VERSION", "echo x >> todo.txt", "du -sh", "pgrep -c",
 * "find . -size +500k"), a yes/no size question ("is report.pdf over 100k"), a plural with an
 * apostrophe ("all foo's"), and an exchange of two texts, which one replacement cannot do and so
 * asks. Each must give the plan shown, or "asks".
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { offlinePlans, type Plans } from '../../../test/helpers/atlas-plans.ts';

/** Written after the mechanisms, as a check of breadth (8 of 14 passed before this round's work). */
const CASES: [request: string, plan: string][] = [
  ["sed -i 's/foo/bar/g' notes.txt", 'text.replace {"paths":["notes.txt"],"find":"foo","replace":"bar"}'],
  ['du -sh docs', 'files.usage {"path":"docs"}'],
  ['stat report.pdf', 'files.stat {"path":"report.pdf"}'],
  ['echo v2 > VERSION', 'files.write {"path":"VERSION","content":"v2"}'],
  ["echo 'buy eggs' >> todo.txt", 'files.append {"path":"todo.txt","content":"buy eggs"}'],
  ['echo hello world > greeting.txt', 'files.write {"path":"greeting.txt","content":"hello world"}'],
  ['pgrep -c node', 'process.find {"name":"node"}'],
  ['find . -size +500k', 'files.find {"path":".","minSize":512000,"recursive":true}'],
  ['wc -c report.pdf', 'text.count {"paths":["report.pdf"],"what":"chars"}'],
  [
    "in notes.txt replace all foo's with bar",
    'text.replace {"paths":["notes.txt"],"find":"foo","replace":"bar"}',
  ],
  ['is report.pdf over 100k', 'files.stat {"path":"report.pdf"}'],
  ['swap foo and bar in notes.txt', 'asks'],
  ['delete everything after line 3 in notes.txt', 'asks'],
  ['ls | wc -l', 'asks'],
];

let plans: Plans | undefined;

for (const [request, expected] of CASES)
  test(`text breadth: "${request}"`, async () => {
    plans ??= await offlinePlans({ after: (fn) => process.once('exit', fn) });
    assert.equal(plans(request), expected);
  });
