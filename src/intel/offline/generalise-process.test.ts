/**
 * Programs asked about and stopped the ways people say it: "is X up and running", "anything
 * called X running", "how many X processes are there", "kill off X", "kil X" (a doubled
 * letter typed once), and never every process of an interpreter by name ("kill all node
 * processes" stops aios itself and everything else on node: it asks for a pid). Requests
 * written apart from any evaluation set; each must give the plan shown, or "asks".
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { offlinePlans, type Plans } from '../../../test/helpers/atlas-plans.ts';

const find = (name: string) => `process.find {"name":"${name}"}`;
const kill = (name: string, signal = 'TERM') => `process.kill {"name":"${name}","signal":"${signal}"}`;

const CASES: [request: string, plan: string][] = [
  ['is redis up and running?', find('redis')],
  ['is nginx still alive', find('nginx')],
  ['is the postgres process up and running', find('postgres')],
  ['check whether mysqld is up and running', find('mysqld')],
  ['can you tell me if cupsd is still running', find('cupsd')],
  ['is there anything called syncthing running', find('syncthing')],
  ['is there something named dockerd running?', find('dockerd')],
  ['how many chrome processes are there', find('chrome')],
  ['how many firefox processes are running', find('firefox')],
  ['count the gunicorn processes', find('gunicorn')],
  ['how many worker instances are running', find('worker')],
  ['kill off mailsyncd', kill('mailsyncd')],
  ['pls kill off the pollerd process', kill('pollerd')],
  ['kil pollerd', kill('pollerd')],
  ['kil -9 mailsyncd', kill('mailsyncd', 'KILL')],
  ['force quit off slack', kill('slack', 'KILL')],
  ['terminate all the gunicorn processes', kill('gunicorn')],
  // an interpreter runs many programs: never all of them by name
  ['kill all node processes', 'asks'],
  ['kill every python process', 'asks'],
  ['pkill python3', 'asks'],
  ['killall bash', 'asks'],
  ['terminate the java processes', 'asks'],
  ['kill node', 'asks'],
  // a pid is one process, whatever runs it
  ['kill process 4242', 'process.kill {"pids":[4242],"signal":"TERM"}'],
  ['tel me the load average', 'system.load {}'],
];

let plans: Plans | undefined;

for (const [request, expected] of CASES)
  test(`process: "${request}"`, async () => {
    plans ??= await offlinePlans({ after: (fn) => process.once('exit', fn) });
    assert.equal(plans(request), expected);
  });
