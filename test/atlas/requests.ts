/**
 * The labelled set: every request, in the order the run takes them.
 */
import type { Case } from './labelled.ts';
import { DEV_CASES } from './requests-dev.ts';
import { DEV2_CASES } from './requests-dev2.ts';
import { FILE_CASES, TEXT_CASES } from './requests-files.ts';
import { HELDOUT_CASES } from './requests-heldout.ts';
import { SYSTEM_CASES } from './requests-system.ts';

export const CASES: readonly Case[] = [
  ...FILE_CASES,
  ...TEXT_CASES,
  ...SYSTEM_CASES,
  ...DEV_CASES,
  ...DEV2_CASES,
  ...HELDOUT_CASES,
];
