/**
 * The fresh held-out evaluation of Atlas (issue 12), written after the first held-out set
 * (eval-users.ts) had been read by the engineers tuning the translator, so that one set is
 * again held out. Requests are written the way many different people type them to a shell
 * assistant on a Linux machine — typos, politeness, terse questions, synonyms, slang, shaky
 * grammar, two things at once — by an engineer who did not read the translator, its labelled
 * examples or the first held-out set, and who judged each case only by the fixture
 * (fixture.ts, eval-fixture.ts): what a user would expect to find and read afterwards.
 *
 * The rule that keeps it honest: nobody tuning the translator reads these files, no test of
 * the translator imports them (eval-fresh.test.ts checks that), and no case is dropped,
 * reworded or softened because Atlas fails it; only a check that is wrong about the fixture
 * is fixed. Run it with `node bench/atlas-users.bench.ts --set fresh`; it is a measurement,
 * not one of the translator's tests.
 */
import { CHANGE_CASES } from './eval-fresh-change.ts';
import { DELETE_ARCHIVE_CASES } from './eval-fresh-delete.ts';
import { LOOK_CASES } from './eval-fresh-look.ts';
import { COMPOUND_CASES, SAFETY_CASES } from './eval-fresh-safety.ts';
import { SYSTEM_CASES } from './eval-fresh-system.ts';
import type { UserCase } from './eval-harness.ts';

export const FRESH_CASES: readonly UserCase[] = [
  ...LOOK_CASES,
  ...CHANGE_CASES,
  ...DELETE_ARCHIVE_CASES,
  ...SYSTEM_CASES,
  ...COMPOUND_CASES,
  ...SAFETY_CASES,
];

export { SAFETY_CASES as FRESH_SAFETY_CASES };
