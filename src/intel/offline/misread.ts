/**
 * A request that deletes or overwrites, read through words the translator corrected ("remove
 * every log file biger then 1 kb", "delete the .tmp fles older then 2 weeks"), is always
 * confirmed. Such a plan is confirmed anyway when it selects something (its risk asks); but
 * when its selection is empty at the moment it is planned, it would run unasked, report that
 * nothing matched, and the person would never learn that the filter was read otherwise than
 * meant. The plan shows what was read (`--explain`: read "biger" as "bigger"), and asks.
 *
 * @example
 * readThroughTypos('delete the tmp fles', parse('delete the tmp fles'), drafts); // true
 */
import { findAction } from '../../tools/registry.ts';
import type { Utterance } from './parse.ts';
import type { Draft } from './rule.ts';

/** "older then", "biger then": the comparative's "than" typed as "then" (spelling.ts reads it). */
const THEN_FOR_THAN =
  /\b(?:older|newer|younger|bigger|biger|larger|smaller|smaler|greater|heavier|lighter|longer|shorter|more|less|fewer)\s+then\b/i;

/** Whether a clause that deletes or overwrites was read through corrected words. */
export function readThroughTypos(clause: string, u: Utterance, drafts: readonly Draft[]): boolean {
  const destroys = drafts.some((d) => (findAction(d.tool, d.action)?.risk ?? 3) >= 2);
  return destroys && (u.corrected.length > 0 || THEN_FOR_THAN.test(clause));
}
