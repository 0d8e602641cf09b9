/**
 * The installed version of a runtime or a project's package, asked the ways people ask it:
 * the runtime before "version", after "of", with "on this machine", "is there a X", and a
 * package of this project ("what version of left-pad does this project have"). Every phrasing
 * is tried, so "which npm version is installed" is npm, not the word "installed". Requests
 * written apart from any evaluation set; each must give the plan shown.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { offlinePlans, type Plans } from '../../../test/helpers/atlas-plans.ts';

const version = (program: string) => `system.version {"program":"${program}"}`;
const pkg = (name: string) => `package.info {"name":"${name}","manager":"npm"}`;

const CASES: [request: string, plan: string, variant?: 'npm'][] = [
  ['which npm version is installed', version('npm')],
  ['which java version is on this machine', version('java')],
  ['what ruby version is installed here', version('ruby')],
  ['which python version is installed?', version('python')],
  ['what git version is on my computer', version('git')],
  ['what node version is this machine running', version('node')],
  ['is there a gcc installed', version('gcc')],
  ['is docker available on this machine', version('docker')],
  ['is curl installed?', version('curl')],
  ['do we have cargo installed', version('cargo')],
  ['do i have go installed', version('go')],
  ['whcih perl version is installed', version('perl')],
  ['what version of node have i got', version('node')],
  ['tell me the installed version of bash', version('bash')],
  ['what version of left-pad does this project have', pkg('left-pad'), 'npm'],
  ['which version of left-pad do we use', pkg('left-pad'), 'npm'],
  ['what version of left-pad is the project using', pkg('left-pad'), 'npm'],
  ['which version of left-pad does the app depend on', pkg('left-pad'), 'npm'],
];

let plans: Plans | undefined;

for (const [request, expected, variant] of CASES)
  test(`version: "${request}"`, async () => {
    plans ??= await offlinePlans({ after: (fn) => process.once('exit', fn) });
    assert.equal(plans(request, variant), expected);
  });
