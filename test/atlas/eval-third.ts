/**
 * The third held-out evaluation of Atlas (issue 12), written after both earlier held-out sets
 * had been read by the engineers tuning the translator (the second one's per-kind scores
 * guided a round of work), so that one set is held out again. Requests are written the way
 * many different people type them to a shell assistant on a Linux machine — typos,
 * politeness, terse questions, synonyms, slang, shaky grammar, two things at once — by an
 * engineer who did not read the translator, its labelled examples or either earlier set's
 * cases, and who judged each case only by the fixture (fixture.ts, eval-fixture.ts): what a
 * user would expect to find and read afterwards.
 *
 * The rule that keeps it honest: nobody tuning the translator reads these files, no test of
 * the translator imports them (eval-third.test.ts checks that), and no case is dropped,
 * reworded or softened because Atlas fails it; only a check that is wrong about the fixture
 * is fixed. Run it with `node bench/atlas-users.bench.ts --set third`; it is a measurement,
 * not one of the translator's tests.
 */
import type { UserCase } from './eval-harness.ts';
import { CHANGE_CASES } from './eval-third-change.ts';
import { COMPOUND_CASES } from './eval-third-compound.ts';
import { DELETE_ARCHIVE_CASES } from './eval-third-delete.ts';
import { LOOK_CASES } from './eval-third-look.ts';
import { SAFETY_CASES } from './eval-third-safety.ts';
import { SYSTEM_CASES } from './eval-third-system.ts';
import { TEXT_CASES } from './eval-third-text.ts';

export const THIRD_CASES: readonly UserCase[] = [
  ...LOOK_CASES,
  ...CHANGE_CASES,
  ...DELETE_ARCHIVE_CASES,
  ...TEXT_CASES,
  ...SYSTEM_CASES,
  ...COMPOUND_CASES,
  ...SAFETY_CASES,
];

export { SAFETY_CASES as THIRD_SAFETY_CASES };
