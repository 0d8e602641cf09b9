import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { testEnv } from '../../../test/helpers/env.ts';
import { OfflineTranslator, splitClauses } from './translator.ts';

function dir(t: Parameters<typeof testEnv>[0]) {
  const env = testEnv(t);
  const cwd = join(env.home, 'work');
  mkdirSync(join(cwd, 'docs'), { recursive: true });
  for (const f of ['notes.txt', 'report.pdf', 'report.txt', 'a.log']) writeFileSync(join(cwd, f), 'x');
  return { cwd, home: env.home };
}

const t = new OfflineTranslator();

test('the examples of the issue translate to the expected actions', (ctx) => {
  const c = dir(ctx);
  for (const request of ['show the 5 biggest files here', 'what are the five largest files in this folder']) {
    const { plan } = t.translateSync(request, c);
    assert.equal(plan?.steps[0].action, 'find');
    assert.equal(plan?.steps[0].args.sort, 'size');
    assert.equal(plan?.steps[0].args.limit, 5);
  }
  assert.equal(t.translateSync('list files over 100 MB', c).plan?.steps[0].args.minSize, 100 * 1024 ** 2);
});

test('a request it cannot understand says so and suggests the closest it can do', (ctx) => {
  const out = t.translateSync('zap the ancient logs please', dir(ctx));
  assert.equal(out.plan, undefined);
  assert.match(out.clarify ?? '', /could not understand/);
  assert.ok(out.suggestions && out.suggestions.length > 0);
  assert.ok(
    out.suggestions.some((s) => /delete|log/.test(s)),
    out.suggestions.join(' | '),
  );
});

test('an ambiguous request gets a question, not a guess', (ctx) => {
  const c = dir(ctx);
  assert.match(t.translateSync('read report', c).clarify ?? '', /Which 'report'.*report\.pdf.*report\.txt/);
  assert.match(t.translateSync('delete everything', c).clarify ?? '', /Delete every file/);
  assert.match(t.translateSync('delete them', c).clarify ?? '', /Delete what/);
});

test('clauses chain: "them" is what the previous clause produced', (ctx) => {
  const { plan } = t.translateSync('find all pdfs and move them to docs', dir(ctx));
  assert.deepEqual(
    plan?.steps.map((s) => `${s.tool}.${s.action}`),
    ['files.find', 'files.move'],
  );
  assert.equal(plan?.steps[1].args.from, 's1');
  assert.deepEqual(plan?.steps[1].dependsOn, ['s1']);
});

test('a session turn gives "them" its meaning in the next request', (ctx) => {
  const c = dir(ctx);
  const history = [
    {
      request: 'find the logs',
      plan: { goal: 'x', steps: [], requiresConfirmation: false },
      subjects: [join(c.cwd, 'a.log')],
    },
  ];
  const { plan } = t.translateSync('and now zip them', { ...c, history });
  assert.equal(plan?.steps[0].action, 'archive');
  assert.deepEqual(plan?.steps[0].args.paths, [join(c.cwd, 'a.log')]);
});

test('a shell command a tool does better is given to the tool; one with operators is not', (ctx) => {
  const c = dir(ctx);
  assert.equal(t.translateSync("run 'ls'", c).plan?.steps[0].tool, 'files');
  assert.equal(t.translateSync("run 'ls | wc -l'", c).plan?.steps[0].tool, 'shell');
  assert.equal(t.translateSync("run 'make test'", c).plan?.steps[0].risk, 3);
});

test('translation is deterministic', (ctx) => {
  const c = dir(ctx);
  const a = JSON.stringify(t.translateSync('delete log files older than 7 days and zip the docs folder', c));
  const b = JSON.stringify(t.translateSync('delete log files older than 7 days and zip the docs folder', c));
  assert.equal(a, b);
});

test('clauses split on "and then" before a verb, never inside quotes or lists', () => {
  assert.deepEqual(splitClauses('find the pdfs and then move them to docs'), [
    'find the pdfs',
    'move them to docs',
  ]);
  assert.deepEqual(splitClauses('copy a.txt and b.txt to backup'), ['copy a.txt and b.txt to backup']);
  assert.deepEqual(splitClauses("write 'salt and delete' to x.txt"), ["write 'salt and delete' to x.txt"]);
  assert.deepEqual(splitClauses('search and replace foo with bar'), ['search and replace foo with bar']);
});
