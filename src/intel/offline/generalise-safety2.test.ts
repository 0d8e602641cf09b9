/**
 * Two more sides of the safety rule, with requests written apart from any evaluation set.
 * A word for the state of the files a change acts on ("the empty txt files", "the zero-byte
 * logs", "blank") is a filter on that state (files of size 0; folders with no entries), and
 * a state word the translator does not know ("the corrupt files") makes it ask: it is never
 * dropped to act on every file of the kind. And "my .bashrc" is the file in the home folder,
 * never a new one here nor an extension. Each must give the plan shown, or "asks".
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { offlinePlans, type Plans } from '../../../test/helpers/atlas-plans.ts';

const emptyOf = (path: string, ext?: string[]) =>
  `files.find {"path":"${path}",${ext ? `"ext":${JSON.stringify(ext)},` : ''}"type":"file","empty":true,"recursive":false}`;
const emptyKind = (ext: string[]) =>
  `files.find {"path":".","type":"file","empty":true,"ext":${JSON.stringify(ext)},"recursive":false}`;
const DELETE = ' ; files.delete {"from":"s1"}';

const STATES: [request: string, plan: string][] = [
  ['please delete the empty txt files', emptyOf('.', ['txt']) + DELETE],
  ['remove the empty text files in docs', emptyOf('docs', ['txt']) + DELETE],
  ['get rid of the blank log files', emptyOf('.', ['log']) + DELETE],
  ['delete all zero-byte files', emptyOf('.') + DELETE],
  ['could you trash the 0-byte log files', emptyOf('.', ['log']) + DELETE],
  ['delete the 0 byte pdfs thx', emptyOf('.', ['pdf']) + DELETE],
  ['erase the emtpy txt files', emptyOf('.', ['txt']) + DELETE],
  ['delete the empty pdf', emptyKind(['pdf']) + DELETE],
  ['remove the txt files that are empty', emptyOf('.', ['txt']) + DELETE],
  [
    'move the empty txt files to docs',
    `${emptyOf('.', ['txt']).replace('}', ',"exclude":["docs"]}')} ; files.move {"to":"docs/","from":"s1"}`,
  ],
  [
    'delete the blank folders',
    'files.find {"path":".","type":"dir","empty":true,"recursive":false}' + DELETE,
  ],
  ['delete the corrupt files', 'asks'],
  ['pls remove the broken pdfs', 'asks'],
  ['delete the damaged txt files', 'asks'],
  ['move the corrupted logs to docs', 'asks'],
  ['rename the broken txt files to old', 'asks'],
  ['overwrite the empty txt files with hello', 'asks'],
  ['delete the invalid json files', 'asks'],
  // a change said without a time is no filter the plan can carry
  ['delete the edited txt files', 'asks'],
  ['move the modified pdfs to docs', 'asks'],
  // a state of processes is not the name of one
  ['kill the stuck processes', 'asks'],
  ['pls kill the frozen python processes', 'asks'],
  ['kill the hung node processes', 'asks'],
  ['kill the idle processes', 'asks'],
  // the meanings of these words that are not a state keep theirs
  ['create an empty file a.txt', 'files.write {"path":"a.txt","content":""}'],
  ['rm -r empty-dir', 'files.delete {"paths":["empty-dir"]}'],
];

const HOME_FILES: [request: string, plan: string][] = [
  ['append hello to my .bashrc', 'files.append {"path":"~/.bashrc","content":"hello"}'],
  [
    'pls append export EDITOR=vim to my .bashrc',
    'files.append {"path":"~/.bashrc","content":"export EDITOR=vim"}',
  ],
  ['add hello to the end of my .profile', 'files.append {"path":"~/.profile","content":"hello"}'],
  ['write hi to my .gitconfig', 'files.write {"path":"~/.gitconfig","content":"hi"}'],
  ['append hello to ~/.bashrc', 'files.append {"path":"~/.bashrc","content":"hello"}'],
  ['append hello to ~/.zshrc please', 'files.append {"path":"~/.zshrc","content":"hello"}'],
  ['could you append hello to my .zshrc', 'files.append {"path":"~/.zshrc","content":"hello"}'],
  ['apend hello to my .bashrc', 'files.append {"path":"~/.bashrc","content":"hello"}'],
  ['add the line hello to my .bash_profile', 'files.append {"path":"~/.bash_profile","content":"hello"}'],
  ['write hello into my .vimrc', 'files.write {"path":"~/.vimrc","content":"hello"}'],
  ['append hello to our .gitconfig', 'files.append {"path":"~/.gitconfig","content":"hello"}'],
  ['overwrite ~/.bashrc with hello', 'files.write {"path":"~/.bashrc","content":"hello"}'],
  // quoted text once made a new .bashrc here
  [
    "append 'export EDITOR=vim' to my .bashrc",
    'files.append {"path":"~/.bashrc","content":"export EDITOR=vim"}',
  ],
  [
    "add 'alias gs=git status' to my .bashrc",
    'files.append {"path":"~/.bashrc","content":"alias gs=git status"}',
  ],
  ["write 'hello' to my .profile", 'files.write {"path":"~/.profile","content":"hello"}'],
  [
    'pls add "alias ll=\'ls -la\'" to my own .bashrc',
    'files.append {"path":"~/.bashrc","content":"alias ll=\'ls -la\'"}',
  ],
  ["append 'x' to my .bashrc file", 'files.append {"path":"~/.bashrc","content":"x"}'],
  ['overwrite my .profile with hello', 'asks'],
];

let plans: Plans | undefined;

for (const [request, expected] of [...STATES, ...HOME_FILES])
  test(`safety: "${request}"`, async () => {
    plans ??= await offlinePlans({ after: (fn) => process.once('exit', fn) });
    const plan = plans(request);
    // a home dotfile is never written here, whatever else the plan says
    if (expected.includes('"~/.')) assert.doesNotMatch(plan, /"path":"\.[a-z]/);
    assert.equal(plan, expected);
  });
