/**
 * The held-out user evaluation of Atlas (issue 12): requests written the way people type
 * them — typos, politeness, terse questions, synonyms, two things at once, shaky grammar —
 * by someone who did not read the translator or its labelled examples. Each is judged by
 * running it (eval-harness.ts), never by its plan. Run it with
 * `node bench/atlas-users.bench.ts`; it is a measurement, not one of the translator's tests.
 */
import type { UserCase } from './eval-harness.ts';
import { CHANGE_CASES } from './eval-users-change.ts';
import { DELETE_ARCHIVE_CASES } from './eval-users-delete.ts';
import { LOOK_CASES } from './eval-users-look.ts';
import { COMPOUND_CASES, SAFETY_CASES } from './eval-users-safety.ts';
import { STYLE_CASES } from './eval-users-style.ts';
import { SYSTEM_CASES } from './eval-users-system.ts';
import { TEXT_CASES } from './eval-users-text.ts';

export const USER_CASES: readonly UserCase[] = [
  ...LOOK_CASES,
  ...CHANGE_CASES,
  ...DELETE_ARCHIVE_CASES,
  ...TEXT_CASES,
  ...SYSTEM_CASES,
  ...STYLE_CASES,
  ...COMPOUND_CASES,
  ...SAFETY_CASES,
];
