/**
 * How much a registered example and a labelled message say in the same words: the Jaccard index
 * of their word sets (case ignored). A registration written from its handler's purpose shares
 * templates with the messages ("which folder has …") but never most of a message's words; 0.8 or
 * more means the example repeats the message, and the evaluation would then measure recall of
 * its own labels.
 *
 * @example
 * wordOverlap('run the unit tests', 'run the unit tests please');   // 0.8
 */
import { words } from '../lexical.ts';
import type { Registration } from '../router.ts';
import type { Labelled } from './labelled.ts';

/** At or above this, an example repeats a message. */
export const REPEAT_OVERLAP = 0.8;

export function wordOverlap(a: string, b: string): number {
  const x = new Set(words(a));
  const y = new Set(words(b));
  let shared = 0;
  for (const w of x) if (y.has(w)) shared++;
  const union = x.size + y.size - shared;
  return union === 0 ? 1 : shared / union;
}

/** Every registered example or counterexample that repeats a labelled message, with the message. */
export function repeats(
  handlers: readonly Registration[],
  messages: readonly Labelled[],
): { example: string; message: string; overlap: number }[] {
  const out: { example: string; message: string; overlap: number }[] = [];
  for (const h of handlers) {
    for (const example of [...h.examples, ...(h.counterexamples ?? [])]) {
      for (const m of messages) {
        const overlap = wordOverlap(example, m.text);
        if (overlap >= REPEAT_OVERLAP) out.push({ example, message: m.text, overlap });
      }
    }
  }
  return out;
}
