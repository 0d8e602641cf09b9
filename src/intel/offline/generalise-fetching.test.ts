/**
 * Getting a web page said the ways people say it: other verbs ("grab", "pull down", "retrieve",
 * "snag"), wget's habit of saving under the address's own name, and after a fetch, asking for
 * what the fetch already shows (its status, its code, whether it worked). Written apart from
 * every evaluation set; each must give the plan shown.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { offlinePlans, type Plans } from '../../../test/helpers/atlas-plans.ts';

const URL = 'http://127.0.0.1:9/files/data.json';
const GET = (save?: string) => `network.get {"url":"${URL}"${save ? `,"save":"${save}"` : ''}}`;

const CASES: [request: string, plan: string][] = [
  // written first, before the mechanism (8 of 15 passed)
  [`grab ${URL} and save it to status.json`, GET('status.json')],
  [`grab ${URL}`, GET()],
  [`pull down ${URL} into out.json`, GET('out.json')],
  [`retrieve ${URL}`, GET()],
  [`snag ${URL} and store it as copy.json`, GET('copy.json')],
  [`wget ${URL}`, GET('data.json')],
  [`wget the file ${URL}`, GET('data.json')],
  [`wget ${URL} -O saved.json`, GET('saved.json')],
  [`curl ${URL}`, GET()],
  [`curl -O ${URL}`, GET('data.json')],
  [`fetch ${URL} and tell me the status`, GET()],
  [`get ${URL} and show me the status code`, GET()],
  [`hit ${URL} and tell me what code it returns`, GET()],
  [`request ${URL} and let me know if it worked`, GET()],
  [`download ${URL}`, GET('data.json')],
  // written after the mechanism (4 of 5 passed without further change)
  [`could you grab ${URL} for me`, GET()],
  [`pull ${URL} down and save it as d.json`, GET('d.json')],
  [`wget -q ${URL}`, GET('data.json')],
  [`load ${URL} and tell me if it worked`, GET()],
  [`fetch ${URL}, what status does it give?`, GET()],
];

let plans: Plans | undefined;

for (const [request, expected] of CASES)
  test(`fetching: "${request}"`, async () => {
    plans ??= await offlinePlans({ after: (fn) => process.once('exit', fn) });
    assert.equal(plans(request), expected);
  });
