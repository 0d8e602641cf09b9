/**
 * Making several things in one request, and naming a file without an extension: "touch a.md
 * b.md", "mkdir red green blue", "make three directories: red, green and blue", "create files
 * x.txt, y.txt and z.txt", "create an empty file named placeholder". Every name said becomes
 * one thing made (and a count said must be the number made); none is dropped, none merged.
 * Written apart from every evaluation set; each must give the plan shown, or "asks".
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { offlinePlans, type Plans } from '../../../test/helpers/atlas-plans.ts';

const dirs = (...names: string[]) => names.map((n) => `files.mkdir {"path":"${n}"}`).join(' ; ');
const empty = (...names: string[]) =>
  names.map((n) => `files.write {"path":"${n}","content":""}`).join(' ; ');

const CASES: [request: string, plan: string][] = [
  // written first, before the mechanism (4 of 15 passed)
  ['touch a.md b.md', empty('a.md', 'b.md')],
  ['touch one.txt two.txt three.txt', empty('one.txt', 'two.txt', 'three.txt')],
  ['mkdir red green blue', dirs('red', 'green', 'blue')],
  ['make three directories: red, green and blue', dirs('red', 'green', 'blue')],
  ['create 2 folders, alpha and beta', dirs('alpha', 'beta')],
  ['create folders red and green', dirs('red', 'green')],
  ['create files x.txt, y.txt and z.txt', empty('x.txt', 'y.txt', 'z.txt')],
  ['create empty files a.txt and b.txt', empty('a.txt', 'b.txt')],
  ['make two empty files, c.md and d.md', empty('c.md', 'd.md')],
  ['create an empty file named placeholder', empty('placeholder')],
  ['make a file called LICENSE', empty('LICENSE')],
  ['new file named Makefile', empty('Makefile')],
  ['make directories 2024 and 2025 in docs', dirs('docs/2024', 'docs/2025')],
  ['make three folders: a and b', 'asks'],
  ['create folders called in and out', dirs('in', 'out')],
  // written after the mechanism (4 of 5 passed without further change)
  ['mkdir -p build dist', dirs('build', 'dist')],
  ['pls make folders for 2023, 2024 and 2025', dirs('2023', '2024', '2025')],
  ['touch notes1.md notes2.md in docs', empty('docs/notes1.md', 'docs/notes2.md')],
  ['create a blank file called TODO', empty('TODO')],
  ['make 4 dirs: a, b, c', 'asks'],
];

let plans: Plans | undefined;

for (const [request, expected] of CASES)
  test(`create many: "${request}"`, async () => {
    plans ??= await offlinePlans({ after: (fn) => process.once('exit', fn) });
    assert.equal(plans(request), expected);
  });
