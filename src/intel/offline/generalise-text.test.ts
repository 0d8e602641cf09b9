/**
 * Searching and replacing text said many ways: typos of the verb ("seach", "replce"), grep with\n * its flags ("-l" lists files), "inside"/"within"/"under", "every mention of", "is the word X in\n * FILE", "update FILE so X becomes Y", a reason after the request.
 * Requests written apart from any evaluation set, the way different people type them; each
 * must give the plan shown (see test/helpers/atlas-plans.ts), or "asks" where acting on less
 * than was said would be wrong.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { offlinePlans, type Plans } from '../../../test/helpers/atlas-plans.ts';

const CASES: [request: string, plan: string, variant?: 'git' | 'npm'][] = [
  ['seach for TODO in src', 'text.search {"pattern":"TODO","path":"src"}'],
  ['serch for database in docs', 'text.search {"pattern":"database","path":"docs"}'],
  ['grep -rn database .', 'text.search {"pattern":"database","path":"."}'],
  ['grep -r TODO src', 'text.search {"pattern":"TODO","path":"src"}'],
  ['grep -i todo notes.txt', 'text.search {"pattern":"todo","paths":["notes.txt"]}'],
  ['find the word database in docs', 'text.search {"pattern":"database","path":"docs"}'],
  ['look for "disk full" in the logs', 'text.search {"pattern":"disk full","path":"logs","ext":["log"]}'],
  [
    'search all js files for require',
    'text.search {"pattern":"require","path":".","ext":["js","mjs","cjs"]}',
  ],
  ['which files mention budget', 'text.search {"pattern":"budget","path":".","filesOnly":true}'],
  ['which files contain TODO inside src', 'text.search {"pattern":"TODO","path":"src","filesOnly":true}'],
  ['search for ERROR within logs', 'text.search {"pattern":"ERROR","path":"logs"}'],
  ['find TODO under src', 'text.search {"pattern":"TODO","path":"src"}'],
  ['look for the text "revenue" in reports', 'text.search {"pattern":"revenue","path":"reports"}'],
  ['search notes.txt for Bob', 'text.search {"pattern":"Bob","paths":["notes.txt"]}'],
  ['is the word database in README.md', 'text.search {"pattern":"database","paths":["README.md"]}'],
  ['where is database mentioned', 'text.search {"pattern":"database","path":"."}'],
  ['find lines with ERROR in app.log', 'text.search {"pattern":"ERROR","paths":["app.log"]}'],
  ['show lines containing TODO in src', 'text.search {"pattern":"TODO","path":"src"}'],
  ['grep "disk full" app.log', 'text.search {"pattern":"disk full","paths":["app.log"]}'],
  ['search for the string foo in notes.txt', 'text.search {"pattern":"foo","paths":["notes.txt"]}'],
  ['replace foo with baz in notes.txt', 'text.replace {"paths":["notes.txt"],"find":"foo","replace":"baz"}'],
  [
    'change every "foo" to "qux" in notes.txt',
    'text.replace {"paths":["notes.txt"],"find":"foo","replace":"qux"}',
  ],
  [
    'sed -i s/milk/bread/ todo.txt',
    'text.replace {"paths":["todo.txt"],"find":"milk","replace":"bread","firstPerLine":true}',
  ],
  [
    'swap database for db in README.md',
    'text.replace {"paths":["README.md"],"find":"database","replace":"db"}',
  ],
  ['replce foo with bar in notes.txt', 'text.replace {"paths":["notes.txt"],"find":"foo","replace":"bar"}'],
  ['in notes.txt replace foo with bar', 'text.replace {"paths":["notes.txt"],"find":"foo","replace":"bar"}'],
  [
    'replace all occurrences of foo with bar in notes.txt',
    'text.replace {"paths":["notes.txt"],"find":"foo","replace":"bar"}',
  ],
  ['change milk to bread in todo.txt', 'text.replace {"paths":["todo.txt"],"find":"milk","replace":"bread"}'],
  [
    'substitute "Bob" with "Alice" in notes.txt',
    'text.replace {"paths":["notes.txt"],"find":"Bob","replace":"Alice"}',
  ],
  [
    'rplace milk with cheese in todo.txt',
    'text.replace {"paths":["todo.txt"],"find":"milk","replace":"cheese"}',
  ],
  [
    'replace the word database with datastore in docs/guide.md',
    'text.replace {"paths":["docs/guide.md"],"find":"database","replace":"datastore"}',
  ],
  [
    'in todo.txt change "buy milk" to "buy oat milk"',
    'text.replace {"paths":["todo.txt"],"find":"buy milk","replace":"buy oat milk"}',
  ],
  [
    'replace every TODO with DONE in src/main.js',
    'text.replace {"paths":["src/main.js"],"find":"TODO","replace":"DONE"}',
  ],
  [
    'update notes.txt so foo becomes bar',
    'text.replace {"paths":["notes.txt"],"find":"foo","replace":"bar"}',
  ],
  [
    'swap "revenue" for "income" in reports/summary.md',
    'text.replace {"paths":["reports/summary.md"],"find":"revenue","replace":"income"}',
  ],
  [
    'replace http://example.com with http://example.org in config.json',
    'text.replace {"paths":["config.json"],"find":"http://example.com","replace":"http://example.org"}',
  ],
  ['change foo to bar inside notes.txt', 'text.replace {"paths":["notes.txt"],"find":"foo","replace":"bar"}'],
  [
    'replace Bob with Carol in notes.txt, its a typo',
    'text.replace {"paths":["notes.txt"],"find":"Bob","replace":"Carol"}',
  ],
  ['rename foo to bar in notes.txt', 'asks'],
  ['serach for Bob in notes.txt', 'text.search {"pattern":"Bob","paths":["notes.txt"]}'],
  ['grep -l TODO src', 'text.search {"pattern":"TODO","path":"src","filesOnly":true}'],
  [
    'look for require in the js files',
    'text.search {"pattern":"require","path":".","ext":["js","mjs","cjs"]}',
  ],
  ['find every mention of database', 'text.search {"pattern":"database","path":"."}'],
  ['search inside docs for Install', 'text.search {"pattern":"Install","path":"docs"}'],
  ['seach the logs for ERROR', 'text.search {"pattern":"ERROR","path":"logs","ext":["log"]}'],
  ['grep -rni "disk full" logs', 'text.search {"pattern":"disk full","path":"logs","ext":["log"]}'],
  [
    'which md files mention database',
    'text.search {"pattern":"database","path":".","ext":["md"],"filesOnly":true}',
  ],
  ['search for TODO in all python files', 'text.search {"pattern":"TODO","path":".","ext":["py"]}'],
  ['does notes.txt mention Bob', 'text.search {"pattern":"Bob","paths":["notes.txt"]}'],
  [
    'is the text "revenue" in reports/summary.md',
    'text.search {"pattern":"revenue","paths":["reports/summary.md"]}',
  ],
  [
    'replace "foo bar" with "baz" in notes.txt',
    'text.replace {"paths":["notes.txt"],"find":"foo bar","replace":"baz"}',
  ],
  [
    'replace foo with bar in all txt files',
    'files.find {"path":".","ext":["txt"],"recursive":false} ; text.replace {"find":"foo","replace":"bar","from":"s1"}',
  ],
  [
    'change "ERROR" to "WARN" in app.log',
    'text.replace {"paths":["app.log"],"find":"ERROR","replace":"WARN"}',
  ],
  [
    'replace database with db in every md file in docs',
    'files.find {"path":"docs","ext":["md"],"recursive":false} ; text.replace {"find":"database","replace":"db","from":"s1"}',
  ],
  ['swap Bob for Alice in notes.txt', 'text.replace {"paths":["notes.txt"],"find":"Bob","replace":"Alice"}'],
  [
    'in config.json replace true with false',
    'text.replace {"paths":["config.json"],"find":"true","replace":"false"}',
  ],
  ['replace 42 with 43 in src/util.js', 'text.replace {"paths":["src/util.js"],"find":"42","replace":"43"}'],
  ['grep -rl database .', 'text.search {"pattern":"database","path":".","filesOnly":true}'],
  ['show all occurrences of Bob in notes.txt', 'text.search {"pattern":"Bob","paths":["notes.txt"]}'],
];

let plans: Plans | undefined;

for (const [request, expected, variant] of CASES)
  test(`search/replace text: "${request}"`, async () => {
    plans ??= await offlinePlans({ after: (fn) => process.once('exit', fn) });
    assert.equal(plans(request, variant), expected);
  });
