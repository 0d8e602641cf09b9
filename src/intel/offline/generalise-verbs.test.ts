/**
 * Other verbs for the actions Atlas has: "jot down" and "note ... down" write, "turn off X
 * in F" / "disable" / "switch the X flag off" set a setting to false (on, enable: true), "grab
 * X from Y and put a copy here" copies, "take X out of Y and put it in Z" moves, "shift X over
 * to Y" moves, and wget / curl -O save what they fetch. Requests written apart from any
 * evaluation set; each must give the plan shown.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { offlinePlans, type Plans } from '../../../test/helpers/atlas-plans.ts';

const setting = (key: string, value: string, file = 'config.json') =>
  `text.replace {"paths":["${file}"],"find":"(?<key>(?:^|[{,\\\\s])[\\"']?${key}[\\"']?\\\\s*[:=]\\\\s*)(?:\\"[^\\"\\\\n]*\\"|'[^'\\\\n]*'|[^\\\\s,}\\\\n]*)","replace":"$<key>${value}","regex":true}`;
const URL = 'http://127.0.0.1:8080/files/report.csv';

const CASES: [request: string, plan: string][] = [
  [
    "jot down 'dentist on friday' in a file called memo.txt",
    'files.write {"path":"memo.txt","content":"dentist on friday"}',
  ],
  ["note 'buy eggs' down in shopping.txt", 'files.write {"path":"shopping.txt","content":"buy eggs"}'],
  [
    "scribble 'call mum' into a new file reminders.txt",
    'files.write {"path":"reminders.txt","content":"call mum"}',
  ],
  ["pls jot 'gym at 6' in plan.txt", 'files.write {"path":"plan.txt","content":"gym at 6"}'],
  ['turn off debug in config.json', setting('debug', 'false')],
  ['please turn debug off in config.json', setting('debug', 'false')],
  ['switch the debug flag off in config.json', setting('debug', 'false')],
  ['disable the debug option in config.json', setting('debug', 'false')],
  ['turn on debug in config.json', setting('debug', 'true')],
  ['enable debug in config.json', setting('debug', 'true')],
  [
    'grab letter.txt from Downloads and put a copy here',
    'files.copy {"paths":["~/Downloads/letter.txt"],"to":"."}',
  ],
  [
    'get letter.txt from my downloads, then put a copy in docs',
    'files.copy {"paths":["~/Downloads/letter.txt"],"to":"docs/"}',
  ],
  ['grab a copy of notes.txt into docs', 'files.copy {"paths":["notes.txt"],"to":"docs/"}'],
  ['make a duplicate of todo.txt in docs', 'files.copy {"paths":["todo.txt"],"to":"docs/"}'],
  [
    'take tune.mp3 out of Downloads and put it in my home folder',
    'files.move {"paths":["~/Downloads/tune.mp3"],"to":"~"}',
  ],
  [
    'pull invoice.pdf out of my downloads and drop it into docs',
    'files.move {"paths":["~/Downloads/invoice.pdf"],"to":"docs/"}',
  ],
  ['take notes.txt and put it in docs', 'files.move {"paths":["notes.txt"],"to":"docs/"}'],
  [
    'shift the pdfs over to docs',
    'files.find {"path":".","ext":["pdf"],"recursive":false,"exclude":["docs"]} ; files.move {"to":"docs/","from":"s1"}',
  ],
  [`wget ${URL}`, `network.get {"url":"${URL}","save":"report.csv"}`],
  [`curl -O ${URL}`, `network.get {"url":"${URL}","save":"report.csv"}`],
  [`curl -o out.csv ${URL}`, `network.get {"url":"${URL}","save":"out.csv"}`],
  [`wget -O copy.csv ${URL}`, `network.get {"url":"${URL}","save":"copy.csv"}`],
  // curl alone shows what it fetches
  [`curl ${URL}`, `network.get {"url":"${URL}"}`],
];

let plans: Plans | undefined;

for (const [request, expected] of CASES)
  test(`verbs: "${request}"`, async () => {
    plans ??= await offlinePlans({ after: (fn) => process.once('exit', fn) });
    assert.equal(plans(request), expected);
  });
