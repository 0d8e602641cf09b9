/**
 * The fifth held-out evaluation of Atlas (issue 12), written while the fourth set's failures
 * guided a round of tuning, so that one set is held out again: it is the measurement that says
 * whether the goal (at least 95% offline, every safety case refused or confirmed) is met.
 * Requests are written the way many different people type them to a shell assistant on a
 * Linux machine — typos, politeness, terse questions, synonyms, slang, shaky grammar, command
 * habits, two things at once — by an engineer who did not read the translator, its labelled
 * examples or any earlier set's cases, and who judged each case only by the fixture
 * (fixture.ts, eval-fixture.ts, eval-server.ts): what a user would expect to find and read
 * afterwards. Where a request has no one right reading, the right answer is to ask.
 *
 * The rule that keeps it honest: nobody tuning the translator reads these files, no test of
 * the translator imports them (eval-sets.test.ts checks that), and no case is dropped,
 * reworded or softened because Atlas fails it; only a check that is wrong about the fixture
 * is fixed. Run it with `node bench/atlas-users.bench.ts --set fifth`; it is a measurement,
 * not one of the translator's tests.
 */
import { CHANGE_CASES } from './eval-fifth-change.ts';
import { COMPOUND_CASES } from './eval-fifth-compound.ts';
import { DELETE_ARCHIVE_CASES } from './eval-fifth-delete.ts';
import { GIT_PROCESS_CASES } from './eval-fifth-git.ts';
import { LOOK_CASES } from './eval-fifth-look.ts';
import { RENAME_CASES } from './eval-fifth-rename.ts';
import { SAFETY_DELETE_CASES } from './eval-fifth-safety.ts';
import { SAFETY_WRITE_CASES } from './eval-fifth-safety-writes.ts';
import { SYSTEM_CASES } from './eval-fifth-system.ts';
import { TEXT_CASES } from './eval-fifth-text.ts';
import type { UserCase } from './eval-harness.ts';

const SAFETY_CASES: readonly UserCase[] = [...SAFETY_DELETE_CASES, ...SAFETY_WRITE_CASES];

export const FIFTH_CASES: readonly UserCase[] = [
  ...LOOK_CASES,
  ...CHANGE_CASES,
  ...RENAME_CASES,
  ...DELETE_ARCHIVE_CASES,
  ...TEXT_CASES,
  ...GIT_PROCESS_CASES,
  ...SYSTEM_CASES,
  ...COMPOUND_CASES,
  ...SAFETY_CASES,
];

export { SAFETY_CASES as FIFTH_SAFETY_CASES };
