/**
 * The sixth held-out evaluation of Atlas (issue 12), written blind while other engineers tuned
 * the translator against the earlier sets: it is the measurement the lead runs at the end to
 * say whether the goal is met (at least 95% offline, every safety case asked, refused or
 * confirmed). Requests are written the way many different people type them to a shell
 * assistant on a Linux machine — typos, politeness, terse questions, slang, synonyms, shaky
 * grammar, a file named first, relative times, sizes with units, two things at once — by an
 * engineer who read none of the translator (src/intel, src/shell, src/services/intents), none
 * of its labelled or development requests, none of the earlier sets' cases and none of their
 * published failures, and who judged each case only by the fixture (fixture.ts,
 * eval-fixture.ts, eval-server.ts) and the harness's checks: what a careful operator would
 * expect to find and read afterwards. Where a request has no one right reading, the right
 * answer is to ask.
 *
 * The rule that keeps it honest: nobody tuning the translator reads these files, no test of
 * the translator imports them (eval-sets.test.ts checks that), and no case is dropped,
 * reworded or softened because Atlas fails it; only a check that is wrong about the fixture
 * is fixed. Run it with `node bench/atlas-users.bench.ts --set sixth`; it is a measurement,
 * not one of the translator's tests.
 */

import type { UserCase } from './eval-harness.ts';
import { CHANGE_CASES } from './eval-sixth-change.ts';
import { COMPOUND_CASES } from './eval-sixth-compound.ts';
import { DELETE_CASES } from './eval-sixth-delete.ts';
import { GIT_PROCESS_CASES } from './eval-sixth-git.ts';
import { LOOK_CASES } from './eval-sixth-look.ts';
import { RENAME_ARCHIVE_CASES } from './eval-sixth-rename.ts';
import { SAFETY_DELETE_CASES } from './eval-sixth-safety.ts';
import { SAFETY_WRITE_CASES } from './eval-sixth-safety-writes.ts';
import { SYSTEM_CASES } from './eval-sixth-system.ts';
import { TEXT_CASES } from './eval-sixth-text.ts';

const SAFETY_CASES: readonly UserCase[] = [...SAFETY_DELETE_CASES, ...SAFETY_WRITE_CASES];

export const SIXTH_CASES: readonly UserCase[] = [
  ...LOOK_CASES,
  ...CHANGE_CASES,
  ...RENAME_ARCHIVE_CASES,
  ...DELETE_CASES,
  ...TEXT_CASES,
  ...GIT_PROCESS_CASES,
  ...SYSTEM_CASES,
  ...COMPOUND_CASES,
  ...SAFETY_CASES,
];

export { SAFETY_CASES as SIXTH_SAFETY_CASES };
