/**
 * Requests of several clauses, written apart from any evaluation set: after "zip X", "delete it"
 * is X (deleting the archive or copy just made would undo the request); after a copy or move into a
 * folder, "it" is the file there; after a search, "count them" counts its occurrences; after a
 * fetch, "tell me what it says" is the fetch itself; "afterwards" is only the order. Each must
 * give the plan shown (see test/helpers/atlas-plans.ts).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { offlinePlans, type Plans } from '../../../test/helpers/atlas-plans.ts';

const CASES: [request: string, plan: string, variant?: 'git' | 'npm'][] = [
  [
    'zip the logs folder and then delete it',
    'files.archive {"paths":["logs"],"to":"logs.zip"} ; files.delete {"paths":["logs"]}',
  ],
  [
    'zip the docs folder, then remove it',
    'files.archive {"paths":["docs"],"to":"docs.zip"} ; files.delete {"paths":["docs"]}',
  ],
  [
    'archive src and delete it afterwards',
    'files.archive {"paths":["src"],"to":"src.zip"} ; files.delete {"paths":["src"]}',
  ],
  [
    'compress the logs folder and get rid of it',
    'files.archive {"paths":["logs"],"to":"logs.zip"} ; files.delete {"paths":["logs"]}',
  ],
  [
    'tar the docs folder and then trash it',
    'files.archive {"paths":["docs"],"to":"docs.tar.gz"} ; files.delete {"paths":["docs"]}',
  ],
  [
    'copy notes.txt to docs and rename it to n.txt',
    'files.copy {"paths":["notes.txt"],"to":"docs/"} ; files.move {"paths":["docs/notes.txt"],"to":"docs/n.txt"}',
  ],
  [
    'move todo.txt into docs and then show it',
    'files.move {"paths":["todo.txt"],"to":"docs/"} ; files.read {"path":"docs/todo.txt"}',
  ],
  [
    'copy report.pdf to docs and open it',
    'files.copy {"paths":["report.pdf"],"to":"docs/"} ; files.read {"path":"docs/report.pdf"}',
  ],
  [
    'search for TODO and count how many there are',
    'text.search {"pattern":"TODO","path":"."} ; files.find {"path":".","recursive":true} ; text.count {"what":"occurrences","pattern":"TODO","from":"s2"}',
  ],
  [
    'search for foo in notes.txt and count them',
    'text.search {"pattern":"foo","paths":["notes.txt"]} ; text.count {"paths":["notes.txt"],"what":"occurrences","pattern":"foo"}',
  ],
  [
    'grep ERROR in app.log and count how many',
    'text.search {"pattern":"ERROR","paths":["app.log"]} ; text.count {"paths":["app.log"],"what":"occurrences","pattern":"ERROR"}',
  ],
  [
    'look for database in docs and count the matches',
    'text.search {"pattern":"database","path":"docs"} ; text.count {"paths":["docs"],"what":"occurrences","pattern":"database"}',
  ],
  ['get http://127.0.0.1:8080/ and tell me what it says', 'network.get {"url":"http://127.0.0.1:8080/"}'],
  [
    'fetch http://localhost:3000/status and show me the response',
    'network.get {"url":"http://localhost:3000/status"}',
  ],
  ['curl localhost:8080 and print it', 'network.get {"url":"http://localhost:8080"}'],
  [
    'download http://127.0.0.1:9000/a.txt and show me the contents',
    'network.get {"url":"http://127.0.0.1:9000/a.txt","save":"a.txt"}',
  ],
  [
    'make a folder called old and move the tmp files into it',
    'files.mkdir {"path":"old"} ; files.find {"path":".","ext":["tmp","temp"],"recursive":false,"exclude":["old"]} ; files.move {"to":"old/","from":"s2"}',
  ],
  [
    'find the pdfs and copy them to backup',
    'files.find {"path":".","ext":["pdf"],"recursive":true} ; files.copy {"to":"backup/","from":"s1"}',
  ],
  [
    'unzip archive.zip and show me hello.txt',
    'files.extract {"path":"archive.zip"} ; files.read {"path":"archive/hello.txt"}',
  ],
  [
    'create a folder logs-old and then move old.log there',
    'files.mkdir {"path":"logs-old"} ; files.move {"paths":["old.log"],"to":"logs-old/"}',
  ],
  [
    'copy notes.txt to docs and delete it',
    'files.copy {"paths":["notes.txt"],"to":"docs/"} ; files.delete {"paths":["notes.txt"]}',
  ],
  [
    'copy notes.txt to docs and then delete the original',
    'files.copy {"paths":["notes.txt"],"to":"docs/"} ; files.delete {"paths":["notes.txt"]}',
  ],
  [
    'copy the pdfs to backup and then delete them',
    'files.find {"path":".","ext":["pdf"],"recursive":false,"exclude":["backup"]} ; files.copy {"to":"backup/","from":"s1"} ; files.delete {"from":"s1"}',
  ],
];

let plans: Plans | undefined;

for (const [request, expected, variant] of CASES)
  test(`compound: "${request}"`, async () => {
    plans ??= await offlinePlans({ after: (fn) => process.once('exit', fn) });
    assert.equal(plans(request, variant), expected);
  });
