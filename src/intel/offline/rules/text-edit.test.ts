import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { testEnv } from '../../../../test/helpers/env.ts';
import { OfflineTranslator } from '../translator.ts';

function work(t: Parameters<typeof testEnv>[0]) {
  const env = testEnv(t);
  const cwd = join(env.home, 'work');
  mkdirSync(join(cwd, 'lib'), { recursive: true });
  writeFileSync(join(cwd, 'app.json'), '{\n  "verbose": true,\n  "name": "demo",\n  "port": 80\n}\n');
  writeFileSync(join(cwd, 'lib', 'db.py'), 'conn = open_db()\nconnection_pool = conn\n');
  writeFileSync(join(cwd, 'server.log'), 'WARN a\nwarn b\nINFO c\n');
  writeFileSync(join(cwd, 'shopping.txt'), 'eggs\n');
  return { cwd, home: env.home };
}

const t = new OfflineTranslator();
const steps = (request: string, c: { cwd: string; home: string }) => {
  const out = t.translateSync(request, c);
  assert.ok(out.plan, `${request}: ${out.clarify}`);
  return out.plan.steps;
};

/** What the replace step would make of `text` (the tool's own semantics: a global regex). */
function applied(step: { args: Record<string, unknown> }, text: string): string {
  const a = step.args as { find: string; replace: string; regex?: boolean; ignoreCase?: boolean };
  const find = a.regex ? a.find : a.find.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return text.replace(new RegExp(find, `g${a.ignoreCase ? 'i' : ''}`), a.regex ? a.replace : a.replace);
}

test('"set KEY to VALUE in FILE" changes only that value, as JSON writes it', (ctx) => {
  const c = work(ctx);
  const json = '{\n  "verbose": true,\n  "name": "demo",\n  "port": 80\n}\n';
  const [off] = steps('in app.json set verbose to false', c);
  assert.equal(off.action, 'replace');
  assert.equal(applied(off, json), json.replace('"verbose": true', '"verbose": false'));
  const [name] = steps('set name to production in app.json', c);
  assert.equal(applied(name, json), json.replace('"demo"', '"production"'));
  const [port] = steps('set the port to 8080 in app.json', c);
  assert.equal(applied(port, json), json.replace('80\n', '8080\n'));
});

test('renaming a variable renames the whole name, never a longer one that contains it', (ctx) => {
  const c = work(ctx);
  const [s] = steps('rename the function conn to handle in lib/db.py', c);
  assert.deepEqual(s.args.paths, ['lib/db.py']);
  assert.equal(
    applied(s, 'conn = open_db()\nconnection_pool = conn\n'),
    'handle = open_db()\nconnection_pool = handle\n',
  );
});

test('a sed expression runs as a replace', (ctx) => {
  const c = work(ctx);
  const [s] = steps("sed 's/eggs/flour/' shopping.txt", c);
  // without g, sed changes the first match on each line, and so does the plan
  assert.deepEqual(s.args, { paths: ['shopping.txt'], find: 'eggs', replace: 'flour', firstPerLine: true });
});

test('"count the warnings in server.log" counts that word, in any case', (ctx) => {
  const c = work(ctx);
  const [s] = steps('count the warnings in server.log', c);
  assert.deepEqual(s.args, { paths: ['server.log'], what: 'occurrences', pattern: 'warning' });
  // a unit the count rule measures stays a count of lines
  assert.deepEqual(steps('count the lines in server.log', c)[0].args, {
    paths: ['server.log'],
    what: 'lines',
  });
});

test('searches for an address, a dotted name, or where a word is used', (ctx) => {
  const c = work(ctx);
  assert.deepEqual(steps('do any files contain https://example.org/x', c)[0].args, {
    pattern: 'https://example.org/x',
    path: '.',
    filesOnly: true,
  });
  assert.equal(steps('which py files have open_db.close in them', c)[0].args.pattern, 'open_db.close');
  assert.equal(steps('where is open_db called', c)[0].args.pattern, 'open_db');
  assert.equal(steps("is the word 'pool' anywhere in lib", c)[0].args.path, 'lib');
});

test('what to look for is the text after the cue, not the files to look in', (ctx) => {
  const c = work(ctx);
  assert.equal(steps('search for files containing the text pool', c)[0].args.pattern, 'pool');
  assert.equal(steps("which files say 'WARN'", c)[0].args.pattern, 'WARN');
  // "lines containing X" are counted by the search that finds them
  assert.deepEqual(steps('count the lines containing WARN in server.log', c)[0].args, {
    pattern: 'WARN',
    paths: ['server.log'],
  });
});

test('"change the KEY to VALUE" in a settings file is a setting; without "the" it is a literal swap', (ctx) => {
  const c = work(ctx);
  const json = '{\n  "verbose": true,\n  "name": "demo",\n  "port": 80\n}\n';
  const [s] = steps('in app.json change the name to https://example.org', c);
  assert.equal(applied(s, json), json.replace('"demo"', '"https://example.org"'));
  assert.deepEqual(steps('change WARN to warn in server.log', c)[0].args, {
    paths: ['server.log'],
    find: 'WARN',
    replace: 'warn',
  });
});
