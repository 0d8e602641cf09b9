/**
 * Creating and writing said many ways: "mkdir -p", "a folder for the invoices" (named for what\n * it holds), "inside"/"within"/"under" a folder, typos of the verb, content said after "that\n * says", "with the text", "containing", a folder whose name is also a kind of file.
 * Requests written apart from any evaluation set, the way different people type them; each
 * must give the plan shown (see test/helpers/atlas-plans.ts), or "asks" where acting on less
 * than was said would be wrong.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { offlinePlans, type Plans } from '../../../test/helpers/atlas-plans.ts';

const CASES: [request: string, plan: string, variant?: 'git' | 'npm'][] = [
  ['mkdir -p projects/2025/q1', 'files.mkdir {"path":"projects/2025/q1"}'],
  ['mkdir -p newdir', 'files.mkdir {"path":"newdir"}'],
  ['mkdir backups', 'files.mkdir {"path":"backups"}'],
  ['make a directory called archive inside docs', 'files.mkdir {"path":"docs/archive"}'],
  ['make a folder named drafts within docs', 'files.mkdir {"path":"docs/drafts"}'],
  ['create a new folder for the invoices', 'files.mkdir {"path":"invoices"}'],
  ['make a folder for my receipts', 'files.mkdir {"path":"receipts"}'],
  ['create a dir called build', 'files.mkdir {"path":"build"}'],
  ['craete a folder called assets', 'files.mkdir {"path":"assets"}'],
  ['crate a file named ideas.txt', 'files.write {"path":"ideas.txt","content":""}'],
  ['touch notes2.md', 'files.write {"path":"notes2.md","content":""}'],
  ['create an empty file called blank.txt', 'files.write {"path":"blank.txt","content":""}'],
  ['make a new file hello.txt that says hi there', 'files.write {"path":"hello.txt","content":"hi there"}'],
  ['write "hello" to greeting.txt', 'files.write {"path":"greeting.txt","content":"hello"}'],
  ["write 'hello world' into greeting.txt", 'files.write {"path":"greeting.txt","content":"hello world"}'],
  [
    'create a file called plan.md with the text step one',
    'files.write {"path":"plan.md","content":"step one"}',
  ],
  ['add a line "buy bread" to the end of todo.txt', 'files.append {"path":"todo.txt","content":"buy bread"}'],
  ['append "call mom" to todo.txt', 'files.append {"path":"todo.txt","content":"call mom"}'],
  [
    'save "remember the milk" in reminder.txt',
    'files.write {"path":"reminder.txt","content":"remember the milk"}',
  ],
  ['put the text "draft" into draft2.md', 'files.write {"path":"draft2.md","content":"draft"}'],
  ['creat a file called notes3.txt', 'files.write {"path":"notes3.txt","content":""}'],
  ['make a file called list.txt inside docs', 'files.write {"path":"docs/list.txt","content":""}'],
  ['create a folder called 2024 under reports', 'files.mkdir {"path":"reports/2024"}'],
  ['mkdir docs/old', 'files.mkdir {"path":"docs/old"}'],
  ['make a new directory called reports2 in the work folder', 'files.mkdir {"path":"reports2"}'],
  ['mkdir -p docs/a/b', 'files.mkdir {"path":"docs/a/b"}'],
  ['create folder photos/2024', 'files.mkdir {"path":"photos/2024"}'],
  ['create the file todo2.txt with buy eggs in it', 'files.write {"path":"todo2.txt","content":"buy eggs"}'],
  ['write hello to hi.txt', 'files.write {"path":"hi.txt","content":"hello"}'],
  ['make an empty directory called scratch', 'files.mkdir {"path":"scratch"}'],
  ['create a new empty file notes4.md inside docs', 'files.write {"path":"docs/notes4.md","content":""}'],
  ['mkae a folder called tmp2', 'files.mkdir {"path":"tmp2"}'],
  ['new folder named music', 'files.mkdir {"path":"music"}'],
  ['add "eggs" as a new line in todo.txt', 'files.append {"path":"todo.txt","content":"eggs"}'],
  ['create a file called a.txt containing "alpha"', 'files.write {"path":"a.txt","content":"alpha"}'],
  ['write the text "beta" into b.txt', 'files.write {"path":"b.txt","content":"beta"}'],
  ['make a folder called old-logs in logs', 'files.mkdir {"path":"logs/old-logs"}'],
  ['touch docs/new.md', 'files.write {"path":"docs/new.md","content":""}'],
  ['create a directory named exports inside the work folder', 'files.mkdir {"path":"exports"}'],
  ['make dir called cache2', 'files.mkdir {"path":"cache2"}'],
  ['write "# Title" to title.md', 'files.write {"path":"title.md","content":"# Title"}'],
  ['append the line "done" to todo.txt', 'files.append {"path":"todo.txt","content":"done"}'],
];

let plans: Plans | undefined;

for (const [request, expected, variant] of CASES)
  test(`create/write: "${request}"`, async () => {
    plans ??= await offlinePlans({ after: (fn) => process.once('exit', fn) });
    assert.equal(plans(request, variant), expected);
  });
