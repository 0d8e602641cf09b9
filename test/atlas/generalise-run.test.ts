/**
 * The new readings of the offline translator, run end to end as `aios do` runs them (plan, a
 * yes where it asks, execute) on a fresh copy of the user fixture, and judged by what a person
 * finds afterwards: a commit count, a program that prints, the trash as Atlas's undoable
 * delete, one ranked file deleted over the home tree and nothing else, a file named below
 * edited in place, a place after a destination. Requests written apart from every evaluation
 * set (none of them appears in either development set).
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { OfflineTranslator } from '../../src/intel/offline/translator.ts';
import { testEnv } from '../helpers/env.ts';
import { all, contains, exists, gone, onlyChanged, states, untouched } from './eval-checks.ts';
import { runEval, type UserCase } from './eval-harness.ts';

const CASES: UserCase[] = [
  { kind: 'git', request: 'how many commits do we have', variant: 'git', check: states(2) },
  {
    kind: 'create/write',
    request: 'pls create greet.py that prints good day',
    check: (r) => {
      const out = execFileSync('python3', [join(r.cwd, 'greet.py')], { encoding: 'utf8' });
      return out === 'good day\n' || `greet.py printed ${JSON.stringify(out)}`;
    },
  },
  {
    kind: 'delete',
    request: 'chuck the temp files in the bin',
    check: all(gone('draft.tmp', 'cache.tmp'), onlyChanged('draft.tmp', 'cache.tmp')),
  },
  {
    kind: 'safety',
    request: 'remove the largest file in my home dir',
    mayChange: ['../videos/trip.mp4'],
    check: all(gone('../videos/trip.mp4'), exists('big.bin', 'medium.dat')),
  },
  {
    kind: 'replace text',
    request: 'swap 42 for 7 in util.js',
    check: all(contains('src/util.js', 'answer: 7'), onlyChanged('src/util.js')),
  },
  {
    kind: 'copy',
    request: 'copy the pdfs into the papers folder in my home',
    check: all(exists('../papers/report.pdf', 'report.pdf'), untouched('docs')),
  },
  {
    kind: 'batch rename',
    request: 'turn the .JPG photos in photos into .jpg',
    variant: 'users',
    check: all(exists('photos/IMG_0001.jpg', 'photos/IMG_0003.jpg'), gone('photos/IMG_0002.JPG')),
  },
  {
    kind: 'compound',
    request: 'compress the docs folder and get rid of it afterwards',
    check: (r) => {
      if (r.exists('docs')) return 'docs is still there';
      const zips = readdirSync(r.cwd).filter((n) => n.endsWith('.zip') && n !== 'archive.zip');
      return zips.length === 1 || `new archives: ${zips.join(', ') || 'none'}`;
    },
  },
];

test('the new readings do what a person asked, end to end', { timeout: 180_000 }, async (t) => {
  const env = testEnv(t);
  const reports = await runEval({
    dir: join(env.dir, 'eval'),
    aiosHome: env.aiosHome,
    cases: CASES,
    translator: () => new OfflineTranslator(),
  });
  const failed = reports.filter((r) => !r.ok).map((r) => `${r.request}: ${r.reason}`);
  assert.deepEqual(failed, []);
  assert.ok(reports.every((r) => r.harm === undefined || r.harm.length === 0));
  // the trash is Atlas's own undoable delete: asked about first, and no folder named bin made
  assert.equal(reports[2].ending, 'asked');
  assert.equal(reports[3].ending, 'asked');
});
