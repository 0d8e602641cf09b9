/**
 * Requests in two parts, and parts that refer back: "the copy" is what the previous clause
 * made, "there" and "what's in it" the folder it filled, "tell me how big it is" after finding
 * files is what the listing shows, "X should be Y in F" replaces, and after a listing of
 * Downloads, "the jpg" is the one it showed. Requests written apart from any evaluation set;
 * each must give the plan shown.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { buildEvalTemplates, evalInstance } from '../../../test/atlas/eval-fixture.ts';
import { offlinePlans, type Plans } from '../../../test/helpers/atlas-plans.ts';
import { testEnv } from '../../../test/helpers/env.ts';
import { OfflineTranslator } from './translator.ts';

const CASES: [request: string, plan: string][] = [
  [
    'copy config.json to config.bak and replace http with https in the copy',
    'files.copy {"paths":["config.json"],"to":"config.bak"} ; text.replace {"paths":["config.bak"],"find":"http","replace":"https"}',
  ],
  [
    'copy notes.txt to notes2.txt and replace foo with baz in the duplicate',
    'files.copy {"paths":["notes.txt"],"to":"notes2.txt"} ; text.replace {"paths":["notes2.txt"],"find":"foo","replace":"baz"}',
  ],
  [
    'make a backup dir, copy the csv there, then show me what is in it',
    'files.mkdir {"path":"backup"} ; files.copy {"paths":["data.csv"],"to":"backup/"} ; files.list {"path":"backup"}',
  ],
  [
    'create a folder old, move the tmp files into it and show me what is inside it',
    'files.mkdir {"path":"old"} ; files.find {"path":".","ext":["tmp","temp"],"recursive":false,"exclude":["old"]} ; files.move {"to":"old/","from":"s2"} ; files.list {"path":"old"}',
  ],
  [
    'find the biggest file and tell me how big it is',
    'files.find {"path":".","recursive":true,"sort":"size","order":"desc","limit":1}',
  ],
  [
    'find the newest pdf and tell me when it was modified',
    'files.find {"path":".","ext":["pdf"],"recursive":true,"sort":"mtime","order":"desc","limit":1}',
  ],
  [
    'list the 3 largest files, and show me their sizes',
    'files.find {"path":".","recursive":true,"sort":"size","order":"desc","limit":3}',
  ],
  [
    "fix the capitalisation: 'Meeting notes' should be 'Meeting Notes' in notes.txt",
    'text.replace {"paths":["notes.txt"],"find":"Meeting notes","replace":"Meeting Notes"}',
  ],
  [
    "'buy milk' should be 'buy oat milk' in todo.txt",
    'text.replace {"paths":["todo.txt"],"find":"buy milk","replace":"buy oat milk"}',
  ],
  [
    "in todo.txt, 'buy milk' should read 'buy bread'",
    'text.replace {"paths":["todo.txt"],"find":"buy milk","replace":"buy bread"}',
  ],
  [
    "correct the typo: 'teh' should be 'the' in notes.txt",
    'text.replace {"paths":["notes.txt"],"find":"teh","replace":"the"}',
  ],
  [
    'get rid of the empty folder',
    'files.find {"path":".","type":"dir","empty":true,"recursive":false} ; files.delete {"from":"s1"}',
  ],
  ['Please delete the empty text file.', 'files.delete {"paths":["empty.txt"]}'],
];

let plans: Plans | undefined;

for (const [request, expected] of CASES)
  test(`compound: "${request}"`, async () => {
    plans ??= await offlinePlans({ after: (fn) => process.once('exit', fn) });
    assert.equal(plans(request), expected);
  });

test('after a listing of Downloads, "the jpg" and "the pdf" are the ones it showed', async (t) => {
  const env = testEnv(t);
  const c = evalInstance(await buildEvalTemplates(join(env.dir, 't')), 'users', join(env.dir, 'case'));
  const downloads = join(c.root, 'Downloads');
  const history = [
    {
      request: 'show me the files in Downloads',
      plan: { goal: 'x', steps: [], requiresConfirmation: false },
      subjects: ['holiday.jpg', 'invoice.pdf', 'letter.txt'].map((n) => join(downloads, n)),
    },
  ];
  const translator = new OfflineTranslator();
  const plan = (request: string) =>
    translator.translateSync(request, { cwd: c.cwd, home: c.root, history }).plan?.steps.map((s) => s.args);
  assert.deepEqual(plan('move the jpg into this folder'), [
    { paths: [join(downloads, 'holiday.jpg')], to: '.' },
  ]);
  assert.deepEqual(plan('open the pdf'), [{ path: join(downloads, 'invoice.pdf') }]);
  assert.deepEqual(plan('copy the txt file to docs'), [
    { paths: [join(downloads, 'letter.txt')], to: 'docs/' },
  ]);
});
