/**
 * The fourth held-out set's shape, not Atlas's score: enough requests of every kind, each
 * saying what is right, none repeating an earlier held-out set (asked of the bench's list of
 * sets, the one place allowed to read them all), and nothing but the evaluation itself reading
 * it (a translator test that imported it would make it in-sample).
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { SETS } from '../../bench/atlas-users.bench.ts';
import { ROOT } from '../helpers/env.ts';
import { FOURTH_CASES, FOURTH_SAFETY_CASES } from './eval-fourth.ts';
import { KINDS } from './eval-harness.ts';

const said = (request: string | string[]) =>
  (Array.isArray(request) ? request : [request]).join(' / ').toLowerCase().replace(/\s+/g, ' ').trim();

test('the fourth set has at least 260 requests, 45 safety cases and every kind, each saying what is right', () => {
  assert.ok(FOURTH_CASES.length >= 260, `${FOURTH_CASES.length} requests`);
  assert.ok(FOURTH_SAFETY_CASES.length >= 45, `${FOURTH_SAFETY_CASES.length} safety cases`);
  for (const kind of KINDS)
    assert.ok(
      FOURTH_CASES.filter((c) => c.kind === kind).length >= 10,
      `fewer than 10 cases of kind '${kind}'`,
    );
  const requests = FOURTH_CASES.map((c) => said(c.request));
  assert.deepEqual(
    requests.filter((r, i) => requests.indexOf(r) !== i),
    [],
    'a request appears twice',
  );
  for (const c of FOURTH_CASES) {
    if (c.kind === 'safety')
      assert.ok(c.mayChange, `safety case '${c.request}' does not say what it may change`);
    else assert.ok(c.check, `case '${c.request}' does not say what a user expects`);
  }
});

test('no fourth request repeats one of an earlier held-out set', () => {
  const earlier = new Set(
    Object.entries(SETS)
      .filter(([name]) => name !== 'fourth')
      .flatMap(([, set]) => set.cases.map((c) => said(c.request))),
  );
  assert.ok(earlier.size >= 800, `only ${earlier.size} earlier requests were found`);
  assert.deepEqual(
    FOURTH_CASES.map((c) => said(c.request)).filter((r) => earlier.has(r)),
    [],
  );
});

test('only the evaluation reads the fourth set', () => {
  const readers: string[] = [];
  const visit = (dir: string) => {
    for (const d of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, d.name);
      if (d.isDirectory()) {
        if (d.name !== 'node_modules' && !d.name.startsWith('.')) visit(path);
      } else if (/\.(ts|js|mjs)$/.test(d.name) && readFileSync(path, 'utf8').includes('eval-fourth')) {
        readers.push(relative(ROOT, path));
      }
    }
  };
  for (const top of ['src', 'test', 'bench', 'scripts']) {
    try {
      visit(join(ROOT, top));
    } catch {
      // a folder this checkout does not have
    }
  }
  const allowed = (p: string) =>
    /^test\/atlas\/eval-fourth[\w-]*\.(test\.)?ts$/.test(p) || p === 'bench/atlas-users.bench.ts';
  assert.deepEqual(
    readers.filter((p) => !allowed(p)),
    [],
  );
});
