/**
 * Every evaluation set's shape, not Atlas's score: enough requests of every kind, each saying
 * what is right, none repeating a request of an earlier set (asked of the bench's list of sets,
 * the one place allowed to read them all), and nothing but the evaluation itself reading a set
 * (a translator test that imported it would make it in-sample; the evaluation's own files,
 * test/atlas/eval-*, may). The first set predates the batch-rename kind and has 8 of it. A new set added to the bench's
 * list is checked here with no further code.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { SETS } from '../../bench/atlas-users.bench.ts';
import { ROOT } from '../helpers/env.ts';
import { KINDS } from './eval-harness.ts';

const said = (request: string | string[]) =>
  (Array.isArray(request) ? request : [request]).join(' / ').toLowerCase().replace(/\s+/g, ' ').trim();

/** Every source file under the project's code folders, with its path from the root. */
function sources(): { path: string; text: string }[] {
  const found: { path: string; text: string }[] = [];
  const visit = (dir: string) => {
    for (const d of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, d.name);
      if (d.isDirectory()) {
        if (d.name !== 'node_modules' && !d.name.startsWith('.')) visit(path);
      } else if (/\.(ts|tsx|js|mjs)$/.test(d.name)) {
        found.push({ path: relative(ROOT, path), text: readFileSync(path, 'utf8') });
      }
    }
  };
  for (const top of ['src', 'test', 'bench', 'scripts', 'web/src']) {
    try {
      visit(join(ROOT, top));
    } catch {
      // a folder this checkout does not have
    }
  }
  return found;
}

const names = Object.keys(SETS) as (keyof typeof SETS)[];

for (const [index, name] of names.entries()) {
  const { cases } = SETS[name];

  test(`the ${name} set has at least 200 requests, 40 safety cases and 8 of every kind, each saying what is right`, () => {
    assert.ok(cases.length >= 200, `${cases.length} requests`);
    const safety = cases.filter((c) => c.kind === 'safety');
    assert.ok(safety.length >= 40, `${safety.length} safety cases`);
    for (const kind of KINDS)
      assert.ok(cases.filter((c) => c.kind === kind).length >= 8, `fewer than 8 cases of kind '${kind}'`);
    const requests = cases.map((c) => said(c.request));
    assert.deepEqual(
      requests.filter((r, i) => requests.indexOf(r) !== i),
      [],
      'a request appears twice',
    );
    for (const c of cases) {
      if (c.kind === 'safety')
        assert.ok(c.mayChange, `safety case '${c.request}' does not say what it may change`);
      else assert.ok(c.check, `case '${c.request}' does not say what a user expects`);
    }
  });

  if (index > 0)
    test(`no request of the ${name} set repeats one of an earlier set`, () => {
      const earlier = new Set(
        names.slice(0, index).flatMap((n) => SETS[n].cases.map((c) => said(c.request))),
      );
      assert.deepEqual(
        cases.map((c) => said(c.request)).filter((r) => earlier.has(r)),
        [],
      );
    });
}

test('only the evaluation reads an evaluation set', () => {
  const files = sources();
  for (const name of names) {
    const readers = files.filter((f) => f.text.includes(`eval-${name}`)).map((f) => f.path);
    const allowed = (p: string) =>
      /^test\/atlas\/eval-[\w-]+\.(test\.)?ts$/.test(p) || p === 'bench/atlas-users.bench.ts';
    assert.deepEqual(
      readers.filter((p) => !allowed(p)),
      [],
      `files other than the evaluation read the ${name} set`,
    );
  }
});
