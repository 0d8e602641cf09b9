import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { testEnv } from '../../../test/helpers/env.ts';
import type { Step } from '../intent.ts';
import { OfflineTranslator } from './translator.ts';

function dir(t: Parameters<typeof testEnv>[0]) {
  const env = testEnv(t);
  const cwd = join(env.home, 'work');
  mkdirSync(join(cwd, 'docs'), { recursive: true });
  for (const f of ['notes.txt', 'report.pdf', 'a.log', 'b.log']) writeFileSync(join(cwd, f), 'foo\n');
  return { cwd, home: env.home };
}

const t = new OfflineTranslator();

/** Every action that changes files and takes a selection or a place; {C} is the constraint. */
const ACTIONS = [
  'delete all .log files {C}',
  'remove the log files {C}',
  'move all .log files {C} to docs',
  'copy the log files {C} into docs',
  'zip all .log files {C}',
  'rename all .log files {C} to .txt',
  'add the prefix old- to the log files {C}',
  'replace foo with bar in all .log files {C}',
];

/** Constraints the translator cannot read: each must end in a question, never a plan. */
const UNREADABLE = [
  'in the zork folder',
  'in teh zork directory',
  'older than 7 blorps',
  'bigger than 5 zorks',
  'that are blurry',
  'except notes.txt',
  'but not a.log',
  'and keep b.log',
  'from the frobnicated dir',
];

test('a constraint it cannot read in a request that changes files gets a question, for every action', (ctx) => {
  const c = dir(ctx);
  for (const template of ACTIONS) {
    for (const constraint of UNREADABLE) {
      const request = template.replace('{C}', constraint);
      const out = t.translateSync(request, c);
      assert.equal(out.plan, undefined, `"${request}" made a plan: ${JSON.stringify(out.plan?.steps)}`);
      assert.ok(out.clarify, `"${request}" asked nothing`);
    }
  }
});

/** The argument a constraint must reach, whatever typos it was written with. */
const READABLE: [string, (steps: Step[]) => boolean][] = [
  ['older then 7 dyas', (s) => s.some((x) => x.args.olderThan === '7d')],
  ['older than 7 days', (s) => s.some((x) => x.args.olderThan === '7d')],
  ['biger than 1 MB', (s) => s.some((x) => x.args.minSize === 1024 ** 2)],
  ['in the parnet folder', (s) => s.some((x) => x.args.path === '..')],
  ['from the docs folder', (s) => s.some((x) => x.args.path === 'docs')],
];

test('a constraint written with typos reaches the plan, for every action', (ctx) => {
  const c = dir(ctx);
  for (const template of ACTIONS) {
    for (const [constraint, kept] of READABLE) {
      // Copying or moving from docs into docs is not a request anyone makes.
      if (constraint.includes('docs') && template.includes('docs')) continue;
      const request = template.replace('{C}', constraint);
      const out = t.translateSync(request, c);
      assert.ok(out.plan, `"${request}" was not understood: ${out.clarify}`);
      assert.ok(kept(out.plan.steps), `"${request}" lost "${constraint}": ${JSON.stringify(out.plan.steps)}`);
    }
  }
});

test('the issue examples: the parent folder and a typo in "than" are never dropped', (ctx) => {
  const c = dir(ctx);
  const parent = t.translateSync('delete all files in the parent folder', c).plan;
  assert.ok(
    parent?.steps.some((s) => s.args.path === '..'),
    JSON.stringify(parent?.steps),
  );
  const logs = t.translateSync('delete log files older then 7 days', c).plan;
  assert.ok(
    logs?.steps.some((s) => s.args.olderThan === '7d'),
    JSON.stringify(logs?.steps),
  );
});

test('a typo steers the rule but never what is written: arguments keep the words as typed', (ctx) => {
  const c = dir(ctx);
  const out = t.translateSync('wriet helo wrold to x.txt', c);
  assert.equal(out.plan?.steps[0].action, 'write');
  assert.equal(out.plan?.steps[0].args.content, 'helo wrold');
  assert.ok(out.trail?.includes('read "wriet" as "write"'), JSON.stringify(out.trail));
  // A choice among fixed values is what the typo meant, not what was typed.
  assert.equal(t.translateSync('count the wrods in notes.txt', c).plan?.steps[0].args.what, 'words');
});

test('read-only requests are not held to it: a question is never asked of a listing', (ctx) => {
  const c = dir(ctx);
  assert.equal(t.translateSync('list the blurry log files', c).plan?.steps[0].action, 'find');
});
