/**
 * Habits of typing, written apart from any evaluation set: a key pressed twice ("ziip",
 * "coppy"), commands typed as on a shell ("pgrep X", "pidof X", "rm -r logs" is the folder),
 * "show me the X processes", "together" and "into one archive" for one archive of what is
 * named, "stash my uncommitted changes", "folders only", "oldest pdf". Each must give the plan
 * shown (see test/helpers/atlas-plans.ts).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { offlinePlans, type Plans } from '../../../test/helpers/atlas-plans.ts';

const CASES: [request: string, plan: string, variant?: 'git' | 'npm'][] = [
  ['ziip the docs folder', 'files.archive {"paths":["docs"],"to":"docs.zip"}'],
  ['lisst the files', 'files.list {"path":"."}'],
  ['coppy notes.txt to docs', 'files.copy {"paths":["notes.txt"],"to":"docs/"}'],
  ['shoow me the pdfs', 'files.find {"path":".","ext":["pdf"],"recursive":true}'],
  ['deletee draft.tmp', 'files.delete {"paths":["draft.tmp"]}'],
  ['pgrep pollerd', 'process.find {"name":"pollerd"}'],
  ['pidof nginx', 'process.find {"name":"nginx"}'],
  ['pgrep -f sleep', 'process.find {"name":"sleep"}'],
  ['show me the mailsyncd processes', 'process.find {"name":"mailsyncd"}'],
  ['list my node processes', 'process.find {"name":"node"}'],
  ['display the sshd processes', 'process.find {"name":"sshd"}'],
  ['rm -r logs', 'files.delete {"paths":["logs"]}'],
  ['rm -rf logs', 'files.delete {"paths":["logs"]}'],
  [
    'zip up notes.txt and todo.txt together',
    'files.archive {"paths":["notes.txt","todo.txt"],"to":"archive-2.zip"}',
  ],
  [
    'compress notes.txt and todo.txt into one archive',
    'files.archive {"paths":["notes.txt","todo.txt"],"to":"archive-2.zip"}',
  ],
  ['stash my uncommitted changes', 'git.stash {"op":"push"}', 'git'],
  ['stash all the unstaged changes', 'git.stash {"op":"push"}', 'git'],
  ['stash my local edits', 'git.stash {"op":"push"}', 'git'],
  ['list folders only', 'files.find {"path":".","type":"dir","recursive":false}'],
  ['show only the directories in docs', 'files.find {"path":"docs","type":"dir","recursive":false}'],
  [
    'oldest pdf',
    'files.find {"path":".","ext":["pdf"],"recursive":true,"sort":"mtime","order":"asc","limit":1}',
  ],
  [
    'newest log',
    'files.find {"path":".","ext":["log"],"recursive":true,"sort":"mtime","order":"desc","limit":1}',
  ],
  ['delete backup.tar.gz and archive.zip', 'files.delete {"paths":["backup.tar.gz","archive.zip"]}'],
  ['zip notes.txt and list.txt', 'files.archive {"paths":["notes.txt","list.txt"],"to":"archive-2.zip"}'],
  ['can u zip docs real quick', 'files.archive {"paths":["docs"],"to":"docs.zip"}'],
  ['make me a zip of the src folder', 'files.archive {"paths":["src"],"to":"src.zip"}'],
  ['stick report.pdf in the docs folder', 'files.move {"paths":["report.pdf"],"to":"docs/"}'],
  [
    'throw the pdfs into docs',
    'files.find {"path":".","ext":["pdf"],"recursive":false,"exclude":["docs"]} ; files.move {"to":"docs/","from":"s1"}',
  ],
  [
    'shove all the logs in a logs-old folder',
    'files.find {"path":".","ext":["log"],"recursive":false,"exclude":["logs-old"]} ; files.move {"to":"logs-old/","from":"s1"}',
  ],
  ['throw old.log into the garbage', 'files.delete {"paths":["old.log"]}'],
];

let plans: Plans | undefined;

for (const [request, expected, variant] of CASES)
  test(`habit: "${request}"`, async () => {
    plans ??= await offlinePlans({ after: (fn) => process.once('exit', fn) });
    assert.equal(plans(request, variant), expected);
  });
