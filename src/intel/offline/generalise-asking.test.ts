/**
 * More questions people ask a shell assistant: what a folder, file or archive holds ("what does
 * this folder contain"), which kernel runs, who last changed a file (the history of that file),
 * and what a dependency of the project is ("what does left-pad do"). Requests written apart
 * from any evaluation set; each must give the plan shown.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { offlinePlans, type Plans } from '../../../test/helpers/atlas-plans.ts';

const PKG = 'package.info {"name":"left-pad","manager":"npm"}';

const CASES: [request: string, plan: string, variant?: 'git' | 'npm'][] = [
  ['what does this folder contain', 'files.list {"path":"."}'],
  ['what does docs have in it', 'files.list {"path":"docs"}'],
  ['what do the reports hold?', 'files.list {"path":"reports"}'],
  ['what does notes.txt contain', 'files.read {"path":"notes.txt"}'],
  ['what does the zip contain', 'files.contents {"path":"archive.zip"}'],
  ['what does archive.zip hold', 'files.contents {"path":"archive.zip"}'],
  ['what kernel am i running', 'system.os {}'],
  ['which kernel is this', 'system.os {}'],
  ['who changed notes.txt last', 'git.log {"limit":1,"file":"notes.txt"}', 'git'],
  ['who last modified notes.txt', 'git.log {"limit":1,"file":"notes.txt"}', 'git'],
  ['who edited src/util.js', 'git.log {"limit":10,"file":"src/util.js"}', 'git'],
  ['who touched README.md?', 'git.log {"limit":10,"file":"README.md"}', 'git'],
  ['what does left-pad do', PKG, 'npm'],
  ['tell me about left-pad', PKG, 'npm'],
  ['what is left-pad?', PKG, 'npm'],
  ['explain left-pad', PKG, 'npm'],
];

let plans: Plans | undefined;

for (const [request, expected, variant] of CASES)
  test(`asking: "${request}"`, async () => {
    plans ??= await offlinePlans({ after: (fn) => process.once('exit', fn) });
    assert.equal(plans(request, variant), expected);
  });
