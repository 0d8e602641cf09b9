/**
 * A process named the ways people name one: a pid said as "process id 4242", "process number
 * 4242", "the process with id 4242", "pid #4242", "the process whose pid is 4242"; a program's
 * pid said with a possessive ("pollerd's pid", "what is sleepd's process id") or by what owns
 * it ("which pids belong to pollerd", "the pids pollerd runs under"). A stop always names the
 * pid said, never more. Written apart from every evaluation set; each must give the plan shown.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { offlinePlans, type Plans } from '../../../test/helpers/atlas-plans.ts';

const KILL = (pid: number, signal = 'TERM') => `process.kill {"pids":[${pid}],"signal":"${signal}"}`;
const FIND = (name: string) => `process.find {"name":"${name}"}`;
const INFO = (pid: number) => `process.info {"pid":${pid}}`;

const CASES: [request: string, plan: string][] = [
  // written first, before the mechanism (2 of 15 passed)
  ['terminate process id 4242', KILL(4242)],
  ['end process number 4242', KILL(4242)],
  ['kill the process with id 4242', KILL(4242)],
  ['stop the process whose pid is 4242', KILL(4242)],
  ['force kill process no. 4242', KILL(4242, 'KILL')],
  ['kill pid #4242', KILL(4242)],
  ["whats pollerd's pid", FIND('pollerd')],
  ["what is sleepd's process id", FIND('sleepd')],
  ["pollerd's pids?", FIND('pollerd')],
  ['which pids belong to pollerd', FIND('pollerd')],
  ['what pid does pollerd run as', FIND('pollerd')],
  ['the process ids for mailsyncd', FIND('mailsyncd')],
  ['details of process id 4242', INFO(4242)],
  ['tell me about the process with pid 4242', INFO(4242)],
  ['what is process number 4242', INFO(4242)],
  // written after the mechanism (2 of 5 passed without further change)
  ['kill -9 process id 4242', KILL(4242, 'KILL')],
  ['info on the process having pid 4242', INFO(4242)],
  ["what's the pid for pollerd", FIND('pollerd')],
  ['pids owned by mailsyncd', FIND('mailsyncd')],
  ['stop proc 4242', KILL(4242)],
];

let plans: Plans | undefined;

for (const [request, expected] of CASES)
  test(`process refs: "${request}"`, async () => {
    plans ??= await offlinePlans({ after: (fn) => process.once('exit', fn) });
    assert.equal(plans(request), expected);
  });
