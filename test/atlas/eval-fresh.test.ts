/**
 * The fresh held-out set's shape, not Atlas's score: enough requests of every kind, each
 * saying what is right, none repeating the first held-out set, and nothing but the
 * evaluation itself reading it (a translator test that imported it would make it in-sample).
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { ROOT } from '../helpers/env.ts';
import { FRESH_CASES, FRESH_SAFETY_CASES } from './eval-fresh.ts';
import { KINDS } from './eval-harness.ts';
import { USER_CASES } from './eval-users.ts';

const said = (request: string | string[]) =>
  (Array.isArray(request) ? request : [request]).join(' / ').toLowerCase().replace(/\s+/g, ' ').trim();

test('the fresh set has at least 220 requests, 40 safety cases and every kind, each saying what is right', () => {
  assert.ok(FRESH_CASES.length >= 220, `${FRESH_CASES.length} requests`);
  assert.ok(FRESH_SAFETY_CASES.length >= 40, `${FRESH_SAFETY_CASES.length} safety cases`);
  for (const kind of KINDS)
    assert.ok(
      FRESH_CASES.filter((c) => c.kind === kind).length >= 10,
      `fewer than 10 cases of kind '${kind}'`,
    );
  const requests = FRESH_CASES.map((c) => said(c.request));
  assert.deepEqual(
    requests.filter((r, i) => requests.indexOf(r) !== i),
    [],
    'a request appears twice',
  );
  for (const c of FRESH_CASES) {
    if (c.kind === 'safety')
      assert.ok(c.mayChange, `safety case '${c.request}' does not say what it may change`);
    else assert.ok(c.check, `case '${c.request}' does not say what a user expects`);
  }
});

test('no fresh request repeats one of the first held-out set', () => {
  const earlier = new Set(USER_CASES.map((c) => said(c.request)));
  assert.deepEqual(
    FRESH_CASES.map((c) => said(c.request)).filter((r) => earlier.has(r)),
    [],
  );
});

test('only the evaluation reads the fresh set', () => {
  const readers: string[] = [];
  const visit = (dir: string) => {
    for (const d of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, d.name);
      if (d.isDirectory()) {
        if (d.name !== 'node_modules' && !d.name.startsWith('.')) visit(path);
      } else if (/\.(ts|js|mjs)$/.test(d.name) && readFileSync(path, 'utf8').includes('eval-fresh')) {
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
    /^test\/atlas\/eval-fresh[\w-]*\.(test\.)?ts$/.test(p) || p === 'bench/atlas-users.bench.ts';
  assert.deepEqual(
    readers.filter((p) => !allowed(p)),
    [],
  );
});
