/**
 * Processes, packages, runtimes and git said many ways: a named program's pids and memory, "do i\n * have java", the version of a project's npm dependency (npm, not apt), "add all and commit as\n * 'msg'", "stash my work".
 * Requests written apart from any evaluation set, the way different people type them; each
 * must give the plan shown (see test/helpers/atlas-plans.ts), or "asks" where acting on less
 * than was said would be wrong.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { offlinePlans, type Plans } from '../../../test/helpers/atlas-plans.ts';

const CASES: [request: string, plan: string, variant?: 'git' | 'npm'][] = [
  ['which version of left-pad is installed', 'package.info {"name":"left-pad","manager":"npm"}', 'npm'],
  ['what version of left-pad do i have', 'package.info {"name":"left-pad","manager":"npm"}', 'npm'],
  ['is left-pad installed', 'package.info {"name":"left-pad","manager":"npm"}', 'npm'],
  [
    'which version of the left-pad package is installed',
    'package.info {"name":"left-pad","manager":"npm"}',
    'npm',
  ],
  ['do i have java', 'system.version {"program":"java"}'],
  ['do we have docker installed', 'system.version {"program":"docker"}'],
  ['is python installed', 'system.version {"program":"python"}'],
  ['which version of node do i have', 'system.version {"program":"node"}'],
  ['what version of git is installed', 'system.version {"program":"git"}'],
  ['is curl installed on this machine', 'system.version {"program":"curl"}'],
  ['node --version', 'system.version {"program":"node"}'],
  ['whats my python version', 'system.version {"program":"python"}'],
  ['install lodash', 'package.install {"names":["lodash"]}', 'npm'],
  ['npm i lodash', 'package.install {"names":["lodash"],"manager":"npm"}', 'npm'],
  ['uninstal left-pad', 'package.remove {"names":["left-pad"]}', 'npm'],
  ['remove the left-pad package', 'package.remove {"names":["left-pad"]}', 'npm'],
  ['is nginx running', 'process.find {"name":"nginx"}'],
  ['show the pids of node', 'process.find {"name":"node"}'],
  ['what is the pid of node', 'process.find {"name":"node"}'],
  ['what pids does node have', 'process.find {"name":"node"}'],
  ['list the process ids of node', 'process.find {"name":"node"}'],
  ['how much memory is node using', 'process.find {"name":"node"}'],
  ['how much ram does node use', 'process.find {"name":"node"}'],
  ['how much cpu is node taking', 'process.find {"name":"node"}'],
  ['list processes named node', 'process.find {"name":"node"}'],
  ['find the node processes', 'process.find {"name":"node"}'],
  ['show the top 5 processes by memory', 'process.list {"sort":"memory","limit":5}'],
  ['which processes use the most cpu', 'process.list {"sort":"cpu","limit":20}'],
  ['is there a node process', 'process.find {"name":"node"}'],
  ['show all running processes', 'process.list {"sort":"cpu","limit":10000}'],
  [
    "add all and commit as 'update docs'",
    'git.add {"all":true} ; git.commit {"message":"update docs"}',
    'git',
  ],
  [
    'add everything and commit with message "wip"',
    'git.add {"all":true} ; git.commit {"message":"wip"}',
    'git',
  ],
  [
    'stage everything and commit with message "wip"',
    'git.add {"all":true} ; git.commit {"message":"wip"}',
    'git',
  ],
  ['git add . and commit as "tidy"', 'git.add {"all":true} ; git.commit {"message":"tidy"}', 'git'],
  ['stash my changes', 'git.stash {"op":"push"}', 'git'],
  ['stash my work', 'git.stash {"op":"push"}', 'git'],
  ["commit all changes with the message 'fix typo'", 'git.commit {"message":"fix typo","all":true}', 'git'],
  ['show the last 3 commits', 'git.log {"limit":3}', 'git'],
  ['what branch am i on', 'git.branch {}', 'git'],
  ['switch to the experiment branch', 'git.checkout {"branch":"experiment"}', 'git'],
  ['show git status', 'git.status {}', 'git'],
  ['what version of left-pad are we using', 'package.info {"name":"left-pad","manager":"npm"}', 'npm'],
  ['is java installed', 'system.version {"program":"java"}'],
  ['hw much memory is node using', 'process.find {"name":"node"}'],
  ['do i have go', 'system.version {"program":"go"}'],
  ['which pid does node have', 'process.find {"name":"node"}'],
  ['show memory usage of node', 'process.find {"name":"node"}'],
  ['memory usage of the system', 'system.memory {}'],
  ['what version is left-pad', 'package.info {"name":"left-pad","manager":"npm"}', 'npm'],
  ['left-pad version', 'package.info {"name":"left-pad","manager":"npm"}', 'npm'],
  ['which left-pad version do we use', 'package.info {"name":"left-pad","manager":"npm"}', 'npm'],
  ['check if docker is installed', 'system.version {"program":"docker"}'],
  ['what java version do i have', 'system.version {"program":"java"}'],
  ['python version', 'system.version {"program":"python"}'],
  ['put my changes in the stash', 'git.stash {"op":"push"}', 'git'],
  ['commit everything as "save"', 'git.commit {"message":"save","all":true}', 'git'],
  ['kernel version', 'system.os {}'],
  ['os version', 'system.os {}'],
];

let plans: Plans | undefined;

for (const [request, expected, variant] of CASES)
  test(`process/package/git: "${request}"`, async () => {
    plans ??= await offlinePlans({ after: (fn) => process.once('exit', fn) });
    assert.equal(plans(request, variant), expected);
  });
